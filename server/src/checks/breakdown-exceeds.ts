/**
 * `breakdown-exceeds`: `其中` rows are a partial breakdown ("of which") of their row: they
 * need not add up to it, but where every value involved is non-negative they cannot add
 * up to more than it.
 */
import { Decimal } from '../model/decimal.js';
import type { RowModel } from '../model/types.js';
import type { Check } from './context.js';
import { show } from './format.js';
import { cellSpan, columnLabel, sumOf } from './table-util.js';

export const checkBreakdownExceeds: Check = ({ model }, report) => {
  for (const t of model.tables) {
    const rows = t.allRows;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const children = row.children;
      if (children.length === 0 || !hasBreakdown(children)) continue; // no 其中 parts (most rows)
      const parts = children.filter((c) => c.breakdown);
      if (parts.length === 0 || !row.valid || parts.some((p) => !p.valid)) continue;
      for (const col of t.numeric) {
        const i = col.index!;
        const values = [row.valueAt(i), ...parts.map((p) => p.valueAt(i))];
        if (values.some((v) => v !== null && v.isNegative())) continue;
        const total = row.valueAt(i);
        const sum = sumOf(parts.map((p) => p.valueAt(i)));
        const base = total ?? Decimal.ZERO;
        if (sum.cmp(base) <= 0) continue;
        report({
          code: 'breakdown-exceeds',
          severity: 'error',
          span: cellSpan(row, i),
          message: `其中各项之和 ${show(sum)} 超过本行 ${show(total)}（多 ${sum.sub(base).normalize().toString()}）：${row.name} ${columnLabel(col)}`,
          related: parts.map((p) => ({ span: cellSpan(p, i), message: `其中：${p.name} ${show(p.valueAt(i))}` })),
        });
      }
    }
  }
};

function hasBreakdown(rows: readonly RowModel[]): boolean {
  for (let k = 0; k < rows.length; k++) if (rows[k]!.breakdown) return true;
  return false;
}
