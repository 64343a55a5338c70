/**
 * A GB18030 encoder for tests (Node's TextEncoder writes UTF-8 only). Covers ASCII and the
 * two-byte GBK area, which holds every character of the example notices; any other
 * character is refused, so a test never silently checks a mangled file.
 */
let table: Map<string, number[]> | undefined;

function twoByteTable(): Map<string, number[]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gb18030', { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      let ch: string;
      try {
        ch = decoder.decode(new Uint8Array([lead, trail]));
      } catch {
        continue;
      }
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return table;
}

export function encodeGb18030(text: string): Buffer {
  const map = twoByteTable();
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      bytes.push(c);
      continue;
    }
    const pair = map.get(ch);
    if (!pair) throw new Error(`encodeGb18030: U+${c.toString(16).toUpperCase()} “${ch}” is outside the two-byte area`);
    bytes.push(...pair);
  }
  return Buffer.from(bytes);
}
