/**
 * `loadUserCatalogue`: a finance bureau's own 《政府收支分类科目》 table (the XLSX or CSV
 * export of its budget system) as a catalogue. Bytes in, no file system: the CLI and the
 * language server read the file; the core (also in a web worker) reads the bytes.
 *
 * The loaded rows have confidence `official`; the table is complete for every
 * classification it holds (`completeCoverage`), and layered over the shipped catalogue
 * (./layered.ts): it decides for the classifications and years it holds, the shipped
 * catalogue for the rest.
 */
import { completeCoverage, createBudgetCatalogue, shippedCatalogue, type BudgetRowInput } from '../budget';
import type { BudgetCatalogue, Classification } from '../types';
import { CLASSIFICATION_NAMES } from '../types';
import { decodeText, ENCODING_NAMES, parseCsv, type TextEncoding } from './csv';
import type { Grid } from './grid';
import { ANY_YEAR, layerCatalogues, type CatalogueLayer } from './layered';
import { readSheet, type ReadRow, type SkippedRow } from './layout';
import { readXlsx } from './xlsx';

export type { ReadRow, SkippedRow } from './layout';

export interface UserCatalogueInput {
  /** The file's name (a path is fine): shown in messages, and read for a year (`2024年…`) or a classification. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface UserCatalogueOptions {
  /** What answers for the classifications and years the table does not hold: the shipped catalogue unless given; `null` = nothing. */
  readonly base?: BudgetCatalogue | null;
  /** The year of a table that names none (no 年度 column, no year in a title, sheet or file name). */
  readonly year?: number;
}

export interface UserCatalogue {
  /** The table over the base catalogue: what `checkText(text, { catalogue })` takes. */
  readonly catalogue: BudgetCatalogue;
  /** The table alone (classifications it does not hold: nothing known). */
  readonly table: BudgetCatalogue;
  /** The table as a layer, to combine several tables with `layerCatalogues`. */
  readonly layer: CatalogueLayer;
  readonly classifications: readonly Classification[];
  /** The table's year (the latest if it holds several); absent when it names none. */
  readonly year?: number;
  readonly years: readonly number[];
  /** Rows read. */
  readonly rows: number;
  /** Rows holding something that could not be read, with the reason. */
  readonly skipped: readonly SkippedRow[];
  /** Remarks on the whole file: sheets left out, encoding, the year assumed. */
  readonly notes: readonly string[];
  /** `用户目录 2024年政府收支分类科目.xlsx（2024 年）` */
  readonly label: string;
  readonly fileName: string;
  readonly format: 'xlsx' | 'csv';
  readonly encoding?: TextEncoding;
  /** The rows read, in file order (for `catalogue diff`). */
  readonly entries: readonly ReadRow[];
}

/** The file could not be used at all: not a table, no header, no 科目 row. The message is Chinese and names the file. */
export class CatalogueLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogueLoadError';
  }
}

const CLASS_ORDER: readonly Classification[] = ['revenue', 'expFunc', 'govEco', 'depEco'];

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

export function yearsText(years: readonly number[]): string {
  if (years.length === 0) return '未注明年度';
  const sorted = [...years].sort((a, b) => a - b);
  const contiguous = sorted.every((y, i) => i === 0 || y === sorted[i - 1]! + 1);
  if (sorted.length === 1) return `${sorted[0]} 年`;
  return contiguous ? `${sorted[0]}–${sorted[sorted.length - 1]} 年` : `${sorted.join('、')} 年`;
}

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

async function grids(input: UserCatalogueInput, fileName: string): Promise<{ grids: Grid[]; format: 'xlsx' | 'csv'; encoding?: TextEncoding; notes: string[] }> {
  const { bytes } = input;
  const notes: string[] = [];
  if (bytes.length === 0) throw new CatalogueLoadError(`${fileName}：文件是空的`);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    let wb;
    try {
      wb = await readXlsx(bytes);
    } catch (err) {
      throw new CatalogueLoadError(`${fileName}：无法作为 XLSX 工作簿读取（${err instanceof Error ? err.message : String(err)}）；请在 Excel 或 WPS 中打开后另存为 .xlsx 或 CSV`);
    }
    for (const h of wb.hidden) notes.push(`隐藏的工作表“${h}”未读取`);
    return { grids: wb.sheets, format: 'xlsx', notes };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new CatalogueLoadError(`${fileName}：这是旧版 Excel（.xls，97-2003）文件，无法读取；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV（UTF-8）`);
  }
  if (/\.xlsx$/i.test(fileName)) throw new CatalogueLoadError(`${fileName}：扩展名是 .xlsx，但内容不是 XLSX 工作簿`);
  const { text, encoding } = decodeText(bytes);
  if (/^\s*<(!doctype|html|table|\?xml)/i.test(text.slice(0, 200))) {
    throw new CatalogueLoadError(`${fileName}：这是网页（HTML/XML）格式的导出文件，不是 XLSX 或 CSV；请在 Excel 或 WPS 中打开后另存为 .xlsx 或 CSV`);
  }
  if (text.indexOf('\u0000') >= 0) throw new CatalogueLoadError(`${fileName}：不是文本文件，也不是 XLSX 工作簿`);
  if (encoding !== 'utf-8' && encoding !== 'utf-8-bom') notes.push(`按 ${ENCODING_NAMES[encoding]} 编码读取`);
  return { grids: [parseCsv(text, fileName)], format: 'csv', encoding, notes };
}

export async function loadUserCatalogue(input: UserCatalogueInput, options: UserCatalogueOptions = {}): Promise<UserCatalogue> {
  const fileName = baseName(input.name);
  const read = await grids(input, fileName);
  const multiSheet = read.grids.length > 1;
  const found: ReadRow[] = [];
  const skipped: SkippedRow[] = [];
  const problems: string[] = [];
  const notes = [...read.notes];
  for (const g of read.grids) {
    const r = readSheet(g, { fileName, multiSheet });
    if (r.problem) {
      if (g.rows.some((row) => row?.some((c) => c && c.trim() !== ''))) problems.push(multiSheet ? `工作表“${g.name}”：${r.problem}` : r.problem);
      continue;
    }
    found.push(...r.rows);
    skipped.push(...r.skipped);
  }
  if (found.length === 0) {
    if (problems.length > 0) throw new CatalogueLoadError(`${fileName}：没有读到科目表。${problems.join('；')}`);
    if (skipped.length > 0) throw new CatalogueLoadError(`${fileName}：找到了表头，但没有一行能读作科目（共 ${skipped.length} 行无法读取，第一处：第 ${skipped[0]!.row} 行，${skipped[0]!.reason}）`);
    throw new CatalogueLoadError(`${fileName}：文件中没有科目行`);
  }
  for (const p of problems) notes.push(`${p}，此表未读取`);

  // Years: rows without one take the table's only year, or the caller's, else hold every year.
  const named = new Set<number>();
  for (const r of found) if (r.year !== undefined) named.add(r.year);
  const fallbackYear = named.size === 1 ? [...named][0] : options.year;
  if (named.size === 0 && options.year !== undefined) notes.push(`表中未注明年度，按 ${options.year} 年使用`);
  const yearOf = (r: ReadRow): number | undefined => r.year ?? fallbackYear;

  const holdingsYears = new Map<Classification, Set<number> | 'any'>();
  for (const r of found) {
    const y = yearOf(r);
    const h = holdingsYears.get(r.classification);
    if (y === undefined) holdingsYears.set(r.classification, 'any');
    else if (h === undefined) holdingsYears.set(r.classification, new Set([y]));
    else if (h !== 'any') h.add(y);
  }
  const years = [...new Set(found.map(yearOf).filter((y): y is number => y !== undefined))].sort((a, b) => a - b);
  const label = `用户目录 ${fileName}（${yearsText(years)}）`;
  if (years.length === 0) notes.push('表中未注明年度（无“年度”列，标题、工作表名和文件名中也没有年份），按所有年度使用');

  const sheetPrefix = new Map<string | undefined, string>();
  const rowInputs: BudgetRowInput[] = found.map((r) => {
    const y = yearOf(r) ?? ANY_YEAR;
    let prefix = sheetPrefix.get(r.sheet);
    if (prefix === undefined) sheetPrefix.set(r.sheet, (prefix = `${label}，${r.sheet !== undefined ? `工作表“${r.sheet}”` : ''}第 `));
    return { classification: r.classification, code: r.code, name: r.name, fromYear: y, toYear: y, confidence: 'official', source: prefix + r.row + ' 行' };
  });
  const table0 = createBudgetCatalogue(rowInputs, completeCoverage(rowInputs, label), label);
  const holdings = new Map<Classification, readonly number[] | 'any'>();
  for (const [c, h] of holdingsYears) holdings.set(c, h === 'any' ? 'any' : [...h].sort((a, b) => a - b));
  const layer: CatalogueLayer = { catalogue: table0, holdings, label };
  const base = options.base === null ? undefined : (options.base ?? shippedCatalogue());
  const classifications = CLASS_ORDER.filter((c) => holdings.has(c));
  for (const c of CLASS_ORDER) {
    if (!holdings.has(c) && base) notes.push(`表中没有${CLASSIFICATION_NAMES[c]}，${CLASSIFICATION_NAMES[c]}仍按${base.label}核对`);
  }
  return {
    catalogue: layerCatalogues([layer], base),
    table: layerCatalogues([layer]),
    layer,
    classifications,
    ...(years.length > 0 ? { year: years[years.length - 1]! } : {}),
    years,
    rows: found.length,
    skipped,
    notes,
    label,
    fileName,
    format: read.format,
    ...(read.encoding ? { encoding: read.encoding } : {}),
    entries: found,
  };
}
