/**
 * `breakdown-exceeds`: `其中` rows are a partial breakdown ("of which") of their row: they
 * need not add up to it, but where every value involved is non-negative they cannot add
 * up to more than it. A group row states no number, so its `其中` rows have nothing to exceed;
 * a rate column (`单位：%`) is not summed, so it is not compared. Which rows are the breakdown:
 * ../model/table-arithmetic.ts.
 */
import { Decimal } from '../model/decimal.js';
import { formatNumber, showValue } from '../model/number-display.js';
import { breakdownOf, hasBreakdown, sumOfRows, sumsColumn } from '../model/table-arithmetic.js';
import type { Check } from './context.js';
import { cellSpan, columnLabel } from './table-util.js';

export const checkBreakdownExceeds: Check = ({ model }, report) => {
  for (const t of model.tables) {
    const rows = t.allRows;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (!hasBreakdown(row) || row.group) continue; // no 其中 parts (most rows), or no number to exceed
      const parts = breakdownOf(row);
      if (!row.valid || t.unsure?.has(row) || parts.some((p) => !p.valid)) continue;
      for (const col of t.numeric) {
        if (!sumsColumn(col)) continue;
        const i = col.index!;
        const values = [row.valueAt(i), ...parts.map((p) => p.valueAt(i))];
        if (values.some((v) => v !== null && v.isNegative())) continue;
        const total = row.valueAt(i);
        const sum = sumOfRows(parts, i);
        const base = total ?? Decimal.ZERO;
        if (sum.cmp(base) <= 0) continue;
        report({
          code: 'breakdown-exceeds',
          severity: 'error',
          span: cellSpan(row, i),
          message: `其中各项之和 ${showValue(sum)} 超过本行 ${showValue(total)}（多 ${formatNumber(sum.sub(base))}）：${row.name} ${columnLabel(col)}`,
          related: parts.map((p) => ({ span: cellSpan(p, i), message: `其中：${p.name} ${showValue(p.valueAt(i))}` })),
        });
      }
    }
  }
};
