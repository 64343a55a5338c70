/**
 * Exact decimal numbers for money: a BigInt coefficient and a count of decimal places
 * (`70.91` is 7091 × 10⁻²). Sums, differences and products are exact; nothing passes
 * through binary floating point.
 *
 * Written here rather than taken from big.js/decimal.js: the checks add hundreds of
 * thousands of cells per keystroke in large tables, and BigInt arithmetic with a scale
 * is both exact and several times faster than digit-array libraries; the API we need is
 * five operations.
 */
export class Decimal {
  private constructor(
    /** The value is `coef × 10^-scale`. */
    readonly coef: bigint,
    readonly scale: number,
  ) {}

  static readonly ZERO = new Decimal(0n, 0);

  static fromBigInt(n: bigint): Decimal {
    return new Decimal(n, 0);
  }

  /**
   * Reads `-1,829`, `70.91`, `－36`, `1829.0`. Returns undefined for anything else.
   * Thousands separators must be in groups of three (the lexer guarantees it for cells).
   */
  static parse(text: string): Decimal | undefined {
    let s = text.trim();
    let negative = false;
    if (s.startsWith('-') || s.startsWith('－')) {
      negative = true;
      s = s.slice(1);
    } else if (s.startsWith('+')) {
      s = s.slice(1);
    }
    if (s.includes(',')) {
      if (!/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return undefined;
      s = s.replace(/,/g, '');
    }
    const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
    if (!m) return undefined;
    const frac = m[2] ?? '';
    const coef = BigInt(m[1]! + frac);
    return new Decimal(negative ? -coef : coef, frac.length);
  }

  private static align(a: Decimal, b: Decimal): [bigint, bigint, number] {
    if (a.scale === b.scale) return [a.coef, b.coef, a.scale];
    if (a.scale > b.scale) return [a.coef, b.coef * 10n ** BigInt(a.scale - b.scale), a.scale];
    return [a.coef * 10n ** BigInt(b.scale - a.scale), b.coef, b.scale];
  }

  add(o: Decimal): Decimal {
    const [x, y, s] = Decimal.align(this, o);
    return new Decimal(x + y, s);
  }

  sub(o: Decimal): Decimal {
    const [x, y, s] = Decimal.align(this, o);
    return new Decimal(x - y, s);
  }

  mul(o: Decimal): Decimal {
    return new Decimal(this.coef * o.coef, this.scale + o.scale);
  }

  /** Division to `places` decimals, rounded half away from zero; undefined when dividing by zero. */
  div(o: Decimal, places = 10): Decimal | undefined {
    if (o.coef === 0n) return undefined;
    // (a/10^sa) / (b/10^sb) = a·10^(sb+places-sa) / b, scaled by 10^places.
    const shift = o.scale + places - this.scale;
    let num = this.coef;
    let den = o.coef;
    if (shift >= 0) num *= 10n ** BigInt(shift);
    else den *= 10n ** BigInt(-shift);
    const negative = num < 0n !== den < 0n;
    const an = num < 0n ? -num : num;
    const ad = den < 0n ? -den : den;
    let q = an / ad;
    if ((an % ad) * 2n >= ad) q += 1n;
    return new Decimal(negative ? -q : q, places).normalize();
  }

  /** Rounds to `places` decimals, half away from zero. */
  round(places: number): Decimal {
    if (this.scale <= places) return this;
    const div = 10n ** BigInt(this.scale - places);
    const a = this.coef < 0n ? -this.coef : this.coef;
    let q = a / div;
    if ((a % div) * 2n >= div) q += 1n;
    return new Decimal(this.coef < 0n ? -q : q, places);
  }

  neg(): Decimal {
    return new Decimal(-this.coef, this.scale);
  }

  abs(): Decimal {
    return this.coef < 0n ? this.neg() : this;
  }

  cmp(o: Decimal): -1 | 0 | 1 {
    const [x, y] = Decimal.align(this, o);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  eq(o: Decimal): boolean {
    return this.cmp(o) === 0;
  }

  isZero(): boolean {
    return this.coef === 0n;
  }

  isNegative(): boolean {
    return this.coef < 0n;
  }

  /** Multiplies by 10^n exactly (unit conversion: 万元 → 元 is n = 4). */
  shift(n: number): Decimal {
    if (n >= 0) {
      return this.scale >= n ? new Decimal(this.coef, this.scale - n) : new Decimal(this.coef * 10n ** BigInt(n - this.scale), 0);
    }
    return new Decimal(this.coef, this.scale - n);
  }

  /** Drops trailing zero decimals: 194.00 → 194. */
  normalize(): Decimal {
    let c = this.coef;
    let s = this.scale;
    while (s > 0 && c % 10n === 0n) {
      c /= 10n;
      s--;
    }
    return s === this.scale ? this : new Decimal(c, s);
  }

  /** Plain digits, at least `minScale` decimals: `-1`, `194.00`. */
  toString(minScale = 0): string {
    const d = this.scale < minScale ? this.shift(0).withScale(minScale) : this;
    const negative = d.coef < 0n;
    const digits = (negative ? -d.coef : d.coef).toString().padStart(d.scale + 1, '0');
    const int = d.scale > 0 ? digits.slice(0, digits.length - d.scale) : digits;
    const frac = d.scale > 0 ? '.' + digits.slice(digits.length - d.scale) : '';
    return (negative ? '-' : '') + int + frac;
  }

  /** With thousands separators, as the documents print large numbers: `18,290,000`. */
  toGrouped(minScale = 0): string {
    const s = this.toString(minScale);
    const negative = s.startsWith('-');
    const body = negative ? s.slice(1) : s;
    const dot = body.indexOf('.');
    const int = dot >= 0 ? body.slice(0, dot) : body;
    const frac = dot >= 0 ? body.slice(dot) : '';
    return (negative ? '-' : '') + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + frac;
  }

  /** The same value with exactly `scale` decimals (only widening; never rounds). */
  withScale(scale: number): Decimal {
    if (scale <= this.scale) return this;
    return new Decimal(this.coef * 10n ** BigInt(scale - this.scale), scale);
  }

  /** For display and sorting only (never for money arithmetic). */
  toNumber(): number {
    return Number(this.toString());
  }
}
