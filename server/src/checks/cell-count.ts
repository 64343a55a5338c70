/**
 * `cell-count`: every row has one numeric cell per numeric column (`-` where the table
 * prints nothing), and no more text cells than the table has text columns. Trailing text
 * cells may be left out. Rows whose line did not read are reported by `syntax` instead. A
 * group row (a name over rows: grammar/build.ts) has no numeric cells by design; a name with
 * no numbers and no rows under it is missing its cells.
 */
import type { Check } from './context.js';

export const checkCellCount: Check = ({ model }, report) => {
  for (const t of model.tables) {
    const n = t.numeric.length;
    const ids = t.numeric.map((c) => c.id).join('、');
    for (const row of t.allRows) {
      // (The counts are read without making the row's node: see `RowModel`.)
      if (row.broken) continue;
      const m = row.cellCount;
      if (m !== n && !row.group) {
        const span = { start: row.node.start, end: row.node.end };
        report({
          code: 'cell-count',
          severity: 'error',
          span,
          message:
            n === 0
              ? `本表没有声明数字栏（“栏 编号：标题”），此行却有 ${m} 个数字`
              : `期望 ${n} 个数字格（${ids}），实际是 ${m} 个${m < n ? '：没有数的格请写“-”' : ''}`,
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
