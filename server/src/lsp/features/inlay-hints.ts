/**
 * Inlay hints: the sums of the parts of a total row, at the end of its line (after its last
 * cell and any comment), where they push no cell out of its column; written like the
 * column's cells (thousands separators, decimals). Beside a total that does not match it
 * (every total when `notice.inlayHints.allTotals`), naming the columns that are off.
 */
import { InlayHintKind, type InlayHint } from 'vscode-languageserver';
import { Decimal } from '../../model/decimal.js';
import { columnStyles, formatNumber, showValue } from '../../model/number-display.js';
import type { Span } from '../../model/span.js';
import { checkable, sumOfParts, sumsColumn } from '../../model/table-arithmetic.js';
import type { Analysis } from '../analysis.js';
import type { NoticeSettings } from '../settings.js';

/** The end of the line that holds `offset` (before its line break). */
function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

export function inlayHints(a: Analysis, range: Span, settings: NoticeSettings): InlayHint[] {
  if (!settings.inlayHints.enabled) return [];
  const out: InlayHint[] = [];
  for (const t of a.result.model.tables) {
    if (t.node.end < range.start || t.node.start > range.end) continue;
    let styles: ReturnType<typeof columnStyles> | undefined;
    for (const row of t.allRows) {
      if (!checkable(row)) continue;
      if (row.node.end < range.start || row.node.start > range.end) continue;
      const cells = row.node.cells;
      if (cells.length === 0) continue;
      const parts: string[] = [];
      const tips: string[] = [];
      let mismatch = false;
      for (const col of t.numeric) {
        if (!sumsColumn(col)) continue; // a rate: totals do not sum it
        const i = col.index!;
        if (!cells[i]) continue;
        const sum = sumOfParts(row, i);
        const total = row.valueAt(i);
        const matches = (total ?? Decimal.ZERO).cmp(sum) === 0;
        if (!matches) mismatch = true;
        if (matches && !settings.inlayHints.allTotals) continue;
        styles ??= columnStyles(t);
        const shown = formatNumber(sum, styles[i] ?? { grouped: false, decimals: 0 }, 'computed');
        parts.push(t.numeric.length > 1 ? `第${col.number}栏 ${shown}` : shown);
        tips.push(matches ? `第${col.number}栏“${col.id}”：各项之和 ${shown}` : `第${col.number}栏“${col.id}”：各项之和为 ${shown}，合计写的是 ${showValue(total, 'computed')}`);
      }
      if (parts.length === 0) continue;
      out.push({
        position: a.index.position(lineEnd(a.text, cells[cells.length - 1]!.end)),
        label: `${mismatch ? '≠∑' : '∑'} ${parts.join(' · ')}`,
        kind: InlayHintKind.Parameter,
        paddingLeft: true,
        tooltip: `${row.name}：${tips.join('；')}`,
      });
    }
  }
  return out;
}
