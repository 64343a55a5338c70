/**
 * The tokens of the notice language, in the order the lexer tries them.
 *
 * Ordering rules (Chevrotain picks the first pattern that matches, not the longest):
 * - Keywords and numbers come before `Text`, and name `Text` as `longer_alt`, so that
 *   `栏次` or `2022年` lex as one Text while `栏` or `2022` alone lex as keyword/number.
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

export const Text = createToken({
  name: 'Text',
  // Whitespace, colon, equals, pipe and square brackets (both widths) end a Text run.
  pattern: /[^\s:：=＝|｜[\]［］]+/,
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

/** An amount with its unit written without a space: `7,678万元`. */
export const Amount = createToken({
  name: 'Amount',
  pattern: /[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|亿元|元)/,
  longer_alt: Text,
  categories: [Inline],
  label: '金额',
});

export const NumberLit = createToken({
  name: 'Number',
  pattern: /[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/,
  longer_alt: Text,
  categories: [Inline],
  label: '数字',
});

/** `-` or `—` standing alone: an empty numeric cell (also a minus sign inside values). */
export const Dash = createToken({
  name: 'Dash',
  pattern: /[-－—–]/,
  longer_alt: Text,
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
  pattern: /[^\S\r\n]+/,
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
