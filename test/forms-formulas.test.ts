/**
 * Forms of column arithmetic that real notices print: relations the table does not print
 * (`核对：小计 = 常规 + 定向`), formulas that hold after rounding (`保留2位小数`, `取整`) and
 * constants in formulas, and columns that are not money (`单位：%`, `单位：元/人`, `单位：人`).
 * Each is read, checked, shown in the editor and rendered as a user sees it; the outputs are
 * read back.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/index.js';
import { checkText } from '../server/src/checks/index.js';
import { renderDocx } from '../server/src/render/docx.js';
import { renderHtml } from '../server/src/render/html.js';
import { renderXlsx } from '../server/src/render/xlsx.js';
import { analyse } from '../server/src/lsp/analysis.js';
import { completion } from '../server/src/lsp/features/completion.js';
import { hover } from '../server/src/lsp/features/hover.js';
import { rename } from '../server/src/lsp/features/rename.js';
import { DEFAULT_SETTINGS } from '../server/src/lsp/settings.js';
import { WorkspaceIndex } from '../server/src/lsp/workspace-index.js';
import { annotationsOf } from './support/annotations.js';
import { applyEdits, firstFixEdits } from './support/fixes.js';
import { readDocx } from './render/read-back.js';

const HEAD = `通知 某财农〔2024〕12号
  发文机关：某市财政局
  标题：关于下达2024年补助资金的通知
  资金来源：市级

`;

async function sheet(source: string): Promise<ExcelJS.Worksheet> {
  const { model } = checkText(source);
  const bytes = await renderXlsx(model, model.notices[0]!);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** The values of a sheet row from column A, formulas as `=…` with their cached result. */
function rowOf(ws: ExcelJS.Worksheet, r: number): unknown[] {
  return (ws.getRow(r).values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'formula' in v ? `=${(v as ExcelJS.CellFormulaValue).formula} → ${String((v as ExcelJS.CellFormulaValue).result)}` : v));
}

/** The hover's text at the first `marker` of `text` (offset `shift` into it). */
function hoverAt(text: string, marker: string, shift = 0): string {
  const a = analyse('file:///t.notice', 1, text, DEFAULT_SETTINGS);
  const h = hover(a, text.indexOf(marker) + shift, DEFAULT_SETTINGS, new WorkspaceIndex());
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
}

function messages(text: string, code?: string): string[] {
  return checkText(text).diagnostics.filter((d) => !code || d.code === code).map((d) => `${text.slice(d.span.start, d.span.end)}: ${d.message}`);
}

const RELATION = `${HEAD}附件1 分配表：2024年衔接推进乡村振兴补助资金分配表
  单位：万元
  栏 小计：小计
  栏 常规：常规分配
  栏 定向：脱贫县定向分配
  核对：小计 = 常规 + 定向
  合计      1,250   830   420
    甲县      520   300   220
    乙县      730   530   200
`;

describe('a relation the table does not print (核对)', () => {
  it('is checked on every row, totals included, and is silent where it holds', () => {
    expect(checkText(RELATION).diagnostics).toEqual([]);
    const { model } = checkText(RELATION);
    const t = model.tables[0]!;
    expect(t.relations.map((r) => [r.column.id, r.printed])).toEqual([['小计', false]]);
    expect(t.numeric.map((c) => c.formula)).toEqual([undefined, undefined, undefined]);
    const broken = RELATION.replace('    甲县      520', '    甲县      521').replace('合计      1,250', '合计      1,251');
    expect(messages(broken)).toEqual([
      '1,251: 按核对关系，第1栏“小计” 应为 常规 830 + 定向 420 = 1,250，实际是 1,251（差 +1）：合计',
      '521: 按核对关系，第1栏“小计” 应为 常规 300 + 定向 220 = 520，实际是 521（差 +1）：甲县',
    ]);
    const d = checkText(broken).diagnostics[1]!;
    expect(broken.slice(d.related![0]!.span.start, d.related![0]!.span.end)).toBe('小计 = 常规 + 定向');
    expect(d.related![0]!.message).toBe('核对：小计 = 常规 + 定向');
    // The fixes give the figures the relation gives, and the table then checks clean.
    expect(checkText(applyEdits(broken, firstFixEdits(checkText(broken).diagnostics, 'formula-mismatch'))).diagnostics).toEqual([]);
  });

  it('takes 栏次 as column formulas do, several lines, and says where a name is unknown', () => {
    const text = RELATION.replace('  核对：小计 = 常规 + 定向\n', '  核对：1 = 2 + 3\n  核对：定向 = 小计 - 常规\n  核对：小计 = 常规 + 定项\n');
    expect(checkText(text).model.tables[0]!.relations.map((r) => r.column.id)).toEqual(['小计', '定向']);
    const unknown = checkText(text).diagnostics;
    expect(unknown.map((d) => [d.code, text.slice(d.span.start, d.span.end)])).toEqual([['unknown-reference', '定项']]);
    const left = RELATION.replace('核对：小计 =', '核对：小记 =');
    expect(annotationsOf(left, checkText(left).diagnostics).map((a) => `${a.code}: ${a.message}`)).toEqual(['unknown-reference: “核对：”中的“小记”不是本表的栏：本表的数字栏有 小计、常规、定向']);
    expect(messages(left).map((m) => m.split(':')[0])).toEqual(['小记']);
  });

  it('reads what cannot be a relation into a clear message with its range, never throwing', () => {
    const cases: [string, string, string][] = [
      ['核对：小计', '小计', '期望“核对：栏 = 公式”（如“核对：小计 = 常规 + 定向”），实际是“小计”'],
      ['核对：= 常规 + 定向', '=', '“核对：”的等号前缺少栏：期望“核对：栏 = 公式”（如“核对：小计 = 常规 + 定向”）'],
      ['核对：小计 =', '=', '等号“=”后缺少公式（如“核对：小计 = 常规 + 定向”）'],
      ['核对：常规 + 定向 = 小计', '常规 + 定向', '“核对：”的等号前只写一栏（它的数由等号后的公式给出），实际是“常规 + 定向”'],
      ['核对：小计 = 常规 + 定向 = 小计', '=', '公式中多出等号“=”：一条公式只能有一个等号'],
    ];
    for (const [line, range, message] of cases) {
      const text = RELATION.replace('核对：小计 = 常规 + 定向', line);
      expect(() => parse(text)).not.toThrow();
      const ds = checkText(text).diagnostics;
      expect(ds.map((d) => [d.code, text.slice(d.span.start, d.span.end), d.message]), line).toEqual([['syntax', range, message]]);
    }
  });

  it('offers no fix that would change a total borne out by its parts', () => {
    const text = RELATION.replace('合计      1,250   830', '合计      1,250   820');
    const ds = checkText(text).diagnostics;
    expect(ds.map((d) => [d.code, text.slice(d.span.start, d.span.end), d.fixes?.length ?? 0])).toEqual([
      ['formula-mismatch', '1,250', 0],
      ['sum-mismatch', '820', 1],
    ]);
    expect(ds[0]!.message).toBe('按核对关系，第1栏“小计” 应为 常规 820 + 定向 420 = 1,240，实际是 1,250（差 +10）：合计；本格等于各项之和，各项也都满足这一关系：请核对公式中各栏的合计');
    // The sum's fix is the one that makes the table right.
    expect(checkText(applyEdits(text, firstFixEdits(ds, 'sum-mismatch'))).diagnostics).toEqual([]);
  });

  it('is printed in no 栏次 row and is no Excel formula', async () => {
    const { model } = checkText(RELATION);
    expect(renderHtml(model, model.notices[0]!)).toContain('<td class="number-row">栏次</td><td class="number-row">1</td><td class="number-row">2</td><td class="number-row">3</td>');
    const docx = await readDocx(await renderDocx(model, model.notices[0]!));
    expect(docx.tables.flatMap((t) => t.map((r) => r.map((c) => c.text))).find((r) => r[0] === '栏次')).toEqual(['栏次', '1', '2', '3']);
    const ws = await sheet(RELATION);
    expect(rowOf(ws, 5)).toEqual(['栏次', '1', '2', '3']);
    expect(rowOf(ws, 6)).toEqual(['合计', '=SUM(B7:B8) → 1250', '=SUM(C7:C8) → 830', '=SUM(D7:D8) → 420']);
    expect(rowOf(ws, 7)).toEqual(['甲县', 520, 300, 220]);
  });

  it('is shown by hover on a row’s cell and on the column, and renaming a column renames it there', () => {
    expect(hoverAt(RELATION, '520')).toContain('核对：= 常规 + 定向 = 520');
    expect(hoverAt(RELATION, '核对：小计', 3)).toContain('核对：= 常规 + 定向（每一行都要成立，不印在栏次行）');
    expect(hoverAt(RELATION, '核对：小计 = 常规', 8)).toContain('**第2栏 常规**：常规分配');
    const a = analyse('file:///t.notice', 1, RELATION, DEFAULT_SETTINGS);
    const edit = rename(a, RELATION.indexOf('栏 常规') + 2, '常规分配');
    const changes = edit && 'changes' in edit ? edit.changes!['file:///t.notice']! : [];
    const renamed = applyLspLike(RELATION, a, changes);
    expect(renamed).toContain('  栏 常规分配：常规分配\n');
    expect(renamed).toContain('  核对：小计 = 常规分配 + 定向\n');
    expect(checkText(renamed).diagnostics).toEqual([]);
  });

  it('is completed with the table’s columns on either side of its =', () => {
    const labels = (withCursor: string): string[] => {
      const offset = withCursor.indexOf('|');
      const text = withCursor.replace('|', '');
      return (completion(analyse('file:///t.notice', 1, text, DEFAULT_SETTINGS), offset, DEFAULT_SETTINGS)?.items ?? []).map((i) => i.label);
    };
    expect(labels(RELATION.replace('核对：小计 = 常规 + 定向', '核对：小计 = 常规 + |'))).toEqual(['小计', '常规', '定向']);
    expect(labels(RELATION.replace('核对：小计 = 常规 + 定向', '核对：|'))).toEqual(['小计', '常规', '定向']);
  });
});

/** Applies LSP text edits (ranges in the analysis' positions). */
function applyLspLike(text: string, a: ReturnType<typeof analyse>, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  return applyEdits(text, edits.map((e) => ({ span: { start: a.index.offset(e.range.start.line, e.range.start.character), end: a.index.offset(e.range.end.line, e.range.end.character) }, newText: e.newText })));
}

const ROUNDED = `${HEAD}附件1 分配表：2023年城乡居民基本医疗保险补助资金分月拨付表
  单位：万元
  栏 前8月：1-8月
  栏 后4月：9-12月 = 前8月 / 2 保留2位小数
  栏 全年：全年 = 1 + 2
  合计       100.01    50.01    150.02
    甲县      33.33    16.67     50.00
    乙县      66.68    33.34    100.02
`;

describe('a formula that holds after rounding, and constants', () => {
  it('rounds the exact value half away from zero, then compares it with the cell', () => {
    expect(checkText(ROUNDED).diagnostics).toEqual([]);
    const t = checkText(ROUNDED).model.tables[0]!;
    expect(t.numeric[1]!.relation?.rounding?.places).toBe(2);
    // -33.33 ÷ 2 = -16.665: -16.67 (half away from zero, not the banker's -16.66).
    const negative = ROUNDED.replace('33.33    16.67     50.00', '-33.33   -16.67    -50.00').replace('66.68    33.34    100.02', '66.69    33.35    100.04').replace('100.01    50.01    150.02', ' 33.36    16.68     50.04');
    expect(messages(negative)).toEqual([]);
    expect(messages(negative.replace('-16.67', '-16.66'), 'formula-mismatch')[0]).toBe('-16.66: 第2栏“后4月” 应为 前8月 （-33.33） ÷ 2 = -16.67（保留2位小数），实际是 -16.66（差 +0.01）：甲县');
    const wrong = ROUNDED.replace('    甲县      33.33    16.67', '    甲县      33.33    16.66').replace('50.01    150.02', '50.00    150.01').replace('16.66     50.00', '16.66     49.99');
    expect(messages(wrong, 'formula-mismatch')).toEqual(['50.00: 第2栏“后4月” 应为 前8月 100.01 ÷ 2 = 50.01（保留2位小数），实际是 50.00（差 -0.01）：合计', '16.66: 第2栏“后4月” 应为 前8月 33.33 ÷ 2 = 16.67（保留2位小数），实际是 16.66（差 -0.01）：甲县']);
    // The fix writes the places the rounding states.
    const fixed = applyEdits(wrong, firstFixEdits(checkText(wrong).diagnostics, 'formula-mismatch'));
    expect(fixed).toContain('    甲县      33.33    16.67     49.99');
  });

  it('on a total that is the sum of its rounded parts, says the difference is the rounding’s, as information', () => {
    // 33.35 ÷ 2 = 16.675 → 16.68, while the parts (-16.67 and 33.34) add up to 16.67.
    const text = ROUNDED.replace('33.33    16.67     50.00', '-33.33   -16.67    -50.00').replace('100.01    50.01    150.02', ' 33.35    16.67     50.02');
    const ds = checkText(text).diagnostics;
    expect(ds.map((d) => [d.severity, text.slice(d.span.start, d.span.end), d.message, d.fixes?.length ?? 0])).toEqual([
      ['information', '16.67', '第2栏“后4月” 应为 前8月 33.35 ÷ 2 = 16.68（保留2位小数），实际是 16.67（差 -0.01）：合计；本格等于各项之和，各项都满足这一关系，所用各栏的合计也都相符：差额来自各项分别舍入（或相乘）后再相加', 0],
    ]);
  });

  it('reads 保留两位小数, （保留2位小数）, 取整, and says where a rounding is not at the end', () => {
    for (const words of ['保留两位小数', '（保留2位小数）', '(保留 2 位小数)']) {
      expect(checkText(ROUNDED.replace('保留2位小数', words)).diagnostics, words).toEqual([]);
    }
    const whole = ROUNDED.replace('= 前8月 / 2 保留2位小数', '= 前8月 / 2 取整');
    expect(messages(whole, 'formula-mismatch').map((m) => m.split(':')[0])).toEqual(['50.01', '16.67', '33.34']);
    const middle = ROUNDED.replace('= 前8月 / 2 保留2位小数', '= 前8月 保留2位小数 / 2');
    expect(messages(middle)).toEqual(['保留2位小数: “保留2位小数”应写在公式末尾（如“= 前8月 / 2 保留2位小数”），其后不能再有算式']);
  });

  it('takes numbers as 栏次 in a formula written only with numbers, and as constants in one that names a column', () => {
    const table = (formula: string, cells: string): string => `附件1 分配表：表\n  单位：万元\n  栏 甲：甲\n  栏 乙：乙\n  栏 丙：丙 = ${formula}\n  合计   ${cells}\n`;
    // (3 + 2) × 2 = 10 with 2 a constant; × 第2栏 (2) it is 10 too: told apart by 乙 = 4.
    expect(messages(table('(甲 + 乙) × 2', '3   4   14'))).toEqual([]);
    expect(messages(table('(1 + 2) × 2', '3   4   28'))).toEqual([]);
    expect(messages(table('(1 + 2) × 2', '3   4   14'))).toEqual(['14: 第3栏“丙” 应为 (甲 3 + 乙 4) × 乙 4 = 28，实际是 14（差 -14）：合计']);
    expect(messages(table('甲 × 10,000 / 3000', '3   4   10'))).toEqual([]);
    expect(messages(table('1 × 1.5', '3   4   10'))).toEqual(['1.5: “1.5”不是栏次：只用栏次写的公式（如“= 1 - 3”）中数字都是栏次；要用常数，请用栏编号写公式（如“= 全年 × 1.5”）']);
  });

  it('prints the formula, not its rounding, in the 栏次 row, and writes ROUND in the workbook', async () => {
    const { model } = checkText(ROUNDED);
    expect(renderHtml(model, model.notices[0]!)).toContain('<td class="number-row">2=1÷2</td><td class="number-row">3=1+2</td>');
    const ws = await sheet(ROUNDED);
    expect(rowOf(ws, 5)).toEqual(['栏次', '1', '2=1÷2', '3=1+2']);
    expect(rowOf(ws, 6)).toEqual(['合计', '=SUM(B7:B8) → 100.01', '=ROUND(B6/2,2) → 50.01', '=B6+C6 → 150.02']);
    expect(rowOf(ws, 7)).toEqual(['甲县', 33.33, '=ROUND(B7/2,2) → 16.67', '=B7+C7 → 50']);
  });

  it('is shown by hover with its rounding and its value', () => {
    expect(hoverAt(ROUNDED, '16.67')).toContain('公式：= 前8月 ÷ 2 保留2位小数 = 16.67');
    expect(hoverAt(ROUNDED, '栏 后4月', 2)).toContain('公式：= 前8月 ÷ 2 保留2位小数（每一行都要成立）');
  });
});

const UNITS = `通知 某财社〔2024〕8号
  标题：关于下达2024年困难群众救助补助资金的通知
  金额：45万元 = 附件1.金额
  资金来源：市级
  正文
    执行率{附件1.合计.执行率}%，补助标准{附件1.甲县.标准}元/人。

附件1 分配表：2024年困难群众救助补助资金分配表
  单位：万元
  栏 人数：救助人数 单位：人
  栏 标准：补助标准（元/人） 单位：元/人
  栏 金额：补助金额 = 人数 × 标准 / 10000
  栏 执行率：上年资金执行率 单位：%
  合计      1,500       -      45    92.5
    甲县    1,000     300      30      95
    乙县      500     300      15      90
`;

describe('columns that are not money (单位：%, 元/人, 人)', () => {
  it('sums counts, never rates, and computes a formula over them exactly', () => {
    expect(checkText(UNITS).diagnostics).toEqual([]);
    const t = checkText(UNITS).model.tables[0]!;
    expect(t.numeric.map((c) => c.unit && [c.unit.text, c.unit.kind])).toEqual([['人', 'count'], ['元/人', 'rate'], undefined, ['%', 'rate']]);
    // A count is summed: one more 人 in 乙县 and the total no longer adds up (and 金额 no longer follows).
    expect(messages(UNITS.replace('乙县      500', '乙县      501'))).toEqual([
      '1,500: 合计 1,500 ≠ 各项之和 1,501（差 -1）：合计 第1栏“人数”',
    ]);
    // A rate is not: the total's 92.5 is not 95 + 90, and nothing is said.
    expect(messages(UNITS.replace('92.5\n', '50\n'))).toEqual([]);
    // 501 × 300 ÷ 10000 = 15.03, compared at the cell's 0 decimals: 15.
    expect(messages(UNITS.replace('乙县      500     300      15', '乙县      501     300      16').replace('1,500       -      45', '1,501       -      46').replace('45万元', '46万元'))).toEqual([
      '16: 第3栏“金额” 应为 人数 501 × 标准 300 ÷ 10000 = 15，实际是 16（差 +1）：乙县',
    ]);
  });

  it('is no amount: a 金额 tied to it is an error, and 金额 without a column goes to the only amount column', () => {
    expect(messages(UNITS.replace('= 附件1.金额', '= 附件1.标准'))).toEqual([
      '附件1.标准: 金额无法核对：“附件1.标准”的单位是元/人，不是金额（表的金额单位为万元）：金额只能与金额栏的合计相核；附件1 的金额栏有 金额',
    ]);
    expect(messages(UNITS.replace('金额：45万元 = 附件1.金额', '金额：45万元'))).toEqual([]);
    expect(messages(UNITS.replace('金额：45万元 = 附件1.金额', '金额：46万元'))).toEqual([
      '46万元: 金额 46万元 ≠ 附件1“金额”合计 45万元（折合 45万元，差 +1万元）',
    ]);
  });

  it('prints its unit where the title does not say it, and no SUM in a rate column', async () => {
    const { model } = checkText(UNITS);
    const html = renderHtml(model, model.notices[0]!);
    // Headings whatever their lines (a narrow column breaks them between words).
    expect(html.replace(/<br>/g, '')).toContain('<th>补助标准（元/人）</th><th>补助金额</th><th>上年资金执行率（%）</th>');
    expect(html).toContain('执行率<span class="ref">92.5</span>%，补助标准<span class="ref">300</span>元/人。');
    const ws = await sheet(UNITS);
    expect(rowOf(ws, 4).map((v) => (typeof v === 'string' ? v.replace(/\n/g, '') : v))).toEqual(['项目', '救助人数（人）', '补助标准（元/人）', '补助金额', '上年资金执行率（%）']);
    expect(rowOf(ws, 6)).toEqual(['合计', '=SUM(B7:B8) → 1500', undefined, '=SUM(D7:D8) → 45', 92.5]);
    expect(rowOf(ws, 7)).toEqual(['甲县', 1000, 300, '=B7*C7/10000 → 30', 95]);
    const docx = await readDocx(await renderDocx(model, model.notices[0]!));
    expect(docx.tables.flatMap((t) => t.map((r) => r.map((c) => c.text.replace(/\n/g, '')))).find((r) => r[0] === '项目')).toEqual(['项目', '救助人数（人）', '补助标准（元/人）', '补助金额', '上年资金执行率（%）']);
  });

  it('has no total to take in a table without a total row', () => {
    const text = UNITS.replace('  合计      1,500       -      45    92.5\n    甲县', '  甲县').replace('    乙县      500', '  乙县      500');
    const { model } = checkText(text);
    const html = renderHtml(model, model.notices[0]!);
    // 95 + 90 would be no rate: the reference is left unfilled, as one that cannot be read.
    expect(html).not.toContain('<span class="ref">185</span>');
    expect(messages(text, 'unknown-reference')).toEqual([]);
    expect(hoverAt(text, '{附件1.合计.执行率}', 3)).toContain('“执行率”的单位是%，不加总：表没有合计行，无从取合计');
  });

  it('says what is wrong with a unit, and with 85% written in a cell', () => {
    expect(messages(UNITS.replace('  栏 执行率：上年资金执行率 单位：%', '  栏 执行率：上年资金执行率 单位：元'), 'syntax')).toEqual([
      '元: 栏的单位“元”与表的单位“万元”不同：金额栏都以表的“单位：”计；不是金额的栏写其单位（如“元/人”“%”“人”）',
    ]);
    expect(messages(UNITS.replace('  栏 执行率：上年资金执行率 单位：%', '  栏 执行率：上年资金执行率 单位：'), 'syntax')).toEqual(['单位：: “单位：”后缺少单位（如“元/人”“%”“人”）']);
    expect(messages(UNITS.replace('95\n', '95%\n'))).toEqual(['95%: 表中的数字不带“%”，期望“95”，实际是“95%”：百分比栏在栏上写“单位：%”']);
    expect(messages(UNITS.replace('  栏 人数：救助人数 单位：人', '  栏 人数：救助人数 单位：人 来源：市级'))).toEqual([]);
    expect(checkText(UNITS.replace('  栏 人数：救助人数 单位：人', '  栏 人数：救助人数 单位：人 来源：市级')).model.tables[0]!.numeric[0]!).toMatchObject({ source: '市级', unit: { text: '人' } });
  });
});
