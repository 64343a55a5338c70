import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../server/src/checks/index.js';
import { renderXlsx, sumFormula } from '../../server/src/render/xlsx.js';
import { printOrder } from '../../server/src/render/layout.js';
import type { RowModel, TableModel } from '../../server/src/model/types.js';
import { CLEAN, example } from './fixtures.js';

async function workbook(source: string, index = 0): Promise<{ wb: ExcelJS.Workbook; tables: TableModel[] }> {
  const { model } = checkText(source);
  const n = model.notices[index]!;
  const bytes = await renderXlsx(model, n);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return { wb, tables: n.tables };
}

/** The sheet row of each model row: found by its name in the stub column, in print order. */
function rowsOf(ws: ExcelJS.Worksheet, t: TableModel, stubCol: number): Map<RowModel, number> {
  const out = new Map<RowModel, number>();
  const order = printOrder(t);
  let r = 1;
  for (const row of order) {
    while (r <= ws.rowCount && ws.getCell(r, stubCol).value !== row.name) r++;
    out.set(row, r);
    r++;
  }
  return out;
}

function numericCol(t: TableModel, stubCol: number, index: number): number {
  // Columns after the stub in declaration order.
  return stubCol + 1 + t.columns.findIndex((c) => c.index === index);
}

describe('Excel output', () => {
  it('writes one sheet per allocation table (and one per KPI table) with the two-level header', async () => {
    const { wb } = await workbook(CLEAN);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['附件1', '附件2']);
    const ws = wb.getWorksheet('附件1')!;
    expect(ws.getCell('A1').value).toBe('附件1');
    expect(ws.getCell('A2').value).toBe('2024年测试补助资金分配表');
    expect(ws.getCell('A3').value).toBe('单位：万元');
    expect([4, 5, 6].map((r) => (ws.getRow(r).values as unknown[]).slice(1))).toEqual([
      ['地区', '县区类别', '全年应下达', '全年应下达', '已下达', '已下达', '本次下达', '本次下达'],
      ['地区', '县区类别', '中央资金', '省级资金', '中央资金', '省级资金', '中央资金', '省级资金'],
      ['栏次', undefined, '1', '2', '3', '4', '5=1-3', '6=2-4'],
    ]);
    expect(ws.getCell('C4').isMerged).toBe(true);
    expect(ws.getCell('D4').master.address).toBe('C4');
    expect(ws.getCell('A5').master.address).toBe('A4');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 6 });
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toBe('4:6');
  });

  it('writes totals as SUM formulas and formula columns as Excel formulas, with cached values equal to the source', async () => {
    for (const [source, index] of [
      [CLEAN, 0],
      [example('jiangxi-gcszh-2023-26'), 0],
      [example('jiangmen-jcs-2023-16'), 1],
      [example('jiangmen-jcs-2023-16'), 3],
    ] as const) {
      const { wb, tables } = await workbook(source, index);
      const t = tables[0]!;
      const ws = wb.worksheets[0]!;
      const stubCol = t.fields.get('序号') ? 2 : 1;
      const at = rowsOf(ws, t, stubCol);
      let formulas = 0;
      for (const row of t.allRows) {
        const r = at.get(row)!;
        for (const c of t.numeric) {
          const cell = ws.getCell(r, numericCol(t, stubCol, c.index!));
          const source = row.values[c.index!];
          const parts = row.children.filter((x) => !x.breakdown);
          if (c.formula || parts.length > 0) {
            expect(cell.formula, `${row.name} ${c.id}`).toBeTruthy();
            formulas++;
            if (!c.formula) {
              const letter = ws.getColumn(numericCol(t, stubCol, c.index!)).letter;
              expect(cell.formula).toBe(sumFormula(parts.map((p) => at.get(p)!), letter));
            }
            expect(cell.result, `${row.name} ${c.id}`).toBe(source ? source.toNumber() : 0);
          } else {
            expect(cell.value, `${row.name} ${c.id}`).toBe(source ? source.toNumber() : null);
          }
        }
      }
      expect(formulas).toBeGreaterThan(0);
    }
  });

  it('writes the column formula on every row (=C8-E8) and SUM over contiguous parts or lists of parts', async () => {
    const { wb } = await workbook(CLEAN);
    const ws = wb.getWorksheet('附件1')!;
    // Rows: 7 全省, 8 甲市, 9 甲一区, 10 甲二区, 11 乙市, 12 乙一区.
    expect(ws.getCell('C7').formula).toBe('SUM(C8,C11)');
    expect(ws.getCell('C8').formula).toBe('SUM(C9:C10)');
    expect(ws.getCell('G9').formula).toBe('C9-E9');
    expect(ws.getCell('H7').formula).toBe('D7-F7');
    expect(ws.getCell('C9').value).toBe(700);
    expect(ws.getCell('C9').numFmt).toBe('#,##0');
    expect(ws.getRow(9).outlineLevel).toBe(2);
    expect(ws.getCell('A9').alignment.indent).toBe(2);
  });

  it('keeps the source decimals in the number format', async () => {
    const { wb } = await workbook(example('jiangmen-jcs-2023-16'), 3);
    const ws = wb.worksheets[0]!;
    const total = ws.getColumn(2).values.findIndex((v) => v === '合计');
    expect(ws.getCell(total, 3).numFmt).toBe('#,##0.00');
    expect(ws.getCell(total, 3).formula).toMatch(/^SUM\(C\d+:C\d+\)$/);
    expect(ws.getCell(total, 3).result).toBe(194);
    expect(ws.getCell(total, 1).value).toBe(null);
    expect(ws.getCell(total - 1, 1).value).toBe(8);
  });

  it('with a wrong source total (Nanchang 907), writes the formula with its true result and notes the printed number', async () => {
    const { wb } = await workbook(example('nanchang-hcszh-2022-67'));
    const ws = wb.worksheets[0]!;
    const total = ws.getColumn(1).values.findIndex((v) => v === '南昌市合计');
    const b = ws.getCell(total, 2);
    expect(b.formula).toBe(`SUM(B${total + 1}:B${total + 13})`);
    expect(b.result).toBe(908);
    expect(JSON.stringify(b.note)).toContain('原件印 907');
    expect(ws.getCell(total, 3).result).toBe(742);
    // 本次 = 全年 - 已下达 on the total row: 908 - 742.
    expect(ws.getCell(total, 4).formula).toBe(`B${total}-C${total}`);
    expect(ws.getCell(total, 4).result).toBe(166);
    // 南昌市医疗保障局's 本次 is blank in the source: the formula gives 0, shown as "-".
    expect(ws.getCell(total + 1, 4).result).toBe(0);
    expect(ws.getCell(total + 1, 4).numFmt).toContain('"-"');
  });

  it('writes text that looks like a formula as text', async () => {
    const src = CLEAN.replace('标题：关于下达', '标题：=HYPERLINK("x")关于下达')
      .replace('甲一区 [一般县]', '=SUM(A1) [+cmd|calc]')
      .replace('甲二区 [西部县区]', '@evil [-1+2]');
    const { wb } = await workbook(src);
    const ws = wb.getWorksheet('附件1')!;
    for (const addr of ['A9', 'B9', 'A10', 'B10']) {
      const cell = ws.getCell(addr);
      expect(cell.type, addr).toBe(ExcelJS.ValueType.String);
      expect(cell.formula, addr).toBeUndefined();
      expect(cell.numFmt, addr).toBe('@');
    }
    expect(ws.getCell('A9').value).toBe('=SUM(A1)');
    expect(ws.getCell('B9').value).toBe('+cmd|calc');
    expect(ws.getCell('A10').value).toBe('@evil');
  });

  it('writes the KPI table with merged 一级/二级 cells', async () => {
    const { wb } = await workbook(CLEAN);
    const ws = wb.getWorksheet('附件2')!;
    const head = ws.getColumn(2).values.findIndex((v) => v === '一级指标');
    expect(ws.getCell(head + 1, 2).value).toBe('产出指标');
    expect(ws.getCell(head + 3, 2).master.address).toBe(ws.getCell(head + 1, 2).address);
    expect(ws.getCell(head + 2, 3).master.address).toBe(ws.getCell(head + 1, 3).address);
    expect(ws.getCell(head + 3, 3).value).toBe('时效指标');
    expect(ws.getCell(head + 4, 5).value).toBe('≥85%');
  });
});
