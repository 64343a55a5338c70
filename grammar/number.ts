/**
 * The language's one reader of numbers. Every part of the product that reads a number as the
 * language writes it (table cells, amounts with units, KPI values, the model's `Decimal`s, the
 * formatter) calls `numberEnd` (or, over a text's code units, `numberEndIn`, which it is
 * made of), so that what counts as a number is decided here alone.
 *
 * A number is an optional minus (`-` or the full-width `－`), then the integer part either in
 * thousands groups (`1,829,000`: one to three digits, then groups of `,ddd`) or as plain
 * digits (`1829000`), then a fraction (`.5`) when a digit follows the point. It is the leftmost
 * match of `/[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/` at the given offset, read by a loop
 * because it runs for every cell of every row.
 */
import { copyCodeUnits } from './code-units.js';

/**
 * The value of a number, exactly: `coef × 10^-scale`, where the coefficient is every digit read
 * as an integer (separators and the point left out, the sign applied: `-0` for `-0.00`) and the
 * scale is the count of digits after the point. Exact while the number has at most 15 digits
 * (the coefficient stays below 2^53); `scale` is -1 when it has more (read its digits with
 * `numberDigits`).
 */
export interface NumberValue {
  coef: number;
  scale: number;
}

/** More digits than this and a coefficient may not be a safe integer (2^53 ≈ 9.007 × 10^15). */
export const SAFE_DIGITS = 15;

/** 0–9. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `-` or `－`, the minus signs a number may start with. */
export function isMinus(c: number): boolean {
  return c === 45 || c === 0xff0d;
}

/**
 * Where the number at `codes[i]` ends, or -1 when none starts there, reading the code units
 * `codes[0, n)` of a text (./code-units.ts); its value goes to `out` when given. Stops at the
 * number's end whatever follows it: a caller that needs the number to stand alone checks the
 * next character itself. It never reads at or past `n`.
 */
export function numberEndIn(codes: Uint16Array, n: number, i: number, out?: NumberValue): number {
  if (i >= n) return -1;
  const negative = isMinus(codes[i]!);
  if (negative) i++;
  const from = i;
  let c = 0;
  let d = i < n ? codes[i]! : 0;
  while (isDigit(d)) {
    c = c * 10 + (d - 48);
    d = ++i < n ? codes[i]! : 0;
  }
  if (i === from) return -1;
  let digits = i - from;
  if (digits <= 3) {
    while (d === 44 /* , */ && i + 3 < n && isDigit(codes[i + 1]!) && isDigit(codes[i + 2]!) && isDigit(codes[i + 3]!)) {
      c = ((c * 10 + (codes[i + 1]! - 48)) * 10 + (codes[i + 2]! - 48)) * 10 + (codes[i + 3]! - 48);
      digits += 3;
      i += 4;
      d = i < n ? codes[i]! : 0;
    }
  }
  let scale = 0;
  if (d === 46 /* . */ && i + 1 < n && isDigit(codes[i + 1]!)) {
    d = codes[++i]!;
    while (isDigit(d)) {
      c = c * 10 + (d - 48);
      scale++;
      d = ++i < n ? codes[i]! : 0;
    }
  }
  if (out) {
    digits += scale;
    out.coef = negative ? -c : c;
    out.scale = digits > SAFE_DIGITS ? -1 : scale;
  }
  return i;
}

/**
 * `numberEndIn` for a string: where the number at `text[i]` ends, or -1 when none starts there.
 * The run of characters a number may hold (digits, `,`, `.`, the minus signs) is copied for it.
 */
export function numberEnd(text: string, i: number, out?: NumberValue): number {
  let to = i;
  while (to < text.length && isNumberChar(text.charCodeAt(to))) to++;
  if (to === i) return -1;
  const end = numberEndIn(copyCodeUnits(text, i, to, new Uint16Array(to - i)), to - i, 0, out);
  return end < 0 ? -1 : i + end;
}

/** A character a number may hold. */
function isNumberChar(c: number): boolean {
  return isDigit(c) || c === 44 /* , */ || c === 46 /* . */ || isMinus(c);
}

/** `text[from, to)` is exactly one number (nothing before or after it); its value goes to `out`. */
export function isNumber(text: string, from: number, to: number, out?: NumberValue): boolean {
  return from < to && numberEnd(text, from, out) === to;
}

/**
 * The number `text[from, to)` (as `numberEnd` reads it) as its sign, its digits without
 * separators or point, and its scale: `-1,829.50` → `{ negative: true, digits: '182950', scale: 2 }`.
 * For numbers of any length (a `BigInt` of `digits`); undefined when it is not one number.
 */
export function numberDigits(text: string, from: number, to: number): { negative: boolean; digits: string; scale: number } | undefined {
  if (!isNumber(text, from, to)) return undefined;
  const negative = isMinus(text.charCodeAt(from));
  const body = text.slice(negative ? from + 1 : from, to);
  const point = body.indexOf('.');
  const int = (point < 0 ? body : body.slice(0, point)).replace(/,/g, '');
  const frac = point < 0 ? '' : body.slice(point + 1);
  return { negative, digits: int + frac, scale: frac.length };
}
