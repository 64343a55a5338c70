/**
 * Shared readings of allocation tables for the checks: how a column is named in a message,
 * where a cell is. What a table adds up to is ../model/table-arithmetic.ts.
 */
import type { CellNode } from '../../../grammar/index.js';
import type { ColumnModel, RowModel, TableModel } from '../model/types.js';
import type { Span } from '../model/span.js';

/** `第1栏“全年”`. */
export function columnLabel(c: ColumnModel): string {
  return `第${c.number ?? '?'}栏“${c.id}”`;
}

/** The cell of a row in a numeric column, or the row's name when the cell is missing. */
export function cellSpan(row: RowModel, index: number): Span {
  const cell: CellNode | undefined = row.node.cells[index];
  return cell ?? row.node.name;
}

export function cellText(row: RowModel, index: number): string {
  return row.node.cells[index]?.text ?? '';
}

/** Finds a numeric column by id or 栏次. */
export function findColumn(t: TableModel, ref: string): ColumnModel | undefined {
  const byId = t.numeric.find((c) => c.id === ref);
  if (byId) return byId;
  if (/^\d+$/.test(ref)) return t.numeric.find((c) => c.number === Number(ref));
  return undefined;
}
