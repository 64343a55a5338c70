/**
 * The language's one reader of numbers. Every part of the product that reads a number as the
 * language writes it (table cells, amounts with units, KPI values, the model's `Decimal`s, the
 * formatter) calls `numberEnd`, so that what counts as a number is decided here alone.
 *
 * A number is an optional minus (`-` or the full-width `－`), then the integer part either in
 * thousands groups (`1,829,000`: one to three digits, then groups of `,ddd`) or as plain
 * digits (`1829000`), then a fraction (`.5`) when a digit follows the point. It is the leftmost
 * match of `/[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/` at the given offset, read by a loop
 * because it runs for every cell of every row.
 */

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
 * Where the number at `text[i]` ends, or -1 when none starts there; its value goes to `out`
 * when given. Stops at the number's end whatever follows it: a caller that needs the number to
 * stand alone checks the next character itself. It never reads past the end of the text (a
 * `charCodeAt` that once returned NaN is compiled for it, and every later call pays for it).
 */
export function numberEnd(text: string, i: number, out?: NumberValue): number {
  const n = text.length;
  if (i >= n) return -1;
  const negative = isMinus(text.charCodeAt(i));
  if (negative) i++;
  const from = i;
  let c = 0;
  let d = i < n ? text.charCodeAt(i) : 0;
  while (isDigit(d)) {
    c = c * 10 + (d - 48);
    d = ++i < n ? text.charCodeAt(i) : 0;
  }
  if (i === from) return -1;
  let digits = i - from;
  if (digits <= 3) {
    while (d === 44 /* , */ && i + 3 < n && isDigit(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3))) {
      c = ((c * 10 + (text.charCodeAt(i + 1) - 48)) * 10 + (text.charCodeAt(i + 2) - 48)) * 10 + (text.charCodeAt(i + 3) - 48);
      digits += 3;
      i += 4;
      d = i < n ? text.charCodeAt(i) : 0;
    }
  }
  let scale = 0;
  if (d === 46 /* . */ && i + 1 < n && isDigit(text.charCodeAt(i + 1))) {
    d = text.charCodeAt(++i);
    while (isDigit(d)) {
      c = c * 10 + (d - 48);
      scale++;
      d = ++i < n ? text.charCodeAt(i) : 0;
    }
  }
  if (out) {
    digits += scale;
    out.coef = negative ? -c : c;
    out.scale = digits > SAFE_DIGITS ? -1 : scale;
  }
  return i;
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
