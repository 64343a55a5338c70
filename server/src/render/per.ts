/**
 * Per-recipient rendering (`--per 市`): which rows of a notice's allocation table get a copy
 * of the notice each. A level is a row depth (`1` = top-level rows, `2` their parts …) or a
 * level name (`省`, `市`, `县`, `区`) matched to the depth whose row names end that way most
 * often (in 全省 › 南昌市 › 东湖区, `市` is level 2 and `县` level 3).
 */
import { isPart } from '../model/table-arithmetic.js';
import type { NoticeModel, RowModel, TableModel } from '../model/types.js';

const LEVEL_NAMES: Record<string, RegExp> = {
  省: /省$/,
  市: /市$/,
  州: /[州盟]$/,
  县: /([县旗区]|管理局)$/,
  区: /([县旗区]|管理局)$/,
  县区: /([县旗区]|管理局)$/,
  乡: /[乡镇]$/,
  镇: /[乡镇]$/,
};

export type PerResult =
  | { readonly ok: true; readonly table: TableModel; readonly depth: number; readonly rows: readonly RowModel[] }
  | { readonly ok: false; readonly noTable: boolean; readonly message: string };

/** The rows at a depth that count in their parent's total: a `其中` row is no recipient of its own. */
function rowsAtDepth(t: TableModel, depth: number): RowModel[] {
  return t.allRows.filter((r) => r.depth === depth && isPart(r));
}

/** The rows of the notice's first allocation table at `level`. */
export function recipientsAt(n: NoticeModel, level: string): PerResult {
  const t = n.tables[0];
  const what = n.docNumber?.text ?? n.node.keyword.text;
  if (!t) return { ok: false, noTable: true, message: `${what} 下没有分配表，无法按“${level}”分发` };
  let maxDepth = -1;
  for (const r of t.allRows) if (r.depth > maxDepth) maxDepth = r.depth;
  if (/^\d+$/.test(level)) {
    const depth = Number(level) - 1;
    if (depth < 0 || depth > maxDepth) return { ok: false, noTable: false, message: `${t.label ?? t.title} 的行只有 ${maxDepth + 1} 层，没有第 ${level} 层` };
    return { ok: true, table: t, depth, rows: rowsAtDepth(t, depth) };
  }
  const re = LEVEL_NAMES[level] ?? new RegExp(`${level.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  let best = -1;
  let bestShare = 0;
  for (let d = 0; d <= maxDepth; d++) {
    const rows = rowsAtDepth(t, d);
    if (rows.length === 0) continue;
    const share = rows.filter((r) => re.test(r.name)).length / rows.length;
    if (share > bestShare) {
      best = d;
      bestShare = share;
    }
  }
  if (best < 0 || bestShare < 0.5) {
    return { ok: false, noTable: false, message: `${t.label ?? t.title} 中找不到“${level}”一级的行：请用层数（1 为最上层，共 ${maxDepth + 1} 层）` };
  }
  return { ok: true, table: t, depth: best, rows: rowsAtDepth(t, best) };
}
