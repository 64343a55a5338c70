/**
 * The readers that visit every character read a text's code units from a typed array
 * (grammar/code-units.ts): copied by Node's `Buffer` where there is one, by a loop in a web
 * worker. Both copies are every code unit as `charCodeAt` reads it, lone surrogates included,
 * and a parse reads the same tree either way.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { copyCodeUnits } from '../grammar/code-units.js';
import { parse } from '../grammar/index.js';
import { plain } from './support/plain.js';

/** Any UTF-16 code unit, lone surrogates and line breaks included. */
const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** `text[from, to)` as `charCodeAt` reads it. */
const units = (text: string, from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => text.charCodeAt(from + i));

/** The grammar's modules evaluated afresh with no `Buffer`, as in a web worker. */
async function withoutBuffer<T>(run: (mods: { copyCodeUnits: typeof copyCodeUnits; parse: typeof parse }) => T): Promise<T> {
  const saved = globalThis.Buffer;
  vi.resetModules();
  Reflect.deleteProperty(globalThis, 'Buffer');
  try {
    const { copyCodeUnits: copy } = await import('../grammar/code-units.js');
    const { parse: read } = await import('../grammar/index.js');
    return run({ copyCodeUnits: copy, parse: read });
  } finally {
    globalThis.Buffer = saved;
    vi.resetModules();
  }
}

describe('code units', () => {
  it('are copied as charCodeAt reads them, any range of any text, into a buffer with room to spare', async () => {
    const property = (copy: typeof copyCodeUnits) =>
      fc.property(fc.oneof(fc.string({ unit, maxLength: 64 }), fc.string({ unit, minLength: 65, maxLength: 400 })), fc.nat(), fc.nat(), (text, a, b) => {
        const from = a % (text.length + 1);
        const to = from + (b % (text.length - from + 1));
        const into = copy(text, from, to, new Uint16Array(to - from + 3).fill(7));
        expect(Array.from(into.subarray(0, to - from))).toEqual(units(text, from, to));
        expect(Array.from(into.subarray(to - from))).toEqual([7, 7, 7]);
      });
    fc.assert(property(copyCodeUnits), { numRuns: 300 });
    await withoutBuffer(({ copyCodeUnits: copy }) => fc.assert(property(copy), { numRuns: 300 }));
  });

  it('give the same parse without Buffer (a web worker) as with it', async () => {
    const table = generate(300).text;
    const odd = '通知 财社〔2024〕1号\n  标题：关于\uD800下达\n附件1 分配表：表\n  单位：万元\n  栏 金额：金额\n  合计 －1,234.50\n    甲县\uDC00 -1,234.5\n';
    const texts = [table, odd, ''];
    const withBuffer = texts.map((t) => plain(parse(t)));
    const without = await withoutBuffer(({ parse: read }) => texts.map((t) => plain(read(t))));
    expect(without).toEqual(withBuffer);
    // The table was read: its rows are there.
    expect(JSON.stringify(withBuffer[0])).toContain('东城区');
  });
});
