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
      // A few siblings (most totals) are compared pairwise; a map only pays off for more.
      const seen = rows.length > SMALL ? new Map<string, RowModel>() : undefined;
      // A row's name is read from the source on each access (model/rows.ts): once here.
      const keys = rows.map((r) => r.name.trim());
      for (let j = 0; j < rows.length; j++) {
        const r = rows[j]!;
        const key = keys[j]!;
        if (key === '') continue;
        const first = seen ? seen.get(key) : firstBefore(rows, keys, j, key);
        if (first) {
          report({
            code: 'duplicate-row',
            severity: 'error',
            span: r.node.name,
            message: `同级已有名为“${key}”的行：同一合计下的行名称不能重复`,
            related: [{ span: first.node.name, message: `先出现的“${key}”` }],
          });
        } else seen?.set(key, r);
      }
    };
    siblings(t.rows);
    const rows = t.allRows;
    for (let k = 0; k < rows.length; k++) if (rows[k]!.children.length > 1) siblings(rows[k]!.children);
  }
};

const SMALL = 16;

/** The first of `rows[0, j)` named `key` (what the map would hold for it); `keys[i]` is row i's. */
function firstBefore(rows: readonly RowModel[], keys: readonly string[], j: number, key: string): RowModel | undefined {
  for (let i = 0; i < j; i++) if (keys[i] === key) return rows[i];
  return undefined;
}
