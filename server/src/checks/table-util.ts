/** Shared readings of allocation tables for the checks. */
import type { CellNode } from '../../../grammar/index.js';
import { Decimal, DecimalSum } from '../model/decimal.js';
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

/** Sums values, empty cells counting as zero. */
export function sumOf(values: readonly (Decimal | null)[]): Decimal {
  const sum = new DecimalSum();
  for (const v of values) if (v) sum.add(v);
  return sum.value;
}

/** `sumOf(rows.map((r) => r.valueAt(index)))`, without the intermediate array and values. */
export function sumOfColumn(rows: readonly RowModel[], index: number): Decimal {
  const sum = new DecimalSum();
  for (let k = 0; k < rows.length; k++) rows[k]!.addValueTo(sum, index);
  return sum.value;
}

/** The rows that make up a row's total (not its `其中` breakdowns). */
export function partsOf(row: RowModel): RowModel[] {
  return row.children.filter((c) => !c.breakdown);
}

/**
 * The table's total in a column: its single top-level row when it has one (the 合计 row),
 * else the sum of its top-level rows. Undefined when a row involved cannot be trusted.
 */
export function tableTotal(t: TableModel, index: number): Decimal | undefined {
  const top = t.rows.filter((r) => !r.breakdown);
  if (top.length === 0) return undefined;
  if (top.some((r) => !r.valid)) return undefined;
  return sumOf(top.map((r) => r.valueAt(index)));
}

/** Finds a numeric column by id or 栏次. */
export function findColumn(t: TableModel, ref: string): ColumnModel | undefined {
  const byId = t.numeric.find((c) => c.id === ref);
  if (byId) return byId;
  if (/^\d+$/.test(ref)) return t.numeric.find((c) => c.number === Number(ref));
  return undefined;
}
