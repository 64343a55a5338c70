/**
 * Reading the rows of a budget-system export of 《政府收支分类科目》, whatever its layout:
 *
 * - the header row is looked for among the first rows of each sheet, by the names the
 *   systems use (科目编码/科目代码/编码/代码, 科目名称/名称, 级次/级别/层级, 上级编码 …);
 *   a second header row under it (类 | 款 | 项 under a merged 科目编码) is merged into it;
 * - the classification comes from a column (分类/科目类别), the sheet name (收入分类,
 *   支出功能分类, 政府预算支出经济分类, 部门经济分类 …), the file name, or else the first
 *   digit of the code (1 收入, 2 支出功能, 5 政府经济, 3 部门经济);
 * - the year from a column (年度), a title row above the header (`2024年政府收支分类科目`),
 *   the sheet name or the file name;
 * - codes stored as numbers (2101301, `2101301.0`), written with their name in one cell
 *   (`2101301-城乡医疗救助`, `2101301 城乡医疗救助`), split into 类/款/项 columns, or
 *   relative to the row above (`01` with 级次 2) are all read; names may be indented.
 *
 * Every row that holds something but cannot be read is returned with its row number and a
 * reason in Chinese.
 */
import { textWidth } from '../../../../grammar/index.js';
import type { Classification } from '../types';
import { CLASSIFICATION_NAMES, classificationOfCode } from '../types';
import { numberText, type Grid } from './grid';

export interface SkippedRow {
  /** 1-based row (XLSX) or line (CSV) number. */
  readonly row: number;
  readonly sheet?: string;
  readonly reason: string;
}

export interface ReadRow {
  readonly classification: Classification;
  readonly code: string;
  readonly name: string;
  readonly year?: number;
  readonly row: number;
  readonly sheet?: string;
}

export interface SheetReading {
  readonly rows: ReadRow[];
  readonly skipped: SkippedRow[];
  /** Why a sheet was not read at all (no header), or other remarks. */
  readonly problem?: string;
  readonly headerRow?: number;
}

/** How many rows from the top are searched for the header. */
export const HEADER_SEARCH_ROWS = 12;

type Role = 'code' | 'name' | 'combined' | 'level' | 'parent' | 'classification' | 'year' | 'lei' | 'kuan' | 'xiang';

const ROLE_NAMES: Record<string, Role> = {};
function names(role: Role, list: string[]): void {
  for (const n of list) ROLE_NAMES[n] = role;
}
names('code', ['科目编码', '科目代码', '编码', '代码', '科目编号', '编号', '科目号', '功能科目编码', '经济科目编码', '收入科目编码', '支出科目编码', '功能分类编码', '经济分类编码', '收入分类编码', 'code', 'kmdm', 'kmbm', 'bm', 'dm']);
names('name', ['科目名称', '名称', '功能科目名称', '经济科目名称', '收入科目名称', '科目', 'name', 'kmmc', 'mc']);
names('combined', ['科目编码及名称', '科目编码名称', '编码名称', '编码及名称', '科目代码及名称', '代码及名称', '代码名称', '科目编码和名称', '编码和名称']);
names('level', ['级次', '级别', '层级', '科目级次', '科目级别', '层次', '级', 'level', 'jc']);
names('parent', ['上级编码', '上级代码', '父级编码', '父编码', '父级代码', '上级科目编码', '上级科目代码', '上级科目', '父级科目', 'parent', 'sjbm']);
names('classification', ['分类', '科目类别', '科目分类', '类别', '分类名称', '科目类型', '类型', '科目体系', '所属分类']);
names('year', ['年度', '年份', '预算年度', '年', 'year', 'nd']);
names('lei', ['类']);
names('kuan', ['款']);
names('xiang', ['项']);

/** Header text without spaces, stars and bracketed remarks (`科目编码（必填）`). */
function headerKey(s: string): string {
  return s
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .toLowerCase();
}

function roleOf(cell: string): Role | undefined {
  const k = headerKey(cell);
  if (k === '') return undefined;
  const exact = ROLE_NAMES[k];
  if (exact) return exact;
  if (/^(上级|父级?)/.test(k)) return /(编码|代码)$/.test(k) ? 'parent' : undefined;
  if (/(编码|代码)(及|和|与)?名称$/.test(k)) return 'combined';
  if (/(编码|代码|编号)$/.test(k)) return 'code';
  if (/分类$/.test(k) && !/科目/.test(k)) return 'classification';
  if (/名称$/.test(k)) return 'name';
  return undefined;
}

/** Which classification a sheet name, file name or classification cell names; `eco` = an economic one, not saying which. */
export function classificationFromText(s: string): Classification | 'eco' | undefined {
  const t = s.replace(/[\s\u3000]/g, '');
  const found = new Set<Classification | 'eco'>();
  if (/经济/.test(t)) {
    if (/部门(预算)?(支出)?经济/.test(t)) found.add('depEco');
    if (/政府(预算)?(支出)?经济/.test(t)) found.add('govEco');
    if (found.size === 0) found.add('eco');
  } else if (/功能/.test(t) || /支出/.test(t)) found.add('expFunc');
  if (/收入/.test(t)) found.add('revenue');
  // `一般公共预算收入和支出科目` names two: it says nothing about which one a row is.
  return found.size === 1 ? [...found][0] : undefined;
}


const FIRST_DIGIT: Record<Classification, string> = { revenue: '1', expFunc: '2', depEco: '3', govEco: '5' };

/** A year named in a title, sheet or file name: `2024年…` first, else a lone 20xx. */
export function yearFromText(s: string): number | undefined {
  const m = /((?:19|20)\d{2})\s*年/.exec(s) ?? /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(s);
  return m ? Number(m[1]) : undefined;
}

/** A year in a title row: only `2024年…`, and not in an export or print date (`导出时间：2025年1月3日`). */
function titleYear(s: string): number | undefined {
  if (/导出|打印|制表|日期|时间/.test(s)) return undefined;
  const m = /((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)/.exec(s);
  return m ? Number(m[1]) : undefined;
}

const FULLWIDTH_DIGIT = /[０-９]/g;
const DIGITS = /^\d+$/;

/** A code cell as text: full-width digits, `'2101301`, `="2101301"`, `2101301.0`, `2.101301E+6` unified. */
export function cleanCode(raw: string): string {
  if (DIGITS.test(raw)) return raw;
  let s = raw.replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
  const eq = /^="(.*)"$/.exec(s);
  if (eq) s = eq[1]!;
  if (s.startsWith("'")) s = s.slice(1);
  if (/^\d+\.0+$/.test(s) || /^\d+(\.\d+)?[eE]\+?\d+$/.test(s)) s = numberText(s);
  return s;
}

/** `2101301-城乡医疗救助`, `2101301 城乡医疗救助`, `[2101301]城乡医疗救助`, `2101301城乡医疗救助` → code and name. */
export function splitCodeName(s: string): { code: string; name: string } | undefined {
  const t = cleanCode(s);
  const m = /^[[【(（]?(\d{2,7})[\]】)）]?[\s\u3000]*[-－—–_:：、.．|｜·]*[\s\u3000]*(\D.*)$/.exec(t);
  if (!m) return undefined;
  const name = m[2]!.trim();
  // 科目 names are Chinese: `21013X` is a broken code, not code 21013 named X.
  return /[\u3400-\u9fff]/.test(name) ? { code: m[1]!, name } : undefined;
}

/**
 * Leading indentation in half-width columns: spaces and full-width spaces by their display
 * width (a full-width space is two), a tab as four.
 */
function indentOf(s: string): number {
  let end = 0;
  let tabs = 0;
  for (; end < s.length; end++) {
    const ch = s.charCodeAt(end);
    if (ch === 9) tabs++;
    else if (ch !== 32 && ch !== 0x3000) break;
  }
  if (end === 0) return 0;
  const blanks = s.slice(0, end);
  return textWidth(tabs > 0 ? blanks.replace(/\t/g, '    ') : blanks);
}

function isBlank(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c && c.trim() !== '') return false;
  }
  return true;
}

function noSpace(s: string): string {
  return s.replace(/[\s\u3000]/g, '');
}

function cleanName(s: string): string {
  if (s === '') return s;
  const a = s.charCodeAt(0);
  const z = s.charCodeAt(s.length - 1);
  if (a > 0x20 && a !== 0x3000 && z > 0x20 && z !== 0x3000 && s.indexOf('\n') < 0) return s;
  return s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '').replace(/\s*\n\s*/g, '');
}

function levelFromCell(s: string): number | undefined {
  if (s.length === 1) {
    const d = s.charCodeAt(0) - 48;
    if (d >= 1 && d <= 3) return d;
  }
  const t = s.replace(/[\s\u3000]/g, '');
  if (t === '') return undefined;
  if (/^[1-3](\.0+)?$/.test(t) || /^[1-3]级$/.test(t)) return Number(t[0]);
  if (/^(一级|类(级)?)$/.test(t)) return 1;
  if (/^(二级|款(级)?)$/.test(t)) return 2;
  if (/^(三级|项(级)?)$/.test(t)) return 3;
  return undefined;
}

const LEVEL_LENGTH = [0, 3, 5, 7];

interface Header {
  readonly row: number; // 0-based index of the last header row
  readonly first: number; // 0-based index of the first header row
  readonly col: Partial<Record<Role, number>>;
}

function rolesOfRow(row: readonly string[] | undefined): Partial<Record<Role, number>> {
  const col: Partial<Record<Role, number>> = {};
  if (!row) return col;
  // Exact names first (科目名称 wins over 单位名称), then the patterns; a merged header
  // repeats its text over several columns: the first one holds the data.
  for (let c = 0; c < row.length; c++) {
    const r = ROLE_NAMES[headerKey(row[c] ?? '')];
    if (r && col[r] === undefined) col[r] = c;
  }
  for (let c = 0; c < row.length; c++) {
    const r = roleOf(row[c] ?? '');
    if (r && col[r] === undefined && !Object.values(col).includes(c)) col[r] = c;
  }
  // `科目` next to `科目编码` is the name; alone (no name column) it is code and name together.
  return col;
}

function usable(col: Partial<Record<Role, number>>): boolean {
  return col.code !== undefined || col.combined !== undefined || col.lei !== undefined;
}

/** Only a name column (`科目`): its cells may hold code and name together (`2101301 城乡医疗救助`). */
function nameOnly(col: Partial<Record<Role, number>>): boolean {
  return !usable(col) && col.name !== undefined;
}

function score(col: Partial<Record<Role, number>>): number {
  return Object.keys(col).length + (usable(col) ? 10 : 0);
}

function looksLikeData(row: readonly string[] | undefined): boolean {
  return !!row && row.some((c) => /^\d{2,}/.test(cleanCode(c ?? '')));
}

function findHeader(grid: Grid): Header | undefined {
  let best: Header | undefined;
  let bestScore = 0;
  const limit = Math.min(grid.rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const col = rolesOfRow(grid.rows[r]);
    if (nameOnly(col)) {
      col.combined = col.name;
      delete col.name;
    }
    if (!usable(col)) continue;
    const s = score(col) - (col.code === undefined && col.combined !== undefined && col.name === undefined ? 1 : 0);
    if (s > bestScore) {
      best = { row: r, first: r, col };
      bestScore = s;
    }
  }
  if (!best) return undefined;
  // A second header row (类 | 款 | 项 under a merged 科目编码, or names split over two rows).
  const next = grid.rows[best.row + 1];
  if (next && !looksLikeData(next)) {
    const sub = rolesOfRow(next);
    if (Object.keys(sub).length > 0) {
      const col = { ...best.col };
      for (const [role, c] of Object.entries(sub) as [Role, number][]) col[role] = c;
      // Segment columns replace a merged 科目编码 that spans them.
      if (col.lei !== undefined && col.code !== undefined && [col.lei, col.kuan, col.xiang].includes(col.code)) delete col.code;
      best = { row: best.row + 1, first: best.first, col };
    }
  }
  return best;
}

function describeHeaderProblem(grid: Grid): string {
  const limit = Math.min(grid.rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const col = rolesOfRow(grid.rows[r]);
    if (col.name !== undefined && !usable(col)) {
      return `第 ${r + 1} 行像是表头，但没有科目编码列（应有“科目编码”“科目代码”“编码”或“代码”列，或“科目编码及名称”一列）`;
    }
  }
  return `前 ${HEADER_SEARCH_ROWS} 行中没有找到表头：应有“科目编码”（或“科目代码”“编码”“代码”）和“科目名称”（或“名称”）两列`;
}

export interface SheetContext {
  /** The file's name, for a classification or year it names. */
  readonly fileName: string;
  /** Whether the workbook has several sheets (the sheet name is then given with skipped rows). */
  readonly multiSheet: boolean;
}

export function readSheet(grid: Grid, ctx: SheetContext): SheetReading {
  const rows: ReadRow[] = [];
  const skipped: SkippedRow[] = [];
  const sheet = ctx.multiSheet ? grid.name : undefined;
  const header = findHeader(grid);
  if (!header) return { rows, skipped, problem: describeHeaderProblem(grid) };
  const col = header.col;
  const lineOf = (r: number): number => grid.lines?.[r] ?? r + 1;
  const skip = (r: number, reason: string): void => {
    skipped.push({ row: lineOf(r), ...(sheet !== undefined ? { sheet } : {}), reason });
  };

  // Year and classification named above the header, by the sheet or by the file.
  let yearAbove: number | undefined;
  let titleClass: Classification | 'eco' | undefined;
  for (let r = 0; r < header.first; r++) {
    for (const c of grid.rows[r] ?? []) {
      if (!c) continue;
      yearAbove ??= titleYear(c);
      titleClass ??= classificationFromText(c);
    }
  }
  const sheetYear = yearAbove ?? yearFromText(grid.name) ?? yearFromText(ctx.fileName);
  const sheetClass = classificationFromText(grid.name) ?? titleClass ?? (ctx.multiSheet ? undefined : classificationFromText(ctx.fileName));

  const headerRowKeys = new Set((grid.rows[header.row] ?? []).map(headerKey).filter((k) => k !== ''));
  const hasName = col.name !== undefined && col.name !== col.code;
  // The last full code seen at each level, for codes written relative to their parent.
  const lastAt: string[] = [];
  // Indentation widths seen, smallest = 类.
  const indents: number[] = [];
  const seen = new Map<string, Map<string, number>>();
  let lei = '';
  let kuan = '';
  const classCache = new Map<string, Classification | 'eco' | undefined>();
  const yearCache = new Map<string, number | undefined>();

  for (let r = header.row + 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r];
    if (!cells || isBlank(cells)) continue;
    const cell = (role: Role): string => {
      const c = col[role];
      return c !== undefined ? (cells[c] ?? '') : '';
    };
    // A header repeated down the sheet (page headers of a printed export); rows whose code is a number are data.
    const first = cell(col.code !== undefined ? 'code' : col.lei !== undefined ? 'lei' : 'combined');
    if (!DIGITS.test(first)) {
      const keys = cells.map(headerKey).filter((k) => k !== '');
      if (keys.length > 0 && keys.every((k) => headerRowKeys.has(k) || roleOf(k) !== undefined)) continue;
    }

    let code = '';
    let rawName = hasName ? cell('name') : '';
    let level: number | undefined = levelFromCell(cell('level'));

    if (col.combined !== undefined && col.code === undefined && col.lei === undefined) {
      const raw = cell('combined');
      const split = splitCodeName(raw);
      if (split) {
        code = split.code;
        if (!rawName) rawName = raw.slice(0, raw.length - raw.trimStart().length) + split.name;
      } else code = cleanCode(raw);
    } else if (col.lei !== undefined) {
      const l = cleanCode(cell('lei'));
      const k = cleanCode(cell('kuan'));
      const x = cleanCode(cell('xiang'));
      if (l !== '') {
        lei = l;
        kuan = '';
      }
      if (k !== '') kuan = k.length === 5 ? k.slice(3) : k.padStart(2, '0');
      if (x !== '') code = lei + kuan + (x.length === 7 ? x.slice(5) : x.padStart(2, '0'));
      else if (k !== '') code = lei + kuan;
      else code = l;
      if (l !== '' && !/^\d{3}$/.test(l)) code = l; // reported below
    } else {
      const raw = cell('code');
      code = cleanCode(raw);
      if (!/^\d*$/.test(code)) {
        const split = splitCodeName(raw);
        if (split) {
          code = split.code;
          if (!rawName || noSpace(rawName) === noSpace(raw)) rawName = split.name;
        }
      }
    }

    let name = cleanName(rawName);
    // A name written with its code in front (`2101301 城乡医疗救助` in the name column).
    if (code !== '' && name.startsWith(code)) {
      const rest = name.slice(code.length).replace(/^[\s\u3000]*[-－—–_:：、.．|｜·]?[\s\u3000]*/, '');
      if (rest !== '') name = rest;
    }
    const indent = indentOf(rawName);

    if (code === '' && name === '') {
      // Only other columns filled (a note, a total): say so if there is text.
      const text = cells.find((c) => c && c.trim() !== '');
      if (text) skip(r, `没有科目编码和名称（“${text.trim().slice(0, 20)}”）`);
      continue;
    }
    if (code === '') {
      skip(r, `没有科目编码（名称“${name.slice(0, 30)}”）`);
      continue;
    }
    if (!/^\d+$/.test(code)) {
      skip(r, `“${code.slice(0, 30)}”不是科目编码（应为 3、5 或 7 位数字）`);
      continue;
    }
    // A code relative to its parent: `01` under the 款 above, by 级次 or indentation.
    if (code.length <= 2) {
      if (level === undefined && rawName !== '') {
        if (!indents.includes(indent)) {
          indents.push(indent);
          indents.sort((a, b) => a - b);
        }
        level = indents.indexOf(indent) + 1;
      }
      const parent = level !== undefined && level >= 2 ? lastAt[level - 1] : undefined;
      if (!parent) {
        skip(r, `编码“${code}”只有 ${code.length} 位，无法确定它的上级科目（需要“级次”列或缩进）`);
        continue;
      }
      code = parent + code.padStart(2, '0');
    }
    if (![3, 5, 7].includes(code.length)) {
      skip(r, `编码“${code}”有 ${code.length} 位，科目编码应为 3 位（类）、5 位（款）或 7 位（项）`);
      continue;
    }
    const lv = LEVEL_LENGTH.indexOf(code.length);
    lastAt[lv] = code;
    lastAt.length = lv + 1;
    if (rawName !== '' && level === undefined) {
      if (!indents.includes(indent)) {
        indents.push(indent);
        indents.sort((a, b) => a - b);
      }
    }
    if (name === '') {
      skip(r, `科目 ${code} 没有名称`);
      continue;
    }

    const byDigit = classificationOfCode(code);
    const classCell = cell('classification');
    let colClass: Classification | 'eco' | undefined;
    if (classCell !== '') {
      if (!classCache.has(classCell)) classCache.set(classCell, classificationFromText(classCell));
      colClass = classCache.get(classCell);
    }
    const declared = colClass ?? sheetClass;
    let classification: Classification | undefined;
    if (declared === 'eco') classification = byDigit === 'govEco' || byDigit === 'depEco' ? byDigit : undefined;
    else classification = declared ?? byDigit;
    if (!classification) {
      skip(r, `无法判断科目 ${code} 属于哪个分类（以 ${code[0]} 开头；收入分类以 1、支出功能分类以 2、部门经济分类以 3、政府经济分类以 5 开头）`);
      continue;
    }
    if (byDigit !== classification) {
      skip(
        r,
        `科目 ${code} 以 ${code[0]} 开头，${byDigit ? `是${CLASSIFICATION_NAMES[byDigit]}的编码` : '不是任何分类的编码'}，与本表的${CLASSIFICATION_NAMES[classification]}不符（应以 ${FIRST_DIGIT[classification]} 开头）`,
      );
      continue;
    }
    const yearCell = cell('year');
    let year = sheetYear;
    if (yearCell !== '') {
      if (!yearCache.has(yearCell)) yearCache.set(yearCell, yearFromText(yearCell));
      year = yearCache.get(yearCell) ?? sheetYear;
    }
    const seenKey = year === undefined ? classification : classification + year;
    let seenCodes = seen.get(seenKey);
    if (!seenCodes) seen.set(seenKey, (seenCodes = new Map()));
    const earlier = seenCodes.get(code);
    if (earlier !== undefined) {
      skip(r, `科目 ${code} 重复（第 ${earlier} 行已有），此行未用`);
      continue;
    }
    seenCodes.set(code, lineOf(r));
    const out: { -readonly [K in keyof ReadRow]: ReadRow[K] } = { classification, code, name, row: lineOf(r) };
    if (year !== undefined) out.year = year;
    if (sheet !== undefined) out.sheet = sheet;
    rows.push(out);
  }
  if (rows.length === 0 && col.code === undefined && col.lei === undefined && skipped.length > 0 && skipped.every((s) => s.reason.includes('不是科目编码'))) {
    return { rows, skipped: [], problem: `第 ${header.row + 1} 行的表头没有科目编码列（应有“科目编码”“科目代码”“编码”或“代码”列），“${(grid.rows[header.row] ?? [])[col.combined ?? 0] ?? ''}”列中也没有“编码 名称”形式的科目` };
  }
  return { rows, skipped, headerRow: header.row + 1 };
}
