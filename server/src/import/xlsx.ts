/**
 * Excel workbooks (.xlsx, read with exceljs from bytes): every visible sheet, its cells as
 * Excel displays them (a number in its number format: `#,##0` groups thousands, `0.00` keeps
 * two decimals; a formula's cached result), merged cells marked as covered, each cell's
 * indent and bold, hidden rows and columns, and the notes our own Excel output puts on a
 * total the source printed differently (`原件印 907`).
 *
 * A sheet's rows above its table with one text each (附件1, the title, 单位：万元) become
 * paragraphs, as they are in a Word file, so the rest of the importer reads one form.
 */
import ExcelJS from 'exceljs';
import { zipDirectory, zipRead } from '../catalogue/user/xlsx.js';
import { Decimal } from '../model/decimal.js';
import { sheetBlocks } from './sheet.js';
import { ImportError, type SourceBlock, type SourceCell, type SourceDocument, type SourceRow } from './types.js';

type Value = ExcelJS.CellValue;

/** One section of a number format (`#,##0.00`), as much of it as decides how a number is shown. */
type FormatSection = { kind: 'general' } | { kind: 'literal'; text: string } | { kind: 'digits'; decimals: number; grouped: boolean };

/** A number format's sections, read once per distinct format (a sheet has a handful, its cells tens of thousands). */
interface NumberFormat {
  readonly positive: FormatSection;
  readonly negative: FormatSection;
  readonly zero: FormatSection;
}

function formatSection(fmt: string): FormatSection {
  if (/General/i.test(fmt)) return { kind: 'general' };
  // A section without digits prints its literal (`"-"` for zero).
  if (!/[0#]/.test(fmt)) return { kind: 'literal', text: fmt.replace(/["\\]/g, '').trim() };
  return { kind: 'digits', decimals: /\.([0#]+)/.exec(fmt)?.[1]?.replace(/#/g, '').length ?? 0, grouped: /#,##|0,0/.test(fmt) };
}

export function numberFormat(numFmt: string | undefined): NumberFormat {
  const sections = (numFmt ?? 'General').split(';').map(formatSection);
  const positive = sections[0]!;
  return { positive, negative: sections[1] ?? positive, zero: sections[2] ?? positive };
}

/** A number as Excel shows it in `numFmt`: grouping and decimals as the format says, exactly (never through binary rounding). */
export function displayNumber(n: number, numFmt: string | NumberFormat | undefined): string {
  const format = typeof numFmt === 'object' ? numFmt : numberFormat(numFmt);
  const section = n === 0 ? format.zero : n < 0 ? format.negative : format.positive;
  if (section.kind === 'literal') return section.text;
  const d = decimalOf(n);
  if (!d) return String(n);
  if (section.kind === 'general') return d.normalize().toString();
  const r = d.round(section.decimals);
  // A format with its own minus (`#,##0;-#,##0`) prints the sign itself; the value's sign is kept either way.
  return section.grouped ? r.toGrouped(section.decimals) : r.toString(section.decimals);
}

/** 10^0 … 10^15, each exactly representable. */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A cell's number as the decimal its text (`plain`) reads: an integer at once; a number with
 * k decimals as the integer m of at most 15 digits for which m / 10^k is the number (the
 * division is rounded correctly, so m × 10^-k is a decimal that reads back as the number,
 * and with the fewest decimals it is the one `plain` writes), trying k = 1, 2, …; any
 * other number read from `plain`'s text.
 */
function decimalOf(n: number): Decimal | undefined {
  if (Number.isSafeInteger(n)) return Decimal.fromSafe(n, 0);
  if (Number.isFinite(n)) {
    for (let k = 1; k < POW10.length; k++) {
      const m = Math.round(n * POW10[k]!);
      if (Math.abs(m) >= 1e15) break;
      if (m / POW10[k]! === n) return Decimal.fromSafe(m, k);
    }
  }
  return Decimal.parse(plain(n));
}

/**
 * A JavaScript number as decimal text without exponent or float noise (70.91, not
 * 70.91000000000001): its digits to 15 significant places. Its shortest text (`String(n)`) is
 * already that when it has no exponent and at most 15 significant digits (the nearest
 * 15-digit decimal to a double is then the one that reads back as it), which is most cells.
 */
function plain(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  const s = String(n);
  if (significantDigits(s) <= 15) return s;
  const p = Number(n.toPrecision(15));
  const t = String(p);
  if (!/e/i.test(t)) return t;
  return p.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** The significant digits of a number's text (`0.0012` has 2); 99 for a text with an exponent. */
function significantDigits(s: string): number {
  let digits = 0;
  let leading = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 101 /* e */ || c === 69 /* E */) return 99;
    if (c < 48 || c > 57) continue;
    if (leading && c === 48) continue;
    leading = false;
    digits++;
  }
  return digits;
}

function richText(v: { richText: { text: string }[] }): string {
  return v.richText.map((r) => r.text).join('');
}

function noteText(note: ExcelJS.Comment | string | undefined): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

/** What reading a cell found besides its text, set by `shown` (one per sheet, reset for each cell). */
interface CellFlags {
  /** The cell's formula, when it has no computed value to show. */
  formulaWithoutValue: string | undefined;
  /** Text that begins with `=`, `+`, `@` (or a `-` that is no number or dash): what a formula injection looks like. */
  risky: boolean;
}

/** Whitespace as `trim` counts it. */
const BLANK = /\s/;

function riskyText(value: string): boolean {
  const t = BLANK.test(value.charAt(0)) ? value.trim() : value;
  const c = t.charCodeAt(0);
  if (c === 61 /* = */ || c === 43 /* + */ || c === 64 /* @ */) return true;
  return c === 45 /* - */ && Decimal.parse(value) === undefined && !/^[-－—–]+$/.test(t);
}

/** What the cell shows; its formula (when it shows nothing computed) and a risky text go to `flags`. */
function shown(value: Value, numFmt: NumberFormat, flags: CellFlags): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return displayNumber(value, numFmt);
  if (typeof value === 'string') {
    if (riskyText(value)) flags.risky = true;
    return value;
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return shown(richText(value), numFmt, flags);
    if ('formula' in value || 'sharedFormula' in value) {
      const f = value as ExcelJS.CellFormulaValue & { sharedFormula?: string };
      const formula = f.formula ?? f.sharedFormula ?? '';
      if (f.result === undefined || f.result === null || (typeof f.result === 'object' && 'error' in f.result)) {
        flags.formulaWithoutValue = formula;
        return '';
      }
      return shown(f.result as Value, numFmt, flags);
    }
    if ('error' in value) return String(value.error);
    if ('text' in value) return String((value as { text: unknown }).text);
  }
  return String(value);
}

function isEncrypted(bytes: Uint8Array): boolean {
  // An encrypted OOXML file is an OLE compound file holding an `EncryptedPackage` stream.
  const marker = [...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]);
  outer: for (let i = 0; i + marker.length <= Math.min(bytes.length, 1 << 20); i++) {
    for (let k = 0; k < marker.length; k++) if (bytes[i + k] !== marker[k]) continue outer;
    return true;
  }
  return false;
}

/** True for an OLE compound file (an old .xls/.doc, or an encrypted .xlsx/.docx). */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/** The Chinese line for a compound file given as .xlsx or .docx. */
export function compoundFileError(bytes: Uint8Array, kind: 'Excel' | 'Word'): ImportError {
  if (isEncrypted(bytes)) return new ImportError(`文件有打开密码，无法读取；请在 ${kind} 中去掉密码（文件 › 信息 › 保护）后另存再导入`);
  return new ImportError(`这是旧的 ${kind} 97-2003 格式（${kind === 'Excel' ? '.xls' : '.doc'}），不是 ${kind === 'Excel' ? '.xlsx' : '.docx'}；请在 ${kind} 中另存为 ${kind === 'Excel' ? '.xlsx' : '.docx'} 再导入`);
}

/**
 * The most sheet data (worksheets and shared strings, unpacked) an import reads: 16 MB is
 * about 40,000 table rows, which exceljs holds in about 350 MB of memory (measured: 10,000 rows
 * 110 MB, 40,000 rows 340 MB), more than every county and town of a province. A bigger
 * workbook is refused with its size before anything is unpacked, rather than running out of
 * memory half-way.
 */
export const MAX_SHEET_DATA_BYTES = 16 * 1024 * 1024;

function refuseHuge(bytes: Uint8Array): void {
  let dir;
  try {
    dir = zipDirectory(bytes);
  } catch {
    return; // exceljs says what is wrong with it
  }
  let total = 0;
  for (const [name, e] of dir) if (/^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/.test(name)) total += e.uncompressedSize;
  if (total > MAX_SHEET_DATA_BYTES) {
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(0);
    throw new ImportError(`工作表数据解压后共 ${mb(total)} MB，超过可导入的 ${mb(MAX_SHEET_DATA_BYTES)} MB（约 4 万行）；请按地区拆成几个工作簿分别导入`);
  }
}

/**
 * The parts of a worksheet's XML the import never reads (how it prints, validates, filters,
 * formats conditionally, protects; its pictures and table objects): exceljs skips them as if
 * absent, which leaves every cell's value, style, note and merge as they are.
 */
const UNREAD_PARTS = ['dataValidations', 'conditionalFormatting', 'extLst', 'autoFilter', 'pageMargins', 'pageSetup', 'printOptions', 'headerFooter', 'rowBreaks', 'picture', 'drawing', 'sheetProtection', 'tableParts'];

export async function readXlsxDocument(bytes: Uint8Array): Promise<SourceDocument> {
  if (isCompoundFile(bytes)) throw compoundFileError(bytes, 'Excel');
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new ImportError('不是 Excel 工作簿（.xlsx 应是 zip 格式），文件可能已损坏');
  refuseHuge(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, { ignoreNodes: UNREAD_PARTS });
  } catch (err) {
    throw new ImportError(`Excel 文件已损坏，无法读取（${err instanceof Error ? err.message : String(err)}）`);
  }
  // Each visible sheet's cells, then the cached zeros of formulas exceljs gave no result
  // (read from the sheets' XML only when there are any), then the paragraphs and tables.
  const sheets = wb.worksheets.map((ws) => (ws.state === 'visible' ? sheetRows(ws) : undefined));
  if (sheets.some((s) => s !== undefined && s.pending.length > 0)) {
    const cached = await cachedValues(bytes);
    wb.worksheets.forEach((ws, i) => fillCached(sheets[i], cached.get(ws.name)));
  }
  const blocks: SourceBlock[] = [];
  const notes: string[] = [];
  wb.worksheets.forEach((ws, i) => {
    const sheet = sheets[i];
    if (!sheet) {
      notes.push(`工作表“${ws.name}”是隐藏的，没有导入。`);
      return;
    }
    if (sheet.pending.length > 0) {
      notes.push(`工作表“${ws.name}”有 ${sheet.pending.length} 个公式单元格没有保存计算结果（文件未经 Excel 计算保存）：这些格写作“-”，并在其行上注明。`);
    }
    blocks.push(...sheetBlocks(ws.name, sheet.rows, sheet.hiddenColumns));
  });
  return { blocks, notes, format: 'Excel' };
}

/** A formula cell exceljs read without a result: where it is, to fill from the sheet's XML. */
interface Pending {
  readonly row: number;
  readonly column: number;
  readonly address: string;
  readonly numFmt: NumberFormat;
}

interface SheetRead {
  readonly rows: SourceRow[];
  readonly hiddenColumns: Set<number>;
  /** Formula cells without a result, in reading order; those `fillCached` finds a value for leave the list. */
  pending: Pending[];
}

/** Mutable while a sheet is read; given out as `SourceCell`. */
type CellOut = { -readonly [K in keyof SourceCell]: SourceCell[K] };

function sheetRows(ws: ExcelJS.Worksheet): SheetRead {
  const width = ws.columnCount;
  const hiddenColumns = new Set<number>();
  for (let c = 1; c <= width; c++) if (ws.getColumn(c).hidden) hiddenColumns.add(c - 1);
  const rows: SourceRow[] = [];
  const pending: Pending[] = [];
  const formats = new Map<string, NumberFormat>();
  const formatOf = (numFmt: string | undefined): NumberFormat => {
    let f = formats.get(numFmt ?? '');
    if (!f) formats.set(numFmt ?? '', (f = numberFormat(numFmt)));
    return f;
  };
  const flags: CellFlags = { formulaWithoutValue: undefined, risky: false };
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: SourceCell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master !== cell) {
        cells.push({ text: '', covered: Number(cell.master.row) === r ? 'left' : 'above' });
        continue;
      }
      const numFmt = formatOf(cell.numFmt);
      flags.formulaWithoutValue = undefined;
      flags.risky = false;
      const out: CellOut = { text: shown(cell.value, numFmt, flags) };
      const indent = cell.alignment?.indent;
      if (indent) out.indent = indent;
      if (cell.font?.bold) out.bold = true;
      if (flags.formulaWithoutValue !== undefined) {
        out.formulaWithoutValue = flags.formulaWithoutValue;
        pending.push({ row: rows.length, column: cells.length, address: cell.address, numFmt });
      }
      const note = cell.note as ExcelJS.Comment | string | undefined;
      if (note) {
        const printed = /原件印\s*(-?[\d,]+(?:\.\d+)?)/.exec(noteText(note))?.[1];
        if (printed !== undefined) out.printed = printed;
      }
      if (flags.risky) out.risky = true;
      cells.push(out);
    }
    while (rows.length < r - 1) rows.push({ cells: [], where: `${ws.name} 第${rows.length + 1}行` });
    // The row's index was taken as `rows.length` above: no row is added between.
    rows.push(row.hidden ? { cells, hidden: true, where: `${ws.name} 第${r}行` } : { cells, where: `${ws.name} 第${r}行` });
  });
  return { rows, hiddenColumns, pending };
}

/** Formula cells without a result whose cached value the sheet's XML has: shown as that number (exceljs drops a cached 0). */
function fillCached(sheet: SheetRead | undefined, cached: ReadonlyMap<string, string> | undefined): void {
  if (!sheet || !cached) return;
  sheet.pending = sheet.pending.filter((p) => {
    const v = cached.get(p.address);
    if (v === undefined || !Number.isFinite(Number(v))) return true;
    const cells = sheet.rows[p.row]!.cells as SourceCell[];
    const { formulaWithoutValue, ...rest } = cells[p.column]!;
    void formulaWithoutValue;
    cells[p.column] = { ...rest, text: displayNumber(Number(v), p.numFmt) };
    return false;
  });
}

/**
 * The cached results of formula cells whose value is `0`, by sheet name and cell address,
 * read from the sheets' XML (exceljs reads `<f>…</f><v>0</v>` as a formula without a
 * result). Empty when the workbook has none or cannot be read this way.
 */
async function cachedValues(bytes: Uint8Array): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  try {
    const dir = zipDirectory(bytes);
    const text = async (name: string): Promise<string> => {
      const e = dir.get(name);
      return e ? new TextDecoder().decode(await zipRead(bytes, e)) : '';
    };
    const book = await text('xl/workbook.xml');
    const rels = await text('xl/_rels/workbook.xml.rels');
    const target = new Map<string, string>();
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = /Id="([^"]+)"/.exec(m[0])?.[1];
      const t = /Target="([^"]+)"/.exec(m[0])?.[1];
      if (id && t) target.set(id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
    }
    for (const m of book.matchAll(/<sheet\b[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(m[0])?.[1];
      const id = /r:id="([^"]+)"/.exec(m[0])?.[1];
      const file = id ? target.get(id) : undefined;
      if (name === undefined || !file) continue;
      const xml = await text(file);
      const cells = new Map<string, string>();
      for (const c of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*>\s*<f[^>]*(?:\/>|>[^<]*<\/f>)\s*<v>([^<]*)<\/v>/g)) {
        if (c[2] === '0' || Number(c[2]) === 0) cells.set(c[1]!, c[2]!);
      }
      if (cells.size > 0) out.set(name.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"), cells);
    }
  } catch {
    // A workbook this reader cannot open (zip64, encryption) keeps exceljs's reading.
  }
  return out;
}
