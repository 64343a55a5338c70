/**
 * `findDocNumbers` searches only the lines that have a 号 (a large table has none). It must
 * find exactly what one search of the whole text finds: the reference below is that search,
 * written plainly, and random texts of brackets, digits, 第, 号, spaces and line breaks
 * (with comment spans to skip) are compared.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDocNumbers } from '../server/src/model/doc-number.js';
import type { Span } from '../server/src/model/span.js';

/** The bracket, year, close, 第 and serial of every candidate in the whole text, outside `skip`. */
function reference(text: string, skip: readonly Span[]): { at: number; end: number; year: string; serial: string }[] {
  const pattern = /([〔[【(（［{｛﹝〈《])[ \t\u3000]*([0-9０-９]{2,4})[ \t\u3000]*(年)?[ \t\u3000]*([〕\]】)）］}｝﹞〉》])[ \t\u3000]*(第)?[ \t\u3000]*([0-9０-９]+|[〇零一二三四五六七八九十百]+)[ \t\u3000]*号(?:[ \t\u3000]*号)?/g;
  const out: { at: number; end: number; year: string; serial: string }[] = [];
  for (const m of text.matchAll(pattern)) {
    const at = m.index;
    if (skip.some((s) => s.start <= at && at < s.end)) continue;
    out.push({ at, end: at + m[0].length, year: m[2]!, serial: m[6]! });
  }
  return out;
}

describe('document numbers in running text', () => {
  it('finds each number with its agency, on any line, and skips the ones in comments', () => {
    const text = '根据赣财社指〔2022〕52号和\r\n赣财社指[2021]100号、〔2022〕17号\n# 财社〔2020〕1号\n表 1 2\n江财社〔2023〕第03号';
    const comment = text.indexOf('# ');
    const found = findDocNumbers(text, [{ start: comment, end: text.indexOf('\n', comment) }]);
    expect(found.map((d) => [d.text, d.agency, d.normalized, text.slice(d.span.start, d.span.end)])).toEqual([
      ['赣财社指〔2022〕52号', '赣财社指', '赣财社指〔2022〕52号', '赣财社指〔2022〕52号'],
      ['赣财社指[2021]100号', '赣财社指', '赣财社指〔2021〕100号', '赣财社指[2021]100号'],
      ['〔2022〕17号', '', '〔2022〕17号', '〔2022〕17号'],
      ['江财社〔2023〕第03号', '江财社', '江财社〔2023〕3号', '江财社〔2023〕第03号'],
    ]);
  });

  it('finds what one search of the whole text finds', () => {
    const piece = fc.constantFrom(
      '赣财社指', '根据', '〔', '〕', '[', ']', '(', '）', '2022', '22', '12345', '第', '号', ' ', '\t', '\n', '\r\n', '\r', '05', '、',
      '〔2022〕52号', '[2021] 第 3 号', '（2023）', '7号',
    );
    const text = fc.array(piece, { maxLength: 30 }).map((ps) => ps.join(''));
    let found = 0;
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(40), fc.nat(6)), { maxLength: 3 }), (t, spans) => {
        // Comment spans: sorted, not overlapping, as the parser gives them.
        const skip: Span[] = [];
        let at = 0;
        for (const [gap, length] of spans) {
          const start = at + gap;
          if (start >= t.length) break;
          skip.push({ start, end: Math.min(start + length, t.length) });
          at = start + length + 1;
        }
        const got = findDocNumbers(t, skip);
        const want = reference(t, skip);
        expect(got.map((d) => ({ at: d.span.start + d.agency.length, end: d.span.end, year: d.year, serial: d.serial }))).toEqual(want);
        found += got.length;
      }),
      { numRuns: 2000 },
    );
    expect(found).toBeGreaterThan(100);
  });
});
