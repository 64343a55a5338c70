/**
 * The tokens of the notice language, in the order the lexer tries them.
 *
 * Ordering rules (Chevrotain picks the first pattern that matches, not the longest):
 * - Keywords and numbers come before `Text`, and name `Text` as `longer_alt`, so that
 *   `栏次` or `2022年` lex as one Text while `栏` or `2022` alone lex as keyword/number.
 *   (Numbers, amounts and dashes get the same effect from their matcher, which is cheaper
 *   than running `Text` after each of them: see `unlessTextFollows`.)
 * - Every token's possible first characters are known (`start_chars_hint` where Chevrotain
 *   cannot read them from the pattern), so the lexer tries only the tokens that can start
 *   with the next character (its first-char optimisation).
 * - `Comment` comes before `Text`: `#` starts a comment only at the start of a line or
 *   after whitespace (its custom matcher looks back one character); elsewhere `#` is text.
 * - Every character is matched by some token: `Text` is the complement of whitespace and
 *   the structural punctuation, so the lexer never reports an unexpected character.
 *
 * Text values (titles, field values, KPI values) are not tokenised further: the syntax
 * tree keeps their exact source slice, and the few that have inner structure (formulas,
 * amounts, document numbers) are read by small dedicated readers.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Any token that may appear inside a line (everything but line structure). */
export const Inline = createToken({ name: 'Inline', pattern: Lexer.NA });

/** Whitespace, colon, equals, pipe and square brackets (both widths) end a Text run. */
const TEXT = /[^\s:：=＝|｜[\]［］]+/;

/** The characters `TEXT` excludes: `\s` (see `WhiteSpace` and `LineBreak`) and the punctuation. */
const NOT_TEXT = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff:：=＝|｜[]［］';

/** 1 for each UTF-16 code unit `TEXT` does not match. */
const NOT_TEXT_TABLE = new Uint8Array(0x10000);
for (let i = 0; i < NOT_TEXT.length; i++) NOT_TEXT_TABLE[NOT_TEXT.charCodeAt(i)] = 1;

/** `TEXT` matches this code unit (it must be exactly the characters `TEXT` matches). */
function isTextChar(code: number): boolean {
  return NOT_TEXT_TABLE[code] === 0;
}

/**
 * Every character code a `Text` can start with (all of UTF-16 but `NOT_TEXT`). Chevrotain's
 * first-char optimisation picks the candidate tokens by the next character; it cannot read
 * a complement set like `TEXT`, so the set is spelled out here.
 */
export function textStartChars(): number[] {
  const codes: number[] = [];
  for (let c = 0; c < 0x10000; c++) if (isTextChar(c)) codes.push(c);
  return codes;
}

export const Text = createToken({
  name: 'Text',
  pattern: TEXT,
  start_chars_hint: textStartChars(),
  categories: [Inline],
  label: '文字',
});

function keyword(name: string, word: string, label = `关键字“${word}”`): TokenType {
  return createToken({ name, pattern: new RegExp(word), longer_alt: Text, categories: [Inline], label });
}

export const Notice = keyword('Notice', '通知');
export const AllocationTable = keyword('AllocationTable', '分配表');
export const KpiTable = keyword('KpiTable', '绩效目标表');
export const ColumnGroup = keyword('ColumnGroup', '栏组');
export const Column = keyword('Column', '栏');
export const Breakdown = keyword('Breakdown', '其中');
export const Body = keyword('Body', '正文');
export const Attachment = createToken({
  name: 'Attachment',
  pattern: /附件\d+/,
  longer_alt: Text,
  categories: [Inline],
  label: '附件编号（如“附件1”）',
});

/** The array custom matchers return: the lexer reads `[0]` at once and keeps nothing. */
const MATCHED = [''] as unknown as RegExpExecArray;

/**
 * A matcher for `pattern` that behaves as `pattern` with `longer_alt: Text`, without
 * running `Text` after every match. The tokens it serves (numbers, amounts, dashes) consist
 * of `Text` characters only, so `Text` would match longer exactly when the next character is
 * a `Text` character; the matcher then declines, and the lexer goes on to the next candidate
 * token, which declines for the same reason, down to `Text` itself, which takes the whole run,
 * as `longer_alt` would have. Numbers are most of a table's tokens, so this matters.
 */
function unlessTextFollows(pattern: RegExp): (text: string, offset: number) => RegExpExecArray | null {
  const sticky = new RegExp(pattern.source, 'y');
  return (text, offset) => {
    sticky.lastIndex = offset;
    if (!sticky.test(text)) return null;
    const end = sticky.lastIndex;
    if (end < text.length && isTextChar(text.charCodeAt(end))) return null;
    MATCHED[0] = text.slice(offset, end);
    return MATCHED;
  };
}

const NUMBER_START = ['-', '－', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** An amount with its unit written without a space: `7,678万元`. */
export const Amount = createToken({
  name: 'Amount',
  pattern: { exec: unlessTextFollows(/[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|亿元|元)/) },
  start_chars_hint: NUMBER_START,
  line_breaks: false,
  categories: [Inline],
  label: '金额',
});

export const NumberLit = createToken({
  name: 'Number',
  pattern: { exec: unlessTextFollows(/[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/) },
  start_chars_hint: NUMBER_START,
  line_breaks: false,
  categories: [Inline],
  label: '数字',
});

/** `-` or `—` standing alone: an empty numeric cell (also a minus sign inside values). */
export const Dash = createToken({
  name: 'Dash',
  pattern: { exec: unlessTextFollows(/[-－—–]/) },
  start_chars_hint: ['-', '－', '—', '–'],
  line_breaks: false,
  categories: [Inline],
  label: '“-”',
});

export const Colon = createToken({ name: 'Colon', pattern: /[:：]/, categories: [Inline], label: '冒号“：”' });
export const Equals = createToken({ name: 'Equals', pattern: /[=＝]/, categories: [Inline], label: '等号“=”' });
export const Pipe = createToken({ name: 'Pipe', pattern: /[|｜]/, categories: [Inline], label: '分隔符“|”' });
export const LBracket = createToken({ name: 'LBracket', pattern: /[[［]/, categories: [Inline], label: '左方括号“[”' });
export const RBracket = createToken({ name: 'RBracket', pattern: /[\]］]/, categories: [Inline], label: '右方括号“]”' });

function matchComment(text: string, offset: number): RegExpExecArray | null {
  if (text.charCodeAt(offset) !== 35 /* # */) return null;
  if (offset > 0) {
    const prev = text.charCodeAt(offset - 1);
    // Only at the start of a line or after whitespace (incl. the full-width space).
    if (!(prev === 32 || prev === 9 || prev === 10 || prev === 13 || prev === 0x3000 || prev === 0xfeff)) return null;
  }
  let end = offset + 1;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
    end++;
  }
  const result = [text.slice(offset, end)] as unknown as RegExpExecArray;
  return result;
}

export const Comment = createToken({
  name: 'Comment',
  pattern: { exec: matchComment },
  line_breaks: false,
  start_chars_hint: ['#'],
  group: 'comments',
  label: '注释',
});

export const LineBreak = createToken({
  name: 'LineBreak',
  pattern: /\r\n|\r|\n/,
  line_breaks: true,
  label: '换行',
});

/** Spaces inside a line (indentation is read from the source by the layout pass). */
export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  // `\s` without the line breaks (`[^\S\r\n]`), spelled out so that the lexer's first-char
  // optimisation can read it: tab, VT, FF, the Unicode spaces (Zs), LS, PS and the BOM.
  pattern: /[\t\v\f \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/,
  group: Lexer.SKIPPED,
});

/** Line structure, made by the layout pass (./layout.ts), never matched by the lexer. */
export const Newline = createToken({ name: 'Newline', pattern: Lexer.NA, label: '行尾' });
export const Indent = createToken({ name: 'Indent', pattern: Lexer.NA, label: '缩进' });
export const Dedent = createToken({ name: 'Dedent', pattern: Lexer.NA, label: '取消缩进' });

/** The lexer's token list, in matching order. */
export const lexerTokens: TokenType[] = [
  WhiteSpace,
  LineBreak,
  Comment,
  Colon,
  Equals,
  Pipe,
  LBracket,
  RBracket,
  Attachment,
  Notice,
  AllocationTable,
  KpiTable,
  ColumnGroup,
  Column,
  Breakdown,
  Body,
  Amount,
  NumberLit,
  Dash,
  Text,
];

/** Every token type the parser sees. */
export const allTokens: TokenType[] = [...lexerTokens, Newline, Indent, Dedent, Inline];
