/**
 * What sits at an offset of an analysed document: a budget code line or a code at the start
 * of a column or group title, a direct-fund tag, a document number, an allocation row or
 * cell, a column declaration. Shared by hover, definition, references, rename and completion.
 */
import type { CatalogueEntry, BudgetCatalogue } from '../catalogue/types.js';
import { shippedCatalogue } from '../catalogue/budget.js';
import type { ColumnModel, CodeRef, DirectFundRef, HeaderCodeRef, IndicatorModel, KpiGroupModel, KpiTableModel, NoticeModel, RowModel, TableModel } from '../model/types.js';
import { headerCodeClassification } from '../checks/codes.js';
import type { DocNumber } from '../model/doc-number.js';
import { findBodyRefs, type BodyRef } from '../model/body-refs.js';
import type { Analysis } from './analysis.js';
import { contains } from './convert.js';
import type { NoticeSettings } from './settings.js';
import { resolvedDocNumbers } from './workspace-index.js';

export type Located =
  | { kind: 'bodyRef'; ref: BodyRef; notice: NoticeModel }
  | { kind: 'code'; ref: CodeRef | HeaderCodeRef; notice?: NoticeModel }
  | { kind: 'directFund'; ref: DirectFundRef; notice: NoticeModel }
  | { kind: 'docNumber'; dn: DocNumber; number: string; isDefinition: boolean }
  | { kind: 'row'; table: TableModel; row: RowModel; column?: ColumnModel }
  | { kind: 'column'; table: TableModel; column: ColumnModel; inFormula?: { name: string; start: number; end: number } }
  | { kind: 'kpiGroup'; table: KpiTableModel; group: KpiGroupModel }
  | { kind: 'indicator'; table: KpiTableModel; indicator: IndicatorModel };

/** The catalogue an analysis was checked with (the user's tables over the shipped one, or the shipped one). */
export function catalogue(a?: Analysis): BudgetCatalogue {
  return a?.catalogue ?? shippedCatalogue();
}

/** The catalogue year of a notice: `年度`, else the setting, else the latest; clamped to the catalogue's years. */
export function yearOf(notice: NoticeModel | undefined, settings: NoticeSettings, cat: BudgetCatalogue = catalogue()): number {
  const years = cat.years;
  const latest = years.length > 0 ? Math.max(...years) : new Date().getFullYear();
  const earliest = years.length > 0 ? Math.min(...years) : latest;
  const wanted = notice?.year ?? settings.catalogueYear ?? latest;
  return Math.max(earliest, Math.min(latest, wanted));
}

/** The notice a position belongs to: the one whose block holds it, or the last one above it. */
export function noticeAt(a: Analysis, offset: number): NoticeModel | undefined {
  let found: NoticeModel | undefined;
  for (const n of a.result.model.notices) if (n.node.start <= offset) found = n;
  for (const t of [...a.result.model.tables, ...a.result.model.kpiTables]) {
    if (t.node.start <= offset && offset <= t.node.end) return t.notice ?? found;
  }
  return found;
}

/** Column ids in a formula, with their offsets. */
export function formulaNames(column: ColumnModel): { name: string; start: number; end: number }[] {
  const f = column.node.formula;
  return f ? namesIn(f) : [];
}

/** Column ids in a table's `核对` lines (both sides of the `=`), with their offsets. */
export function relationNames(table: TableModel): { name: string; start: number; end: number }[] {
  return table.node.fields.filter((f) => f.key.text === '核对').flatMap((f) => namesIn(f.value));
}

function namesIn(f: { text: string; start: number }): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  const re = /[^\s+\-×*/÷()（）＋－−＊／=＝]+/g;
  for (let m = re.exec(f.text); m; m = re.exec(f.text)) out.push({ name: m[0], start: f.start + m.index, end: f.start + m.index + m[0].length });
  return out;
}

export function chain(entry: CatalogueEntry, year: number, cat: BudgetCatalogue = catalogue()): CatalogueEntry[] {
  return cat.parentChain(entry, year);
}

export function locate(a: Analysis, offset: number): Located | undefined {
  const model = a.result.model;
  for (const notice of model.notices) {
    if (offset < notice.node.start || offset > notice.node.end) continue;
    for (const ref of notice.codes) {
      if (contains(ref.field.value, offset) && offset >= ref.code.start) return { kind: 'code', ref, notice };
      if (contains(ref.field.key, offset)) return { kind: 'code', ref, notice };
    }
    for (const ref of notice.directFund) {
      if (contains(ref.field.value, offset) || contains(ref.field.key, offset)) return { kind: 'directFund', ref, notice };
    }
    for (const p of notice.node.body?.paragraphs ?? []) {
      if (!contains(p, offset)) continue;
      const ref = findBodyRefs(p.text, p.start).find((r) => contains(r.span, offset));
      if (ref) return { kind: 'bodyRef', ref, notice };
    }
  }
  const line = lineAround(a.text, offset);
  for (const { dn, number } of resolvedDocNumbers(line.text)) {
    const span = { start: dn.span.start + line.start, end: dn.span.end + line.start };
    if (contains(span, offset)) {
      const isDefinition = model.notices.some((n) => n.docNumber !== undefined && n.docNumber.start <= span.start && span.start < n.docNumber.end);
      return { kind: 'docNumber', dn: { ...dn, span }, number, isDefinition };
    }
  }
  for (const table of model.tables) {
    if (offset < table.node.start || offset > table.node.end) continue;
    // A budget code a column or group title starts with, where the code checks read one.
    for (const ref of table.codes) {
      if (headerCodeClassification(ref) && offset >= ref.code.start && offset <= ref.name.end) return { kind: 'code', ref, ...(table.notice ? { notice: table.notice } : {}) };
    }
    for (const column of table.columns) {
      if (!contains(column.node, offset)) continue;
      const inFormula = formulaNames(column).find((n) => contains(n, offset));
      return { kind: 'column', table, column, ...(inFormula ? { inFormula } : {}) };
    }
    // A column named in a `核对` line.
    const inRelation = relationNames(table).find((n) => contains(n, offset));
    const named = inRelation && table.numeric.find((c) => c.id === inRelation.name);
    if (inRelation && named) return { kind: 'column', table, column: named, inFormula: inRelation };
    // The row on the offset's line (a row is one line): its start is on that line.
    for (const row of table.allRows) {
      const start = row.node.start;
      if (start < line.start || start > line.end) continue;
      const i = row.node.cells.findIndex((c) => contains(c, offset));
      const column = i >= 0 ? table.numeric[i] : undefined;
      return { kind: 'row', table, row, ...(column ? { column } : {}) };
    }
  }
  for (const table of model.kpiTables) {
    if (offset < table.node.start || offset > table.node.end) continue;
    for (const group of [...table.level1, ...table.level2]) if (contains(group.node.name, offset)) return { kind: 'kpiGroup', table, group };
    for (const indicator of table.indicators) if (contains(indicator.node.key, offset)) return { kind: 'indicator', table, indicator };
  }
  return undefined;
}

/** The line holding an offset: its start and end offsets (without the line break) and text. */
export function lineAround(text: string, offset: number): { start: number; end: number; text: string } {
  let start = Math.max(0, Math.min(offset, text.length));
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = Math.max(start, Math.min(offset, text.length));
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end, text: text.slice(start, end) };
}
