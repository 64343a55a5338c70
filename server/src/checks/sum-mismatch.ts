/**
 * `sum-mismatch`: a row with parts (indented rows under it) is their total, column by
 * column; this reports each column where it is not. Within the table's tolerance (its
 * `容差`, else the caller's default: `toleranceOf`) the difference is information (rounding
 * in 万元 tables), beyond it an error. The fix sets the total to the sum of its parts. Rows
 * whose numbers could not be read are left out, with the totals that depend on them (their
 * own diagnostics say why). A rate column (`单位：%`, `单位：元/人`) is not summed, so it is
 * not checked. Which rows are parts, which columns are summed, and their sum:
 * ../model/table-arithmetic.ts.
 */
import { DecimalSum } from '../model/decimal.js';
import { formatLike, showSigned, showValue } from '../model/number-display.js';
import { checkable, partsOf, sumOfRows, sumsColumn, totalDifference, totalHolds } from '../model/table-arithmetic.js';
import { toleranceOf, type Check } from './context.js';
import { cellSpan, cellText, columnLabel } from './table-util.js';

export const checkSumMismatch: Check = ({ model, options }, report) => {
  for (const t of model.tables) {
    const tolerance = toleranceOf(t, options);
    // Every row of the table (10⁵ in national tables): index loops, and nothing allocated
    // for a leaf row or a total that holds.
    const rows = t.allRows;
    const summed = t.numeric.filter(sumsColumn);
    const check = new DecimalSum();
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (!checkable(row)) continue; // a leaf row, or a total with a broken row among its parts
      for (const col of summed) {
        const i = col.index!;
        if (totalHolds(row, i, check)) continue;
        const parts = partsOf(row);
        const total = row.valueAt(i);
        const sum = sumOfRows(parts, i);
        const diff = totalDifference(row, i);
        const within = tolerance !== undefined && diff.abs().cmp(tolerance.value) <= 0;
        const span = cellSpan(row, i);
        const expected = formatLike(sum, [cellText(row, i), ...parts.map((p) => cellText(p, i))]);
        report({
          code: 'sum-mismatch',
          severity: within ? 'information' : 'error',
          span,
          message: `合计 ${showValue(total)} ≠ 各项之和 ${showValue(sum)}（差 ${showSigned(diff)}）：${row.name} ${columnLabel(col)}` + (within ? tolerance.note : ''),
          related: parts.map((p) => ({ span: cellSpan(p, i), message: `${p.name} ${showValue(p.valueAt(i))}` })),
          fixes: [{ title: `将合计改为各项之和 ${expected}`, edits: [{ span, newText: expected }] }],
        });
      }
    }
  }
};
