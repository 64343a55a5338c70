/**
 * Reads a formula over a table's columns (`全年 - 已下达`, `1 - 3`, `(1 + 2) × 3`,
 * `人数 × 3000 / 10000`, `前8月 / 2 保留2位小数`) into an expression over numeric column
 * indexes and an optional rounding, and evaluates it exactly on a row.
 *
 * What a bare number means depends on how the formula names its columns: a formula written
 * only with numbers is the printed form (`5=1-3`), so every number in it is a 栏次; a formula
 * that names a column by its id takes numbers as constants (`人数 × 3000 / 10000`). Numbers are
 * read by grammar/number.ts, the language's one reader of numbers.
 *
 * A hand-written reader rather than a second Chevrotain parser: the language is four
 * operators, parentheses, names and numbers, and the reader must report unknown names with
 * the exact span, which this does in a few lines.
 */
import { isNumber } from '../../../grammar/number.js';
import { Decimal } from './decimal.js';
import type { ColumnModel, Expr, Rounding } from './types.js';

export interface FormulaError {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly unknownName?: boolean;
}

type Tok = { kind: 'op'; op: string; start: number; end: number } | { kind: 'name'; text: string; start: number; end: number };

const OPS: Record<string, string> = { '+': '+', '＋': '+', '-': '-', '－': '-', '−': '-', '×': '*', '*': '*', '＊': '*', '/': '/', '÷': '/', '／': '/', '(': '(', '（': '(', ')': ')', '）': ')' };

function tokenize(text: string, base: number): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (OPS[ch] !== undefined) {
      toks.push({ kind: 'op', op: OPS[ch]!, start: base + i, end: base + i + 1 });
      i++;
    } else {
      const from = i;
      while (i < text.length && !/\s/.test(text[i]!) && OPS[text[i]!] === undefined) i++;
      toks.push({ kind: 'name', text: text.slice(from, i), start: base + from, end: base + i });
    }
  }
  return toks;
}

/** Chinese numerals for the places of a rounding (`保留两位小数`). */
const PLACES: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** `保留2位小数`, `保留两位小数`, `取整`, optionally in brackets, at the end of a formula. */
const ROUNDING = /(?:保留\s*(\d+|[零一二两三四五六七八九十])\s*位小数|取整)/;
const ROUNDING_AT_END = new RegExp(`(?:[（(]\\s*${ROUNDING.source}\\s*[)）]|${ROUNDING.source})\\s*$`);

/**
 * The rounding stated at the end of a formula's text, and the text before it: `前8月 / 2
 * 保留2位小数` is `前8月 / 2` rounded to two places, half away from zero (四舍五入).
 */
export function splitRounding(text: string, base: number): { formula: string; rounding?: Rounding } {
  const m = ROUNDING_AT_END.exec(text);
  if (!m) return { formula: text };
  const digits = m[1] ?? m[2];
  const places = digits === undefined ? 0 : /^\d+$/.test(digits) ? Number(digits) : PLACES[digits]!;
  const words = m[0].trimEnd();
  return { formula: text.slice(0, m.index), rounding: { places, span: { start: base + m.index, end: base + m.index + words.length } } };
}

/**
 * Parses `text` (starting at source offset `base`) against the table's columns: the formula
 * and, at its end, its rounding. Names resolve to a column id; numbers to a 栏次 in a formula
 * written only with numbers, to constants in one that names a column by id.
 */
export function parseFormula(text: string, base: number, columns: readonly ColumnModel[]): { expr?: Expr; rounding?: Rounding; error?: FormulaError } {
  const split = splitRounding(text, base);
  const body = split.formula;
  const toks = tokenize(body, base);
  // The printed form (`5=1-3`): no name in it but numbers.
  const byNumber = toks.every((t) => t.kind === 'op' || isNumber(t.text, 0, t.text.length));
  let pos = 0;
  let error: FormulaError | undefined;
  const fail = (start: number, end: number, message: string, unknownName = false): undefined => {
    error ??= { start, end, message, unknownName };
    return undefined;
  };
  const peek = (): Tok | undefined => toks[pos];
  const isOp = (t: Tok | undefined, op: string): boolean => t?.kind === 'op' && t.op === op;
  const numericCount = columns.filter((c) => !c.isText).length;

  const primary = (): Expr | undefined => {
    const t = peek();
    if (!t) return fail(base + body.length, base + body.length, '公式不完整：期望栏的编号或栏次');
    if (isOp(t, '(')) {
      pos++;
      const inner = sum();
      if (!inner) return undefined;
      if (!isOp(peek(), ')')) return fail(t.start, t.end, '括号没有闭合：缺少“）”');
      pos++;
      return inner;
    }
    if (isOp(t, '-')) {
      pos++;
      const operand = primary();
      return operand ? { kind: 'neg', operand, span: { start: t.start, end: operand.span.end } } : undefined;
    }
    if (t.kind === 'op') return fail(t.start, t.end, `期望栏的编号或栏次，实际是“${t.op}”`);
    pos++;
    const span = { start: t.start, end: t.end };
    if (/^[=＝]/.test(t.text)) return fail(t.start, t.start + 1, '公式中多出等号“=”：一条公式只能有一个等号');
    const byId = columns.find((c) => !c.isText && c.id === t.text);
    if (byId?.index !== undefined) return { kind: 'column', column: byId.index, span };
    if (isNumber(t.text, 0, t.text.length)) {
      if (!byNumber) return { kind: 'const', value: Decimal.parse(t.text)!, span };
      if (!/^\d+$/.test(t.text)) {
        return fail(t.start, t.end, `“${t.text}”不是栏次：只用栏次写的公式（如“= 1 - 3”）中数字都是栏次；要用常数，请用栏编号写公式（如“= 全年 × ${t.text}”）`);
      }
      const n = Number(t.text);
      const byNumberCol = columns.find((c) => c.number === n);
      if (byNumberCol?.index !== undefined) return { kind: 'column', column: byNumberCol.index, span };
      return fail(t.start, t.end, `没有第 ${t.text} 栏：表中数字栏为第 1–${numericCount} 栏`, true);
    }
    const text2 = columns.find((c) => c.isText && c.id === t.text);
    if (text2) return fail(t.start, t.end, `“${t.text}”是文字栏，不能参与计算`);
    const ids = columns.filter((c) => !c.isText).map((c) => c.id).join('、');
    return fail(t.start, t.end, `公式中的“${t.text}”不是本表的栏：本表的数字栏有 ${ids}`, true);
  };
  const product = (): Expr | undefined => {
    let left = primary();
    while (left && (isOp(peek(), '*') || isOp(peek(), '/'))) {
      const op = (peek() as { op: '*' | '/' }).op;
      pos++;
      const right = primary();
      if (!right) return undefined;
      left = { kind: 'binary', op, left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  };
  const sum = (): Expr | undefined => {
    let left = product();
    while (left && (isOp(peek(), '+') || isOp(peek(), '-'))) {
      const op = (peek() as { op: '+' | '-' }).op;
      pos++;
      const right = product();
      if (!right) return undefined;
      left = { kind: 'binary', op, left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  };

  const expr = sum();
  if (expr && pos < toks.length) {
    const t = toks[pos]!;
    if (t.kind === 'name' && /^[=＝]/.test(t.text)) fail(t.start, t.start + 1, '公式中多出等号“=”：一条公式只能有一个等号');
    else if (t.kind === 'name' && ROUNDING.test(t.text)) fail(t.start, t.end, `“${t.text}”应写在公式末尾（如“= 前8月 / 2 保留2位小数”），其后不能再有算式`);
    else fail(t.start, t.end, `公式此处多出“${t.kind === 'op' ? t.op : t.text}”：期望运算符 + - × / 或公式结束`);
  }
  if (error) return { error };
  if (!expr) return { error: { start: base, end: base + text.length, message: '无法读懂的公式' } };
  return { expr, ...(split.rounding ? { rounding: split.rounding } : {}) };
}

type Values = readonly (Decimal | null)[] | { valueAt(index: number): Decimal | null };

function cell(expr: { column: number }, values: Values): Decimal {
  return (Array.isArray(values) ? (values as readonly (Decimal | null)[])[expr.column] : (values as { valueAt(index: number): Decimal | null }).valueAt(expr.column)) ?? Decimal.ZERO;
}

/** The column indexes the formula reads, in order (with repeats). */
export function columnsIn(e: Expr, out: number[] = []): number[] {
  if (e.kind === 'column') out.push(e.column);
  else if (e.kind === 'neg') columnsIn(e.operand, out);
  else if (e.kind === 'binary') {
    columnsIn(e.left, out);
    columnsIn(e.right, out);
  }
  return out;
}

/** The formula divides: its value is a quotient, which may not terminate. */
export function divides(e: Expr): boolean {
  if (e.kind === 'binary') return e.op === '/' || divides(e.left) || divides(e.right);
  if (e.kind === 'neg') return divides(e.operand);
  return false;
}

/** The formula multiplies or divides: its value may have more decimals than the numbers it is made of. */
export function multiplies(e: Expr): boolean {
  if (e.kind === 'binary') return e.op === '*' || e.op === '/' || multiplies(e.left) || multiplies(e.right);
  if (e.kind === 'neg') return multiplies(e.operand);
  return false;
}

/** A formula without division, evaluated exactly (sums, differences and products of decimals are exact). */
function exact(expr: Expr, values: Values): Decimal {
  switch (expr.kind) {
    case 'column':
      return cell(expr, values);
    case 'const':
      return expr.value;
    case 'neg':
      return exact(expr.operand, values).neg();
    case 'binary': {
      const l = exact(expr.left, values);
      const r = exact(expr.right, values);
      return expr.op === '+' ? l.add(r) : expr.op === '-' ? l.sub(r) : l.mul(r);
    }
  }
}

const ONE = Decimal.fromSafe(1, 0);

/** A quotient n / d, kept as the pair so that nothing is rounded before the end. */
interface Ratio {
  readonly n: Decimal;
  readonly d: Decimal;
}

/** The formula's exact value as a ratio of two decimals; undefined on division by zero. */
function ratio(expr: Expr, values: Values): Ratio | undefined {
  switch (expr.kind) {
    case 'column':
      return { n: cell(expr, values), d: ONE };
    case 'const':
      return { n: expr.value, d: ONE };
    case 'neg': {
      const v = ratio(expr.operand, values);
      return v && { n: v.n.neg(), d: v.d };
    }
    case 'binary': {
      const l = ratio(expr.left, values);
      const r = ratio(expr.right, values);
      if (!l || !r) return undefined;
      switch (expr.op) {
        case '+':
        case '-': {
          const a = l.n.mul(r.d);
          const b = r.n.mul(l.d);
          return { n: expr.op === '+' ? a.add(b) : a.sub(b), d: l.d.mul(r.d) };
        }
        case '*':
          return { n: l.n.mul(r.n), d: l.d.mul(r.d) };
        case '/':
          return r.n.isZero() ? undefined : { n: l.n.mul(r.d), d: l.d.mul(r.n) };
      }
    }
  }
}

/** Decimals kept of a quotient that does not terminate, where no rounding is asked for. */
const QUOTIENT_PLACES = 10;

/**
 * Evaluates on a row's values (an array, or a row model's `valueAt`); empty cells count as
 * zero. Exact, except that a quotient that does not terminate is given to 10 decimals
 * (rounded half away from zero, once, from the exact value). Undefined on division by zero.
 */
export function evaluate(expr: Expr, values: Values): Decimal | undefined {
  if (!divides(expr)) return exact(expr, values);
  const q = ratio(expr, values);
  return q && q.n.div(q.d, QUOTIENT_PLACES);
}

/**
 * The formula's exact value rounded once to `places` decimals, half away from zero (四舍五入),
 * as `保留N位小数` asks; undefined on division by zero.
 */
export function evaluateRounded(expr: Expr, values: Values, places: number): Decimal | undefined {
  if (!divides(expr)) return exact(expr, values).round(places);
  const q = ratio(expr, values);
  return q && q.n.div(q.d, places)?.round(places);
}

/** A column of a sum of columns, added or subtracted. */
export interface Term {
  readonly column: number;
  readonly negate: boolean;
}

/**
 * The formula as a sum of columns, each added or subtracted (`全年中央 + 全年省级 - 已下达`:
 * three terms), when it is one: no × or ÷. Evaluating it is then adding the terms, which a
 * `DecimalSum` does without making a value per cell.
 */
export function linearTerms(expr: Expr): Term[] | undefined {
  const out: Term[] = [];
  const go = (e: Expr, negate: boolean): boolean => {
    switch (e.kind) {
      case 'column':
        out.push({ column: e.column, negate });
        return true;
      case 'const':
        return false;
      case 'neg':
        return go(e.operand, !negate);
      case 'binary':
        if (e.op === '+') return go(e.left, negate) && go(e.right, negate);
        if (e.op === '-') return go(e.left, negate) && go(e.right, !negate);
        return false;
    }
  };
  return go(expr, false) ? out : undefined;
}

/** How a rounding is said: `保留2位小数`, `取整`. */
export function describeRounding(r: Rounding): string {
  return r.places === 0 ? '取整' : `保留${r.places}位小数`;
}

/**
 * The formula written with column ids, for messages: `全年 - 已下达`, `人数 × 标准 ÷ 10000`, and
 * its rounding after it as the source states it (`前8月 ÷ 2 保留2位小数`) when given.
 */
export function describeFormula(expr: Expr, columns: readonly ColumnModel[], rounding?: Rounding, value?: (index: number) => string): string {
  // With `value`, each column is followed by its figure on a row (`全年 907 - 已下达 741`).
  const name = (i: number): string => (columns.find((c) => c.index === i)?.id ?? `第${i + 1}栏`) + (value ? ` ${value(i)}` : '');
  const go = (e: Expr, parentPrec: number): string => {
    switch (e.kind) {
      case 'column':
        return name(e.column);
      case 'const':
        return e.value.toString();
      case 'neg':
        return `-${go(e.operand, 3)}`;
      case 'binary': {
        const prec = e.op === '+' || e.op === '-' ? 1 : 2;
        const sym = { '+': '+', '-': '-', '*': '×', '/': '÷' }[e.op];
        const s = `${go(e.left, prec)} ${sym} ${go(e.right, prec + 1)}`;
        return prec < parentPrec ? `(${s})` : s;
      }
    }
  };
  return go(expr, 0) + (rounding ? ` ${describeRounding(rounding)}` : '');
}
