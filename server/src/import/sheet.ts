/**
 * A worksheet (Excel, CSV) as the paragraphs and tables a Word file would have: rows with a
 * single text above a table (附件1, the title, 单位：万元) and below it (注：…) are
 * paragraphs; a blank row followed by such a row ends one table and starts the next.
 */
import type { SourceBlock, SourceRow } from './types.js';

/** The distinct texts of a row (a merged cell once). */
function texts(r: SourceRow): string[] {
  const out: string[] = [];
  for (const c of r.cells) {
    const t = c.text.trim();
    if (t !== '' && !c.covered) out.push(t);
  }
  return out;
}

/**
 * A sheet as paragraphs and tables: rows with at most one text above a table (and below it)
 * are paragraphs; a blank row followed by such a row ends a table and starts the next.
 */
export function sheetBlocks(sheet: string, rows: readonly SourceRow[], hiddenColumns: ReadonlySet<number>): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  let table: SourceRow[] = [];
  let blankBefore = true;
  const flush = (): void => {
    while (table.length > 0 && texts(table[table.length - 1]!).length === 0) table.pop();
    if (table.length > 0) blocks.push({ kind: 'table', table: { rows: table, hiddenColumns, sheet } });
    table = [];
  };
  for (const r of rows) {
    const t = texts(r);
    const formula = r.cells.some((c) => c.formulaWithoutValue !== undefined);
    if (t.length === 0 && !formula) {
      blankBefore = true;
      if (table.length > 0) table.push(r);
      continue;
    }
    const single = t.length === 1 && !formula && !r.cells.some((c, i) => i > 0 && c.text.trim() !== '' && c.text.trim() !== t[0]);
    if (single && (table.length === 0 || (blankBefore && !/^\S{1,12}$/.test(t[0]!)) || /^(?:注|备注)\s*[:：]/.test(t[0]!))) {
      flush();
      blocks.push({ kind: 'paragraph', text: t[0]! });
    } else table.push(r);
    blankBefore = false;
  }
  flush();
  return blocks;
}

