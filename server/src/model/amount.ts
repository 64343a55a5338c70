/**
 * Readers for the small value forms inside fields: amounts with units, and references
 * like `附件1.本次`. Each returns spans relative to the source, never throws.
 */
import { numberEnd } from '../../../grammar/number.js';
import { Decimal } from './decimal.js';
import type { Amount, Unit } from './types.js';
import { UNIT_EXPONENT } from './types.js';

/**
 * `7,678万元`, `18,290,000 元`: a number (as grammar/number.ts reads it), optional whitespace
 * and a unit, with whitespace around the whole. `start` is the offset of `text` in the source.
 */
export function readAmount(text: string, start: number): Amount | undefined {
  const trimmed = text.trim();
  const end = numberEnd(trimmed, 0);
  if (end < 0) return undefined;
  const unit = trimmed.slice(end).trimStart();
  if (!isUnit(unit)) return undefined;
  const value = Decimal.parse(trimmed.slice(0, end));
  if (!value) return undefined;
  const lead = text.length - text.trimStart().length;
  return { value, unit, span: { start: start + lead, end: start + lead + trimmed.length } };
}

export function isUnit(s: string): s is Unit {
  return s === '元' || s === '万元' || s === '亿元';
}

/** The amount in 元, exactly. */
export function toYuan(value: Decimal, unit: Unit): Decimal {
  return value.shift(UNIT_EXPONENT[unit]);
}

/** Converts between units exactly (万元 → 元 multiplies by 10⁴; 元 → 万元 moves the point). */
export function convert(value: Decimal, from: Unit, to: Unit): Decimal {
  return value.shift(UNIT_EXPONENT[from] - UNIT_EXPONENT[to]).normalize();
}

/** Splits `a、b，c,d` lists as the documents write them, with each item's span. */
export function splitList(text: string, start: number): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  const re = /[^、，,；;]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t.length > 0) out.push({ text: t, start: start + m.index + lead, end: start + m.index + lead + t.length });
  }
  return out;
}
