/**
 * Plain text: what a PDF's text layer gives when extracted (`pdftotext`, a copy from a PDF
 * viewer) with table rows as tab-separated cells, the form of the texts in ../shared/seeds/;
 * and cells copied from Excel (tab-separated, one row a line). Lines with a tab are table
 * rows; consecutive ones (blank lines between them allowed: a page break) are one table;
 * other lines are paragraphs.
 */
import type { SourceBlock, SourceDocument, SourceRow } from './types.js';

/** One line of tab-separated cells as a row. */
export function tabRow(line: string, where: string): SourceRow {
  return { cells: line.split('\t').map((text) => ({ text })), where };
}

export function readText(text: string): SourceDocument {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
  const blocks: SourceBlock[] = [];
  let rows: SourceRow[] | undefined;
  const flush = (): void => {
    if (rows && rows.length > 0) blocks.push({ kind: 'table', table: { rows } });
    rows = undefined;
  };
  lines.forEach((line, i) => {
    if (line.includes('\t')) {
      rows ??= [];
      rows.push(tabRow(line, `第${i + 1}行`));
      return;
    }
    if (line.trim() === '') return;
    flush();
    blocks.push({ kind: 'paragraph', text: line });
  });
  flush();
  return { blocks, notes: [], format: '文本' };
}
