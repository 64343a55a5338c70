/**
 * `sum-mismatch`: a row with parts (indented rows under it) is their total, column by
 * column; this reports each column where it is not. Within the table's tolerance (its
 * `容差`, else the caller's default: `toleranceOf`) the difference is information (rounding
 * in 万元 tables), beyond it an error. The fix sets the total to the sum of its parts, offered
 * only when nothing speaks against the parts (`unsoundParts`): a part that does not add up
 * itself or breaks a relation, or parts of which the first few add up to the total exactly (a
 * deleted 小计 line), or a total the total above it agrees with, point to another wrong figure,
 * and a fix must never overwrite a correct total; the message then says what to look at. Rows
 * whose numbers could not be read are left out, with the totals that depend on them (their
 * own diagnostics say why). A rate column (`单位：%`, `单位：元/人`) is not summed, so it is
 * not checked. Which rows are parts, which columns are summed, and their sum:
 * ../model/table-arithmetic.ts.
 */
import { DecimalSum } from '../model/decimal.js';
import { formatLike, showValue, signedLike } from '../model/number-display.js';
import { checkable, partsOf, relationFormula, sumOfRows, sumsColumn, totalDifference, totalHolds, unsoundParts, type UnsoundParts } from '../model/table-arithmetic.js';
import type { RowModel } from '../model/types.js';
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
    const formulas = t.relations.map(relationFormula);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (!checkable(row)) continue; // a leaf row, or a total with a broken row among its parts
      for (let k = 0; k < summed.length; k++) {
        const col = summed[k]!;
        const i = col.index!;
        if (totalHolds(row, i, check)) continue;
        const parts = partsOf(row);
        const total = row.valueAt(i);
        const sum = sumOfRows(parts, i);
        const diff = totalDifference(row, i);
        const within = tolerance !== undefined && diff.abs().cmp(tolerance.value) <= 0;
        const span = cellSpan(row, i);
        // Numbers as the source writes them: the total as written, the sum and the difference
        // in the style of the cells they come from (`18,290,000.00`).
        const like = [cellText(row, i), ...parts.map((p) => cellText(p, i))];
        const expected = formatLike(sum, like);
        const unsound = unsoundParts(row, i, formulas, check);
        report({
          code: 'sum-mismatch',
          severity: within ? 'information' : 'error',
          span,
          message: `合计 ${cellText(row, i) || showValue(total)} ≠ 各项之和 ${expected}（差 ${signedLike(diff, like)}）：${row.name} ${columnLabel(col)}` + (within ? tolerance.note : '') + (unsound ? why(unsound, parts, total) : ''),
          related: parts.map((p) => ({ span: cellSpan(p, i), message: `${p.name} ${showValue(p.valueAt(i))}` })),
          ...(unsound ? {} : { fixes: [{ title: `将合计改为各项之和 ${expected}`, edits: [{ span, newText: expected }] }] }),
        });
      }
    }
  }
};

/** What speaks against the parts, for the message (no fix is offered then). */
function why(u: UnsoundParts, parts: readonly RowModel[], total: ReturnType<RowModel['valueAt']>): string {
  if (u.kind === 'prefix') {
    const rest = parts.slice(u.count);
    return `；前 ${u.count} 项之和正好是 ${showValue(total)}，其后 ${rest.length} 项（${rest[0]!.name}${rest.length > 1 ? '…' : ''}）可能属于一行被删去的合计或小计：请核对结构，不宜直接改合计`;
  }
  if (u.kind === 'corroborated') {
    return `；它与“${u.by.name || '上一级合计'}”的其他各项相加正好等于“${u.by.name || '上一级合计'}”，错的可能是其下某一项：请先核对各项，不宜直接改合计`;
  }
  const name = u.part.name || '（无名称的行）';
  return u.relation
    ? `；其中“${name}”本身不满足${u.relation.printed ? '栏的公式' : '核对关系'}，可能是它的数有误：请先核对它，不宜直接改合计`
    : `；其中“${name}”本身与其各项也不平衡，可能是它的数有误：请先核对它，不宜直接改合计`;
}
