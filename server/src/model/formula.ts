/**
 * Reads a column formula (`全年 - 已下达`, `1 - 3`, `(1 + 2) × 3`) into an expression over
 * numeric column indexes, and evaluates it exactly on a row.
 *
 * A hand-written reader rather than a second Chevrotain parser: the language is four
 * operators, parentheses and names, and the reader must report unknown names with the
 * exact span, which this does in a few lines.
 */
import { Decimal } from './decimal.js';
import type { ColumnModel, Expr } from './types.js';

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

/**
 * Parses `text` (starting at source offset `base`) against the table's columns.
 * Names resolve to a column id; plain numbers to a 栏次.
 */
export function parseFormula(text: string, base: number, columns: readonly ColumnModel[]): { expr?: Expr; error?: FormulaError } {
  const toks = tokenize(text, base);
  let pos = 0;
  let error: FormulaError | undefined;
  const fail = (start: number, end: number, message: string, unknownName = false): undefined => {
    error ??= { start, end, message, unknownName };
    return undefined;
  };
  const peek = (): Tok | undefined => toks[pos];
  const isOp = (t: Tok | undefined, op: string): boolean => t?.kind === 'op' && t.op === op;

  const primary = (): Expr | undefined => {
    const t = peek();
    if (!t) return fail(base + text.length, base + text.length, '公式不完整：期望栏的编号或栏次');
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
    const byId = columns.find((c) => !c.isText && c.id === t.text);
    if (byId?.index !== undefined) return { kind: 'column', column: byId.index, span };
    if (/^\d+$/.test(t.text)) {
      const n = Number(t.text);
      const byNumber = columns.find((c) => c.number === n);
      if (byNumber?.index !== undefined) return { kind: 'column', column: byNumber.index, span };
      return fail(t.start, t.end, `没有第 ${t.text} 栏：表中数字栏为第 1–${columns.filter((c) => !c.isText).length} 栏`, true);
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
    fail(t.start, t.end, `公式此处多出“${t.kind === 'op' ? t.op : t.text}”：期望运算符 + - × / 或公式结束`);
  }
  return error ? { error } : expr ? { expr } : { error: { start: base, end: base + text.length, message: '无法读懂的公式' } };
}

/**
 * Evaluates on a row's values (an array, or a row model's `valueAt`); empty cells count as
 * zero. Undefined on division by zero.
 */
export function evaluate(expr: Expr, values: readonly (Decimal | null)[] | { valueAt(index: number): Decimal | null }): Decimal | undefined {
  switch (expr.kind) {
    case 'column':
      return (Array.isArray(values) ? (values as readonly (Decimal | null)[])[expr.column] : (values as { valueAt(index: number): Decimal | null }).valueAt(expr.column)) ?? Decimal.ZERO;
    case 'neg': {
      const v = evaluate(expr.operand, values);
      return v?.neg();
    }
    case 'binary': {
      const l = evaluate(expr.left, values);
      const r = evaluate(expr.right, values);
      if (!l || !r) return undefined;
      switch (expr.op) {
        case '+':
          return l.add(r);
        case '-':
          return l.sub(r);
        case '*':
          return l.mul(r);
        case '/':
          return l.div(r);
      }
    }
  }
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

/** The formula written with column ids, for messages: `全年 − 已下达`. */
export function describeFormula(expr: Expr, columns: readonly ColumnModel[]): string {
  const name = (i: number): string => columns.find((c) => c.index === i)?.id ?? `第${i + 1}栏`;
  const go = (e: Expr, parentPrec: number): string => {
    switch (e.kind) {
      case 'column':
        return name(e.column);
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
  return go(expr, 0);
}
