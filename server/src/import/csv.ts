/**
 * CSV (and tab-separated) exports of a table: split into records by the user catalogue's
 * reader (quoted fields, the separator detected), then read as a worksheet.
 */
import { parseCsv } from '../catalogue/user/csv.js';
import { sheetBlocks } from './sheet.js';
import type { SourceDocument, SourceRow } from './types.js';

export function readCsvDocument(text: string): Promise<SourceDocument> {
  const grid = parseCsv(text, 'CSV');
  const rows: SourceRow[] = grid.rows.map((r, i) => ({ cells: (r ?? []).map((t) => ({ text: t })), where: `第${grid.lines?.[i] ?? i + 1}行` }));
  return Promise.resolve({ blocks: sheetBlocks('CSV', rows, new Set()), notes: [], format: 'CSV' });
}
