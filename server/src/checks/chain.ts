/**
 * Links between notices, read from what they cite and compared figure by figure: the rows of
 * an 已下达 column against the same regions' 本次 in the earlier notices its title cites, and
 * a notice's own total against what its 依据 notice allocated to the issuer's region. The
 * checks `already-issued` and `from-above` report what these find, and `notice chain` prints
 * them as a tree; the notices themselves come from the caller (`NoticeLookup`: the workspace,
 * `notice check --with DIR`), the core reads no files.
 *
 * Nothing is compared where the reading is in doubt: a cited notice that is missing, a table
 * whose 本次 column cannot be told, a region found twice, a source that does not match. The
 * checks say so as information, never as an error.
 */
import { findRegions, shortRegionName } from '../catalogue/regions.js';
import { convert } from '../model/amount.js';
import { Decimal } from '../model/decimal.js';
import { alreadyIssuedColumns, basisNumbers, issuedColumns, noticeNumber, type AlreadyIssuedColumn, type CitedNumber, type IssuedColumn } from '../model/issued.js';
import { writtenDecimals } from '../model/number-display.js';
import type { Span } from '../model/span.js';
import { checkable, rowFigures, tableTotal, totalRow } from '../model/table-arithmetic.js';
import type { NoticeModel, RowModel, TableModel } from '../model/types.js';
import { cellSpan } from './table-util.js';

/** A notice found by its 文号, and the file it is in, as the caller names files. */
export interface CitedNotice {
  readonly notice: NoticeModel;
  readonly file: string;
}

/** The notices the caller knows (the workspace, a folder), by normalised 文号. */
export interface NoticeLookup {
  find(number: string): readonly CitedNotice[];
}

/** A figure in some notice's table: the value in the comparing table's unit, and its cell. */
export interface Figure {
  readonly cited: CitedNotice;
  readonly number: string;
  readonly table: TableModel;
  readonly row: RowModel;
  readonly value: Decimal;
  readonly span: Span;
}

// ---- regions ----

function key(name: string): string {
  return name.replace(/[\s\u3000]/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

const TOTAL_SUFFIX = /(?:本级|合计|小计|总计)$/;

/** The rows of a table by name, and by name without 本级/合计/小计 (a variant, used when the name itself is not found). */
class RowNames {
  private readonly exact = new Map<string, RowModel[]>();
  private readonly loose = new Map<string, RowModel[]>();
  constructor(t: TableModel) {
    for (const r of t.allRows) {
      if (r.name === '') continue;
      const k = key(r.name);
      push(this.exact, k, r);
      push(this.loose, k.replace(TOTAL_SUFFIX, ''), r);
    }
  }
  /**
   * The one row of this name (or, failing that, the one variant of it); a name found several
   * times (高新区 of two cities) is told apart by the name of the row above it, `under`.
   * Undefined when none or still several.
   */
  find(name: string, under?: string): RowModel | undefined {
    const k = key(name);
    return one(this.exact.get(k), under) ?? (this.exact.has(k) ? undefined : one(this.loose.get(k.replace(TOTAL_SUFFIX, '')), under));
  }
}

function one(rows: readonly RowModel[] | undefined, under: string | undefined): RowModel | undefined {
  if (!rows) return undefined;
  if (rows.length === 1) return rows[0];
  if (under === undefined) return undefined;
  const u = key(under).replace(TOTAL_SUFFIX, '');
  const found = rows.filter((r) => r.parent && key(r.parent.name).replace(TOTAL_SUFFIX, '') === u);
  return found.length === 1 ? found[0] : undefined;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

const namesCache = new WeakMap<TableModel, RowNames>();
function namesOf(t: TableModel): RowNames {
  let n = namesCache.get(t);
  if (!n) namesCache.set(t, (n = new RowNames(t)));
  return n;
}

/**
 * The region a notice's issuer answers for: the longest start of its first 发文机关 that is an
 * administrative division (`南昌市财政局` → 南昌市, `江西省财政厅` → 江西省); undefined for a
 * national organ (财政部) or when none is written.
 */
export function issuerRegion(n: NoticeModel): string | undefined {
  const issuer = n.fields.get('发文机关')?.value.text.trim();
  if (!issuer) return undefined;
  const first = issuer.split(/[、，,\s]+/)[0] ?? '';
  for (let len = first.length; len >= 2; len--) {
    const prefix = first.slice(0, len);
    if (findRegions(prefix).length > 0) return prefix;
  }
  return undefined;
}

/** The row for a region in a superior's table: its name, `名称合计/小计`, its short name, `名称本级`, in that order; one row or none. */
function regionRow(t: TableModel, region: string): RowModel | undefined {
  const names = namesOf(t);
  for (const name of [region, `${region}合计`, `${region}小计`, shortRegionName(region), `${region}本级`]) {
    const r = names.find(name);
    if (r) return r;
  }
  return undefined;
}

// ---- columns across notices ----

/**
 * The issued columns of a table that answer for fund source `source`: the column of the same
 * source; the table's only one when either side declares none; for a column that declares no
 * source (all the money), every source's column when the table has no column without one.
 */
function matchingIssued(issued: readonly IssuedColumn[], source: string): IssuedColumn[] {
  const same = issued.find((i) => i.source === source);
  if (same) return [same];
  if (issued.length === 1 && (source === '' || issued[0]!.source === '')) return [issued[0]!];
  if (source === '' && issued.length > 1) return [...issued];
  return [];
}

/** A row's figure in the issued columns (summed when several), in `unit`; the first column's cell is where it is. */
function figureOf(cited: CitedNotice, number: string, table: TableModel, row: RowModel, columns: readonly IssuedColumn[], unit: TableModel['unit']): Figure | undefined {
  const figures = rowFigures(row);
  if (!figures || columns.length === 0) return undefined;
  let v = Decimal.ZERO;
  for (const c of columns) v = v.add(figures[c.column.index!] ?? Decimal.ZERO);
  return { cited, number, table, row, value: convert(v, table.unit, unit), span: cellSpan(row, columns[0]!.column.index!) };
}

/** `expected` as the table prints it: rounded to the decimals written in the cell, when they are fewer. */
export function agrees(stated: Decimal, statedText: string, expected: Decimal): boolean {
  if (stated.sub(expected).isZero()) return true;
  const places = writtenDecimals(statedText);
  return expected.round(places).sub(stated).isZero();
}

// ---- 已下达 ----

export interface AlreadyIssuedRow {
  readonly row: RowModel;
  readonly stated: Decimal;
  readonly expected: Decimal;
  readonly figures: readonly Figure[];
  readonly agrees: boolean;
}

export interface AlreadyIssuedLink {
  readonly column: AlreadyIssuedColumn;
  /** The cited notices whose 本次 the column sums (those of this notice's own issuer, when it cites any). */
  readonly summed: readonly CitedNumber[];
  /** Of those, the ones the caller does not have: nothing is compared then. */
  readonly missing: readonly CitedNumber[];
  /** Of those, the ones several notices at hand carry (a copy, a 文号 used twice): nothing is compared then either. */
  readonly duplicated: readonly CitedNumber[];
  /** Present notices whose 本次 column (for this source) cannot be told. */
  readonly unclear: readonly CitedNumber[];
  readonly rows: readonly AlreadyIssuedRow[];
  /** Rows with an amount that no cited notice has a row for. */
  readonly unmatched: readonly RowModel[];
}

/** The notice of this number other than `self`; undefined when there is none, or several (the workspace reports duplicate numbers). */
function findOne(lookup: NoticeLookup, number: string, self: NoticeModel | undefined): CitedNotice | undefined {
  const found = lookup.find(number).filter((c) => c.notice !== self);
  return found.length === 1 ? found[0] : undefined;
}

/** How many notices other than `self` have this number. */
function countOf(lookup: NoticeLookup, number: string, self: NoticeModel | undefined): number {
  return lookup.find(number).filter((c) => c.notice !== self).length;
}

export function alreadyIssuedLinks(t: TableModel, lookup: NoticeLookup): AlreadyIssuedLink[] {
  const own = t.notice ? noticeNumber(t.notice) : undefined;
  const out: AlreadyIssuedLink[] = [];
  for (const column of alreadyIssuedColumns(t)) {
    if (column.cites.length === 0) continue;
    const fromOwn = own ? column.cites.filter((c) => c.agency === own.agency) : [];
    const summed = fromOwn.length > 0 ? fromOwn : column.cites;
    const missing: CitedNumber[] = [];
    const duplicated: CitedNumber[] = [];
    const unclear: CitedNumber[] = [];
    const sources: { cited: CitedNotice; number: string; tables: { table: TableModel; issued: IssuedColumn[] }[] }[] = [];
    for (const c of summed) {
      const cited = findOne(lookup, c.number, t.notice);
      if (!cited) {
        (countOf(lookup, c.number, t.notice) > 1 ? duplicated : missing).push(c);
        continue;
      }
      const readable = cited.notice.tables.filter((table) => issuedColumns(table).length > 0);
      if (readable.length === 0) {
        unclear.push(c);
        continue;
      }
      // A notice that issued none of this source (a 省级 notice for a 中央 column) adds nothing.
      const tables = readable.flatMap((table) => {
        const issued = matchingIssued(issuedColumns(table), column.source);
        return issued.length > 0 ? [{ table, issued }] : [];
      });
      sources.push({ cited, number: c.number, tables });
    }
    const rows: AlreadyIssuedRow[] = [];
    const unmatched: RowModel[] = [];
    if (missing.length === 0 && duplicated.length === 0 && unclear.length === 0) {
      const index = column.column.index!;
      for (const row of t.allRows) {
        // A total its parts decide is checked through them (and by sum-mismatch): one fault, one report.
        if (!row.valid || row.group || row.name === '' || checkable(row)) continue;
        const stated = row.valueAt(index) ?? Decimal.ZERO;
        const figures: Figure[] = [];
        for (const s of sources) {
          const found = s.tables.map((x) => ({ x, row: namesOf(x.table).find(row.name, row.parent?.name) })).filter((f) => f.row);
          if (found.length !== 1) continue;
          const f = figureOf(s.cited, s.number, found[0]!.x.table, found[0]!.row!, found[0]!.x.issued, t.unit);
          if (f) figures.push(f);
        }
        if (figures.length === 0) {
          if (!stated.isZero()) unmatched.push(row);
          continue;
        }
        const expected = figures.reduce((sum, f) => sum.add(f.value), Decimal.ZERO);
        const text = row.node.cells[index]?.text ?? '';
        rows.push({ row, stated, expected, figures, agrees: agrees(stated, text, expected) });
      }
    }
    out.push({ column, summed, missing, duplicated, unclear, rows, unmatched });
  }
  return out;
}

// ---- 依据 ----

export interface AboveLink {
  readonly basis: CitedNumber;
  readonly superior?: CitedNotice;
}

/** What this notice distributes of one fund source, against what its 依据 notices allocated to its region. */
export interface AboveFigure {
  readonly source: string;
  readonly table: TableModel;
  readonly issued: IssuedColumn;
  /** This notice's total of the column, and where it is printed (the total row's cell, else the column title). */
  readonly ours: Decimal;
  readonly oursSpan: Span;
  /** What it already issued of the same source, when it has such a column: the superior's figure may be the whole year's. */
  readonly alreadyIssued?: Decimal;
  /** The region's figure in each 依据 notice at hand that has one. */
  readonly theirs: readonly Figure[];
  readonly agrees: boolean;
}

export interface AboveLinks {
  /** The issuer's region (`南昌市`); undefined for a national organ, or when no 发文机关 is written. */
  readonly region?: string;
  readonly links: readonly AboveLink[];
  readonly figures: readonly AboveFigure[];
}

/**
 * The notices this one's `依据` cites, whether each is at hand, and, per fund source, what they
 * allocated to this notice's region against what this notice distributes. It agrees when this
 * notice's total (or that plus what its 已下达 column says was issued before) equals one 依据
 * notice's figure or their sum: a notice often cites the superior's advance notice and its
 * final one together.
 */
export function fromAboveLinks(n: NoticeModel, lookup: NoticeLookup): AboveLinks {
  const region = issuerRegion(n);
  const links = basisNumbers(n).map((basis) => {
    const superior = findOne(lookup, basis.number, n);
    return superior ? { basis, superior } : { basis };
  });
  const figures: AboveFigure[] = [];
  const ownTables = n.tables.filter((t) => issuedColumns(t).length > 0);
  if (region && ownTables.length === 1) {
    const table = ownTables[0]!;
    for (const issued of issuedColumns(table)) {
      const ours = tableTotal(table, issued.column.index!);
      if (!ours) continue;
      const theirs: Figure[] = [];
      for (const l of links) {
        const f = l.superior && superiorFigure(l.superior, l.basis.number, region, issued.source, table.unit);
        if (f) theirs.push(f);
      }
      if (theirs.length === 0) continue;
      const already = alreadyIssuedColumns(table).find((a) => a.source === issued.source);
      const alreadyTotal = already ? tableTotal(table, already.column.index!) : undefined;
      const tot = totalRow(table);
      const oursSpan = tot ? cellSpan(tot, issued.column.index!) : issued.column.node.title;
      const oursText = tot?.node.cells[issued.column.index!]?.text ?? '';
      const candidates = [...theirs.map((f) => f.value), theirs.reduce((sum, f) => sum.add(f.value), Decimal.ZERO)];
      const stated = alreadyTotal ? [ours, ours.add(alreadyTotal)] : [ours];
      const ok = stated.some((v) => candidates.some((c) => agrees(v, oursText, c)));
      figures.push({ source: issued.source, table, issued, ours, oursSpan, ...(alreadyTotal ? { alreadyIssued: alreadyTotal } : {}), theirs, agrees: ok });
    }
  }
  return { ...(region ? { region } : {}), links, figures };
}

function superiorFigure(superior: CitedNotice, number: string, region: string, source: string, unit: TableModel['unit']): Figure | undefined {
  const found: Figure[] = [];
  for (const table of superior.notice.tables) {
    const issued = matchingIssued(issuedColumns(table), source);
    if (issued.length === 0) continue;
    const row = regionRow(table, region);
    if (!row) continue;
    const f = figureOf(superior, number, table, row, issued, unit);
    if (f) found.push(f);
  }
  return found.length === 1 ? found[0] : undefined;
}
