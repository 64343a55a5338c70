/** Inlay hints: the sum of the parts beside a total that does not match it (beside every total when enabled). */
import { InlayHintKind, type InlayHint } from 'vscode-languageserver';
import { partsOf, sumOf } from '../../checks/table-util.js';
import type { Span } from '../../model/span.js';
import type { Analysis } from '../analysis.js';
import type { NoticeSettings } from '../settings.js';

export function inlayHints(a: Analysis, range: Span, settings: NoticeSettings): InlayHint[] {
  if (!settings.inlayHints.enabled) return [];
  const out: InlayHint[] = [];
  for (const t of a.result.model.tables) {
    if (t.node.end < range.start || t.node.start > range.end) continue;
    for (const row of t.allRows) {
      const parts = partsOf(row);
      if (parts.length === 0 || !row.valid || parts.some((p) => !p.valid)) continue;
      if (row.node.end < range.start || row.node.start > range.end) continue;
      for (const col of t.numeric) {
        const i = col.index!;
        const cell = row.node.cells[i];
        if (!cell) continue;
        const sum = sumOf(parts.map((p) => p.valueAt(i)));
        const total = row.valueAt(i);
        const matches = (total ?? sumOf([])).cmp(sum) === 0;
        if (matches && !settings.inlayHints.allTotals) continue;
        out.push({
          position: a.index.position(cell.end),
          label: matches ? `∑${sum.toString()}` : `≠∑${sum.toString()}`,
          kind: InlayHintKind.Parameter,
          paddingLeft: true,
          tooltip: matches ? `${row.name} 第${col.number}栏：各项之和 ${sum.toString()}` : `${row.name} 第${col.number}栏：各项之和为 ${sum.toString()}，合计写的是 ${total?.toString() ?? '-'}`,
        });
      }
    }
  }
  return out;
}
