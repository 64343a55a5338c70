/**
 * The formatter (server/src/format): it aligns number columns and normalises indentation,
 * is idempotent, and never changes a value or the tree: the formatted text parses to the
 * same tree (offsets aside) and gets the same diagnostics (positions aside).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../grammar/index.js';
import { checkText } from '../../server/src/checks/index.js';
import { applyEdits, formatEdits, formatRangeEdits, formatText } from '../../server/src/format/index.js';
import { ROOT } from './harness.js';
import { plain } from '../support/plain.js';

/** The tree without offsets (and without the source text), for comparison. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'start' || k === 'end') continue;
      out[k] = shape(v);
    }
    return out;
  }
  return value;
}

function treeOf(text: string): unknown {
  const f = parse(text);
  return shape(plain({ blocks: f.blocks, problems: f.problems.map((p) => ({ code: p.code, message: p.message })), comments: f.comments.map((c) => c.text) }));
}

function diagnosticsOf(text: string): unknown {
  return checkText(text).diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, related: d.related?.map((r) => r.message), fixes: d.fixes?.map((f) => ({ title: f.title, edits: f.edits.map((e) => e.newText.replace(/\s+/g, ' ')) })) }));
}

const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.notice'));
const fixtures = [
  ...examples.map((name) => ({ name, text: readFileSync(join(ROOT, 'examples', name), 'utf8') })),
  {
    name: 'messy',
    text: [
      '通知 测财社〔2023〕5号',
      '    年度：2023  ',
      '    # 一条注释',
      '    资金来源：中央',
      '',
      '附件1 分配表：测试表',
      ' 单位：万元',
      ' 栏 全年：全年',
      ' 栏 类别：类别（文字）',
      ' 栏 本次：本次 = 全年',
      '',
      ' 全省合计 1,200 1,200 # 合计',
      '     南昌市 [一般县] 700 700',
      '         东湖区 — —',
      '     其中：九江市   500.5 500.5',
      '     上饶市 -0.5 -0.5',
      '',
    ].join('\n'),
  },
];

describe('formatter', () => {
  for (const { name, text } of fixtures) {
    it(`keeps the tree and the diagnostics of ${name}, and is idempotent`, () => {
      const once = formatText(text);
      expect(treeOf(once)).toEqual(treeOf(text));
      expect(diagnosticsOf(once)).toEqual(diagnosticsOf(text));
      expect(formatText(once)).toBe(once);
      expect(formatEdits(once)).toEqual([]);
    });
  }

  it('aligns number columns right, counting CJK characters as two columns', () => {
    const out = formatText(fixtures.find((f) => f.name === 'messy')!.text);
    expect(out).toContain(
      [
        '  全省合计           1,200  1,200  # 合计',
        '    南昌市 [一般县]    700    700',
        '      东湖区             —      —',
        '    其中：九江市     500.5  500.5',
        '    上饶市            -0.5   -0.5',
      ].join('\n'),
    );
    expect(out).toContain('  年度：2023  \n  # 一条注释\n  资金来源：中央\n');
  });

  it('aligns a column of numbers after CJK names, full-width brackets and an Extension B character', () => {
    const text = [
      '附件1 分配表：南昌市医疗保障局〔2022〕资金分配表',
      '  单位：万元',
      '  栏 全年：全年',
      '  栏 本次：本次',
      '  南昌市合计 1,200.5 800',
      '    南昌市医疗保障局 700 500',
      '    新建区（含红谷滩） 500.5 300',
      '    𠀀村 — —',
      '',
    ].join('\n');
    // In a font whose CJK characters are two Latin ones wide, the numbers' right edges line up.
    expect(formatText(text).split('\n').slice(4, 8)).toEqual([
      '  南昌市合计            1,200.5  800',
      '    南昌市医疗保障局        700  500',
      '    新建区（含红谷滩）    500.5  300',
      '    𠀀村                      —    —',
    ]);
  });

  it('formats a range with the widths of the whole table', () => {
    const text = fixtures.find((f) => f.name === 'messy')!.text;
    const at = text.indexOf('东湖区');
    const edits = formatRangeEdits(text, { start: at, end: at });
    const formatted = applyEdits(text, edits);
    expect(formatted.split('\n').find((l) => l.includes('东湖区'))).toBe('      东湖区             —      —');
    // Only that line changed.
    expect(formatted.split('\n').filter((l, i) => l !== text.split('\n')[i])).toHaveLength(1);
  });

  it('edits only runs of blanks, each on its own (an editor keeps the cursor where the text did not move)', () => {
    const text = fixtures.find((f) => f.name === 'messy')!.text;
    const edits = formatEdits(text);
    expect(edits.length).toBeGreaterThan(0);
    for (const e of edits) {
      expect(text.slice(e.span.start, e.span.end), JSON.stringify(e)).toMatch(/^[ \t\u3000]*$/);
      expect(e.newText, JSON.stringify(e)).toMatch(/^ *$/);
    }
    expect(applyEdits(text, edits)).toBe(formatText(text));
  });

  it('aligns a 150,000-row table (no spread of its rows)', () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => `    县${i} ${i % 7}`);
    const text = ['附件1 分配表：表', '  单位：万元', '  栏 本次：本次', '', `  合计 ${rows.reduce((s, _, i) => s + (i % 7), 0)}`, ...rows, ''].join('\n');
    const formatted = formatText(text);
    expect(formatted.split('\n')[5]).toMatch(/^ {4}县0 {2,}0$/);
  });
});
