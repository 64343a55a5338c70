/**
 * A text's UTF-16 code units in a `Uint16Array`, for the readers that visit every character of
 * a document (the words of a line, ./scan.ts, and the numbers in them, ./number.ts). V8 reads an
 * element of a typed array faster than `charCodeAt` reads one of a string, which dispatches on
 * the string's representation at every call: over the 870,000 characters of a 10,000-row
 * table, a loop of `charCodeAt` takes 2.3 ms and the same loop over the code units 1.3 ms, and
 * the copy 0.1 ms (bench/README.md).
 *
 * In Node the copy is `Buffer.write` (UTF-16LE writes the code units as they are, lone
 * surrogates included); where there is no `Buffer` (a web worker) it is a loop.
 */

interface NodeBuffer {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): { write(text: string, encoding: 'utf16le'): number };
}

const NODE_BUFFER = (globalThis as { Buffer?: NodeBuffer }).Buffer;

/** Shorter than this, the loop is quicker than making a `Buffer` view. */
const SHORT = 64;

/** Copies `text[from, to)` into `into` from index 0 (`into` has room for it); returns `into`. */
export function copyCodeUnits(text: string, from: number, to: number, into: Uint16Array): Uint16Array {
  const n = to - from;
  if (NODE_BUFFER !== undefined && n > SHORT) {
    NODE_BUFFER.from(into.buffer, into.byteOffset, n * 2).write(from === 0 && to === text.length ? text : text.slice(from, to), 'utf16le');
  } else {
    for (let i = 0; i < n; i++) into[i] = text.charCodeAt(from + i);
  }
  return into;
}
