/**
 * `formula-mismatch`: a column declared `= 公式` must hold on every row (totals included;
 * a group row has no cells, so nothing to hold).
 * Empty cells count as zero; a quotient is compared at the precision the cell is written
 * with. The fix sets the cell to the computed value; the related location is the column's
 * formula. A formula's value on a row: ../model/table-arithmetic.ts.
 */
import { describeFormula } from '../model/formula.js';
import { Decimal, DecimalSum } from '../model/decimal.js';
import { formatLike, showSigned, showValue } from '../model/number-display.js';
import { columnFormula } from '../model/table-arithmetic.js';
import type { Check } from './context.js';
import { cellSpan, cellText, columnLabel } from './table-util.js';

export const checkFormulaMismatch: Check = ({ model }, report) => {
  for (const t of model.tables) {
    for (const col of t.numeric) {
      const formula = columnFormula(col);
      if (!formula || !col.node.formula) continue;
      const i = col.index!;
      const described = describeFormula(formula.expr, t.columns);
      // Every row of the table (10⁵ in national tables): an index loop, nothing allocated
      // for a row that holds. A sum of columns is checked as Σ terms − cell = 0 in a reused
      // running sum (exact); the rest, and a row that does not hold, by the formula's value.
      const sum = new DecimalSum();
      const rows = t.allRows;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        if (!row.valid || row.group) continue; // (a group row has no cells to hold it)
        if (formula.holdsBySum(row, sum)) continue;
        const computed = formula.expected(row);
        if (!computed) continue;
        const actual = row.valueAt(i);
        const diff = (actual ?? Decimal.ZERO).sub(computed);
        if (diff.isZero()) continue;
        const span = cellSpan(row, i);
        const expected = formatLike(computed, [cellText(row, i), ...row.node.cells.map((c) => c.text)]);
        report({
          code: 'formula-mismatch',
          severity: 'error',
          span,
          message: `${columnLabel(col)} 应为 ${described} = ${showValue(computed)}，实际是 ${showValue(actual)}（差 ${showSigned(diff)}）：${row.name}`,
          related: [{ span: col.node.formula, message: `${columnLabel(col)} 的公式：= ${described}` }],
          fixes: [{ title: `改为按公式算出的 ${expected}`, edits: [{ span, newText: expected }] }],
        });
      }
    }
  }
};
