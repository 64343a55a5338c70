/** How numbers are written back into the source by quick fixes and shown in messages. */
import { Decimal } from '../model/decimal.js';

/** Writes `value` in the style of `like` cells: thousands separators and decimals as they use. */
export function formatLike(value: Decimal, like: readonly string[]): string {
  let scale = 0;
  let grouped = false;
  for (const t of like) {
    const dot = t.indexOf('.');
    if (dot >= 0) scale = Math.max(scale, t.length - dot - 1);
    if (t.includes(',')) grouped = true;
  }
  const v = value.normalize();
  const s = Math.max(scale, v.scale);
  return grouped ? v.toGrouped(s) : v.toString(s);
}

/** A difference with its sign: `-1`, `+2.5`. */
export function signed(d: Decimal): string {
  const s = d.normalize().toString();
  return d.isNegative() || d.isZero() ? s : '+' + s;
}

/** For messages: the value as the documents print it (`-` for an empty cell). */
export function show(value: Decimal | null): string {
  return value === null ? '-' : value.normalize().toString();
}

export const ZERO = Decimal.ZERO;
