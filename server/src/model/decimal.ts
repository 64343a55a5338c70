/**
 * Exact decimal numbers for money: an integer coefficient and a count of decimal places
 * (`70.91` is 7091 × 10⁻²). Sums, differences and products are exact; nothing passes
 * through binary floating point: a coefficient is an integer, held as a JS number while
 * it is a safe integer (the common case, no allocation) and as a BigInt beyond that.
 *
 * Written here rather than taken from big.js/decimal.js: the checks add hundreds of
 * thousands of cells per keystroke in large tables, and integer arithmetic with a scale
 * is both exact and several times faster than digit-array libraries; the API we need is
 * five operations.
 *
 * What a number is, is decided by grammar/number.ts, the language's one reader of numbers.
 */
import { isMinus, isNumber, numberDigits, type NumberValue } from '../../../grammar/number.js';

/** 10^0 … 10^15, each exactly representable (scaling within the safe-integer fast path). */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/** Where the number reader leaves the value it read, used within one call of `parse`. */
const READ: NumberValue = { coef: 0, scale: 0 };

/** A coefficient in canonical form: a safe integer when it fits, else a bigint. */
function canonical(b: bigint): number | bigint {
  return b >= MIN_SAFE && b <= MAX_SAFE ? Number(b) : b;
}

function big(c: number | bigint): bigint {
  return typeof c === 'number' ? BigInt(c) : c;
}

export class Decimal {
  /**
   * The value is `c × 10^-scale`. `c` is an integer, never a fraction: a JS number when it
   * is a safe integer (|c| ≤ 2^53 − 1), else a bigint. Arithmetic on two number
   * coefficients is exact integer arithmetic as long as its result is a safe integer (a
   * result that rounds is never one), which every operation checks before it keeps it;
   * otherwise it is redone in BigInt. Most cells (up to 15 digits) never need a bigint.
   */
  private readonly c: number | bigint;

  private constructor(
    c: number | bigint,
    /** Decimal places. */
    readonly scale: number,
  ) {
    this.c = c === 0 ? 0 : c; // no negative zero
  }

  static readonly ZERO = new Decimal(0, 0);

  /** The coefficient: the value is `coef × 10^-scale`. */
  get coef(): bigint {
    return big(this.c);
  }

  /**
   * The coefficient when it is a safe integer (nearly every cell), else undefined: with
   * `scale` and `fromSafe`, a value kept outside the heap (../model/rows.ts).
   */
  get safeCoef(): number | undefined {
    return typeof this.c === 'number' ? this.c : undefined;
  }

  /** `c × 10^-scale` for a safe integer `c` (as `safeCoef` gave it). */
  static fromSafe(c: number, scale: number): Decimal {
    if (!Number.isSafeInteger(c) || !Number.isInteger(scale) || scale < 0) throw new RangeError(`Decimal.fromSafe(${c}, ${scale})`);
    return new Decimal(c, scale);
  }

  static fromBigInt(n: bigint): Decimal {
    return new Decimal(canonical(n), 0);
  }

  private static of(c: bigint, scale: number): Decimal {
    return new Decimal(canonical(c), scale);
  }

  /**
   * Reads `-1,829`, `70.91`, `－36`, `1829.0`: a number as the language writes it (read by
   * grammar/number.ts, so thousands separators come in groups of three and a point needs a
   * digit after it), with surrounding whitespace and a leading `+` also accepted. Returns
   * undefined for anything else.
   */
  static parse(text: string): Decimal | undefined {
    // The common case, a number alone with at most 15 digits: a safe integer, no bigint.
    if (isNumber(text, 0, text.length, READ) && READ.scale >= 0) return new Decimal(READ.coef, READ.scale);
    const s = text.trim();
    // A `+` may stand before an unsigned number only (`+-1` is not one).
    const from = s.charCodeAt(0) === 43 /* + */ && !isMinus(s.charCodeAt(1)) ? 1 : 0;
    const n = numberDigits(s, from, s.length);
    if (n === undefined) return undefined;
    const coef = BigInt(n.digits);
    return Decimal.of(n.negative ? -coef : coef, n.scale);
  }

  /** Both coefficients at the larger scale, as safe integers; undefined if that does not fit. */
  private static alignSmall(a: Decimal, b: Decimal): [number, number, number] | undefined {
    const x = a.c;
    const y = b.c;
    if (typeof x !== 'number' || typeof y !== 'number') return undefined;
    if (a.scale === b.scale) return [x, y, a.scale];
    const k = a.scale > b.scale ? a.scale - b.scale : b.scale - a.scale;
    if (k >= POW10.length) return undefined;
    if (a.scale > b.scale) {
      const y2 = y * POW10[k]!;
      return Number.isSafeInteger(y2) ? [x, y2, a.scale] : undefined;
    }
    const x2 = x * POW10[k]!;
    return Number.isSafeInteger(x2) ? [x2, y, b.scale] : undefined;
  }

  private static align(a: Decimal, b: Decimal): [bigint, bigint, number] {
    const x = big(a.c);
    const y = big(b.c);
    if (a.scale === b.scale) return [x, y, a.scale];
    if (a.scale > b.scale) return [x, y * 10n ** BigInt(a.scale - b.scale), a.scale];
    return [x * 10n ** BigInt(b.scale - a.scale), y, b.scale];
  }

  add(o: Decimal): Decimal {
    const x = this.c;
    const y = o.c;
    if (typeof x === 'number' && typeof y === 'number') {
      // Adding zero at no greater scale changes nothing (the checks' sums start at ZERO).
      if (x === 0 && this.scale <= o.scale) return o;
      if (y === 0 && o.scale <= this.scale) return this;
      const r = Decimal.addSmall(x, this.scale, y, o.scale);
      if (r !== undefined) return r;
    }
    const [bx, by, s] = Decimal.align(this, o);
    return Decimal.of(bx + by, s);
  }

  sub(o: Decimal): Decimal {
    const x = this.c;
    const y = o.c;
    if (typeof x === 'number' && typeof y === 'number') {
      const r = Decimal.addSmall(x, this.scale, -y, o.scale);
      if (r !== undefined) return r;
    }
    const [bx, by, s] = Decimal.align(this, o);
    return Decimal.of(bx - by, s);
  }

  /** x·10^-sx + y·10^-sy in safe-integer arithmetic, or undefined if that could round. */
  private static addSmall(x: number, sx: number, y: number, sy: number): Decimal | undefined {
    if (sx === sy) {
      const r = x + y;
      return Number.isSafeInteger(r) ? new Decimal(r, sx) : undefined;
    }
    if (sx > sy) {
      const k = sx - sy;
      if (k >= POW10.length) return undefined;
      const y2 = y * POW10[k]!;
      const r = x + y2;
      return Number.isSafeInteger(y2) && Number.isSafeInteger(r) ? new Decimal(r, sx) : undefined;
    }
    const k = sy - sx;
    if (k >= POW10.length) return undefined;
    const x2 = x * POW10[k]!;
    const r = x2 + y;
    return Number.isSafeInteger(x2) && Number.isSafeInteger(r) ? new Decimal(r, sy) : undefined;
  }

  mul(o: Decimal): Decimal {
    const x = this.c;
    const y = o.c;
    if (typeof x === 'number' && typeof y === 'number') {
      const r = x * y;
      if (Number.isSafeInteger(r)) return new Decimal(r, this.scale + o.scale);
    }
    return Decimal.of(big(x) * big(y), this.scale + o.scale);
  }

  /** Division to `places` decimals, rounded half away from zero; undefined when dividing by zero. */
  div(o: Decimal, places = 10): Decimal | undefined {
    if (o.c === 0) return undefined;
    // (a/10^sa) / (b/10^sb) = a·10^(sb+places-sa) / b, scaled by 10^places.
    const shift = o.scale + places - this.scale;
    let num = big(this.c);
    let den = big(o.c);
    if (shift >= 0) num *= 10n ** BigInt(shift);
    else den *= 10n ** BigInt(-shift);
    const negative = num < 0n !== den < 0n;
    const an = num < 0n ? -num : num;
    const ad = den < 0n ? -den : den;
    let q = an / ad;
    if ((an % ad) * 2n >= ad) q += 1n;
    return Decimal.of(negative ? -q : q, places).normalize();
  }

  /** Rounds to `places` decimals, half away from zero. */
  round(places: number): Decimal {
    if (this.scale <= places) return this;
    const c0 = this.c;
    if (typeof c0 === 'number' && this.scale - places < POW10.length) {
      // Safe integers: the quotient and remainder by a power of ten are exact.
      const d = POW10[this.scale - places]!;
      const a = Math.abs(c0);
      const r = a % d;
      const q = (a - r) / d + (r * 2 >= d ? 1 : 0);
      return new Decimal(c0 < 0 ? -q : q, places);
    }
    const div = 10n ** BigInt(this.scale - places);
    const c = big(this.c);
    const a = c < 0n ? -c : c;
    let q = a / div;
    if ((a % div) * 2n >= div) q += 1n;
    return Decimal.of(c < 0n ? -q : q, places);
  }

  neg(): Decimal {
    const c = this.c;
    return typeof c === 'number' ? new Decimal(-c, this.scale) : Decimal.of(-c, this.scale);
  }

  abs(): Decimal {
    return this.c < 0 ? this.neg() : this;
  }

  cmp(o: Decimal): -1 | 0 | 1 {
    const x = this.c;
    const y = o.c;
    if (typeof x === 'number' && typeof y === 'number' && this.scale === o.scale) return x < y ? -1 : x > y ? 1 : 0;
    const small = Decimal.alignSmall(this, o);
    if (small) return small[0] < small[1] ? -1 : small[0] > small[1] ? 1 : 0;
    const [bx, by] = Decimal.align(this, o);
    return bx < by ? -1 : bx > by ? 1 : 0;
  }

  eq(o: Decimal): boolean {
    return this.cmp(o) === 0;
  }

  isZero(): boolean {
    return this.c === 0 || this.c === 0n;
  }

  isNegative(): boolean {
    return this.c < 0;
  }

  /** Multiplies by 10^n exactly (unit conversion: 万元 → 元 is n = 4). */
  shift(n: number): Decimal {
    if (n >= 0) {
      return this.scale >= n ? new Decimal(this.c, this.scale - n) : Decimal.of(big(this.c) * 10n ** BigInt(n - this.scale), 0);
    }
    return new Decimal(this.c, this.scale - n);
  }

  /** Drops trailing zero decimals: 194.00 → 194. */
  normalize(): Decimal {
    if (typeof this.c === 'number') {
      // Dividing a multiple of 10 by 10 is exact.
      let n = this.c;
      let s = this.scale;
      while (s > 0 && n % 10 === 0) {
        n /= 10;
        s--;
      }
      return s === this.scale ? this : new Decimal(n, s);
    }
    let c = this.c;
    let s = this.scale;
    while (s > 0 && c % 10n === 0n) {
      c /= 10n;
      s--;
    }
    return s === this.scale ? this : Decimal.of(c, s);
  }

  /** Plain digits, at least `minScale` decimals: `-1`, `194.00`. */
  toString(minScale = 0): string {
    return this.written(minScale, false);
  }

  /** With thousands separators, as the documents print large numbers: `18,290,000`. */
  toGrouped(minScale = 0): string {
    return this.written(minScale, true);
  }

  /** The digits with at least `minScale` decimals, the integer part grouped by threes when `grouped`. */
  private written(minScale: number, grouped: boolean): string {
    const d = this.withScale(minScale);
    const negative = d.c < 0;
    const digits = (negative ? -d.c : d.c).toString().padStart(d.scale + 1, '0');
    const intLength = digits.length - d.scale;
    let out = negative ? '-' : '';
    if (grouped && intLength > 3) {
      const first = ((intLength - 1) % 3) + 1;
      out += digits.slice(0, first);
      for (let i = first; i < intLength; i += 3) out += ',' + digits.slice(i, i + 3);
    } else out += d.scale > 0 ? digits.slice(0, intLength) : digits;
    return d.scale > 0 ? out + '.' + digits.slice(intLength) : out;
  }

  /** The same value with exactly `scale` decimals (only widening; never rounds). */
  withScale(scale: number): Decimal {
    if (scale <= this.scale) return this;
    const c = this.c;
    if (typeof c === 'number' && scale - this.scale < POW10.length) {
      // Exact while the product is a safe integer (a product that rounded is never one).
      const n = c * POW10[scale - this.scale]!;
      if (Number.isSafeInteger(n)) return new Decimal(n, scale);
    }
    return Decimal.of(big(this.c) * 10n ** BigInt(scale - this.scale), scale);
  }

  /** For display and sorting only (never for money arithmetic). */
  toNumber(): number {
    return Number(this.toString());
  }
}

/**
 * A running exact sum, as `ZERO.add(a).add(b)…` would give it: the partial sum is kept as
 * n·10^-s in safe-integer arithmetic, allocating nothing, until it leaves the safe
 * integers; from then on it is a `Decimal` (BigInt).
 */
export class DecimalSum {
  private n = 0;
  private s = 0;
  private big: Decimal | undefined;

  /** Adds c·10^-scale, `c` a safe integer. */
  addSafe(c: number, scale: number): void {
    if (this.big === undefined) {
      const n = this.n;
      const s = this.s;
      if (scale === s) {
        const r = n + c;
        if (Number.isSafeInteger(r)) {
          this.n = r;
          return;
        }
      } else if (scale > s) {
        const k = scale - s;
        if (k < POW10.length) {
          const n2 = n * POW10[k]!;
          const r = n2 + c;
          if (Number.isSafeInteger(n2) && Number.isSafeInteger(r)) {
            this.n = r;
            this.s = scale;
            return;
          }
        }
      } else {
        const k = s - scale;
        if (k < POW10.length) {
          const c2 = c * POW10[k]!;
          const r = n + c2;
          if (Number.isSafeInteger(c2) && Number.isSafeInteger(r)) {
            this.n = r;
            return;
          }
        }
      }
      this.big = Decimal.fromSafe(n, s);
    }
    this.big = this.big.add(Decimal.fromSafe(c, scale));
  }

  add(d: Decimal): void {
    const c = d.safeCoef;
    if (c !== undefined) this.addSafe(c, d.scale);
    else this.big = (this.big ?? Decimal.fromSafe(this.n, this.s)).add(d);
  }

  get value(): Decimal {
    return this.big ?? Decimal.fromSafe(this.n, this.s);
  }

  /** The sum is zero (without making it). */
  isZero(): boolean {
    return this.big === undefined ? this.n === 0 : this.big.isZero();
  }

  /** Back to an empty sum, for reuse. */
  reset(): void {
    this.n = 0;
    this.s = 0;
    this.big = undefined;
  }
}
