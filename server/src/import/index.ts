/**
 * The importer: a file's bytes (Excel, CSV, Word, PDF, or text extracted from a PDF) in,
 * `.notice` text out, every number exactly as printed and every guess said in a
 * `# 导入：…` comment. No I/O: the CLI and the language server read the files and hand the
 * bytes in, so this runs in a web worker too.
 *
 * Each reader turns its format into one `SourceDocument` (paragraphs and tables of printed
 * cells, ./types.ts); ./document.ts cuts it into notices and attachments, ./notice.ts,
 * ./allocation.ts (with ./nesting.ts) and ./kpi.ts read them, ./write.ts writes the text.
 */
import { assemble } from './document.js';
import { readAllocation } from './allocation.js';
import { readText, tabRow } from './text.js';
import { ImportError, type ImportResult, type SourceDocument } from './types.js';
import { writeNoticeText, writePastedRows } from './write.js';

export { ImportError, type ImportResult, type SourceDocument } from './types.js';

export type ImportFormat = 'xlsx' | 'csv' | 'docx' | 'pdf' | 'text';

/** The format of a file, by its first bytes (a zip's parts, `%PDF`), else by its name. */
export function formatOf(name: string, bytes: Uint8Array): ImportFormat | undefined {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'pdf';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'docx') return 'docx';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'csv') return 'csv';
  if (ext === 'txt' || ext === 'tsv' || ext === 'text') return 'text';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return ext === 'docx' ? 'docx' : undefined;
  return undefined;
}

/** Text decoded as the CLI decodes sources: UTF-8 (with or without a BOM), UTF-16 with a BOM, else GB18030. */
export function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function read(format: ImportFormat, bytes: Uint8Array): Promise<SourceDocument> {
  switch (format) {
    case 'text':
      return readText(decode(bytes));
    case 'csv':
      return (await import('./csv.js')).readCsvDocument(decode(bytes));
    case 'xlsx':
      return (await import('./xlsx.js')).readXlsxDocument(bytes);
    case 'docx':
      return (await import('./docx.js')).readDocxDocument(bytes);
    case 'pdf':
      return (await import('./pdf.js')).readPdfDocument(bytes);
  }
}

/** Imports a document already read into paragraphs and tables. */
export function importDocument(doc: SourceDocument, name: string): ImportResult {
  const parts = assemble(doc);
  if (parts.length === 0 || parts.every((p) => p.attachments.length === 0 && p.notice === undefined)) {
    return { ok: false, message: `${name}：没有找到通知或表格，没有可导入的内容` };
  }
  const header = [`由 ${name}（${doc.format}）导入。数字照原件；“# 导入：”注释是导入时的推断，请逐条核对后删去。`, ...doc.notes];
  const w = writeNoticeText(parts, header);
  const summary = `导入了 ${w.tables} 张表、${w.rows} 行；${w.guesses} 处推断（见“# 导入：”注释）`;
  return { ok: true, text: w.text, tables: w.tables, rows: w.rows, guesses: w.guesses, summary };
}

/**
 * Imports one file from its bytes. Never throws: a file that cannot be read (corrupt,
 * password-protected, a scan without a text layer, a format it does not know) gives
 * `{ ok: false, message }` with one Chinese line.
 */
export async function importFile(name: string, bytes: Uint8Array): Promise<ImportResult> {
  const format = formatOf(name, bytes);
  if (!format) return { ok: false, message: `${name}：不认识的文件类型；能导入的是 .xlsx、.csv、.docx、.pdf 和从 PDF 提取的 .txt` };
  try {
    return importDocument(await read(format, bytes), name);
  } catch (err) {
    if (err instanceof ImportError) return { ok: false, message: `${name}：${err.message}` };
    return { ok: false, message: `${name}：无法读取（${format === 'pdf' ? 'PDF' : format === 'docx' ? 'Word' : format === 'xlsx' ? 'Excel' : '文本'}文件已损坏或不是这种格式：${err instanceof Error ? err.message : String(err)}）` };
  }
}

/**
 * Cells copied from Excel (tab-separated, one row a line) as rows of an allocation table:
 * numbers as printed, nesting inferred as for a file, aligned, indented from column 0 (the
 * caller indents them under the table). Undefined when the text has no row with a number
 * after its first cell (then it is not table rows, and an editor pastes it as it is).
 */
export function pasteRows(text: string): string | undefined {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  if (!lines.some((l) => l.includes('\t'))) return undefined;
  const draft = readAllocation({ rows: lines.map((l, i) => tabRow(l, `第${i + 1}行`)) });
  if (!draft || draft.rows.length === 0) return undefined;
  return writePastedRows(draft);
}
