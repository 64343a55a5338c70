/**
 * The table arithmetic of the model (server/src/model/table-arithmetic.ts), asked directly on
 * small tables written in the language: which rows are a row's parts, their sums, the
 * table's total, a formula column's value, and what broken rows do to each. Number display
 * (server/src/model/number-display.ts) is tested at the end.
 */
import { describe, expect, it } from 'vitest';
import { checkText, DEFAULT_TOLERANCE } from '../server/src/checks/index.js';
import { DecimalSum, Decimal } from '../server/src/model/decimal.js';
import { columnStyles, formatLike, formatNumber, GROUPED, showSigned, showValue } from '../server/src/model/number-display.js';
import {
  breakdownOf,
  checkable,
  columnFormula,
  computedValues,
  formulaValue,
  hasBreakdown,
  hasParts,
  partsOf,
  sumOfParts,
  tableTotal,
  tableTotals,
  topRows,
  totalDifference,
  totalHolds,
  totalRow,
} from '../server/src/model/table-arithmetic.js';
import type { RowModel, TableModel } from '../server/src/model/types.js';

function table(text: string, which = 0): TableModel {
  const t = checkText(text).model.tables[which];
  if (!t) throw new Error('no table');
  return t;
}

function row(t: TableModel, name: string): RowModel {
  const r = t.allRows.find((x) => x.name === name);
  if (!r) throw new Error(`no row ${name}`);
  return r;
}

const names = (rows: readonly RowModel[]): string[] => rows.map((r) => r.name);
const str = (d: Decimal | null | undefined): string | undefined => (d === undefined ? undefined : d === null ? '-' : d.toString());

const NESTED = `附件1 分配表：嵌套
  单位：万元
  栏 全年：全年
  栏 已下达：已下达
  栏 本次：本次 = 全年 - 已下达
  全省               100.50    60    40.50
    南昌市            60.50    35    25.50
      东湖区          20.25    15     5.25
      西湖区          40.25    20    20.25
      其中：高新区     9.00     -     9.00
    九江市            40       25    15
      其中：濂溪区     3        1     2
`;

describe('parts of a row', () => {
  const t = table(NESTED);

  it('are the rows under it, never its 其中 rows', () => {
    expect(names(partsOf(row(t, '全省')))).toEqual(['南昌市', '九江市']);
    expect(names(partsOf(row(t, '南昌市')))).toEqual(['东湖区', '西湖区']);
    expect(names(breakdownOf(row(t, '南昌市')))).toEqual(['高新区']);
    expect(hasParts(row(t, '南昌市'))).toBe(true);
    expect(hasBreakdown(row(t, '南昌市'))).toBe(true);
  });

  it('a row with only 其中 rows under it has no parts: it is no total', () => {
    const jiujiang = row(t, '九江市');
    expect(partsOf(jiujiang)).toEqual([]);
    expect(hasParts(jiujiang)).toBe(false);
    expect(names(breakdownOf(jiujiang))).toEqual(['濂溪区']);
    expect(checkable(jiujiang)).toBe(false);
  });

  it('a leaf has none', () => {
    expect(hasParts(row(t, '东湖区'))).toBe(false);
    expect(checkable(row(t, '东湖区'))).toBe(false);
  });
});

describe('sums of parts', () => {
  const t = table(NESTED);

  it('add each column exactly, nested totals by their own parts, empty cells as zero', () => {
    expect(str(sumOfParts(row(t, '全省'), 0))).toBe('100.50');
    expect(str(sumOfParts(row(t, '南昌市'), 0))).toBe('60.50');
    expect(str(sumOfParts(row(t, '南昌市'), 2))).toBe('25.50');
    expect(checkable(row(t, '全省'))).toBe(true);
    const scratch = new DecimalSum();
    for (const r of ['全省', '南昌市']) for (let i = 0; i < 3; i++) expect(totalHolds(row(t, r), i, scratch)).toBe(true);
  });

  it('report the difference of a total that does not hold', () => {
    const t2 = table(`附件1 分配表：南昌
  单位：万元
  栏 全年：全年
  栏 已下达：已下达
  南昌市合计     907   741
    南昌县       148   122
    新建区       760   620
    其中：高新区 900   700
`);
    const total = row(t2, '南昌市合计');
    const scratch = new DecimalSum();
    expect(totalHolds(total, 0, scratch)).toBe(false);
    expect(totalHolds(total, 1, scratch)).toBe(false);
    expect(str(sumOfParts(total, 0))).toBe('908');
    expect(str(totalDifference(total, 0))).toBe('-1');
    expect(str(totalDifference(total, 1))).toBe('-1');
  });

  it('a broken part leaves its total uncheckable; a broken 其中 row does not', () => {
    const t2 = table(`附件1 分配表：坏行
  单位：万元
  栏 甲：甲
  栏 乙：乙
  合计       10    4
    甲县      6
    乙县      4    2
  小计       5     5
    丙县      5     5
    其中：丁县 1
`);
    expect(row(t2, '甲县').valid).toBe(false);
    expect(checkable(row(t2, '合计'))).toBe(false);
    // The sum is still what the cells that were read add up to.
    expect(str(sumOfParts(row(t2, '合计'), 0))).toBe('10');
    expect(checkable(row(t2, '小计'))).toBe(true);
  });
});

describe('the table total', () => {
  it('is the total row, whether its parts are nested or not', () => {
    const t = table(NESTED);
    expect(totalRow(t)?.name).toBe('全省');
    expect(str(tableTotal(t, 0))).toBe('100.50');
    expect(tableTotals(t)?.map(str)).toEqual(['100.50', '60', '40.50']);
  });

  it('is the sum of the top-level rows in a table without a total row, 其中 rows left out', () => {
    const t = table(`附件1 分配表：各市
  单位：万元
  栏 金额：金额
  南昌市     120
  九江市      80.5
  其中：省本级  30
`);
    expect(totalRow(t)).toBeUndefined();
    expect(names(topRows(t))).toEqual(['南昌市', '九江市']);
    expect(str(tableTotal(t, 0))).toBe('200.5');
  });

  it('is unknown when a top-level row is broken, or there are no rows', () => {
    const broken = table(`附件1 分配表：坏
  单位：万元
  栏 甲：甲
  栏 乙：乙
  南昌市     120
  九江市      80    1
`);
    expect(tableTotal(broken, 1)).toBeUndefined();
    expect(tableTotals(broken)).toBeUndefined();
    const empty = table(`附件1 分配表：空
  单位：万元
  栏 甲：甲
`);
    expect(tableTotal(empty, 0)).toBeUndefined();
  });
});

describe('formula columns', () => {
  it('give their formula on each row, totals included, with empty cells as zero', () => {
    const t = table(NESTED);
    const col = t.numeric[2]!;
    expect(str(formulaValue(row(t, '全省'), col))).toBe('40.50');
    expect(str(formulaValue(row(t, '高新区'), col))).toBe('9.00');
    expect(formulaValue(row(t, '全省'), t.numeric[0]!)).toBeUndefined();
    const f = columnFormula(col)!;
    const scratch = new DecimalSum();
    for (const r of t.allRows) expect(f.holdsBySum(r, scratch)).toBe(true);
  });

  it('compare a quotient at the decimals its cell is written with', () => {
    const t = table(`附件1 分配表：比例
  单位：万元
  栏 全年：全年
  栏 人数：人数
  栏 人均：人均 = 全年 / 人数
  甲县     10    3    3.33
  乙县     10    0    0
`);
    const f = columnFormula(t.numeric[2]!)!;
    expect(f.terms).toBeUndefined();
    expect(f.holdsBySum(row(t, '甲县'), new DecimalSum())).toBe(false);
    expect(str(f.value(row(t, '甲县')))).toBe('3.3333333333');
    expect(str(f.expected(row(t, '甲县')))).toBe('3.33');
    expect(f.value(row(t, '乙县'))).toBeUndefined(); // division by zero
  });

  it('are what a workbook computes: totals as sums of computed parts, formula cells by formula', () => {
    const t = table(`附件1 分配表：南昌
  单位：万元
  栏 全年：全年
  栏 已下达：已下达
  栏 本次：本次 = 全年 - 已下达
  合计       907   741   166
    南昌县   148   122    26
    新建区   760   620   140
`);
    const v = computedValues(t);
    expect(v.get(row(t, '合计'))!.map(str)).toEqual(['908', '742', '166']);
    expect(v.get(row(t, '南昌县'))!.map(str)).toEqual(['148', '122', '26']);
  });
});

describe('the rounding tolerance', () => {
  const text = `附件1 分配表：南昌
  单位：万元
  栏 全年：全年
  南昌市合计     907
    南昌县       148
    新建区       760
`;
  const sums = (env: Parameters<typeof checkText>[1]): string[] =>
    checkText(text, env).diagnostics.filter((d) => d.code === 'sum-mismatch').map((d) => `${d.severity} ${d.message}`);

  it('is a check option: none by default; within the one the caller gives, a difference is information', () => {
    expect(DEFAULT_TOLERANCE).toBe(0);
    expect(sums({})).toEqual(['error 合计 907 ≠ 各项之和 908（差 -1）：南昌市合计 第1栏“全年”']);
    expect(sums({ tolerance: 1 })).toEqual(['information 合计 907 ≠ 各项之和 908（差 -1）：南昌市合计 第1栏“全年”，在默认容差 1 以内']);
    expect(sums({ tolerance: 0.5 })).toEqual(['error 合计 907 ≠ 各项之和 908（差 -1）：南昌市合计 第1栏“全年”']);
  });

  it('gives way to a table with its own 容差', () => {
    const own = text.replace('  单位：万元\n', '  单位：万元\n  容差：2\n');
    const d = checkText(own, { tolerance: 0.5 }).diagnostics.filter((x) => x.code === 'sum-mismatch');
    expect(d.map((x) => x.severity)).toEqual(['information']);
    expect(d[0]!.message).toContain('，在容差 2 以内');
  });
});

describe('number display', () => {
  it('writes messages without trailing zeros, quick fixes like their cells, table figures rounded', () => {
    const d = Decimal.parse('1234.500')!;
    expect(showValue(d)).toBe('1234.5');
    expect(showValue(null)).toBe('-');
    expect(showValue(d, 'computed')).toBe('1234.500');
    expect(showSigned(Decimal.parse('2.50')!)).toBe('+2.5');
    expect(showSigned(Decimal.parse('-1')!)).toBe('-1');
    expect(formatLike(d, ['1,000.25', '3'])).toBe('1,234.50');
    expect(formatLike(Decimal.parse('3.125')!, ['1.25'])).toBe('3.125');
    expect(formatNumber(Decimal.parse('3.125')!, { grouped: false, decimals: 2 }, 'rounded')).toBe('3.13');
    expect(formatNumber(Decimal.parse('18290000')!, GROUPED)).toBe('18,290,000');
  });

  it('reads a column style from the cells of the table', () => {
    const t = table(`附件1 分配表：样式
  单位：元
  栏 甲：甲
  栏 乙：乙
  合计    18,290,000    70.91
    甲县   8,290,000    70.9
    乙县  10,000,000     -
`);
    expect(columnStyles(t)).toEqual([
      { grouped: true, decimals: 0 },
      { grouped: false, decimals: 2 },
    ]);
  });
});
