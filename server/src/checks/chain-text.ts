/** How the checks across notices print figures: in the style of the table they are reported in. */
import type { Decimal } from '../model/decimal.js';
import { columnStyles, formatNumber, mergeStyles, type NumberStyle } from '../model/number-display.js';
import type { TableModel } from '../model/types.js';
import type { Figure } from './chain.js';

const styles = new WeakMap<TableModel, NumberStyle>();

/** A figure as `t` prints its numbers (grouped when it groups them, with as many decimals); a difference with its sign. */
export function figureText(v: Decimal, t: TableModel, signed = false): string {
  let style = styles.get(t);
  if (!style) styles.set(t, (style = mergeStyles(columnStyles(t))));
  const text = formatNumber(v, style);
  return signed && !v.isNegative() && !v.isZero() ? `+${text}` : text;
}

/** `洪财社指〔2021〕143号 100、洪财社指〔2022〕27号 20`. */
export function figuresLabel(figures: readonly Figure[], t: TableModel): string {
  return figures.map((f) => `${f.number} ${figureText(f.value, t)}`).join('、');
}
