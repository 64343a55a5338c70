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
      const seen = new Map<string, RowModel>();
      for (const r of rows) {
        const key = r.name.trim();
        if (key === '') continue;
        const first = seen.get(key);
        if (first) {
          report({
            code: 'duplicate-row',
            severity: 'error',
            span: r.node.name,
            message: `同级已有名为“${key}”的行：同一合计下的行名称不能重复`,
            related: [{ span: first.node.name, message: `先出现的“${key}”` }],
          });
        } else seen.set(key, r);
      }
    };
    siblings(t.rows);
    for (const r of t.allRows) if (r.children.length > 1) siblings(r.children);
  }
};
