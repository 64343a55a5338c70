/** Inlay hints: the sum of the parts beside a total that does not match it (beside every total when enabled). */
import { InlayHintKind, type InlayHint } from 'vscode-languageserver';
import { Decimal } from '../../model/decimal.js';
import { showValue } from '../../model/number-display.js';
import type { Span } from '../../model/span.js';
import { checkable, sumOfParts, sumsColumn } from '../../model/table-arithmetic.js';
import type { Analysis } from '../analysis.js';
import type { NoticeSettings } from '../settings.js';

export function inlayHints(a: Analysis, range: Span, settings: NoticeSettings): InlayHint[] {
  if (!settings.inlayHints.enabled) return [];
  const out: InlayHint[] = [];
  for (const t of a.result.model.tables) {
    if (t.node.end < range.start || t.node.start > range.end) continue;
    for (const row of t.allRows) {
      if (!checkable(row)) continue;
      if (row.node.end < range.start || row.node.start > range.end) continue;
      for (const col of t.numeric) {
        if (!sumsColumn(col)) continue; // a rate: totals do not sum it
        const i = col.index!;
        const cell = row.node.cells[i];
        if (!cell) continue;
        const sum = sumOfParts(row, i);
        const total = row.valueAt(i);
        const matches = (total ?? Decimal.ZERO).cmp(sum) === 0;
        if (matches && !settings.inlayHints.allTotals) continue;
        // The sum with the decimals of the cells it adds (`4.00`), as the table writes them.
        const shown = showValue(sum, 'computed');
        out.push({
          position: a.index.position(cell.end),
          label: matches ? `∑${shown}` : `≠∑${shown}`,
          kind: InlayHintKind.Parameter,
          paddingLeft: true,
          tooltip: matches ? `${row.name} 第${col.number}栏：各项之和 ${shown}` : `${row.name} 第${col.number}栏：各项之和为 ${shown}，合计写的是 ${showValue(total, 'computed')}`,
        });
      }
    }
  }
  return out;
}
