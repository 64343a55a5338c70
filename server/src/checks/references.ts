/**
 * Resolving what a notice's `金额：… = 附件1.本次` and a KPI table's `= 附件1.栏` or `详见附件1`
 * point to.
 * Shared by `amount-mismatch` (which compares the numbers) and `unknown-reference`
 * (which reports what points nowhere).
 */
import type { Decimal } from '../model/decimal.js';
import { isMoney, tableTotal } from '../model/table-arithmetic.js';
import type { ColumnModel, KpiAmount, NoticeModel, TableModel } from '../model/types.js';
import { findColumn } from './table-util.js';

export type TieResult =
  | { readonly kind: 'tied'; readonly table: TableModel; readonly column: ColumnModel; readonly total?: Decimal }
  /** Tied to a column whose numbers are not amounts (`单位：元/人`, `%`, `人`): nothing to compare. */
  | { readonly kind: 'not-amount'; readonly table: TableModel; readonly column: ColumnModel; readonly message: string }
  | { readonly kind: 'none' }
  /** `详见附件N` where the table has several amount columns and nothing says which. */
  | { readonly kind: 'ambiguous'; readonly table: TableModel; readonly message: string }
  | { readonly kind: 'unresolved'; readonly message: string };

export function findTable(n: NoticeModel | undefined, label: string): TableModel | undefined {
  return n?.tables.find((t) => t.label === label);
}

function describeTables(n: NoticeModel): string {
  const labels = n.tables.map((t) => t.label).filter((l): l is string => !!l);
  return labels.length > 0 ? `本通知的分配表有 ${labels.join('、')}` : '本通知下没有带附件编号的分配表';
}

/** `：金额栏有 本次、全年` for a message, or nothing when the table has none. */
function amountColumns(t: TableModel): string {
  const ids = t.numeric.filter(isMoney).map((c) => c.id);
  return ids.length > 0 ? `；${t.label ?? t.title} 的金额栏有 ${ids.join('、')}` : '';
}

/** The table column a notice's `金额` is tied to. */
export function amountTie(n: NoticeModel): TieResult {
  const a = n.amount;
  if (!a) return { kind: 'none' };
  if (a.ref) return resolveTie(n, a.ref);
  // Without `= …`: the notice's only table's only amount column, if there is one.
  const amounts = n.tables.length === 1 ? n.tables[0]!.numeric.filter(isMoney) : [];
  if (amounts.length === 1) {
    const table = n.tables[0]!;
    const column = amounts[0]!;
    const total = tableTotal(table, column.index!);
    return { kind: 'tied', table, column, ...(total ? { total } : {}) };
  }
  return { kind: 'none' };
}

/**
 * The table column a KPI money field is tied to, where it says so: `= 附件1.栏`, or `详见附件1`
 * (the table's only amount column, or the one the notice's `金额` is tied to in that table).
 */
export function kpiAmountTie(n: NoticeModel | undefined, a: KpiAmount): TieResult {
  if (!a.ref || !n) return { kind: 'none' };
  if (a.ref.column !== undefined || !a.ref.see) return resolveTie(n, a.ref);
  const table = findTable(n, a.ref.table);
  // `详见附件2` may name any attachment (a KPI table, a table of another notice's): it ties
  // to an allocation table of this notice only when there is one by that label.
  if (!table) return { kind: 'none' };
  const amounts = table.numeric.filter(isMoney);
  const noticeTie = amountTie(n);
  const column = amounts.length === 1 ? amounts[0] : noticeTie.kind === 'tied' && noticeTie.table === table ? noticeTie.column : undefined;
  if (!column) return { kind: 'ambiguous', table, message: `${a.ref.table} 有 ${amounts.length} 个金额栏，不能确定“${a.key}”与哪一栏的合计相核：如要核对，请写“= ${a.ref.table}.${amounts[0]?.id ?? '栏'}”` };
  const total = tableTotal(table, column.index!);
  return { kind: 'tied', table, column, ...(total ? { total } : {}) };
}

/** What `附件1.本次` (or `附件1` alone) points to in notice `n`. */
function resolveTie(n: NoticeModel, ref: { readonly table: string; readonly column?: string }): TieResult {
  const table = findTable(n, ref.table);
  if (!table) return { kind: 'unresolved', message: `“${ref.table}”不是本通知的分配表：${describeTables(n)}` };
  let column: ColumnModel | undefined;
  if (ref.column !== undefined) {
    column = findColumn(table, ref.column);
    if (!column) {
      return {
        kind: 'unresolved',
        message: `${ref.table} 中没有数字栏“${ref.column}”：有 ${table.numeric.map((c) => c.id).join('、') || '（无）'}`,
      };
    }
  } else if (table.numeric.length === 1) column = table.numeric[0];
  else return { kind: 'unresolved', message: `${ref.table} 有 ${table.numeric.length} 个数字栏：请写明是哪一栏（如“${ref.table}.${table.numeric[0]?.id ?? '本次'}”）` };
  if (!column) return { kind: 'none' };
  if (!isMoney(column)) {
    const unit = column.unit!;
    return {
      kind: 'not-amount',
      table,
      column,
      message: `“${ref.table}.${column.id}”的单位是${unit.text}，不是金额（表的金额单位为${table.unit}）：金额只能与金额栏的合计相核${amountColumns(table)}`,
    };
  }
  const total = tableTotal(table, column.index!);
  return { kind: 'tied', table, column, ...(total ? { total } : {}) };
}
