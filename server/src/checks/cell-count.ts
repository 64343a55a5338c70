/**
 * `cell-count`: every row has one numeric cell per numeric column (`-` where the table
 * prints nothing), and no more text cells than the table has text columns. Trailing text
 * cells may be left out. Rows whose line did not read are reported by `syntax` instead. A
 * group row (a name over rows: grammar/build.ts) has no numeric cells by design; a name with
 * no numbers and no rows under it is missing its cells. A row with no figures at all (no
 * cells, or only `-`) gets a fix that writes one `-` per column: it states no number, so the fix
 * changes none. A row with some figures but too few says which columns there are, never
 * guessing which of them its figures belong to.
 */
import type { Check } from './context.js';

export const checkCellCount: Check = ({ model }, report) => {
  for (const t of model.tables) {
    const n = t.numeric.length;
    const ids = t.numeric.map((c) => c.id).join('、');
    // Every row of the table (10⁵ in national tables): an index loop, which allocates nothing
    // even before it is optimised (an iterator's result is an object per row).
    const rows = t.allRows;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      // (The counts are read without making the row's node: see `RowModel`.)
      if (row.broken) continue;
      const m = row.cellCount;
      if (m !== n && !row.group) {
        const span = { start: row.node.start, end: row.node.end };
        const cells = row.node.cells;
        // (A digit in the name may be a figure that did not read as one, `丙县 1,2345`: no fix then.)
        const blank = m < n && cells.every((c) => c.kind === 'empty') && !/[0-9０-９]/.test(row.name);
        const dashes = Array.from({ length: n }, () => '-').join(' ');
        const after = cells.length > 0 ? cells[cells.length - 1]!.end : row.node.textCells.length > 0 ? closingBracket(model.file.text, row.node.textCells[row.node.textCells.length - 1]!.end) : row.node.name.end;
        report({
          code: 'cell-count',
          severity: 'error',
          span,
          message:
            n === 0
              ? `本表没有声明数字栏（“栏 编号：标题”），此行却有 ${m} 个数字`
              : m < n
                ? blank
                  ? `期望 ${n} 个数字格（${ids}），实际是 ${m} 个：没有数的格每格写一个“-”，此行应为“${row.name} ${dashes}”`
                  : `期望 ${n} 个数字格（${ids}），实际是 ${m} 个：每栏一格，按栏的顺序写，没有数的格写“-”`
                : `期望 ${n} 个数字格（${ids}），实际是 ${m} 个`,
          ...(blank && n > 0
            ? { fixes: [{ title: `写成 ${n} 个“-”`, edits: [{ span: { start: cells.length > 0 ? cells[0]!.start : after, end: after }, newText: cells.length > 0 ? dashes : ` ${dashes}` }] }] }
            : {}),
        });
      }
      const texts = row.textCellCount;
      if (texts > t.textColumns.length) {
        const text = model.file.text;
        // From the extra cell's `[` to the last cell's `]` (spaces may sit inside the brackets).
        const from = row.node.textCells[t.textColumns.length]!.start;
        const start = Math.max(text.lastIndexOf('[', from), text.lastIndexOf('［', from));
        const to = row.node.textCells[texts - 1]!.end;
        const closes = [text.indexOf(']', to), text.indexOf('］', to)].filter((i) => i >= 0);
        const close = closes.length > 0 ? Math.min(...closes) : -1;
        report({
          code: 'cell-count',
          severity: 'error',
          span: { start: Math.max(start, row.node.start), end: close >= 0 && close < row.node.end ? close + 1 : row.node.end },
          message: `本表有 ${t.textColumns.length} 个文字栏，此行却有 ${texts} 个文字格“[…]”`,
        });
      }
    }
  }
};

/** Just after the `]` that closes a text cell ending at `end` (or `end` when there is none on the line). */
function closingBracket(text: string, end: number): number {
  for (let i = end; i < text.length && text[i] !== '\n'; i++) if (text[i] === ']' || text[i] === '］') return i + 1;
  return end;
}
