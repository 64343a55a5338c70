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
      // A few siblings (most totals) are compared pairwise; more, through a hash table of their
      // names' hashes. Names are compared in the text, without making them (model/rows.ts).
      const table = rows.length > SMALL ? hashTable(rows.length) : undefined;
      if (!table) hashesOf(rows);
      for (let j = 0; j < rows.length; j++) {
        const r = rows[j]!;
        const first = table ? firstInTable(table, rows, j) : firstBefore(rows, j);
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

/** The name hashes of the few siblings being compared (`hashesOf`): reused. */
const hashes = new Int32Array(SMALL);

function hashesOf(rows: readonly RowModel[]): void {
  for (let j = 0; j < rows.length; j++) hashes[j] = rows[j]!.nameHash();
}

/** The first of `rows[0, j)` with row j's name (their hashes in `hashes`); none for an empty name. */
function firstBefore(rows: readonly RowModel[], j: number): RowModel | undefined {
  const h = hashes[j]!;
  if (h < 0) return undefined;
  for (let i = 0; i < j; i++) if (hashes[i] === h && rows[i]!.sameName(rows[j]!)) return rows[i];
  return undefined;
}

/** Open addressing over the rows' name hashes: slot → row index + 1 (0: free). Reused. */
let slots = new Int32Array(64);

/** An empty table with room for `n` names (at most half full). */
function hashTable(n: number): Int32Array {
  let size = 64;
  while (size < 2 * n) size *= 2;
  if (slots.length < size) slots = new Int32Array(size);
  const table = slots.subarray(0, size);
  table.fill(0);
  return table;
}

/**
 * The first of `rows[0, j)` with row j's name, found in `table`, which holds the first row of
 * each name seen so far; row j goes in when its name is new. None for an empty name.
 */
function firstInTable(table: Int32Array, rows: readonly RowModel[], j: number): RowModel | undefined {
  const r = rows[j]!;
  const h = r.nameHash();
  if (h < 0) return undefined;
  const mask = table.length - 1;
  for (let i = h & mask; ; i = (i + 1) & mask) {
    const slot = table[i]!;
    if (slot === 0) {
      table[i] = j + 1;
      return undefined;
    }
    const other = rows[slot - 1]!;
    if (other.sameName(r)) return other;
  }
}
