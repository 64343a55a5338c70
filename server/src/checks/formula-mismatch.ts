/**
 * `formula-mismatch`: a column declared `= 公式` must hold on every row (totals included).
 * Empty cells count as zero. The fix sets the cell to the computed value; the related
 * location is the column's formula.
 */
import { describeFormula, evaluate, linearTerms } from '../model/formula.js';
import { Decimal, DecimalSum } from '../model/decimal.js';
import type { Expr } from '../model/types.js';
import type { Check } from './context.js';
import { formatLike, show, signed } from './format.js';
import { cellSpan, cellText, columnLabel } from './table-util.js';

export const checkFormulaMismatch: Check = ({ model }, report) => {
  for (const t of model.tables) {
    for (const col of t.numeric) {
      const formula = col.formula;
      if (!formula || !col.node.formula) continue;
      const i = col.index!;
      const described = describeFormula(formula, t.columns);
      const division = hasDivision(formula);
      // Every row of the table (10⁵ in national tables): an index loop, nothing allocated
      // for a row that holds. A sum of columns is checked as Σ terms − cell = 0 in a reused
      // running sum (exact, like `evaluate`); the rest, and a row that does not hold, below.
      const terms = linearTerms(formula);
      const sum = new DecimalSum();
      const rows = t.allRows;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        if (!row.valid) continue;
        if (terms) {
          sum.reset();
          for (let k = 0; k < terms.length; k++) row.addValueTo(sum, terms[k]!.column, terms[k]!.negate);
          row.addValueTo(sum, i, true);
          if (sum.isZero()) continue;
        }
        let computed = evaluate(formula, row);
        if (!computed) continue;
        const actual = row.valueAt(i);
        if (division) {
          const cellScale = decimals(cellText(row, i));
          // A quotient is compared at the precision the cell is written with.
          if (computed.scale > cellScale) computed = computed.round(cellScale);
        }
        const diff = (actual ?? Decimal.ZERO).sub(computed);
        if (diff.isZero()) continue;
        const span = cellSpan(row, i);
        const expected = formatLike(computed, [cellText(row, i), ...row.node.cells.map((c) => c.text)]);
        report({
          code: 'formula-mismatch',
          severity: 'error',
          span,
          message: `${columnLabel(col)} 应为 ${described} = ${show(computed)}，实际是 ${show(actual)}（差 ${signed(diff)}）：${row.name}`,
          related: [{ span: col.node.formula, message: `${columnLabel(col)} 的公式：= ${described}` }],
          fixes: [{ title: `改为按公式算出的 ${expected}`, edits: [{ span, newText: expected }] }],
        });
      }
    }
  }
};

/** Digits after the (first) decimal point: `text.split('.')[1]?.length ?? 0`, without the split. */
function decimals(text: string): number {
  const dot = text.indexOf('.');
  if (dot < 0) return 0;
  const next = text.indexOf('.', dot + 1);
  return (next < 0 ? text.length : next) - dot - 1;
}

function hasDivision(e: Expr): boolean {
  if (e.kind === 'binary') return e.op === '/' || hasDivision(e.left) || hasDivision(e.right);
  if (e.kind === 'neg') return hasDivision(e.operand);
  return false;
}
