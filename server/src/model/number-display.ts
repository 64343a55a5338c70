/**
 * How a number is shown: the one place that turns a `Decimal` into text for a reader, so that
 * a message, a quick fix, a hover, an inlay hint, a body reference and a rendered cell write
 * their values by the same rules.
 *
 * A `NumberStyle` says whether thousands separators are written and how many decimals at
 * least; a table's columns have the style their cells are written in (`columnStyles`). A
 * `DisplayMode` says what happens to the decimals the value itself has:
 *
 * - `significant`: trailing zero decimals dropped, then padded to the style. Messages and
 *   the text a quick fix writes: never rounded, because a fix must not change a value.
 * - `rounded`: rounded half away from zero to the style's decimals. A table's figure (a
 *   body reference, a rendered cell), where a quotient is shown as the table prints numbers.
 * - `computed`: every decimal the arithmetic kept (`1.50 + 2.50` is `4.00`). The editor's
 *   hover and inlay hints show a sum with the decimals of the cells it came from.
 */
import type { Decimal } from './decimal.js';
import type { TableModel } from './types.js';

/** How numbers are written: with thousands separators or not, and at least how many decimals. */
export interface NumberStyle {
  readonly grouped: boolean;
  readonly decimals: number;
}

/** Plain digits, no fixed decimals: `-1`, `908`, `70.91`. */
export const PLAIN: NumberStyle = { grouped: false, decimals: 0 };
/** Thousands separators, no fixed decimals: `18,290,000`. */
export const GROUPED: NumberStyle = { grouped: true, decimals: 0 };

export type DisplayMode = 'significant' | 'rounded' | 'computed';

/** Writes `v` in `style`; see the module comment for the modes. */
export function formatNumber(v: Decimal, style: NumberStyle = PLAIN, mode: DisplayMode = 'significant'): string {
  const d = mode === 'significant' ? v.normalize() : mode === 'rounded' ? v.round(style.decimals) : v;
  return style.grouped ? d.toGrouped(style.decimals) : d.toString(style.decimals);
}

/** A cell's value for a reader: `formatNumber`, or `-` for an empty cell (as the documents print it). */
export function showValue(v: Decimal | null | undefined, mode: DisplayMode = 'significant'): string {
  return v === null || v === undefined ? '-' : formatNumber(v, PLAIN, mode);
}

/** A difference with its sign, trailing zero decimals dropped: `-1`, `+2.5`, `0`. */
export function showSigned(d: Decimal): string {
  const s = formatNumber(d);
  return d.isNegative() || d.isZero() ? s : '+' + s;
}

/** The decimals a written number has: the digits after its decimal point (`70.91` → 2). */
export function writtenDecimals(text: string): number {
  const dot = text.indexOf('.');
  if (dot < 0) return 0;
  const next = text.indexOf('.', dot + 1);
  return (next < 0 ? text.length : next) - dot - 1;
}

/** The style of written numbers: grouped when any of them is, with the decimals of the most precise. */
export function styleOf(texts: Iterable<string>): NumberStyle {
  let grouped = false;
  let decimals = 0;
  for (const t of texts) {
    if (t.includes(',')) grouped = true;
    decimals = Math.max(decimals, writtenDecimals(t));
  }
  return { grouped, decimals };
}

/** Writes `value` in the style of the `like` cells, never rounding: the text a quick fix puts in a cell. */
export function formatLike(value: Decimal, like: Iterable<string>): string {
  return formatNumber(value, styleOf(like));
}

/** A difference as `formatLike` writes it, with its sign (`+0.01`, `-1,000`). */
export function signedLike(value: Decimal, like: Iterable<string>): string {
  const s = formatLike(value, like);
  return value.isNegative() || value.isZero() ? s : '+' + s;
}

/** The style of every numeric column of a table (by column index), from its number cells, in one pass over the rows. */
export function columnStyles(t: TableModel): NumberStyle[] {
  const width = t.numeric.length;
  const grouped = new Array<boolean>(width).fill(false);
  const decimals = new Array<number>(width).fill(0);
  for (const r of t.allRows) {
    const cells = r.node.cells;
    for (let i = 0; i < width && i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell.kind !== 'number') continue;
      if (cell.text.includes(',')) grouped[i] = true;
      decimals[i] = Math.max(decimals[i]!, writtenDecimals(cell.text));
    }
  }
  return grouped.map((g, i) => ({ grouped: g, decimals: decimals[i]! }));
}

/** The style of one numeric column (`columnStyles(t)[index]`; read the whole array when styling many cells). */
export function columnStyle(t: TableModel, index: number): NumberStyle {
  return columnStyles(t)[index] ?? PLAIN;
}

/** The style of a value made from several columns: grouped when any is, with the most decimals. */
export function mergeStyles(styles: readonly NumberStyle[]): NumberStyle {
  return { grouped: styles.some((s) => s.grouped), decimals: Math.max(0, ...styles.map((s) => s.decimals)) };
}
