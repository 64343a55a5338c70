/**
 * What a notice's tables say about money issued: which columns hold what this notice issues
 * now (本次), which hold what earlier notices already issued (已下达), and the 文号 of those
 * earlier notices as the column's title (or its group's) cites them. Read from the titles and
 * formulas as written, once, for the checks across notices and `notice chain`. A column is
 * only ever named "issued now" when the table leaves no doubt; otherwise none is, and nothing
 * across notices is compared for it.
 */
import { resolvedDocNumbers } from './doc-number.js';
import type { Span } from './span.js';
import { columnsIn } from './formula.js';
import { isMoney, sumsColumn } from './table-arithmetic.js';
import type { ColumnModel, NoticeModel, TableModel } from './types.js';

/** A 文号 cited in a title, normalised (GB/T 9704 form), with where it is written. */
export interface CitedNumber {
  readonly number: string;
  /** 机关代字 of the number (completed from the one before it when shortened: `、[2022]17号`). */
  readonly agency: string;
  readonly span: Span;
}

export interface AlreadyIssuedColumn {
  readonly column: ColumnModel;
  /** Its fund source (`来源：中央`, else the notice's only `资金来源`); '' when none is declared. */
  readonly source: string;
  /** The earlier notices its title (or the title of a group it sits in) cites, in order. */
  readonly cites: readonly CitedNumber[];
  /** The title that cites them (the column's or its group's), for messages. */
  readonly citedIn: Span;
}

export interface IssuedColumn {
  readonly column: ColumnModel;
  readonly source: string;
}

/** Words of a title that say the money was issued before (已下达, 已提前下达, 已预下达, 已拨付 …). */
const ALREADY = /已(?:经)?(?:提前|预先?)?(?:下达|拨付|安排|分配)|扣除|此前下达|前期下达/;
/** Words of a title that name the whole year's (or the whole allocation's) money, not this batch. */
const WHOLE = /全年|应下达|年度(?:资金|预算|总额|合计)|合计|总计|总额/;

function citedIn(text: string, start: number): CitedNumber[] {
  const out: CitedNumber[] = [];
  let agency = '';
  for (const { dn, number } of resolvedDocNumbers(text)) {
    if (dn.agency !== '') agency = dn.agency;
    out.push({ number, agency, span: { start: start + dn.span.start, end: start + dn.span.end } });
  }
  return out;
}

/** The fund source of a column: its own `来源`, else the notice's only `资金来源`; '' when none. */
export function sourceOf(column: ColumnModel, notice: NoticeModel | undefined): string {
  if (column.source) return column.source;
  const declared = notice?.sources.filter((s) => s.from === 'notice') ?? [];
  return declared.length === 1 ? declared[0]!.name : '';
}

/**
 * The 文号 a field names as the notices that issued money before (`已下达：洪财社指〔2023〕5号`,
 * `已下达文号：…`), in the table's head, else in its notice's: for the already-issued columns
 * whose titles cite none.
 */
function fieldCites(t: TableModel): { cites: CitedNumber[]; span: Span } | undefined {
  for (const fields of [t.fields, t.notice?.fields]) {
    for (const [key, f] of fields ?? []) {
      if (!ALREADY.test(key)) continue;
      const cites = [f.value, ...f.continuation].flatMap((w) => citedIn(w.text, w.start));
      if (cites.length > 0) return { cites, span: f.value };
    }
  }
  return undefined;
}

/** The table's columns of money already issued by earlier notices, with the notices they cite. */
export function alreadyIssuedColumns(t: TableModel): AlreadyIssuedColumn[] {
  const out: AlreadyIssuedColumn[] = [];
  let fromField: ReturnType<typeof fieldCites> | null = null;
  for (const c of t.numeric) {
    if (!isMoney(c) || !sumsColumn(c)) continue;
    // The column's id (`已下达`), its title, or the innermost group title that says so.
    const titles = [c.node.title, ...[...c.groups].reverse().map((g) => g.node.title)];
    const saying = titles.find((w) => ALREADY.test(w.text)) ?? (c.node.id && ALREADY.test(c.node.id.text) ? c.node.title : undefined);
    if (!saying) continue;
    const cites = titles.flatMap((w) => citedIn(w.text, w.start));
    if (cites.length === 0) {
      if (fromField === null) fromField = fieldCites(t);
      if (fromField) {
        out.push({ column: c, source: sourceOf(c, t.notice), cites: fromField.cites, citedIn: fromField.span });
        continue;
      }
    }
    out.push({ column: c, source: sourceOf(c, t.notice), cites, citedIn: saying });
  }
  return out;
}

function titleText(c: ColumnModel): string {
  return [c.title, ...c.groups.map((g) => g.title)].join(' ');
}

/**
 * The columns of money this table issues now, one per fund source, where the table leaves no
 * doubt which they are:
 * - a column computed by subtracting an already-issued column (`本次 = 全年 - 已下达`);
 * - else, of the money columns that are neither already issued nor the whole year's, the only
 *   one of its source.
 * A source with two or more candidates has none (nothing is compared for it).
 */
export function issuedColumns(t: TableModel): IssuedColumn[] {
  const already = new Set(alreadyIssuedColumns(t).map((a) => a.column));
  const money = t.numeric.filter((c) => isMoney(c) && sumsColumn(c) && !already.has(c));
  if (already.size > 0) {
    const computed = money.filter((c) => c.formula && columnsIn(c.formula).some((index) => [...already].some((a) => a.index === index)));
    if (computed.length > 0) return bySource(computed, t);
  }
  const thisBatch = money.filter((c) => !WHOLE.test(titleText(c)));
  return bySource(thisBatch.length > 0 ? thisBatch : money, t);
}

function bySource(columns: readonly ColumnModel[], t: TableModel): IssuedColumn[] {
  const groups = new Map<string, ColumnModel[]>();
  for (const c of columns) {
    const s = sourceOf(c, t.notice);
    const list = groups.get(s);
    if (list) list.push(c);
    else groups.set(s, [c]);
  }
  const out: IssuedColumn[] = [];
  for (const [source, list] of groups) if (list.length === 1) out.push({ column: list[0]!, source });
  return out;
}

/** The notice's own 文号, normalised; undefined when it has none that reads. */
export function noticeNumber(n: NoticeModel): { number: string; agency: string } | undefined {
  if (!n.docNumber) return undefined;
  const found = resolvedDocNumbers(n.docNumber.text)[0];
  return found ? { number: found.number, agency: found.dn.agency } : undefined;
}

/** The 文号 a notice's `依据` cites (shortened ones completed), with their spans. */
export function basisNumbers(n: NoticeModel): CitedNumber[] {
  const f = n.fields.get('依据');
  if (!f) return [];
  const words = [f.value, ...f.continuation];
  return words.flatMap((w) => citedIn(w.text, w.start));
}
