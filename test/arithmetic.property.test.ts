/**
 * Properties of the arithmetic core against BigInt arithmetic (fast-check, bounded runs):
 * `Decimal` (reading numbers as the language writes them, the operations, formatting and
 * reading back, values far beyond 2^53), `DecimalSum`, the model's `TableValues` and the
 * grammar's `RowStore`. The reference for every value is an exact pair (BigInt coefficient,
 * scale) compared at a common scale, so nothing here passes through floating point.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameHash, RowStore } from '../grammar/index.js';
import { numberEnd } from '../grammar/number.js';
import { Decimal, DecimalSum } from '../server/src/model/decimal.js';
import { TableRow, TableValues } from '../server/src/model/rows.js';
import type { TableModel } from '../server/src/model/types.js';

const RUNS = { numRuns: 400 };
const FEWER_RUNS = { numRuns: 150 };

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const TWO_53 = 2n ** 53n;

/** An exact value: `coef × 10^-scale`. */
interface Exact {
  coef: bigint;
  scale: number;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const exact = (d: Decimal): Exact => ({ coef: d.coef, scale: d.scale });

/** The coefficient of `v` at scale `s` (at least `v.scale`). */
const at = (v: Exact, s: number): bigint => v.coef * pow10(s - v.scale);

function compare(a: Exact, b: Exact): -1 | 0 | 1 {
  const s = Math.max(a.scale, b.scale);
  const x = at(a, s);
  const y = at(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `d` is exactly `coef × 10^-scale`, coefficient and scale both. */
function expectExact(d: Decimal, coef: bigint, scale: number): void {
  expect(d.coef).toBe(coef);
  expect(d.scale).toBe(scale);
}

/** `d` is in canonical form: its coefficient is held as a safe integer exactly when it is one. */
function expectCanonical(d: Decimal): void {
  const c = d.coef;
  const safe = c >= -MAX_SAFE && c <= MAX_SAFE;
  expect(d.safeCoef).toBe(safe ? Number(c) : undefined);
}

/** `coef × 10^-scale`, built through the public API. */
const decimalOf = (coef: bigint, scale: number): Decimal => Decimal.fromBigInt(coef).shift(-scale);

// ---- generators ----

const coefficient = fc.oneof(
  { arbitrary: fc.integer({ min: -1000, max: 1000 }).map(BigInt), weight: 3 },
  { arbitrary: fc.bigInt({ min: -MAX_SAFE, max: MAX_SAFE }), weight: 3 },
  // Around the edge of the safe integers, where the fast paths hand over to BigInt.
  { arbitrary: fc.tuple(fc.constantFrom(MAX_SAFE, -MAX_SAFE, TWO_53, -TWO_53), fc.bigInt({ min: -3n, max: 3n })).map(([b, d]) => b + d), weight: 2 },
  { arbitrary: fc.bigInt({ min: -pow10(40), max: pow10(40) }), weight: 2 },
);
const scale = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 4 }), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 30 }), weight: 1 });

const digits = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength, maxLength }).map((a) => a.join(''));

/** `1829000` → `1,829,000`. */
function grouped(int: string): string {
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += ',';
    out += int[i];
  }
  return out;
}

/**
 * A number as the language writes it (either minus, thousands groups or plain digits, leading
 * zeros, a fraction, up to 45 digits), with the value its digits say, read by BigInt.
 */
const numberText = fc
  .record({
    minus: fc.constantFrom('', '', '-', '－'),
    int: digits(1, 25),
    group: fc.boolean(),
    frac: fc.oneof(fc.constant(''), digits(1, 20)),
  })
  .map(({ minus, int, group, frac }) => {
    const magnitude = BigInt(int + frac);
    return {
      text: minus + (group ? grouped(int) : int) + (frac ? '.' + frac : ''),
      unsigned: minus === '',
      coef: minus ? -magnitude : magnitude,
      scale: frac.length,
    };
  });

/** Any value: built from a coefficient and scale, read from a text (`-0` among them), or from a safe integer. */
const decimal: fc.Arbitrary<Decimal> = fc.oneof(
  { arbitrary: fc.tuple(coefficient, scale).map(([c, s]) => decimalOf(c, s)), weight: 4 },
  { arbitrary: numberText.map((n) => Decimal.parse(n.text)!), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom(-0, 0, 1, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER), scale).map(([c, s]) => Decimal.fromSafe(c, s)), weight: 1 },
  { arbitrary: fc.constantFrom('-0', '－0', '-0.00', '0.000', '-0,000.0').map((t) => Decimal.parse(t)!), weight: 1 },
);

// ---- Decimal ----

describe('Decimal reads numbers as BigInt reads their digits', () => {
  it('a number as the language writes it, alone, in whitespace, or after a + when unsigned', () => {
    const space = fc.constantFrom('', ' ', '\t', '\u3000', '\n', ' \u00a0');
    fc.assert(
      fc.property(numberText, space, space, fc.boolean(), (n, before, after, plus) => {
        expectExact(Decimal.parse(n.text)!, n.coef, n.scale);
        const text = before + (plus && n.unsigned ? '+' : '') + n.text + after;
        expectExact(Decimal.parse(text)!, n.coef, n.scale);
      }),
      RUNS,
    );
  });

  it('exactly the strings of the number grammar (grammar/number.ts), trimmed, with an optional + before the digits', () => {
    const GRAMMAR = /^\s*(?:\+(?=\d))?[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*$/;
    const piece = fc.constantFrom('0', '1', '5', '9', '0', '7', '123', ',', ',000', '.', '.5', '-', '－', '+', ' ', '\u3000', 'x', '０', 'e3');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join('');
        const d = Decimal.parse(text);
        expect(d !== undefined).toBe(GRAMMAR.test(text));
        if (d === undefined) return;
        const body = text.trim();
        const point = body.indexOf('.');
        const magnitude = BigInt(body.replace(/[^0-9]/g, ''));
        expectExact(d, /^[-－]/.test(body) ? -magnitude : magnitude, point < 0 ? 0 : body.length - point - 1);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('Decimal arithmetic is BigInt arithmetic at a common scale', () => {
  it('fromBigInt and shift build any coefficient and scale; a safe coefficient is held as one (safeCoef, fromSafe)', () => {
    fc.assert(
      fc.property(coefficient, scale, (c, s) => {
        const d = decimalOf(c, s);
        expectExact(d, c, s);
        expectCanonical(d);
        if (d.safeCoef !== undefined) expectExact(Decimal.fromSafe(d.safeCoef, s), c, s);
      }),
      RUNS,
    );
  });

  it('add and sub: the exact sum and difference, at the larger scale', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const s = Math.max(a.scale, b.scale);
        const sum = a.add(b);
        expectExact(sum, at(exact(a), s) + at(exact(b), s), s);
        expectCanonical(sum);
        const difference = a.sub(b);
        expectExact(difference, at(exact(a), s) - at(exact(b), s), s);
        expectCanonical(difference);
        // What leaves the safe integers comes back exactly.
        expect(sum.sub(b).eq(a)).toBe(true);
        expect(Decimal.ZERO.add(a).eq(a)).toBe(true);
      }),
      RUNS,
    );
  });

  it('mul: the product of the coefficients, at the sum of the scales', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const product = a.mul(b);
        expectExact(product, a.coef * b.coef, a.scale + b.scale);
        expectCanonical(product);
        expect(b.mul(a).eq(product)).toBe(true);
      }),
      RUNS,
    );
  });

  it('cmp, eq, isZero, isNegative, neg and abs agree with BigInt, whatever the scales', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const expected = compare(exact(a), exact(b));
        expect(a.cmp(b)).toBe(expected);
        expect(b.cmp(a)).toBe(-expected || 0);
        expect(a.eq(b)).toBe(expected === 0);
        expect(a.isZero()).toBe(a.coef === 0n);
        expect(a.isNegative()).toBe(a.coef < 0n);
        expectExact(a.neg(), -a.coef, a.scale);
        expectExact(a.abs(), a.coef < 0n ? -a.coef : a.coef, a.scale);
        // The same value at another scale is equal (1.50 = 1.5).
        expect(a.withScale(a.scale + 3).eq(a)).toBe(true);
      }),
      RUNS,
    );
  });

  it('shift(n) multiplies by 10^n exactly; normalize drops trailing zero decimals only', () => {
    fc.assert(
      fc.property(decimal, fc.integer({ min: -20, max: 20 }), (d, n) => {
        const shifted = d.shift(n);
        expect(shifted.scale).toBeGreaterThanOrEqual(0);
        const target = n >= 0 ? { coef: d.coef * pow10(n), scale: d.scale } : { coef: d.coef, scale: d.scale - n };
        expect(compare(exact(shifted), target)).toBe(0);
        expectCanonical(shifted);
        expect(shifted.shift(-n).eq(d)).toBe(true);

        const normal = d.normalize();
        expect(normal.eq(d)).toBe(true);
        expect(normal.scale).toBeLessThanOrEqual(d.scale);
        if (normal.scale > 0) expect(normal.coef % 10n).not.toBe(0n);
        expectExact(normal.normalize(), normal.coef, normal.scale);
        expect(normal.scale === d.scale || d.coef % pow10(d.scale - normal.scale) === 0n).toBe(true);
      }),
      RUNS,
    );
  });

  it('round and div round half away from zero, as BigInt division does it', () => {
    /** |n| / |d| rounded half away from zero, with the sign of n / d. */
    const divRound = (n: bigint, d: bigint): bigint => {
      const an = n < 0n ? -n : n;
      const ad = d < 0n ? -d : d;
      const q = an / ad + ((an % ad) * 2n >= ad ? 1n : 0n);
      return n < 0n !== d < 0n ? -q : q;
    };
    fc.assert(
      fc.property(decimal, decimal, fc.integer({ min: 0, max: 12 }), (a, b, places) => {
        const rounded = a.round(places);
        if (a.scale <= places) expectExact(rounded, a.coef, a.scale);
        else expectExact(rounded, divRound(a.coef, pow10(a.scale - places)), places);

        const quotient = a.div(b, places);
        if (b.isZero()) {
          expect(quotient).toBeUndefined();
          return;
        }
        // a / b = (ca · 10^(sb + places)) / (cb · 10^sa), at scale `places`.
        const q = divRound(a.coef * pow10(b.scale + places), b.coef * pow10(a.scale));
        expect(compare(exact(quotient!), { coef: q, scale: places })).toBe(0);
        expectExact(quotient!.normalize(), quotient!.coef, quotient!.scale);
      }),
      RUNS,
    );
  });
});

describe('Decimal formatting reads back as the same value and scale', () => {
  /** The plain digits of `coef × 10^-scale`, all of its decimals written. */
  function plain(v: Exact): string {
    const negative = v.coef < 0n;
    const digitText = (negative ? -v.coef : v.coef).toString().padStart(v.scale + 1, '0');
    const int = digitText.slice(0, digitText.length - v.scale);
    const frac = v.scale > 0 ? '.' + digitText.slice(digitText.length - v.scale) : '';
    return (negative ? '-' : '') + int + frac;
  }

  it('toString writes every decimal (and at least minScale), toGrouped adds separators; parse reads both back', () => {
    fc.assert(
      fc.property(decimal, fc.integer({ min: 0, max: 8 }), (d, minScale) => {
        const text = d.toString();
        expect(text).toBe(plain(exact(d)));
        expectExact(Decimal.parse(text)!, d.coef, d.scale);

        const wide = d.toString(minScale);
        const s = Math.max(d.scale, minScale);
        expect(wide).toBe(plain({ coef: at(exact(d), s), scale: s }));
        expectExact(Decimal.parse(wide)!, at(exact(d), s), s);

        const groupedText = d.toGrouped(minScale);
        expect(groupedText).toMatch(/^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?$/);
        expect(groupedText.replace(/,/g, '')).toBe(wide);
        expectExact(Decimal.parse(groupedText)!, at(exact(d), s), s);
      }),
      RUNS,
    );
  });

  it('a number read from its text is written back as that text, up to its minus sign, separators and leading zeros', () => {
    fc.assert(
      fc.property(numberText, (n) => {
        const d = Decimal.parse(n.text)!;
        const text = n.text.replace('－', '-').replace(/,/g, '');
        const negative = text.startsWith('-');
        let body = negative ? text.slice(1) : text;
        body = body.replace(/^0+(?=\d)/, '');
        const zero = n.coef === 0n;
        expect(d.toString()).toBe((negative && !zero ? '-' : '') + body);
      }),
      RUNS,
    );
  });
});

// ---- DecimalSum ----

/** The exact sum of `values` at the largest of their scales (and 0). */
function bigSum(values: readonly Exact[]): Exact {
  const s = Math.max(0, ...values.map((v) => v.scale));
  return { coef: values.reduce((acc, v) => acc + at(v, s), 0n), scale: s };
}

describe('DecimalSum is BigInt summation at a common scale', () => {
  it('of many values (safe and not, negative, -0, mixed scales, huge), added as Decimals or safe coefficients', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(decimal, fc.boolean()), { maxLength: 60, size: 'max' }), (items) => {
        const sum = new DecimalSum();
        let folded = Decimal.ZERO;
        for (const [d, safe] of items) {
          if (safe && d.safeCoef !== undefined) sum.addSafe(d.safeCoef, d.scale);
          else sum.add(d);
          folded = folded.add(d);
        }
        const expected = bigSum(items.map(([d]) => exact(d)));
        expectExact(sum.value, expected.coef, expected.scale);
        expectCanonical(sum.value);
        expect(sum.isZero()).toBe(expected.coef === 0n);
        // It is what adding one by one from ZERO gives, the scale included.
        expectExact(folded, expected.coef, expected.scale);
      }),
      FEWER_RUNS,
    );
  });

  it('of safe coefficients that leave the safe integers and come back, and of -0', () => {
    const safe = fc.oneof(
      fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, -0, 0, 1, -1),
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.double({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, noNaN: true }).map(Math.trunc),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(safe, fc.integer({ min: 0, max: 20 })), { maxLength: 40, size: 'max' }), (items) => {
        const sum = new DecimalSum();
        for (const [c, s] of items) sum.addSafe(c, s);
        const expected = bigSum(items.map(([c, s]) => ({ coef: BigInt(c), scale: s })));
        expectExact(sum.value, expected.coef, expected.scale);
        // The same values taken away again: exactly zero, at the same scale.
        for (const [c, s] of items) sum.addSafe(0 - c, s);
        expect(sum.isZero()).toBe(true);
        expectExact(sum.value, 0n, expected.scale);
      }),
      FEWER_RUNS,
    );
  });

  it('after reset, as a new one', () => {
    fc.assert(
      fc.property(fc.array(decimal, { maxLength: 20 }), fc.array(decimal, { maxLength: 20 }), (first, second) => {
        const reused = new DecimalSum();
        for (const d of first) reused.add(d);
        reused.reset();
        expect(reused.isZero()).toBe(true);
        expectExact(reused.value, 0n, 0);
        const fresh = new DecimalSum();
        for (const d of second) {
          reused.add(d);
          fresh.add(d);
        }
        expectExact(reused.value, fresh.value.coef, fresh.value.scale);
      }),
      FEWER_RUNS,
    );
  });
});

// ---- TableValues (server/src/model/rows.ts) ----

/** The values never read their table; a table model is only carried along for the rows. */
const NO_TABLE = {} as TableModel;

type NumberText = typeof numberText extends fc.Arbitrary<infer T> ? T : never;

/** A cell as a line holds it: a number as the language writes it (any length), or `-`. */
const cellText = fc.option(numberText, { nil: null, freq: 5 });

/**
 * Rows of cells written out as lines and put in a row store as the parse puts them (each
 * number's value as the lexer reads it, `numberEnd`: none past 15 digits), with the model's
 * rows over them. A row may have fewer or more cells than the table's columns.
 */
function tableOf(width: number, grid: (NumberText | null)[][]) {
  let text = '';
  const spans: [number, number][][] = [];
  const lineStarts: number[] = [];
  for (const cells of grid) {
    lineStarts.push(text.length);
    const row: [number, number][] = [];
    for (const c of cells) {
      text += ' ';
      const start = text.length;
      text += c ? c.text : '-';
      row.push([start, text.length]);
    }
    text += '\n';
    spans.push(row);
  }
  const store = new RowStore(text);
  const value = { coef: 0, scale: 0 };
  spans.forEach((row, r) => {
    const lineStart = lineStarts[r]!;
    store.begin(lineStart, lineStart, false);
    row.forEach(([start, end], i) => {
      if (!grid[r]![i]) store.cell(start, end, true, 0, -1);
      else {
        expect(numberEnd(text, start, value)).toBe(end);
        store.cell(start, end, false, value.coef, value.scale);
      }
    });
    store.end(r, lineStart, text.length, false);
  });
  const values = new TableValues(width, NO_TABLE, store);
  const rows = grid.map((_, r) => new TableRow(r, values, 0, undefined, true));
  return { values, rows, store };
}

/** Cell `i` of a row, exact, as the table reads it: none past the table's columns or the row's cells. */
const want = (cells: (NumberText | null)[], i: number, width: number): Exact | null => {
  const c = i < width ? cells[i] : undefined;
  return c ? { coef: c.coef, scale: c.scale } : null;
};

describe('TableValues read the row store’s cells exactly and sum them exactly', () => {
  const grid = fc.array(fc.array(cellText, { maxLength: 7 }), { minLength: 1, maxLength: 30, size: 'max' });

  it('a row’s valueAt and values are its cells (numbers of any length, `-` null), none past its cells or the columns', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), grid, (width, cells) => {
        const { rows } = tableOf(width, cells);
        rows.forEach((row, r) => {
          const vs = row.values;
          expect(vs.length).toBe(width);
          for (let i = 0; i < width; i++) {
            const w = want(cells[r]!, i, width);
            for (const got of [vs[i]!, row.valueAt(i)]) {
              if (w === null) expect(got).toBeNull();
              else expectExact(got!, w.coef, w.scale);
            }
          }
          expect(row.valueAt(-1)).toBeNull();
          expect(row.valueAt(width)).toBeNull();
        });
      }),
      FEWER_RUNS,
    );
  });

  it('sums over them (addTo, and a row’s addValueTo, negated or not) are BigInt sums; empty and missing cells add nothing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        grid,
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 60, size: 'max' }),
        (width, cells, picks) => {
          const { rows, values, store } = tableOf(width, cells);
          // Any cell of the store, by its number.
          const sum = new DecimalSum();
          const terms: Exact[] = [];
          const all = cells.flat();
          for (const [n, , negate] of picks) {
            if (all.length === 0) break;
            const slot = n % all.length;
            values.addTo(sum, slot, negate);
            const c = all[slot];
            if (c) terms.push({ coef: negate ? -c.coef : c.coef, scale: c.scale });
          }
          const expected = bigSum(terms);
          expectExact(sum.value, expected.coef, expected.scale);
          expect(store.count).toBe(cells.length);

          // Rows and columns: a row's cell i is the store's cell (its first) + i.
          const byRow = new DecimalSum();
          const rowTerms: Exact[] = [];
          for (const [r, i, negate] of picks) {
            const row = r % rows.length;
            const column = i % (width + 1) - (i % 7 === 0 ? 1 : 0); // now and then out of range
            rows[row]!.addValueTo(byRow, column, negate);
            const w = column >= 0 ? want(cells[row]!, column, width) : null;
            if (w) rowTerms.push({ coef: negate ? -w.coef : w.coef, scale: w.scale });
          }
          const expectedRows = bigSum(rowTerms);
          expectExact(byRow.value, expectedRows.coef, expectedRows.scale);

          // Column by column through the rows.
          for (let i = 0; i < width; i++) {
            const column = new DecimalSum();
            for (const row of rows) row.addValueTo(column, i);
            const exactCells = cells.map((c) => want(c, i, width)).filter((v): v is Exact => v !== null);
            const w = bigSum(exactCells);
            expectExact(column.value, w.coef, w.scale);
          }
        },
      ),
      FEWER_RUNS,
    );
  });
});

// ---- RowStore (grammar/rows.ts) ----

interface PlannedRow {
  name: [number, number];
  span: [number, number];
  breakdown: boolean;
  broken: boolean;
  /** An earlier row this row is a part of, or -1 (taken modulo the rows before it). */
  parent: number;
  texts: { span: [number, number]; blank: boolean }[];
  cells: { span: [number, number]; empty: boolean; coef: number; scale: number }[];
}

/** A span inside a text of length `n`, from two numbers. */
const spanIn = (n: number, [a, b]: [number, number]): [number, number] => {
  const x = a % (n + 1);
  const y = b % (n + 1);
  return x <= y ? [x, y] : [y, x];
};

const pair = fc.tuple(fc.nat(), fc.nat());
const plannedRow: fc.Arbitrary<PlannedRow> = fc.record({
  name: pair,
  span: pair,
  breakdown: fc.boolean(),
  broken: fc.boolean(),
  parent: fc.integer({ min: -1, max: 1000 }),
  texts: fc.array(fc.record({ span: pair, blank: fc.boolean() }), { maxLength: 2 }),
  cells: fc.array(
    fc.record({
      span: pair,
      empty: fc.boolean(),
      coef: fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.constantFrom(-0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER)),
      scale: fc.integer({ min: -1, max: 15 }),
    }),
    { maxLength: 5 },
  ),
});

describe('RowStore reads back the rows, cells and tree links it was given', () => {
  it('built through begin / textCell / cell / end / addChild, across growth, read back through the store and the views', () => {
    const names = fc.constantFrom('甲县', '乙县', '合计', '甲县', '其中：', '', 'a', '南昌市合计');
    fc.assert(
      fc.property(
        fc.array(names, { minLength: 1, maxLength: 30 }).map((ws) => ws.join(' ')),
        fc.array(plannedRow, { maxLength: 150, size: 'max' }),
        // How many rows, cells and text cells the store is told to expect: none, too few or enough.
        fc.tuple(fc.constantFrom(0, 10, 200), fc.constantFrom(0, 100, 800), fc.constantFrom(0, 10, 300)),
        (text, planned, [rowsHint, cellsHint, textsHint]) => {
          const n = text.length;
          const store = new RowStore(text, rowsHint, cellsHint, textsHint);
          const rows = planned.map((p, r) => ({
            ...p,
            name: spanIn(n, p.name),
            span: spanIn(n, p.span),
            parent: p.parent < 0 || r === 0 ? -1 : p.parent % r,
            texts: p.texts.map((t) => ({ ...t, span: spanIn(n, t.span) })),
            cells: p.cells.map((c) => ({ ...c, span: spanIn(n, c.span) })),
          }));
          const children: number[][] = rows.map(() => []);
          rows.forEach((p, r) => {
            expect(store.begin(p.name[0], p.name[1], p.breakdown)).toBe(r);
            for (const t of p.texts) store.textCell(t.span[0], t.span[1], t.blank);
            for (const c of p.cells) store.cell(c.span[0], c.span[1], c.empty, c.coef, c.scale);
            expect(store.end(r, p.span[0], p.span[1], p.broken)).toBe(r);
            if (p.parent >= 0) {
              store.addChild(p.parent, r);
              children[p.parent]!.push(r);
            }
          });

          expect(store.count).toBe(rows.length);
          expect(store.text).toBe(text);
          let cell = 0;
          rows.forEach((p, r) => {
            const nameText = text.slice(p.name[0], p.name[1]);
            expect(store.start(r)).toBe(p.span[0]);
            expect(store.endOf(r)).toBe(p.span[1]);
            expect(store.name(r)).toEqual({ text: nameText, start: p.name[0], end: p.name[1] });
            expect(store.nameText(r)).toBe(nameText);
            expect(store.nameHash(r)).toBe(nameHash(text, p.name[0], p.name[1]));
            expect(store.breakdown(r)).toBe(p.breakdown);
            expect(store.broken(r)).toBe(p.broken);

            expect(store.textCellCount(r)).toBe(p.texts.length);
            expect(store.textCells(r)).toEqual(p.texts.map((t) => ({ text: t.blank ? '' : text.slice(t.span[0], t.span[1]), start: t.span[0], end: t.span[1] })));

            expect(store.cellCountOf(r)).toBe(p.cells.length);
            expect(store.cellsFrom(r)).toBe(cell);
            expect(store.cellsTo(r)).toBe(cell + p.cells.length);
            expect(store.cells(r)).toEqual(p.cells.map((c) => ({ start: c.span[0], end: c.span[1], text: text.slice(c.span[0], c.span[1]), kind: c.empty ? 'empty' : 'number' })));
            p.cells.forEach((c, k) => {
              expect(store.cellStartOf(cell + k)).toBe(c.span[0]);
              expect(store.cellEndOf(cell + k)).toBe(c.span[1]);
              expect(store.cellIsEmpty(cell + k)).toBe(c.empty);
              expect(store.cellCoefOf(cell + k)).toBe(c.coef);
              expect(store.cellScaleOf(cell + k)).toBe(c.scale);
            });
            cell += p.cells.length;

            // Tree links: the parts in the order they were added, and the last row under each.
            const parts = children[r]!;
            expect(store.firstChildOf(r)).toBe(parts[0] ?? -1);
            const linked: number[] = [];
            for (let c = store.firstChildOf(r); c >= 0; c = store.nextSiblingOf(c)) linked.push(c);
            expect(linked).toEqual(parts);
            let last = r;
            while (children[last]!.length > 0) last = children[last]!.at(-1)!;
            expect(store.lastDescendantOf(r)).toBe(last);

            // The view answers the same, and is one object per row.
            const view = store.view(r);
            expect(store.view(r)).toBe(view);
            expect(view.index).toBe(r);
            expect(view.store).toBe(store);
            expect(view.kind).toBe('row');
            expect([view.start, view.end, view.breakdown, view.broken, view.cellCount, view.textCellCount]).toEqual([p.span[0], p.span[1], p.breakdown, p.broken, p.cells.length, p.texts.length]);
            expect(view.name).toEqual(store.name(r));
            expect(view.cells).toEqual(store.cells(r));
            expect(view.textCells).toEqual(store.textCells(r));
            expect(view.children).toHaveLength(parts.length);
            view.children.forEach((child, k) => expect(child).toBe(store.view(parts[k]!)));
            const json = view.toJSON();
            expect(json.kind).toBe('row');
            expect(json.name).toEqual(store.name(r));
            expect(json.cells).toEqual(store.cells(r));
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('sameName compares names by their text, and equal names hash alike (-1 for an empty name)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('甲县', '乙县', '甲', '县', ''), { minLength: 2, maxLength: 12 }), (names) => {
        const text = names.join('|');
        const store = new RowStore(text);
        let at0 = 0;
        for (const name of names) {
          const r = store.begin(at0, at0 + name.length, false);
          store.end(r, at0, at0 + name.length, false);
          at0 += name.length + 1;
        }
        names.forEach((a, i) => {
          expect(store.nameHash(i) === -1).toBe(a === '');
          names.forEach((b, j) => {
            expect(store.sameName(i, j)).toBe(a === b);
            if (a === b) expect(store.nameHash(i)).toBe(store.nameHash(j));
          });
        });
      }),
      FEWER_RUNS,
    );
  });
});
