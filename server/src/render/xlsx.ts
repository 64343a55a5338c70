/**
 * Excel (.xlsx, with exceljs): one sheet per allocation table (and one per KPI table), with
 * the same merged header and 栏次 row as the printed table. Every total row is written as
 * a SUM over its parts (a group row's parts in its place: the rows under it; but not in a
 * rate column, `单位：%`, which totals do not sum) and every printed formula column as the Excel formula (`ROUND(…)` where it states a rounding), with
 * cached values, so the workbook stays right when a bureau edits it. A `核对` relation is
 * not printed, so it is no formula here either.
 *
 * Cached values are what the formulas compute: equal to the source wherever the source is
 * right. Where the source's total is wrong (rendered only with `--force`), the cell holds
 * the formula, its true result, and a note with the number the source printed.
 *
 * Text is always written as a string cell (never a formula), and text that begins with
 * `=`, `+`, `-` or `@` is also given the text number format, so no spreadsheet reads it as
 * one. Returns bytes (no I/O).
 */
import ExcelJS from 'exceljs';
import { columnStyles, formatNumber, GROUPED } from '../model/number-display.js';
import { partsOf, relationFormula, sumsColumn, workbookValues } from '../model/table-arithmetic.js';
import type { DocumentModel, Expr, NoticeModel, RowModel } from '../model/types.js';
import {
  FONTS,
  PAGE,
  PAGE_BOTTOM,
  PAGE_RIGHT,
  attachmentLabel,
  emWidth,
  noticeLayout,
  placeCells,
  type AllocationGrid,
  type Attachment,
  type GridCell,
  type GridRow,
  type KpiGrid,
  type LayoutOptions,
  type NoteLayout,
} from './layout.js';
import { MM_PER_PT } from './fit.js';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const RISKY = /^[=+\-@]/;

/**
 * The cell styles of one workbook, each made once and shared by every cell that has it: exceljs
 * files a style object once however many cells hold it, so a national table's cells cost no
 * style work each. A shared style is never changed in place (a cell gets another one).
 */
class SheetStyles {
  private readonly styles = new Map<string, Partial<ExcelJS.Style>>();

  of(c: GridCell, size: number, numFmt?: string): Partial<ExcelJS.Style> {
    const key = `${c.role}|${c.bold ? 1 : 0}|${c.indent ?? 0}|${c.valign ?? ''}|${size}|${numFmt ?? ''}`;
    let style = this.styles.get(key);
    if (!style) {
      const head = c.role === 'head' || c.role === 'number-row' || c.role === 'key';
      const horizontal = c.role === 'num' ? 'right' : c.role === 'stub' || c.role === 'value' || c.role === 'kpi3' ? 'left' : 'center';
      style = {
        font: { name: head ? FONTS.ht.name : FONTS.fs.name, size, ...(c.bold ? { bold: true } : {}) },
        border: THIN,
        alignment: { vertical: c.valign === 'top' ? 'top' : 'middle', horizontal, wrapText: c.role !== 'num', ...(c.indent ? { indent: c.indent } : {}) },
        ...(numFmt ? { numFmt } : {}),
      };
      this.styles.set(key, style);
    }
    return style;
  }
}

function setText(cell: ExcelJS.Cell, text: string): void {
  if (text === '') return;
  cell.value = text;
  if (RISKY.test(text)) cell.style = { ...cell.style, numFmt: '@' };
}

/** The Excel number format of a column with `decimals` decimals, grouped as the printed tables are. */
function numFmt(decimals: number): string {
  return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

function uniqueSheetName(wb: ExcelJS.Workbook, wanted: string): string {
  const base = wanted.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || '表';
  let name = base;
  for (let i = 2; wb.getWorksheet(name); i++) name = `${base.slice(0, 28)}(${i})`;
  return name;
}

/**
 * Writes HTML-style rows from `startRow`, merging spans; every cell a merge covers gets the
 * style too (its borders), so the printed grid is whole. A numeric cell takes `numFmt(col)`.
 */
function writeGrid(ws: ExcelJS.Worksheet, rows: readonly GridRow[], startRow: number, size: number, styles: SheetStyles, numFmt?: (col: number) => string | undefined): void {
  const placed = placeCells(rows);
  for (const row of placed) {
    for (const p of row) {
      const r = startRow + p.row;
      const col = p.col + 1;
      const rs = p.cell.rowSpan ?? 1;
      const cs = p.cell.colSpan ?? 1;
      const style = styles.of(p.cell, size, p.cell.role === 'num' ? numFmt?.(p.col) : undefined);
      for (let a = 0; a < rs; a++) for (let b = 0; b < cs; b++) ws.getCell(r + a, col + b).style = style;
      if (p.cell.role !== 'num' && p.cell.role !== 'seq') setText(ws.getCell(r, col), p.cell.text);
      if (rs > 1 || cs > 1) ws.mergeCells(r, col, r + rs - 1, col + cs - 1);
    }
  }
}

/** Row heights for wrapped text (Excel does not grow merged cells by itself). */
function fitHeights(ws: ExcelJS.Worksheet, rows: readonly GridRow[], start: number, widths: readonly number[], size: number): void {
  const placed = placeCells(rows);
  const need = new Array<number>(rows.length).fill(1);
  for (const row of placed) {
    for (const p of row) {
      const cs = p.cell.colSpan ?? 1;
      const rs = p.cell.rowSpan ?? 1;
      const room = widths.slice(p.col, p.col + cs).reduce((a, b) => a + b, 0) - 1;
      let lines = 0;
      for (const part of p.cell.text.split('\n')) {
        // In Excel's width units (the width of a digit of the default font), an em of the
        // table's type is about two.
        const w = emWidth(part) * 2;
        lines += Math.max(1, Math.ceil(w / Math.max(1, room)));
      }
      const perRow = Math.ceil(lines / rs);
      for (let k = 0; k < rs; k++) need[p.row + k] = Math.max(need[p.row + k]!, perRow);
    }
  }
  need.forEach((n, i) => {
    if (n > 1) ws.getRow(start + i).height = Math.ceil(n * size * 1.35 + 4);
  });
}

function titleRows(ws: ExcelJS.Worksheet, label: string | undefined, title: string, sub: string | undefined, width: number): number {
  let r = 1;
  if (label) {
    setText(ws.getCell(r, 1), label);
    ws.getCell(r, 1).font = { name: FONTS.ht.name, size: 12 };
    r++;
  }
  const t = ws.getCell(r, 1);
  setText(t, title);
  t.font = { name: FONTS.xbs.name, size: 16 };
  t.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  // A merged cell does not grow with its text: give the title the lines it needs.
  const room = Array.from({ length: width }, (_, i) => ws.getColumn(i + 1).width ?? 9).reduce((a, b) => a + b, 0);
  // The 16-point title takes about 2.9 of Excel's width units an em.
  const w = emWidth(title) * 2.9;
  ws.getRow(r).height = Math.max(1, Math.ceil(w / Math.max(1, room - 2))) * 22 + 6;
  if (width > 1) ws.mergeCells(r, 1, r, width);
  r++;
  if (sub !== undefined) {
    const u = ws.getCell(r, 1);
    setText(u, sub);
    u.font = { name: FONTS.fs.name, size: 11 };
    u.alignment = { horizontal: sub.startsWith('单位') ? 'right' : 'center' };
    if (width > 1) ws.mergeCells(r, 1, r, width);
    r++;
  }
  return r;
}

/**
 * The notes under a table from sheet row `start`: one row a paragraph, merged across the
 * table's `width` columns, `注：` before the first and the later ones indented under its text.
 */
function noteRows(ws: ExcelJS.Worksheet, notes: readonly NoteLayout[], start: number, width: number, size: number): void {
  const room = Array.from({ length: width }, (_, i) => ws.getColumn(i + 1).width ?? 9).reduce((a, b) => a + b, 0);
  let r = start;
  for (const n of notes) {
    // Excel indents by the width of a character of the default font, about half an em.
    const indent = Math.round(emWidth(n.lead) * 2);
    const paragraphs = n.paragraphs.length > 0 ? n.paragraphs : [''];
    paragraphs.forEach((p, i) => {
      const cell = ws.getCell(r, 1);
      const text = i === 0 ? `${n.lead}${p}` : p;
      setText(cell, text);
      cell.font = { name: FONTS.fs.name, size };
      cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true, ...(i > 0 && indent > 0 ? { indent } : {}) };
      const lines = Math.max(1, Math.ceil((emWidth(text) * 2 + (i > 0 ? indent : 0)) / Math.max(1, room - 1)));
      if (lines > 1) ws.getRow(r).height = Math.ceil(lines * size * 1.35 + 4);
      if (width > 1) ws.mergeCells(r, 1, r, width);
      r++;
    });
  }
}

/**
 * Column widths in Excel's units (the width of a digit of the default font), from the widths
 * the printed table has: each column is as many ems wide as it is in print, so an amount that
 * fits there fits here.
 */
function excelWidths(a: Attachment): number[] {
  // A CJK em of 11-point type is about 2.2 units; digits of the fonts named (and of their
  // fallbacks) are wider than the default font's, so a little more, or Excel shows ####.
  return a.fit.widths.map((mm) => Math.max(6, Math.round(((mm - 2.8) / (a.fit.size * MM_PER_PT)) * 2.4 + 2.5)));
}

function pageSetup(ws: ExcelJS.Worksheet, landscape: boolean, titleFrom: number, titleTo: number): void {
  const inch = (x: number): number => Math.round((x / 25.4) * 100) / 100;
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { top: inch(PAGE.top), bottom: inch(PAGE_BOTTOM), left: inch(PAGE.left), right: inch(PAGE_RIGHT), header: 0.3, footer: 0.5 },
    printTitlesRow: `${titleFrom}:${titleTo}`,
  };
  ws.headerFooter = { oddFooter: '&C— &P —' };
}

function allocationSheet(wb: ExcelJS.Workbook, g: AllocationGrid, sheetStyles: SheetStyles): void {
  const t = g.table;
  const ws = wb.addWorksheet(uniqueSheetName(wb, g.label ?? t.title));
  const width = g.columns.length;
  const size = 11;
  const widths = excelWidths(g);
  ws.columns = widths.map((width) => ({ width }));
  const headStart = titleRows(ws, attachmentLabel(g), g.title, `单位：${g.unit}`, width);
  const headRows = [...g.header, ...(g.numberRow ? [g.numberRow] : [])];
  writeGrid(ws, headRows, headStart, size, sheetStyles);
  fitHeights(ws, headRows, headStart, widths, size);
  const bodyStart = headStart + headRows.length;

  // Where each row and numeric column land.
  const rowAt = new Map<RowModel, number>();
  g.body.forEach((b, i) => rowAt.set(b.row!, bodyStart + i));
  const colOf = new Map<number, string>();
  g.columns.forEach((c, k) => {
    if (c.kind === 'num') colOf.set(c.column!.index!, ws.getColumn(k + 1).letter);
  });
  // Within the table's 容差 the workbook shows the printed figures (see `workbookValues`).
  const { values, adjustments } = workbookValues(t, t.tolerance?.value);
  const styles = columnStyles(t);
  const formulas = new Map(t.numeric.filter((c) => c.relation).map((c) => [c, relationFormula(c.relation!)]));
  const fmtOf = g.columns.map((c) => (c.kind === 'num' ? numFmt(styles[c.column!.index!]?.decimals ?? 0) : undefined));

  writeGrid(ws, g.body, bodyStart, size, sheetStyles, (col) => fmtOf[col]);
  g.body.forEach((b, i) => {
    const r = b.row!;
    const excelRow = ws.getRow(bodyStart + i);
    excelRow.outlineLevel = r.depth;
    const parts = partsOf(r);
    g.columns.forEach((c, k) => {
      if (c.kind === 'seq') {
        const n = b.cells[k]!.text;
        if (n) ws.getCell(bodyStart + i, k + 1).value = Number(n);
        return;
      }
      // A group row (a heading over its rows) prints no numbers: its cells stay blank.
      if (c.kind !== 'num' || r.group) return;
      const cell = ws.getCell(bodyStart + i, k + 1);
      const col = c.column!;
      const idx = col.index!;
      const source = r.valueAt(idx);
      const result = values.get(r)?.[idx] ?? null;
      let formula: string | undefined;
      if (col.relation && formulas.get(col)!.appliesTo(r)) formula = excelFormula(col.relation.expr, (i2) => `${colOf.get(i2)}${bodyStart + i}`, col.relation.rounding?.places);
      else if (parts.length > 0 && sumsColumn(col)) formula = sumFormula(parts.map((p) => rowAt.get(p)!), colOf.get(idx)!);
      if (formula) {
        const adj = adjustments.get(r)?.[idx];
        // A difference the 容差 accepts is a constant in the formula: the cell shows the printed
        // figure, and still moves with its parts when they are edited.
        if (adj) formula = `${formula}${adj.isNegative() ? '-' : '+'}${adj.abs().toString()}`;
        cell.value = { formula, result: result ? result.toNumber() : 0 };
        if (source === null) cell.style = { ...cell.style, numFmt: `${fmtOf[k]};-${fmtOf[k]};"-"` };
        if (source !== null && result !== null && !source.eq(result)) {
          // Only with --force: the cell is marked (red) as well as noted, so it is seen without hovering.
          cell.style = { ...cell.style, font: { ...cell.style.font, color: { argb: 'FFE60012' } } };
          cell.note = `原件印 ${formatNumber(source, GROUPED, 'computed')}；按公式（各项之和或栏次公式）应为 ${formatNumber(result, GROUPED, 'computed')}`;
        } else if (adj) {
          cell.note = `原件印 ${formatNumber(source!, GROUPED, 'computed')}，与各项之和相差 ${formatNumber(adj, GROUPED, 'computed')}，在表的容差以内：公式中加上这个差，使本格与原件相同`;
        }
      } else if (source !== null) {
        cell.value = source.toNumber();
      } else if (r.node.cells[idx]?.kind === 'number') {
        setText(cell, r.node.cells[idx]!.text);
      }
    });
  });

  noteRows(ws, g.notes, bodyStart + g.body.length, width, size);

  let maxDepth = 0;
  for (const b of g.body) if (b.row!.depth > maxDepth) maxDepth = b.row!.depth;
  ws.properties.outlineLevelRow = maxDepth;
  const totalLast = t.fields.get('合计位置')?.value.text.trim() === '末行';
  ws.properties.outlineProperties = { summaryBelow: totalLast, summaryRight: false };
  // Frozen through the last label column.
  let frozenCols = 0;
  g.columns.forEach((c, k) => {
    if (c.kind === 'stub') frozenCols = k + 1;
  });
  ws.views = [{ state: 'frozen', xSplit: frozenCols, ySplit: bodyStart - 1, topLeftCell: ws.getCell(bodyStart, frozenCols + 1).address }];
  pageSetup(ws, g.fit.landscape, headStart, bodyStart - 1);
}

/** `=SUM(C6:C18)` for a contiguous run of parts, `=SUM(C6,C19,C26)` (runs as ranges) otherwise. */
export function sumFormula(rows: readonly number[], col: string): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j > i ? `${col}${sorted[i]}:${col}${sorted[j]}` : `${col}${sorted[i]}`);
    i = j + 1;
  }
  return `SUM(${runs.join(',')})`;
}

/**
 * A column's printed formula as an Excel formula on one row: `C5-D5`, `ROUND(C5/2,2)` where it
 * states a rounding (Excel's ROUND rounds half away from zero, as 四舍五入 does).
 */
export function excelFormula(e: Expr, ref: (index: number) => string, places?: number): string {
  const go = (x: Expr, parent: number): string => {
    switch (x.kind) {
      case 'column':
        return ref(x.column);
      case 'const':
        return x.value.toString();
      case 'neg':
        return `-${go(x.operand, 3)}`;
      case 'binary': {
        const prec = x.op === '+' || x.op === '-' ? 1 : 2;
        const s = `${go(x.left, prec)}${x.op}${go(x.right, prec + 1)}`;
        return prec < parent ? `(${s})` : s;
      }
    }
  };
  return places === undefined ? go(e, 0) : `ROUND(${go(e, 0)},${places})`;
}

function kpiSheet(wb: ExcelJS.Workbook, g: KpiGrid, sheetStyles: SheetStyles): void {
  const ws = wb.addWorksheet(uniqueSheetName(wb, g.label ?? g.title));
  const width = g.columns.length;
  const widths = excelWidths(g);
  ws.columns = widths.map((width) => ({ width }));
  const start = titleRows(ws, attachmentLabel(g), g.title, g.subtitle, width);
  writeGrid(ws, g.rows, start, 11, sheetStyles);
  fitHeights(ws, g.rows, start, widths, 11);
  noteRows(ws, g.notes, start + g.rows.length, width, 11);
  pageSetup(ws, g.fit.landscape, start + g.fieldRows, start + g.fieldRows);
}

export async function renderXlsx(doc: DocumentModel, notice: NoticeModel, opts: LayoutOptions = {}): Promise<Uint8Array> {
  const l = noticeLayout(doc, notice, opts);
  const wb = new ExcelJS.Workbook();
  wb.creator = l.organs.join('、') || 'notice';
  wb.title = [l.docNumber, l.title].filter((x) => x).join(' ');
  const styles = new SheetStyles();
  for (const a of l.attachments) {
    if (a.kind === 'allocation') allocationSheet(wb, a, styles);
    else kpiSheet(wb, a, styles);
  }
  if (wb.worksheets.length === 0) {
    // A notice without tables still gets a readable workbook.
    const ws = wb.addWorksheet(l.genre);
    setText(ws.getCell(1, 1), l.docNumber ?? '');
    setText(ws.getCell(2, 1), l.title);
    // (A copy for one recipient whose every table is marked 不发 has tables, none of them sent.)
    const any = notice.tables.length + notice.kpiTables.length > 0;
    setText(ws.getCell(3, 1), any ? `本份${l.genre}不附表：附件均不发收文单位` : `本${l.genre}没有分配表`);
    ws.getColumn(1).width = 80;
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
