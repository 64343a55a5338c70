/**
 * Row nesting: which printed rows are totals of which. A table printed on paper or in Excel
 * shows its hierarchy in several ways, none of them always present: indentation, the words
 * 合计 / 小计 / 其中, two label columns (市州 | 县市区), bold totals, the place names
 * themselves (南昌市 › 东湖区), and the numbers (a row is the total of the rows under it when
 * they add up to it). This module weighs that evidence, in that order of strength, and says
 * where it guessed.
 *
 * It never changes a number. A total that the words or names say is a total stays one when
 * its parts do not add up (the checker then reports the published mistake); the comment on
 * its line says so.
 */
import { findRegions, type Region } from '../catalogue/regions.js';
import { Decimal } from '../model/decimal.js';

/** A body row as the table reader found it. */
export interface DraftRow {
  /** The row's name as printed (already cleaned of extraction spaces). */
  name: string;
  /** Levels of indentation printed before the name, when the source shows them. */
  readonly indent: number | undefined;
  /** Which label column the name was printed in (two label columns: 0 市州, 1 县市区). */
  readonly labelColumn: number;
  /** The value of each numeric column (null where the cell is empty). */
  readonly values: readonly (Decimal | null)[];
  readonly bold: boolean;
  /** `其中` rows: a partial breakdown of the row above. */
  breakdown: boolean;
  /** A row that only names a group (a 市州 merged over its rows, no numbers). */
  group: boolean;
  /** Depth under the table (0 = top level), decided here. */
  depth: number;
  /** `# 导入：…` comments to write above the row. */
  readonly comments: string[];
}

/** What the nesting found for a whole table. */
export interface Nesting {
  /** The table's total is printed after its parts (`合计位置：末行`). */
  readonly totalLast: boolean;
  /** Comments for the table as a whole (how the nesting was read). */
  readonly comments: string[];
}

/** Words that make a row the total of the table. */
const GRAND_TOTAL = /^(?:合\s*计|总\s*计|总\s*额|全国|全省|全区|全市|全州|全县|全盟|全旗)|(?:合计|总计)$/;
/** Words that make a row the subtotal of the rows under it. */
const SUBTOTAL = /小计$|合计$|^小计|本级及所辖|所辖.*小计/;
const BREAKDOWN = /^其中\s*[:：]?/;

/** True when the row's name says it is a total or subtotal. */
export function totalWord(name: string): boolean {
  return GRAND_TOTAL.test(name) || SUBTOTAL.test(name);
}

export function isBreakdownName(name: string): boolean {
  return BREAKDOWN.test(name);
}

/**
 * Decides every row's depth (and whether the table's total is printed last). Rows are given
 * in print order; their depths are for that order, except that a total printed after its
 * parts is moved before them by the writer (`totalLast`).
 */
export function nestRows(rows: DraftRow[]): Nesting {
  const comments: string[] = [];
  for (const r of rows) if (isBreakdownName(r.name)) r.breakdown = true;
  const main = rows.filter((r) => !r.breakdown);
  if (main.length === 0) return { totalLast: false, comments };

  // Where is the table's total? The first or last row, by its words, else by the sums.
  const first = main[0]!;
  const last = main[main.length - 1]!;
  let totalLast = false;
  if (main.length > 1 && GRAND_TOTAL.test(last.name) && !GRAND_TOTAL.test(first.name)) totalLast = true;
  else if (main.length > 2 && !GRAND_TOTAL.test(first.name) && !explicitIndent(main) && !sumsTo(main.slice(1), first) && sumsTo(main.slice(0, -1), last)) totalLast = true;

  if (explicitIndent(main)) {
    // The printed indentation is the hierarchy itself: nothing is guessed.
    byIndent(main, totalLast);
  } else if (main.some((r) => r.labelColumn > 0)) {
    // The two label columns (a 市州 merged over its 县市区) are the hierarchy itself.
    byLabelColumns(main);
  } else {
    // Orient the rows so that a total comes before its parts, as the language writes them.
    const ordered = totalLast ? [...main].reverse() : main;
    const top = ordered[0]!;
    let rest = ordered;
    if (ordered.length > 1 && (GRAND_TOTAL.test(top.name) || sumsTo(ordered.slice(1), top))) {
      top.depth = 0;
      rest = ordered.slice(1);
      if (!GRAND_TOTAL.test(top.name)) {
        note(top, '这一行没有“合计”字样，但正好等于其余各行之和，按全表的合计读。');
      }
      nestSegment(rest, 1, totalLast, comments);
    } else {
      nestSegment(rest, 0, totalLast, comments);
    }
  }
  // Every total, however it was found, is compared with its parts (kept as printed either way).
  const ordered = totalLast ? [...main].reverse() : main;
  ordered.forEach((r, i) => {
    const parts: DraftRow[] = [];
    for (let k = i + 1; k < ordered.length && ordered[k]!.depth > r.depth; k++) if (ordered[k]!.depth === r.depth + 1) parts.push(ordered[k]!);
    if (!r.comments.some((c) => c.includes('之和'))) checkTotal(r, parts);
  });
  // 其中 rows go under the row above them (in print order).
  let above: DraftRow | undefined;
  for (const r of rows) {
    if (r.breakdown) r.depth = above ? above.depth + 1 : 0;
    else above = r;
  }
  return { totalLast, comments };
}

function note(r: DraftRow, text: string): void {
  r.comments.push(text);
}

function explicitIndent(rows: readonly DraftRow[]): boolean {
  const seen = new Set<number>();
  for (const r of rows) seen.add(r.indent ?? 0);
  return seen.size > 1;
}

/** Depth from the printed indentation: the distinct indents, in order, are the levels. */
function byIndent(rows: DraftRow[], totalLast: boolean): void {
  const ordered = totalLast ? [...rows].reverse() : rows;
  // The table's total, wherever it is printed (as far left as the rows it totals, or centred
  // in a PDF's cell), is over all the others: the levels are theirs, one under it.
  const total = ordered[0]!;
  const grand = rows.length > 1 && GRAND_TOTAL.test(total.name);
  const others = grand ? rows.filter((r) => r !== total) : rows;
  const levels = [...new Set(others.map((r) => r.indent ?? 0))].sort((a, b) => a - b);
  for (const r of others) r.depth = levels.indexOf(r.indent ?? 0) + (grand ? 1 : 0);
  if (grand) total.depth = 0;
  // A level skipped (a row indented two steps below its parent) is closed up, so the text
  // reads as one level deeper than the row above at most.
  let prev = -1;
  for (const r of ordered) {
    if (r.depth > prev + 1) r.depth = prev + 1;
    prev = r.depth;
  }
}

/** Two label columns: a name in the first column heads the rows whose names are in the second. */
function byLabelColumns(rows: DraftRow[]): void {
  const hasTop = rows[0]!.labelColumn === 0 && GRAND_TOTAL.test(rows[0]!.name);
  const base = hasTop ? 1 : 0;
  if (hasTop) rows[0]!.depth = 0;
  for (const r of rows.slice(hasTop ? 1 : 0)) r.depth = base + r.labelColumn;
}

/** True when the rows add up to the total in every numeric column (empty cells are 0), and the total is not all empty. */
export function sumsTo(parts: readonly DraftRow[], total: DraftRow): boolean {
  if (parts.length === 0) return false;
  let any = false;
  for (let c = 0; c < total.values.length; c++) {
    let sum = Decimal.ZERO;
    for (const p of parts) {
      const v = p.values[c];
      if (v) sum = sum.add(v);
    }
    const t = total.values[c] ?? Decimal.ZERO;
    if (!sum.eq(t)) return false;
    if (!t.isZero()) any = true;
  }
  return any;
}

/** A comment on a total whose parts do not add up to it (kept as printed). */
function checkTotal(total: DraftRow, parts: readonly DraftRow[]): void {
  if (parts.length === 0 || total.group) return;
  if (!sumsTo(parts, total)) note(total, '其下各行之和与这一行不等；数字照原件，未改动（检查时报 sum-mismatch）。');
}

/** The region a row's name is, when exactly one place (or one place of a level) has that name. */
function regionsOf(name: string): readonly Region[] {
  return findRegions(name.replace(/[（(].*$/, '').trim());
}

/** True when `child`'s name is a place directly under one of the places `parent`'s name is. */
function regionChild(parent: readonly Region[], child: DraftRow): boolean {
  if (parent.length === 0) return false;
  const codes = new Set(parent.map((p) => p.code));
  return regionsOf(child.name).some((r) => r.parentCode !== undefined && codes.has(r.parentCode));
}

/**
 * Nests a run of rows at `depth` and below. Heads of groups are found by, in order: the words
 * 小计/合计; place names (a city followed by its counties); bold rows; and, when none of these
 * is there, the sums (a row equal to the rows after it).
 */
function nestSegment(seg: DraftRow[], depth: number, totalLast: boolean, comments: string[]): void {
  for (const r of seg) r.depth = depth;
  if (seg.length < 3) return;
  const heads = new Map<number, string>();
  seg.forEach((r, i) => {
    if (SUBTOTAL.test(r.name) && i + 1 < seg.length) heads.set(i, 'word');
  });
  if (heads.size === 0) {
    seg.forEach((r, i) => {
      const places = regionsOf(r.name);
      if (places.length === 0 || i + 1 >= seg.length) return;
      // A place heads a group when one of the next rows is a place under it.
      for (let k = i + 1; k < Math.min(seg.length, i + 4); k++) {
        if (regionChild(places, seg[k]!)) {
          heads.set(i, 'region');
          return;
        }
      }
    });
  }
  if (heads.size === 0) {
    const bold = seg.map((r) => r.bold);
    if (bold.some((b) => b) && !bold.every((b) => b)) seg.forEach((r, i) => r.bold && i + 1 < seg.length && heads.set(i, 'bold'));
  }
  if (heads.size === 0) {
    // The sums: the smallest run of two or more rows after a row that adds up to it.
    for (let i = 0; i < seg.length - 2; i++) {
      for (let k = i + 3; k <= seg.length; k++) {
        if (sumsTo(seg.slice(i + 1, k), seg[i]!)) {
          heads.set(i, 'sum');
          i = k - 1;
          break;
        }
      }
    }
  }
  if (heads.size === 0) return;
  const starts = [...heads.keys()].sort((a, b) => a - b);
  const kinds = new Set(heads.values());
  const orderNote = totalLast ? '（原表合计印在各项之后）' : '';
  if (kinds.has('region')) comments.push(`层级按地区名称推断${orderNote}：地名下紧接其所辖地区的行作为小计，其后的行归入它，直到下一个这样的行。`);
  if (kinds.has('bold')) comments.push(`层级按加粗的行推断${orderNote}：加粗的行作为其后各行的小计。`);
  if (kinds.has('word')) comments.push(`层级按“小计”“合计”字样推断${orderNote}。`);
  starts.forEach((h, n) => {
    const end = n + 1 < starts.length ? starts[n + 1]! : seg.length;
    const head = seg[h]!;
    const parts = seg.slice(h + 1, end);
    if (heads.get(h) === 'sum') {
      // Only the run that adds up is under it; rows after it up to the next head stay beside it.
      let k = parts.length;
      while (k > 1 && !sumsTo(parts.slice(0, k), head)) k--;
      const under = parts.slice(0, k);
      nestSegment(under, depth + 1, totalLast, comments);
      note(head, `这一行等于其后 ${under.length} 行之和，按它们的小计读（原表没有缩进或“小计”字样）。`);
      return;
    }
    // A head whose rows up to the next head do not add up to it, while the first few do, has
    // only those under it (a 小计 followed by rows of the level above).
    let k = parts.length;
    if (!sumsTo(parts, head)) {
      while (k > 1 && !sumsTo(parts.slice(0, k - 1), head)) k--;
      if (k <= 1) k = parts.length;
      else k--;
    }
    nestSegment(parts.slice(0, k), depth + 1, totalLast, comments);
  });
}
