/**
 * An allocation table (分配表) read from a printed grid: which rows are the header (one or
 * more levels, merged cells or the blanks that merged cells leave in extracted text), the
 * 栏次 row and the formulas it prints (`5=1-3`), which columns are the row names (one or two
 * label columns), text columns (类别, 备注), a 序号 column, and the numeric columns; then the
 * body rows with their cells exactly as printed, nested by ./nesting.ts.
 */
import { Decimal } from '../model/decimal.js';
import { isBreakdownName, nestRows, type DraftRow, type Nesting } from './nesting.js';
import { cleanText, sameHeading } from './text-clean.js';
import type { SourceCell, SourceRow, SourceTable } from './types.js';

export interface ColumnDraft {
  readonly kind: 'num' | 'text';
  /** The column's own heading (the last level of the header). */
  readonly title: string;
  /** The headings of the groups above it, outermost first. */
  readonly groups: readonly string[];
  id: string;
  /** A formula in column numbers (`1 - 3`), from the 栏次 row. */
  formula?: string;
  readonly hidden: boolean;
}

export interface AllocationRow extends DraftRow {
  /** The numeric cells as they will be written: the printed number, or `-`. */
  readonly cells: string[];
  /** The text cells (text columns in order). */
  readonly texts: string[];
}

export interface AllocationDraft {
  readonly kind: 'allocation';
  readonly labelTitles: readonly string[];
  readonly seq: boolean;
  readonly columns: readonly ColumnDraft[];
  readonly rows: readonly AllocationRow[];
  readonly nesting: Nesting;
  /** Comments for the table (header, columns), each a guess or a reader's remark. */
  readonly comments: string[];
  /** A unit printed in the header (`金额（万元）`), when no `单位：` line is. */
  readonly headerUnit?: string;
}

const NUMBER_ROW = /^\d+(?:\s*[=＝]\s*[\d\s+\-－＋×xX*/()（）]+)?$/;

function isDashText(s: string): boolean {
  return /^[-－—–─]+$/.test(s);
}

/** The value of a printed number cell (the language's one reader of numbers), or undefined. */
export function numberOf(text: string): Decimal | undefined {
  const t = text.trim();
  if (t === '' || t.startsWith('+')) return undefined;
  return Decimal.parse(t);
}

function cellText(c: SourceCell | undefined): string {
  return c ? c.text.trim() : '';
}

/** The 栏次 row: `栏次` first, or numbers 1, 2, 3 … (some with a formula) and nothing else. */
function isNumberRow(row: SourceRow): boolean {
  // One walk over the row's texts, stopping at the first that rules it out (a body row's name).
  let count = 0;
  let formula = false;
  for (const c of row.cells) {
    const t = cellText(c);
    if (t === '') continue;
    if (count === 0 && (t === '栏次' || t === '栏 次')) return true;
    count++;
    if (!NUMBER_ROW.test(t)) return false;
    if (Number(/^\d+/.exec(t)![0]) !== count) return false;
    if (/[=＝]/.test(t)) formula = true;
  }
  return count >= 2 && (formula || count >= 3);
}

/** A body row: a number (or a dash) in some cell after the first. */
function isBodyRow(row: SourceRow): boolean {
  if (isNumberRow(row)) return false;
  return row.cells.some((c, i) => i > 0 && numberOf(c.text) !== undefined);
}

/** The first `width` cells of each header row, with merged and blank cells filled as the print shows them. */
function headerMatrix(header: readonly SourceRow[], width: number): string[][] {
  const m = header.map((r) => Array.from({ length: width }, (_, c) => cellText(r.cells[c])));
  const covered = header.map((r) => Array.from({ length: width }, (_, c) => r.cells[c]?.covered));
  for (let r = 0; r < m.length; r++) {
    for (let c = 0; c < width; c++) {
      if (m[r]![c] !== '') continue;
      const cov = covered[r]![c];
      if (cov === 'left' && c > 0) m[r]![c] = m[r]![c - 1]!;
      else if (cov === 'above' && r > 0) m[r]![c] = m[r - 1]![c]!;
    }
  }
  // Blanks in extracted text: a blank right of a heading that has headings under both is the
  // heading's merged cell; a blank below a heading is the heading's cell merged down.
  for (let r = 0; r < m.length; r++) {
    for (let c = 1; c < width; c++) {
      if (m[r]![c] !== '' || covered[r]![c]) continue;
      const below = r + 1 < m.length;
      if (below && m[r]![c - 1] !== '' && m[r + 1]![c] !== '' && m[r + 1]![c - 1] !== '' && (r === 0 || m[r - 1]![c] === m[r - 1]![c - 1])) {
        m[r]![c] = m[r]![c - 1]!;
      }
    }
    for (let c = 0; c < width; c++) if (m[r]![c] === '' && r > 0 && !covered[r]![c]) m[r]![c] = m[r - 1]![c]!;
  }
  return m;
}

/** The path of headings over column `c`, outermost first, repeats removed. */
function headingPath(m: readonly string[][], c: number): string[] {
  const out: string[] = [];
  for (const row of m) {
    const t = row[c] ?? '';
    if (t !== '' && out[out.length - 1] !== t) out.push(t);
  }
  return out;
}

/** What a column holds in the body: numbers, text, or nothing. */
function columnKind(body: readonly SourceRow[], c: number): { numbers: number; texts: number; empty: boolean; blanks: number } {
  let numbers = 0;
  let texts = 0;
  let blanks = 0;
  for (const r of body) {
    const t = cellText(r.cells[c]);
    if (t === '') {
      blanks++;
      continue;
    }
    if (numberOf(t) !== undefined || isDashText(t)) numbers++;
    else texts++;
  }
  return { numbers, texts, empty: numbers + texts === 0, blanks };
}

/** How many different texts (not numbers or dashes) a column holds in the body. */
function distinctTexts(body: readonly SourceRow[], c: number): number {
  const seen = new Set<string>();
  for (const r of body) {
    const t = cellText(r.cells[c]);
    if (t !== '' && numberOf(t) === undefined && !isDashText(t)) seen.add(t);
  }
  return seen.size;
}

const TEXT_HEADING = /备注|说明|类别|类型|档次|方式|依据|用途|单位名称|项目名称|名称$/;
const SEQ_HEADING = /^(?:序号|序|编号|行次)$/;

/** Words a column heading is known by, in the order they are tried: the short id each gives. */
const ID_WORDS: readonly [RegExp, string][] = [
  [/已(?:提前)?(?:预)?下达|已拨付|已安排|号.*下达/, '已下达'],
  [/提前(?:预)?下达|预下达/, '预下达'],
  [/此次|本次|这次/, '本次'],
  [/全年|年度/, '全年'],
  [/清算/, '清算'],
  [/调整/, '调整'],
  [/小计/, '小计'],
  [/合计|总计/, '合计'],
  [/中央/, '中央'],
  [/省级|省本级|省财政/, '省级'],
  [/市级|市本级|市财政/, '市级'],
  [/县级|县本级|县财政/, '县级'],
];

function idWord(s: string): string | undefined {
  return ID_WORDS.find(([re]) => re.test(s))?.[1];
}

/** A short column id from its heading: the words it is known by, else its first characters (bracketed notes and a leading year left out). */
function idFrom(title: string, group: string | undefined): string {
  const a = group !== undefined ? idWord(group) : undefined;
  const b = idWord(title);
  if (a !== undefined && b !== undefined && a !== b) return a + b;
  if (a === undefined && b !== undefined && group === undefined) return b;
  let s = title.replace(/[（(【[][^）)】\]]*[）)】\]]/g, '').replace(/^\d{4}年度?/, '');
  s = s.split(/[、，,。；;（(]/)[0]!.replace(/[^\p{L}\p{N}]/gu, '');
  if (/^\d/.test(s)) s = s.replace(/^[\d.]+/, '');
  s = s.replace(/资金$|金额$|数$/, '') || s;
  return ((a ?? '') + s.slice(0, 6)).slice(0, 8);
}

function assignIds(cols: ColumnDraft[]): void {
  const used = new Set<string>();
  for (const c of cols) {
    const id = idFrom(c.title, c.groups[c.groups.length - 1]) || '栏';
    let unique = id;
    for (let k = 2; used.has(unique); k++) unique = `${id}${k}`;
    used.add(unique);
    c.id = unique;
  }
}

/** `5=1-3` → `1 - 3`, when it names only columns that exist. */
function formulaFrom(text: string, count: number): string | undefined {
  const m = /^\d+\s*[=＝]\s*(.+)$/.exec(text.trim());
  if (!m) return undefined;
  const expr = m[1]!.replace(/[－]/g, '-').replace(/[＋]/g, '+').replace(/[xX*]/g, '×').replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
  if (!/^[\d+\-×/()]+$/.test(expr)) return undefined;
  const refs = expr.match(/\d+/g) ?? [];
  if (refs.some((r) => Number(r) < 1 || Number(r) > count)) return undefined;
  return expr.replace(/([+\-×/])/g, ' $1 ').replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();
}

/**
 * Reads a printed table as an allocation table, or undefined when it is not one (no row with
 * a number after its first cell).
 */
export function readAllocation(table: SourceTable): AllocationDraft | undefined {
  const rows = table.rows.filter((r) => r.cells.some((c) => cellText(c) !== '' || c.formulaWithoutValue !== undefined));
  const firstBody = rows.findIndex(isBodyRow);
  if (firstBody < 0) return undefined;
  const comments: string[] = [];
  let header = rows.slice(0, firstBody);
  const numberRowAt = header.findIndex(isNumberRow);
  const numberRow = numberRowAt >= 0 ? header[numberRowAt] : undefined;
  if (numberRowAt >= 0) header = header.slice(0, numberRowAt);
  // Body rows, less the header and 栏次 rows that each printed page repeats.
  const body: SourceRow[] = [];
  const headings = header.flatMap((h) => h.cells.map(cellText)).filter((t) => t !== '');
  const isHeading = (t: string): boolean => headings.some((h) => sameHeading(h, t) || sameHeading(h.replace(/\s+/g, ''), t.replace(/\s+/g, '')));
  for (const r of rows.slice(firstBody)) {
    if (isNumberRow(r)) continue;
    if (header.length > 0 && !isBodyRow(r)) {
      const texts = r.cells.map(cellText).filter((t) => t !== '');
      if (texts.length > 0 && texts.every(isHeading)) continue;
    }
    body.push(r);
  }
  const width = Math.max(...rows.map((r) => r.cells.length));
  const m = headerMatrix(header, width);

  // Which column is what.
  const kinds = Array.from({ length: width }, (_, c) => columnKind(body, c));
  const paths = Array.from({ length: width }, (_, c) => headingPath(m, c));
  const title = (c: number): string => paths[c]![paths[c]!.length - 1] ?? '';
  let c0 = 0;
  let seq = false;
  if (width > 1 && SEQ_HEADING.test(title(0)) || (width > 2 && kinds[0]!.texts === 0 && kinds[1]!.texts > 0 && looksLikeSequence(body))) {
    seq = true;
    c0 = 1;
  }
  // Leading text columns: the row names (one or two label columns) and text columns.
  const labels: number[] = [c0];
  let next = c0 + 1;
  if (next < width && kinds[next]!.texts > 0 && kinds[next]!.texts >= kinds[next]!.numbers && isSecondLabel(body, c0, next, kinds[next]!, title(next))) {
    labels.push(next);
    next++;
  }
  const columns: ColumnDraft[] = [];
  const columnAt: number[] = [];
  for (let c = next; c < width; c++) {
    const k = kinds[c]!;
    const t = title(c);
    if (k.empty && t === '') continue;
    const text = k.texts > 0 ? k.texts >= k.numbers : k.empty && TEXT_HEADING.test(t);
    columns.push({ kind: text ? 'text' : 'num', title: t || `第${c + 1}列`, groups: paths[c]!.slice(0, -1), id: '', hidden: table.hiddenColumns?.has(c) ?? false });
    columnAt.push(c);
    if (t === '') comments.push(`第${c + 1}列没有栏头，栏头写作“第${c + 1}列”，请补上。`);
  }
  assignIds(columns);
  const numeric = columns.filter((c) => c.kind === 'num');
  // Formulas printed in the 栏次 row.
  if (numberRow) {
    columns.forEach((col, i) => {
      if (col.kind !== 'num') return;
      const f = formulaFrom(cellText(numberRow.cells[columnAt[i]!]), numeric.length);
      if (f) col.formula = f;
    });
  }
  for (const col of columns) if (col.hidden) comments.push(`栏“${col.title}”在原表中是隐藏的列，照样导入。`);
  let headerUnit: string | undefined;
  for (const col of numeric) {
    const u = /[（(]\s*(万元|亿元|元)\s*[）)]/.exec([...col.groups, col.title].join(' '));
    if (u) headerUnit ??= u[1];
  }

  // The rows.
  const out: AllocationRow[] = [];
  let group = '';
  for (const r of body) {
    const rowComments: string[] = [];
    if (r.hidden) rowComments.push(`这一行在原表中是隐藏的行，照样导入（其数计入合计）。`);
    const nameCell = r.cells[labels[labels.length - 1]!];
    let name = cleanText(cellText(nameCell));
    let labelColumn = 0;
    let indent = nameCell?.indent ?? leadingIndent(nameCell?.text ?? '');
    if (labels.length === 2) {
      const outer = cleanText(cellText(r.cells[labels[0]!]));
      const inner = name;
      const covered = r.cells[labels[0]!]?.covered !== undefined;
      if (outer !== '' && !covered && outer !== group) {
        group = outer;
        if (inner === '' || /^小\s*计$/.test(inner)) {
          name = outer;
          labelColumn = 0;
        } else {
          out.push(groupRow(outer, r));
          labelColumn = 1;
        }
      } else if (inner === '') {
        name = outer || group;
      } else labelColumn = 1;
      indent = 0;
    }
    const texts: string[] = [];
    const cells: string[] = [];
    const values: (Decimal | null)[] = [];
    columns.forEach((col, i) => {
      const cell = r.cells[columnAt[i]!];
      const t = cellText(cell);
      if (col.kind === 'text') {
        texts.push(cleanText(t).replace(/[[\]［］]/g, ''));
        return;
      }
      const printed = cell?.printed;
      if (printed !== undefined && numberOf(printed) !== undefined) {
        cells.push(printed);
        values.push(numberOf(printed)!);
        rowComments.push(`栏“${col.title}”：单元格的批注说原件印 ${printed}，照原件写 ${printed}（单元格中的数是 ${t}）。`);
        return;
      }
      const v = numberOf(t);
      if (v !== undefined) {
        cells.push(t);
        values.push(v);
      } else {
        cells.push('-');
        values.push(null);
        if (cell?.formulaWithoutValue !== undefined) {
          rowComments.push(`栏“${col.title}”是公式（=${cell.formulaWithoutValue}），文件中没有保存计算结果，写作“-”；请在 Excel 中重新计算后再导入，或照原件填上。`);
        } else if (t !== '' && !isDashText(t)) {
          rowComments.push(`栏“${col.title}”印的是“${t}”，不是数字，写作“-”。`);
        }
      }
    });
    if (name === '' && cells.every((c) => c === '-') && texts.every((t) => t === '')) continue;
    if (nameCell?.risky) rowComments.push(`行名“${name}”在原表中以“${name[0]}”开头，是文字而不是公式，照原样保留。`);
    out.push({
      name,
      indent,
      labelColumn,
      values,
      bold: nameCell?.bold ?? false,
      breakdown: isBreakdownName(name),
      group: false,
      depth: 0,
      comments: rowComments,
      cells,
      texts,
    });
  }
  const nesting = nestRows(out);
  const labelTitles = labels.map((c) => title(c)).filter((t) => t !== '');
  return { kind: 'allocation', labelTitles, seq, columns, rows: out, nesting, comments, ...(headerUnit ? { headerUnit } : {}) };
}

function groupRow(name: string, r: SourceRow): AllocationRow {
  void r;
  return { name, indent: 0, labelColumn: 0, values: [], bold: false, breakdown: false, group: true, depth: 0, comments: [], cells: [], texts: [] };
}

/** Levels of leading blanks in a name printed as text (two spaces or one full-width space a level). */
function leadingIndent(text: string): number {
  let w = 0;
  for (const ch of text) {
    if (ch === ' ') w += 1;
    else if (ch === '\u3000') w += 2;
    else if (ch === '\u00a0') w += 1;
    else break;
  }
  return Math.floor(w / 2);
}

/** The first column counts 1, 2, 3 … down the rows that have a number there. */
function looksLikeSequence(body: readonly SourceRow[]): boolean {
  let expect = 1;
  for (const r of body) {
    const t = cellText(r.cells[0]);
    if (t === '') continue;
    if (t !== String(expect)) return false;
    expect++;
  }
  return expect > 2;
}

/**
 * A second leading text column is a second label column (市州 | 县市区) when the first is blank
 * or merged on most rows that have a name in the second, and the second's names are mostly
 * different from each other (a 类别 column repeats a few values).
 */
function isSecondLabel(body: readonly SourceRow[], a: number, b: number, kb: { texts: number }, heading: string): boolean {
  if (TEXT_HEADING.test(heading) && !/名称$/.test(heading)) return false;
  let named = 0;
  let blankFirst = 0;
  for (const r of body) {
    if (cellText(r.cells[b]) === '') continue;
    named++;
    if (cellText(r.cells[a]) === '' || r.cells[a]?.covered) blankFirst++;
  }
  return named > 0 && blankFirst / named >= 0.3 && distinctTexts(body, b) / Math.max(1, kb.texts) > 0.6;
}
