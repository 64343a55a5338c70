/**
 * References in `正文` paragraphs: `{附件1.南昌市合计.本次}` (table › row › column) and, for
 * notices printed once per recipient, `{本单位.本次}` (the recipient's row) and `{本单位}`
 * (its name). Found here with exact spans, resolved against the notice's tables to the
 * value the table holds (../model/table-arithmetic.ts), and written as the table writes its
 * numbers (../model/number-display.ts).
 *
 * - Table: the attachment label (`附件1`).
 * - Row: a row name; `合计` is the table's total row (its single top-level row, or the sum
 *   of its top-level rows). A name that is not unique in the table is written with its
 *   parents: `{附件1.南昌市.高新区.全年中央}`. A group row (no numbers of its own) gives the
 *   sums of its parts.
 * - Column: a column id or 栏次, or a formula over them (`{本单位.全年中央+全年省级}`).
 *
 * Used by the `unknown-reference` check (what points nowhere) and by the renderers (what
 * the body says). No I/O.
 */
import { columnsIn, evaluate, evaluateRounded, parseFormula } from './formula.js';
import type { Decimal } from './decimal.js';
import { columnStyles, formatNumber, mergeStyles, PLAIN } from './number-display.js';
import type { Span } from './span.js';
import { rowFigures, sumsColumn, tableTotals, topRows } from './table-arithmetic.js';
import type { Expr, NoticeModel, Rounding, RowModel, TableModel } from './types.js';

/** The word a per-recipient reference starts with. */
export const RECIPIENT = '本单位';
/** The row name that means the table's total row. */
export const TOTAL = '合计';

export interface BodyRefPart {
  readonly text: string;
  readonly span: Span;
}

export interface BodyRef {
  /** The whole `{…}`, braces included. */
  readonly span: Span;
  readonly text: string;
  /** `{本单位.…}`: the row is the recipient's. */
  readonly recipient: boolean;
  /** The table label (absent for `本单位` references). */
  readonly table?: BodyRefPart;
  /** Row names from the outermost written (for `本单位`: none). */
  readonly rows: readonly BodyRefPart[];
  /** The column id, 栏次 or formula; absent for `{本单位}` (the recipient's name). */
  readonly column?: BodyRefPart;
}

const isOpen = (c: number): boolean => c === 0x7b || c === 0xff5b; // { ｛
const isClose = (c: number): boolean => c === 0x7d || c === 0xff5d; // } ｝
const SEP = /[.．]/;

/** Finds every `{…}` in a paragraph. `start` is the paragraph's offset in the source. */
export function findBodyRefs(text: string, start: number): BodyRef[] {
  const out: BodyRef[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!isOpen(text.charCodeAt(i))) continue;
    let j = i + 1;
    while (j < text.length && !isClose(text.charCodeAt(j)) && !isOpen(text.charCodeAt(j))) j++;
    if (j >= text.length || !isClose(text.charCodeAt(j))) continue;
    out.push(readRef(text.slice(i + 1, j), start + i + 1, { start: start + i, end: start + j + 1 }, text.slice(i, j + 1)));
    i = j;
  }
  return out;
}

function readRef(inner: string, base: number, span: Span, text: string): BodyRef {
  const parts: BodyRefPart[] = [];
  let from = 0;
  for (let k = 0; k <= inner.length; k++) {
    if (k === inner.length || SEP.test(inner[k]!)) {
      const raw = inner.slice(from, k);
      const lead = raw.length - raw.trimStart().length;
      const t = raw.trim();
      parts.push({ text: t, span: { start: base + from + lead, end: base + from + lead + t.length } });
      from = k + 1;
    }
  }
  const first = parts[0]!;
  if (first.text === RECIPIENT) {
    const rest = parts.slice(1);
    const column = rest.length > 0 ? joinParts(rest) : undefined;
    return { span, text, recipient: true, rows: [], ...(column ? { column } : {}) };
  }
  if (parts.length === 1) return { span, text, recipient: false, table: first, rows: [] };
  const column = parts.length >= 3 ? parts[parts.length - 1] : undefined;
  const rows = parts.length >= 3 ? parts.slice(1, -1) : [parts[1]!];
  return { span, text, recipient: false, table: first, rows, ...(column ? { column } : {}) };
}

/** `本单位.a.b` keeps `a.b` together as the column part (a formula cannot hold a dot otherwise). */
function joinParts(parts: readonly BodyRefPart[]): BodyRefPart {
  const a = parts[0]!;
  const b = parts[parts.length - 1]!;
  return { text: parts.map((p) => p.text).join('.'), span: { start: a.span.start, end: b.span.end } };
}

/** A row of a table, or the table's total when it has several top-level rows. */
export type RowRef = { readonly kind: 'row'; readonly row: RowModel } | { readonly kind: 'total'; readonly table: TableModel };

export type Resolution =
  /** A value, formatted as its table writes numbers. */
  | { readonly kind: 'value'; readonly value: Decimal; readonly text: string; readonly table: TableModel; readonly row: RowRef }
  /** `{本单位}`: the recipient's name. */
  | { readonly kind: 'name'; readonly text: string }
  /** A `本单位` reference while rendering the notice for no recipient in particular: left blank. */
  | { readonly kind: 'blank' }
  /** The reference points at something, but its numbers cannot be trusted (a broken row). */
  | { readonly kind: 'untrusted'; readonly message: string }
  | { readonly kind: 'unresolved'; readonly message: string; readonly span: Span };

export interface ResolveOptions {
  /** The row each `本单位` reference takes its values from (per-recipient rendering). */
  readonly recipient?: RowModel;
}

/** The table `本单位` references read: the recipient's table, else the notice's first allocation table. */
export function recipientTable(n: NoticeModel, recipient?: RowModel): TableModel | undefined {
  return recipient?.table ?? n.tables[0];
}

function listNames(names: readonly string[], max = 8): string {
  const unique = [...new Set(names)];
  return unique.length <= max ? unique.join('、') : `${unique.slice(0, max).join('、')} 等 ${unique.length} 项`;
}

function describeTables(n: NoticeModel): string {
  const labels = n.tables.map((t) => t.label).filter((l): l is string => !!l);
  return labels.length > 0 ? `本通知的分配表有 ${labels.join('、')}` : '本通知下没有带附件编号的分配表';
}

/** Resolves the row path against a table. */
export function resolveRow(t: TableModel, path: readonly BodyRefPart[]): { row: RowRef } | { message: string; span: Span } {
  const label = t.label ?? t.title;
  const first = path[0]!;
  let candidates: RowModel[];
  if (first.text === TOTAL && !t.allRows.some((r) => r.name === TOTAL)) {
    const top = topRows(t);
    if (top.length === 0) return { message: `${label} 没有数据行，无从取“合计”`, span: first.span };
    if (path.length === 1) return { row: top.length === 1 ? { kind: 'row', row: top[0]! } : { kind: 'total', table: t } };
    if (top.length !== 1) return { message: `${label} 有 ${top.length} 个最上层的行，“合计”是它们的和，下面没有行`, span: path[1]!.span };
    candidates = [top[0]!];
  } else {
    candidates = t.allRows.filter((r) => r.name === first.text);
    if (candidates.length === 0) {
      return {
        message: `${label} 中没有“${first.text}”这一行：最上层的行有 ${listNames(t.rows.map((r) => r.name))}（“合计”指合计行）`,
        span: first.span,
      };
    }
  }
  for (let k = 1; k < path.length; k++) {
    const part = path[k]!;
    const next = candidates.flatMap((c) => c.children.filter((r) => r.name === part.text));
    if (next.length === 0) {
      const under = candidates.flatMap((c) => c.children.map((r) => r.name));
      return {
        message: `“${path.slice(0, k).map((p) => p.text).join('.')}”下没有“${part.text}”这一行：${under.length > 0 ? `有 ${listNames(under)}` : '它下面没有行'}`,
        span: part.span,
      };
    }
    candidates = next;
  }
  if (candidates.length > 1) {
    const last = path[path.length - 1]!;
    const where = candidates.map((r) => (r.parent ? `${r.parent.name}.${r.name}` : r.name));
    return {
      message: `${label} 中有 ${candidates.length} 行叫“${last.text}”（${listNames(where)}）：请连同上级行写出，如 {${label}.${where[0]}.栏}`,
      span: last.span,
    };
  }
  return { row: { kind: 'row', row: candidates[0]! } };
}

/** Reads the column part (an id, a 栏次 or a formula) against a table. */
export function resolveColumn(t: TableModel, part: BodyRefPart): { expr: Expr; rounding?: Rounding } | { message: string; span: Span } {
  const label = t.label ?? t.title;
  const ids = t.numeric.map((c) => c.id).filter((id) => id);
  if (!part.text) return { message: `引用缺少栏：${label} 的数字栏有 ${ids.join('、') || '（无）'}`, span: part.span };
  const { expr, rounding, error } = parseFormula(part.text, part.span.start, t.columns);
  if (expr) return { expr, ...(rounding ? { rounding } : {}) };
  const e = error!;
  if (e.unknownName) {
    const name = part.text.slice(e.start - part.span.start, e.end - part.span.start);
    return {
      message: `${label} 中没有数字栏“${name}”：有 ${ids.join('、') || '（无）'}${t.numeric.length > 0 ? `（也可写栏次 1–${t.numeric.length}）` : ''}`,
      span: { start: e.start, end: e.end },
    };
  }
  return { message: `引用中的栏读不懂：${e.message}`, span: { start: e.start, end: e.end } };
}

/**
 * The values of a row (or of the table's total), one per numeric column; a group row's are the
 * sums of its parts. Undefined when untrusted.
 */
export function rowValues(ref: RowRef): (Decimal | null)[] | undefined {
  if (ref.kind === 'row') return rowFigures(ref.row);
  return tableTotals(ref.table);
}

function valueOf(t: TableModel, row: RowRef, expr: Expr, rounding?: Rounding): Resolution {
  if (row.kind === 'total') {
    const rate = columnsIn(expr).map((i) => t.numeric[i]!).find((c) => !sumsColumn(c));
    if (rate) return { kind: 'untrusted', message: `“${rate.id}”的单位是${rate.unit!.text}，不加总：表没有合计行，无从取合计` };
  }
  const values = rowValues(row);
  if (!values) return { kind: 'untrusted', message: '所引用的行有读不懂的数，无法取值' };
  const v = rounding ? evaluateRounded(expr, values, rounding.places) : evaluate(expr, values);
  if (!v) return { kind: 'untrusted', message: '所引用的算式无法求值（除以零）' };
  // Written as the table writes the columns the reference reads, or to the places a rounding states.
  const styles = columnStyles(t);
  const read = mergeStyles(columnsIn(expr).map((i) => styles[i] ?? PLAIN));
  const style = rounding ? { grouped: read.grouped, decimals: rounding.places } : read;
  return { kind: 'value', value: v, text: formatNumber(v, style, 'rounded'), table: t, row };
}

/** Resolves one reference in a notice's body. */
export function resolveBodyRef(ref: BodyRef, n: NoticeModel, opts: ResolveOptions = {}): Resolution {
  if (ref.recipient) {
    const t = recipientTable(n, opts.recipient);
    if (!t) return { kind: 'unresolved', message: '本通知下没有分配表：“本单位”无从取值', span: ref.span };
    if (ref.column) {
      const col = resolveColumn(t, ref.column);
      if ('message' in col) return { kind: 'unresolved', message: col.message, span: col.span };
      if (!opts.recipient) return { kind: 'blank' };
      return valueOf(t, { kind: 'row', row: opts.recipient }, col.expr, col.rounding);
    }
    return opts.recipient ? { kind: 'name', text: opts.recipient.name } : { kind: 'blank' };
  }
  const tablePart = ref.table!;
  if (!tablePart.text) return { kind: 'unresolved', message: '空的引用：应写作 {附件1.合计.栏}', span: ref.span };
  const t = n.tables.find((x) => x.label === tablePart.text);
  if (!t) {
    const kpi = n.kpiTables.some((k) => k.label === tablePart.text);
    return {
      kind: 'unresolved',
      message: kpi
        ? `“${tablePart.text}”是绩效目标表，没有可引用的数：${describeTables(n)}`
        : `正文引用的“${tablePart.text}”不是本通知的分配表：${describeTables(n)}`,
      span: tablePart.span,
    };
  }
  if (ref.rows.length === 0 || !ref.column) {
    return {
      kind: 'unresolved',
      message: `引用应写作 {表.行.栏}，如 {${t.label ?? tablePart.text}.合计.${t.numeric[0]?.id ?? '栏'}}`,
      span: ref.span,
    };
  }
  const row = resolveRow(t, ref.rows);
  if ('message' in row) return { kind: 'unresolved', message: row.message, span: row.span };
  const col = resolveColumn(t, ref.column);
  if ('message' in col) return { kind: 'unresolved', message: col.message, span: col.span };
  return valueOf(t, row.row, col.expr, col.rounding);
}

/** A paragraph cut into literal text and filled references. */
export interface FilledPart {
  readonly text: string;
  /** The part came from a reference (the renderers may mark it). */
  readonly ref?: BodyRef;
  /** A `本单位` reference left blank (no recipient). */
  readonly blank?: boolean;
}

/** The text a blank `本单位` reference leaves: room to fill in by hand, as the printed forms do. */
export const BLANK_FILL = '\u3000\u3000';

/** Fills a paragraph's references; unresolved ones are left as written. */
export function fillParagraph(text: string, start: number, n: NoticeModel, opts: ResolveOptions = {}): FilledPart[] {
  const parts: FilledPart[] = [];
  let at = 0;
  for (const ref of findBodyRefs(text, start)) {
    const from = ref.span.start - start;
    if (from > at) parts.push({ text: text.slice(at, from) });
    const r = resolveBodyRef(ref, n, opts);
    if (r.kind === 'value' || r.kind === 'name') parts.push({ text: r.text, ref });
    else if (r.kind === 'blank') parts.push({ text: BLANK_FILL, ref, blank: true });
    else parts.push({ text: ref.text });
    at = ref.span.end - start;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
