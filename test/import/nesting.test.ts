/**
 * Row nesting from the evidence a printed table gives, on tables that are not the seeds:
 * indentation, 合计/小计/其中, two label columns, place names (the shipped regions), and sums.
 * Tables are given as text copied from a spreadsheet or extracted from a PDF (tab-separated).
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../server/src/import/index.js';
import { summarize } from './support.js';

async function rows(tsv: string): Promise<{ text: string; rows: string[] }> {
  const r = await importFile('表.txt', new TextEncoder().encode(tsv));
  if (!r.ok) throw new Error(r.message);
  const s = summarize(r.text);
  expect(s.syntax).toEqual([]);
  return { text: r.text, rows: s.tables.flatMap((t) => t.rows.map((x) => `${'  '.repeat(x.depth)}${x.name} ${x.values.map((v) => v ?? '-').join(' ')}`)) };
}

const table = (lines: string[]): string => ['附件1', '2024年某项补助资金分配表', '单位：万元', ...lines].join('\n');

describe('nesting', () => {
  it('a province over its cities over their districts, from the place names', async () => {
    const r = await rows(table(['地区\t本次下达', '全省\t100', '广州市\t60', '越秀区\t25', '海珠区\t35', '深圳市\t40', '福田区\t15', '南山区\t25']));
    expect(r.rows).toEqual(['全省 100', '  广州市 60', '    越秀区 25', '    海珠区 35', '  深圳市 40', '    福田区 15', '    南山区 25']);
    expect(r.text).toContain('# 导入：层级按地区名称推断');
  });

  it('a total printed last, with 合计 words, becomes 合计位置：末行', async () => {
    const r = await rows(table(['县（市、区）\t金额', '甲县\t1,200.50', '乙县\t799.50', '合计\t2,000.00']));
    expect(r.rows).toEqual(['合计 2000.00', '  甲县 1200.50', '  乙县 799.50']);
    expect(r.text).toContain('合计位置：末行');
    expect(r.text).toMatch(/合计\s+2,000\.00/);
  });

  it('subtotals found by the sums alone, and said so', async () => {
    const r = await rows(table(['单位\t金额', '总额\t100', '第一组\t70', '甲\t30', '乙\t40', '第二组\t30', '丙\t10', '丁\t20']));
    expect(r.rows).toEqual(['总额 100', '  第一组 70', '    甲 30', '    乙 40', '  第二组 30', '    丙 10', '    丁 20']);
    expect(r.text).toContain('这一行等于其后 2 行之和');
  });

  it('a published total that does not add up stays as printed, with a comment', async () => {
    const r = await rows(table(['地区\t金额', '合计\t101', '甲县\t60', '乙县\t40']));
    expect(r.rows).toEqual(['合计 101', '  甲县 60', '  乙县 40']);
    expect(r.text).toContain('其下各行之和与这一行不等；数字照原件');
    expect(summarize(r.text).arithmetic).toEqual(['sum-mismatch: 合计 101 ≠ 各项之和 100（差 +1）：合计 第1栏']);
  });

  it('小计 rows and 其中 rows', async () => {
    const r = await rows(table(['地区\t金额', '合计\t100', '市本级及所辖区小计\t60', '东区\t20', '西区\t40', '其中：西区本级\t5', '北县\t40']));
    expect(r.rows).toEqual(['合计 100', '  市本级及所辖区小计 60', '    东区 20', '    西区 40', '      其中：西区本级 5', '  北县 40']);
  });

  it('two label columns: the city printed once over its counties is a group row', async () => {
    const r = await rows(table(['市州\t县市区\t本次下达', '合计\t\t100', '南昌市\t南昌县\t60', '\t新建区\t40']));
    expect(r.rows).toEqual(['合计 100', '  南昌市 -', '    南昌县 60', '    新建区 40']);
    expect(r.text).toContain('行标题：市州 | 县市区');
  });

  it('indentation by spaces is the hierarchy', async () => {
    const r = await rows(table(['项目\t金额', '合计\t10', '  一类\t10', '    子项\t10']));
    expect(r.rows).toEqual(['合计 10', '  一类 10', '    子项 10']);
  });

  it('indentation with the total printed as far left as the groups: the groups are its parts', async () => {
    // Not place names, and the first group's total does not add up: the indents alone decide.
    const r = await rows(table(['项目\t金额', '合计\t1050', '第一组\t600', '　　项目甲\t250', '　　项目乙\t300', '第二组\t450', '　　项目丙\t200', '　　项目丁\t250']));
    expect(r.rows).toEqual(['合计 1050', '  第一组 600', '    项目甲 250', '    项目乙 300', '  第二组 450', '    项目丙 200', '    项目丁 250']);
    // 600 agrees with 合计 (600 + 450 = 1050): the message says a part may be wrong, and no fix is offered.
    expect(summarize(r.text).arithmetic).toEqual([
      'sum-mismatch: 合计 600 ≠ 各项之和 550（差 +50）：第一组 第1栏；它与“合计”的其他各项相加正好等于“合计”，错的可能是其下某一项：请先核对各项，不宜直接改合计',
    ]);
  });

  it('indentation with the total centred (printed further right than the groups): still over them', async () => {
    const r = await rows(table(['项目\t金额', '　　　合计\t30', '第一组\t10', '　项目甲\t4', '　项目乙\t6', '第二组\t20', '　项目丙\t20']));
    expect(r.rows).toEqual(['合计 30', '  第一组 10', '    项目甲 4', '    项目乙 6', '  第二组 20', '    项目丙 20']);
  });

  it('a table with no unit printed: 万元 with a comment', async () => {
    const r = await importFile('表.txt', new TextEncoder().encode(['某表', '地区\t金额', '甲县\t1', '乙县\t2'].join('\n')));
    expect(r.ok && r.text).toContain('# 导入：原表没有印单位，按万元写；请核对。');
  });

  it('a 栏次 row gives the column formulas', async () => {
    const r = await importFile('表.txt', new TextEncoder().encode(table(['地区\t全年\t已下达\t本次', '栏次\t1\t2\t3=1-2', '甲县\t10\t4\t6']).replace(/\n/g, '\n')));
    expect(r.ok && summarize(r.text).tables[0]!.formulas).toEqual(['', '', '(1-2)']);
  });
});

describe('paste of cells copied from Excel', () => {
  it('becomes aligned rows, nested, numbers as copied', async () => {
    const { pasteRows } = await import('../../server/src/import/index.js');
    expect(pasteRows('合计\t1,000\t-\n甲县\t600\t3\n乙县\t400\t-3\n')).toBe(['合计    1,000   -', '  甲县    600   3', '  乙县    400  -3', ''].join('\n'));
    expect(pasteRows('不是表格的文字')).toBeUndefined();
  });
});
