/**
 * `formula-mismatch`: every relation of a table must hold on every row (totals included): a
 * column declared `= 公式` (printed in the 栏次 row) and a table's `核对：小计 = 常规 + 定向`
 * (checked, printed nowhere). Empty cells count as zero; the value is exact and rounded as the
 * relation states (`保留2位小数`); without a rounding, a formula that multiplies or divides is
 * compared at the precision the cell is written with. A summed column computed from a rate
 * (`金额 = 人数 × 标准 / 10000`) is, on a total, the sum of its parts (`sum-mismatch`), not its
 * formula. The related location is the relation.
 *
 * The fix sets the cell to the relation's value, except where that cell is borne out by the
 * rest of the table: a total whose cell is the sum of its parts, whose parts all satisfy the
 * relation. Then no fix is offered. If a column the formula reads does not add up on that row,
 * that total is the wrong figure (`sum-mismatch` reports and fixes it) and this stays an
 * error; if they all do, the difference is the formula's own (parts rounded, or multiplied,
 * one by one and then added, as tables are made), and it is information. A relation's value
 * on a row: ../model/table-arithmetic.ts. A group row has no cells, so nothing to hold.
 *
 * Wrong: `栏 本次：… = 全年 - 已下达` and a row `甲县 50 30 21`. Right: `甲县 50 30 20`.
 */
import { columnsIn, describeFormula, describeRounding } from '../model/formula.js';
import { Decimal, DecimalSum } from '../model/decimal.js';
import { formatLike, formatNumber, showValue, signedLike, styleOf } from '../model/number-display.js';
import { checkable, relationFormula, sumsColumn, totalHolds } from '../model/table-arithmetic.js';
import type { Check } from './context.js';
import { cellSpan, cellText, columnLabel } from './table-util.js';

export const checkFormulaMismatch: Check = ({ model }, report) => {
  for (const t of model.tables) {
    for (const relation of t.relations) {
      const formula = relationFormula(relation);
      const col = relation.column;
      const i = col.index!;
      const rounded = relation.rounding ? `（${describeRounding(relation.rounding)}）` : '';
      const written = describeFormula(relation.expr, t.columns, relation.rounding);
      const operands = [...new Set(columnsIn(relation.expr))];
      const what = relation.printed ? `${columnLabel(col)} 的公式：= ${written}` : `核对：${col.id} = ${written}`;
      // Every row of the table (10⁵ in national tables): an index loop, nothing allocated
      // for a row that holds. A sum of columns is checked as Σ terms − cell = 0 in a reused
      // running sum (exact); the rest, and a row that does not hold, by the relation's value.
      const sum = new DecimalSum();
      const rows = t.allRows;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        if (!row.valid || row.group || !formula.appliesTo(row)) continue; // (a group row has no cells to hold it)
        if (formula.holdsBySum(row, sum)) continue;
        const computed = formula.expected(row);
        if (!computed) continue;
        const actual = row.valueAt(i);
        const diff = (actual ?? Decimal.ZERO).sub(computed);
        if (diff.isZero()) continue;
        const span = cellSpan(row, i);
        const expected = relation.rounding
          ? formatNumber(computed, { grouped: styleOf([cellText(row, i)]).grouped, decimals: relation.rounding.places })
          : formatLike(computed, [cellText(row, i), ...row.node.cells.map((c) => c.text)]);
        const borneOut = sumsColumn(col) && checkable(row) && totalHolds(row, i, sum) && row.children.every((p) => p.breakdown || formula.holds(p, sum));
        // Borne out, with every column the formula reads adding up too: the difference is the
        // formula's own (a rounding, or a product, taken of the total instead of summed).
        const ownDifference = borneOut && operands.every((k) => !sumsColumn(t.numeric[k]!) || totalHolds(row, k, sum));
        report({
          code: 'formula-mismatch',
          severity: ownDifference ? 'information' : 'error',
          span,
          message: `${relation.printed ? '' : '按核对关系，'}${columnLabel(col)} 应为 ${describeFormula(relation.expr, t.columns, undefined, (k) => operand(cellText(row, k)))} = ${expected}${rounded}，实际是 ${cellText(row, i) || showValue(actual)}（差 ${signedLike(diff, [cellText(row, i), expected])}）：${row.name}`
            + (ownDifference
              ? '；本格等于各项之和，各项都满足这一关系，所用各栏的合计也都相符：差额来自各项分别舍入（或相乘）后再相加'
              : borneOut ? '；本格等于各项之和，各项也都满足这一关系：请核对公式中各栏的合计' : ''),
          related: [{ span: relation.span, message: what }],
          ...(borneOut ? {} : { fixes: [{ title: `改为按公式算出的 ${expected}`, edits: [{ span, newText: expected }] }] }),
        });
      }
    }
  }
};

/** An operand's figure as written, in brackets when negative (`前8月（-33.33）÷ 2`), `-` when empty. */
function operand(text: string): string {
  if (!text) return '-';
  return /^[-－]/.test(text) ? `（${text}）` : text;
}
