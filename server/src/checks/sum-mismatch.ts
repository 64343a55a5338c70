/**
 * `sum-mismatch`: a row with parts (indented rows under it) is their total, column by
 * column; this reports each column where it is not. Within the table's `容差` the
 * difference is information (rounding in 万元 tables), beyond it an error. The fix sets
 * the total to the sum of its parts. Rows whose numbers could not be read are left out,
 * with the totals that depend on them (their own diagnostics say why).
 */
import { Decimal, DecimalSum } from '../model/decimal.js';
import type { Check } from './context.js';
import { formatLike, show, signed } from './format.js';
import { cellSpan, cellText, columnLabel, partsOf, sumOfColumn } from './table-util.js';

export const checkSumMismatch: Check = ({ model }, report) => {
  for (const t of model.tables) {
    // Every row of the table (10⁵ in national tables): index loops, and nothing allocated
    // for a leaf row or a total that holds.
    const rows = t.allRows;
    const check = new DecimalSum();
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const children = row.children;
      if (children.length === 0 || !row.valid) continue; // no parts
      let partCount = 0;
      let valid = true;
      for (let k = 0; k < children.length; k++) {
        if (children[k]!.breakdown) continue;
        partCount++;
        if (!children[k]!.valid) valid = false;
      }
      if (partCount === 0 || !valid) continue;
      for (const col of t.numeric) {
        const i = col.index!;
        // Σ parts − total = 0 in a reused running sum: nothing made for a total that holds.
        check.reset();
        for (let k = 0; k < children.length; k++) if (!children[k]!.breakdown) children[k]!.addValueTo(check, i);
        row.addValueTo(check, i, true);
        if (check.isZero()) continue;
        const parts = partsOf(row);
        const total = row.valueAt(i);
        const sum = sumOfColumn(parts, i);
        const diff = (total ?? Decimal.ZERO).sub(sum);
        const within = t.tolerance !== undefined && diff.abs().cmp(t.tolerance.value) <= 0;
        const span = cellSpan(row, i);
        const expected = formatLike(sum, [cellText(row, i), ...parts.map((p) => cellText(p, i))]);
        report({
          code: 'sum-mismatch',
          severity: within ? 'information' : 'error',
          span,
          message:
            `合计 ${show(total)} ≠ 各项之和 ${show(sum)}（差 ${signed(diff)}）：${row.name} ${columnLabel(col)}` +
            (within ? `，在容差 ${t.tolerance!.value.toString()} 以内` : ''),
          related: parts.map((p) => ({ span: cellSpan(p, i), message: `${p.name} ${show(p.valueAt(i))}` })),
          fixes: [{ title: `将合计改为各项之和 ${expected}`, edits: [{ span, newText: expected }] }],
        });
      }
    }
  }
};
