/**
 * `duplicate-row`: two sibling rows with the same name. Names need only be unique among
 * siblings (two cities may each have a 高新区); a repeated sibling is almost always a row
 * pasted twice, which its total then counts twice.
 */
import type { RowModel } from '../model/types.js';
import type { Check } from './context.js';

export const checkDuplicateRow: Check = ({ model }, report) => {
  for (const t of model.tables) {
    const siblings = (rows: readonly RowModel[]): void => {
      // A few siblings (most totals) are compared pairwise in the text, without making their
      // names; a map of the names only pays off for more.
      const seen = rows.length > SMALL ? new Map<string, RowModel>() : undefined;
      for (let j = 0; j < rows.length; j++) {
        const r = rows[j]!;
        let first: RowModel | undefined;
        if (seen) {
          const key = r.name.trim();
          if (key === '') continue;
          first = seen.get(key);
          if (!first) seen.set(key, r);
        } else {
          first = firstBefore(rows, j);
        }
        if (!first) continue;
        const key = r.name.trim();
        report({
          code: 'duplicate-row',
          severity: 'error',
          span: r.node.name,
          message: `同级已有名为“${key}”的行：同一合计下的行名称不能重复`,
          related: [{ span: first.node.name, message: `先出现的“${key}”` }],
        });
      }
    };
    siblings(t.rows);
    const rows = t.allRows;
    for (let k = 0; k < rows.length; k++) if (rows[k]!.children.length > 1) siblings(rows[k]!.children);
  }
};

const SMALL = 16;

/** The first of `rows[0, j)` with row j's name (what the map would hold for it); none for an empty name. */
function firstBefore(rows: readonly RowModel[], j: number): RowModel | undefined {
  const r = rows[j]!;
  for (let i = 0; i < j; i++) if (rows[i]!.sameName(r)) return r.name.trim() === '' ? undefined : rows[i];
  return undefined;
}
