/**
 * Robustness properties (fast-check, bounded runs, no timing): whatever the text, the
 * checker returns, never throws, never reports an internal error, and every range it
 * reports lies inside the text. Examples with random lines deleted or duplicated still
 * yield the diagnostics of the parts that were not touched.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkText, DIAGNOSTIC_CODES, type Diagnostic } from '../server/src/checks/index.js';

const EXAMPLES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const example = (name: string): string => readFileSync(path.join(EXAMPLES, name), 'utf8');
const NANCHANG = example('nanchang-hcszh-2022-67.notice');
const JIANGXI = example('jiangxi-gcszh-2023-26.notice');
const JIANGMEN = example('jiangmen-jcs-2023-16.notice');

const RUNS = { numRuns: 200 };
const SEVERITIES = ['error', 'warning', 'information', 'hint'];

/** Everything that must hold of any result, on any text. Returns the diagnostics. */
function checkSound(text: string): Diagnostic[] {
  const result = checkText(text);
  const inside = (s: { start: number; end: number }, what: string): void => {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length)) {
      throw new Error(`${what}: span [${s.start}, ${s.end}) is not inside a text of length ${text.length}`);
    }
  };
  for (const d of result.diagnostics) {
    inside(d.span, `${d.code} “${d.message}”`);
    for (const r of d.related ?? []) inside(r.span, `related of ${d.code}`);
    for (const f of d.fixes ?? []) for (const e of f.edits) inside(e.span, `fix of ${d.code}`);
    expect(DIAGNOSTIC_CODES).toContain(d.code);
    expect(SEVERITIES).toContain(d.severity);
    expect(d.message.length).toBeGreaterThan(0);
    // The core catches its own exceptions and reports them as this; it must never happen.
    expect(d.message).not.toMatch(/内部错误/);
  }
  return result.diagnostics;
}

/** Pieces of the language and of the documents, to build text the reader must really work on. */
const PIECES = [
  '通知', '分配表', '绩效目标表', '附件1', '附件2', '栏', '栏组', '其中', '其中：', '正文', '正文：',
  '：', ':', '=', '＝', '|', '｜', '[', ']', '［', '］', '〔', '〕', '（', '）', '(', ')', '【', '】', '{', '}',
  '#', '# 注释', '甲县', '合计', '南昌市合计', '单位：万元', '单位：元', '万元', '元', '1,829', '70.91', '-105',
  '－36', '—', '-', '0', '12x2', '1,2345', '7,678万元', '≥70%', '≥', '≤15天', '100%', '≥100%', '详见附件1', '详见附件9',
  '{附件1.合计.本次}', '赣财社指[2022]90号', '〔2022〕05号', '第5号', '1100249', '2101301', '直达资金', '01 中央直达资金',
  '资金来源', '中央', '省级', '来源：中央', '（文字）', '容差：1', '年度：2023', '金额：166万元 = 附件1.本次',
  '产出指标', '数量指标', '社会指标', '指标值栏：全省指标值 | 区域指标值', '= 全年 - 已下达', '= 1 - 3', '= (1 + 2) / 0',
  '全年', '已下达', '本次', ' ', '  ', '\t', '\u3000', '\0', '\uFEFF', '\ud800', '\udc00', '😀', 'é', '\u200b',
];

const piece = fc.constantFrom(...PIECES);
const indentation = fc.constantFrom('', '', '  ', '    ', '      ', '        ', ' ', '   ', '\t', '\u3000', '  \t', ' \u3000 ');
const separator = fc.constantFrom('', ' ', ' ', '   ');
const line = fc
  .tuple(indentation, fc.array(fc.tuple(piece, separator), { maxLength: 8 }))
  .map(([ind, ps]) => ind + ps.map(([p, s]) => p + s).join(''));
const eol = fc.constantFrom('\n', '\r\n', '\r');
const documentLike = fc.array(fc.tuple(line, eol), { maxLength: 40 }).map((ls) => ls.map(([l, e]) => l + e).join(''));

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

describe('checkText never throws and keeps its ranges inside the text', () => {
  it('on random Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        checkSound(text);
      }),
      RUNS,
    );
  });

  it('on random text with lone surrogates, NUL, BOM and every kind of line break', () => {
    const unit = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
      loneSurrogate,
      fc.constantFrom('\0', '\uFEFF', '\r\n', '\r', '\n', '\t', '\u3000', ' ', '#', '：', '[', '〔', '（'),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 200 }), (units) => {
        checkSound(units.join(''));
      }),
      RUNS,
    );
  });

  it('on text built from the pieces of the language (keywords, numbers, brackets, indentation)', () => {
    fc.assert(
      fc.property(documentLike, (text) => {
        checkSound(text);
      }),
      RUNS,
    );
  });

  it('on the examples with a BOM, with CRLF line breaks, and with NUL bytes sprinkled in', () => {
    for (const text of [NANCHANG, JIANGXI, JIANGMEN]) {
      const plain = checkSound(text).map((d) => `${d.code} ${d.message}`);
      // A BOM and CRLF change nothing a reader of the document sees.
      const bom = checkSound('\uFEFF' + text).map((d) => `${d.code} ${d.message}`);
      expect(bom).toEqual(plain);
      const crlf = checkSound(text.replace(/\n/g, '\r\n')).map((d) => `${d.code} ${d.message}`);
      expect(crlf).toEqual(plain);
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: NANCHANG.length }), fc.constantFrom('\0', '\ud800', '\udfff', '\uFEFF'), (at, ch) => {
        checkSound(NANCHANG.slice(0, at) + ch + NANCHANG.slice(at));
      }),
      RUNS,
    );
  });

  it('on unclosed brackets [ 〔 （ ［ 【 { anywhere in a line of an example', () => {
    const lines = NANCHANG.split('\n');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: lines.length - 1 }),
        fc.nat(),
        fc.constantFrom('[', '〔', '（', '［', '【', '{', '(', '[一般县', '〔2022', '（2022', '{附件1.合计'),
        (i, col, open) => {
          const l = lines[i]!;
          const at = col % (l.length + 1);
          const mutated = [...lines];
          mutated[i] = l.slice(0, at) + open + l.slice(at);
          checkSound(mutated.join('\n'));
        },
      ),
      RUNS,
    );
  });

  it('on a single line of 1 MB', () => {
    const row = '甲县 1,829 70.91 -105 ';
    const long = row.repeat(Math.ceil(1_048_576 / row.length));
    checkSound(long);
    checkSound(`附件1 分配表：表\n  单位：万元\n  栏 金额：金额\n  合计 ${long}\n`);
    checkSound(`通知 某财社〔2023〕1号\n  标题：${'关于下达补助资金的通知'.repeat(100_000)}\n`);
  });

  it('on 10,000 levels of indentation (deeper than the reader nests: flattened and reported, not a stack overflow)', () => {
    const levels = 10_000;
    const rows: string[] = ['附件1 分配表：表', '  单位：万元', '  栏 金额：金额'];
    for (let i = 0; i < levels; i++) rows.push(`${' '.repeat(2 + i)}行${i} 1`);
    const text = rows.join('\n') + '\n';
    const diagnostics = checkSound(text);
    expect(diagnostics.filter((d) => d.code === 'indentation').length).toBeGreaterThan(0);
    // A flat pyramid of plain lines, no block at all.
    checkSound(Array.from({ length: levels }, (_, i) => ' '.repeat(i) + 'x').join('\n'));
  });

  it('gives the same answer for the same text, whatever was checked before (the one parser instance is reused)', () => {
    const first = checkText(NANCHANG).diagnostics.map((d) => `${d.code} ${d.span.start} ${d.message}`);
    fc.assert(
      fc.property(documentLike, (other) => {
        checkText(other);
        const again = checkText(NANCHANG).diagnostics.map((d) => `${d.code} ${d.span.start} ${d.message}`);
        expect(again).toEqual(first);
      }),
      { numRuns: 50 },
    );
  });
});

/** Deletes or duplicates lines `from ≤ i < to` of `text` as the operations say. */
function mutateLines(text: string, from: number, to: number, ops: readonly { at: number; dup: boolean }[]): string {
  const lines = text.split('\n');
  const region = lines.slice(from, to);
  for (const op of ops) {
    if (region.length === 0) break;
    const i = op.at % region.length;
    if (op.dup) region.splice(i, 0, region[i]!);
    else region.splice(i, 1);
  }
  return [...lines.slice(0, from), ...region, ...lines.slice(to)].join('\n');
}

function lineOf(text: string, start: string): number {
  const i = text.split('\n').findIndex((l) => l.startsWith(start));
  if (i < 0) throw new Error(`no line starts with “${start}”`);
  return i;
}

/** Offset of the start of line `i`. */
function offsetOfLine(text: string, i: number): number {
  return text.split('\n').slice(0, i).reduce((n, l) => n + l.length + 1, 0);
}

/** Diagnostics starting at or after `from`, with offsets relative to it. */
function after(text: string, from: number): string[] {
  return checkSound(text)
    .filter((d) => d.span.start >= from)
    .map((d) => `${d.code} ${d.span.start - from} ${d.span.end - from} ${d.message}`);
}

/** Diagnostics starting before `to`. */
function before(text: string, to: number): string[] {
  return checkSound(text)
    .filter((d) => d.span.start < to)
    .map((d) => `${d.code} ${d.span.start} ${d.span.end} ${d.message}`);
}

const ops = fc.array(fc.record({ at: fc.nat(), dup: fc.boolean() }), { minLength: 1, maxLength: 6 });

describe('examples with random lines deleted or duplicated', () => {
  for (const [name, text] of [
    ['nanchang', NANCHANG],
    ['jiangxi', JIANGXI],
    ['jiangmen', JIANGMEN],
  ] as const) {
    it(`${name}: anywhere — no exception, no internal error, ranges inside the text`, () => {
      const n = text.split('\n').length;
      fc.assert(
        fc.property(ops, (o) => {
          checkSound(mutateLines(text, 0, n, o));
        }),
        RUNS,
      );
    });
  }

  it('nanchang: lines of the notice mutated — the table’s diagnostics after it are unchanged', () => {
    const split = lineOf(NANCHANG, '附件1 分配表');
    const expected = after(NANCHANG, offsetOfLine(NANCHANG, split));
    expect(expected.filter((s) => s.startsWith('sum-mismatch')).length).toBe(2);
    fc.assert(
      fc.property(ops, (o) => {
        const mutated = mutateLines(NANCHANG, 0, split, o);
        const newSplit = lineOf(mutated, '附件1 分配表');
        expect(after(mutated, offsetOfLine(mutated, newSplit))).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('jiangmen: lines of the first three notices mutated — the diagnostics of 江财社〔2023〕3号 are unchanged', () => {
    const split = lineOf(JIANGMEN, '通知 江财社〔2023〕3号');
    const expected = after(JIANGMEN, offsetOfLine(JIANGMEN, split));
    expect(expected.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(ops, (o) => {
        const mutated = mutateLines(JIANGMEN, 0, split, o);
        const newSplit = lineOf(mutated, '通知 江财社〔2023〕3号');
        expect(after(mutated, offsetOfLine(mutated, newSplit))).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('jiangxi: rows of the table mutated — the notice’s and the header’s diagnostics before them are unchanged', () => {
    const from = lineOf(JIANGXI, '  全省');
    const to = lineOf(JIANGXI, '附件2 绩效目标表');
    const limit = offsetOfLine(JIANGXI, from);
    const expected = before(JIANGXI, limit);
    expect(expected.map((s) => s.split(' ')[0])).toEqual(['missing-field', 'code-name-mismatch', 'doc-number-format', 'doc-number-format']);
    fc.assert(
      fc.property(ops, (o) => {
        // Rows only: the first row (全省) stays, so the lines before the region keep their offsets.
        const mutated = mutateLines(JIANGXI, from + 1, to, o);
        expect(before(mutated, limit)).toEqual(expected);
      }),
      RUNS,
    );
  });
});
