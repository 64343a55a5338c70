/**
 * The three examples, checked end to end: each file's full list of diagnostics, reviewed by
 * hand against the published documents in /work/shared/seeds/ (see the report of the test
 * engineer who wrote this). `text` is the exact source the diagnostic's range covers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkText, type Severity } from '../server/src/checks/index.js';
import { LineIndex } from '../server/src/model/span.js';

const EXAMPLES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples');

interface Expected {
  /** 1-based line of the range's start. */
  readonly line: number;
  readonly code: string;
  readonly severity: Severity;
  /** The source the range covers. */
  readonly text: string;
  readonly message: string;
}

function actual(file: string): Expected[] {
  const text = readFileSync(path.join(EXAMPLES, file), 'utf8');
  const index = new LineIndex(text);
  return checkText(text).diagnostics.map((d) => ({
    line: index.position(d.span.start).line + 1,
    code: d.code,
    severity: d.severity,
    text: text.slice(d.span.start, d.span.end),
    message: d.message,
  }));
}

/** Every example notice has a 版记 (印发) but no 成文日期: the seeds print none (it sits in the seal). */
const NO_DATE = '通知没有“成文日期：”：输出时署名下不印成文日期（“印发”的日期是印发日期，不能代替成文日期）';

const EXPECTED: Record<string, Expected[]> = {
  // 洪财社指〔2022〕67号. The column title prints four document numbers with square brackets
  // (seed: “赣财社指[2021]100号、[2022]17号下达 (洪财社指[2021]143号、[2022]27号)”), and the
  // total row prints 907 / 741 while its parts add up to 908 / 742; 本次 adds up (166) and
  // 907 - 741 = 166, so no formula-mismatch.
  'nanchang-hcszh-2022-67.notice': [
      { line: 4, code: 'missing-field', severity: 'information', text: '通知', message: NO_DATE },
      { line: 37, code: 'doc-number-format', severity: 'warning', text: '赣财社指[2021]100号', message: '文号“赣财社指[2021]100号”不合 GB/T 9704：年份应使用六角括号“〔〕”，而非“[]”；应为“赣财社指〔2021〕100号”' },
      { line: 37, code: 'doc-number-format', severity: 'warning', text: '[2022]17号', message: '文号“[2022]17号”不合 GB/T 9704：年份应使用六角括号“〔〕”，而非“[]”；应为“〔2022〕17号”' },
      { line: 37, code: 'doc-number-format', severity: 'warning', text: '洪财社指[2021]143号', message: '文号“洪财社指[2021]143号”不合 GB/T 9704：年份应使用六角括号“〔〕”，而非“[]”；应为“洪财社指〔2021〕143号”' },
      { line: 37, code: 'doc-number-format', severity: 'warning', text: '[2022]27号', message: '文号“[2022]27号”不合 GB/T 9704：年份应使用六角括号“〔〕”，而非“[]”；应为“〔2022〕27号”' },
      { line: 43, code: 'sum-mismatch', severity: 'error', text: '907', message: '合计 907 ≠ 各项之和 908（差 -1）：南昌市合计 第1栏“全年”' },
      { line: 43, code: 'sum-mismatch', severity: 'error', text: '741', message: '合计 741 ≠ 各项之和 742（差 -1）：南昌市合计 第2栏“已下达”' },
  ],
  // 赣财社指〔2023〕26号. The revenue code's name is printed without “支付” (seed line 15);
  // the 栏组 title prints two numbers with square brackets (seed: 已提前下达（赣财社指[2022]90号，…）).
  // Every total of the 100-row table adds up and every row satisfies 5=1-3 and 6=2-4.
  'jiangxi-gcszh-2023-26.notice': [
      { line: 4, code: 'missing-field', severity: 'information', text: '通知', message: NO_DATE },
      { line: 15, code: 'code-name-mismatch', severity: 'error', text: '医疗卫生共同财政事权转移收入', message: '科目 1100249 的名称应为“医疗卫生共同财政事权转移支付收入”，实际是“医疗卫生共同财政事权转移收入”（依据：内置目录 2023 年）' },
      { line: 41, code: 'doc-number-format', severity: 'warning', text: '赣财社指[2022]90号', message: '文号“赣财社指[2022]90号”不合 GB/T 9704：年份应使用六角括号“〔〕”，而非“[]”；应为“赣财社指〔2022〕90号”' },
      { line: 41, code: 'doc-number-format', severity: 'warning', text: '赣财社指[2022]56号', message: '文号“赣财社指[2022]56号”不合 GB/T 9704：年份应使用六角括号“〔〕”，而非“[]”；应为“赣财社指〔2022〕56号”' },
  ],
  // 江财社〔2023〕16号 and the three notices it confirms. The tags are printed “09 其他资金” and
  // “01 直达资金” (seed), the KPI levels “社会指标”, “服务对象满意度”, “满意度”; the amounts
  // (7,678万元 vs 76,780,000元, 1829万元 vs 18,290,000元, 194万元 vs 194.00) all agree.
  'jiangmen-jcs-2023-16.notice': [
      { line: 5, code: 'missing-field', severity: 'information', text: '通知', message: NO_DATE },
      { line: 30, code: 'missing-field', severity: 'information', text: '通知', message: NO_DATE },
      { line: 45, code: 'unknown-direct-fund-tag', severity: 'warning', text: '其他资金', message: '直达资金标识 09 的名称应为“其他”，实际是“其他资金”' },
      { line: 94, code: 'kpi-structure', severity: 'warning', text: '社会指标', message: '非标准的二级指标名称“社会指标”：应为“社会效益指标”' },
      { line: 113, code: 'kpi-structure', severity: 'warning', text: '服务对象满意度', message: '非标准的二级指标名称“服务对象满意度”：应为“服务对象满意度指标”' },
      { line: 119, code: 'missing-field', severity: 'information', text: '通知', message: NO_DATE },
      { line: 133, code: 'unknown-direct-fund-tag', severity: 'warning', text: '直达资金', message: '直达资金标识 01 的名称应为“中央直达资金”，实际是“直达资金”' },
      { line: 198, code: 'kpi-structure', severity: 'warning', text: '满意度', message: '非标准的一级指标名称“满意度”：应为“满意度指标”' },
      { line: 206, code: 'missing-field', severity: 'information', text: '通知', message: NO_DATE },
      { line: 219, code: 'unknown-direct-fund-tag', severity: 'warning', text: '直达资金', message: '直达资金标识 01 的名称应为“中央直达资金”，实际是“直达资金”' },
  ],
};

describe('examples', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: exactly the reviewed diagnostics`, () => {
      expect(actual(file)).toEqual(expected);
    });
  }

  it('Nanchang: the two sum-mismatch errors are on the 南昌市合计 row, one per unbalanced column', () => {
    const sums = actual('nanchang-hcszh-2022-67.notice').filter((d) => d.code === 'sum-mismatch');
    expect(sums.map((d) => [d.severity, d.text])).toEqual([
      ['error', '907'],
      ['error', '741'],
    ]);
    const text = readFileSync(path.join(EXAMPLES, 'nanchang-hcszh-2022-67.notice'), 'utf8');
    const line = text.split('\n')[sums[0]!.line - 1]!;
    expect(line.trim().startsWith('南昌市合计')).toBe(true);
  });

  it('Jiangxi: no sum-mismatch or formula-mismatch anywhere, and the short revenue name is reported', () => {
    const all = actual('jiangxi-gcszh-2023-26.notice');
    expect(all.filter((d) => d.code === 'sum-mismatch' || d.code === 'formula-mismatch')).toEqual([]);
    expect(all.filter((d) => d.code === 'code-name-mismatch').map((d) => d.text)).toEqual(['医疗卫生共同财政事权转移收入']);
  });

  it('no example has a syntax, indentation or cell-count problem', () => {
    for (const file of Object.keys(EXPECTED)) {
      const codes = actual(file).map((d) => d.code);
      expect(codes, file).not.toContain('syntax');
      expect(codes, file).not.toContain('indentation');
      expect(codes, file).not.toContain('cell-count');
    }
  });
});
