/**
 * The parser's tokens: one per line with content, named by the line's form (./lines.ts decides
 * which), and the line structure the layout makes (./layout.ts). No pattern matches them: the
 * layout makes every token itself, and a line's words are read by ./scan.ts.
 *
 * Every line token is also an `AnyLine` (a token category), so that a rule which takes a line
 * of any form (a table row, a line under a field) says so once.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

export const AnyLine = createToken({ name: 'AnyLine', pattern: Lexer.NA, label: '行' });

function lineToken(name: string, label: string): TokenType {
  return createToken({ name, pattern: Lexer.NA, categories: [AnyLine], label });
}

/** `通知 文号`. */
export const NoticeHead = lineToken('NoticeHead', '“通知 文号”');
/** `附件N 分配表：标题` (or without the label). */
export const AllocationHead = lineToken('AllocationHead', '“附件N 分配表：标题”');
/** `附件N 绩效目标表：标题` (or without the label). */
export const KpiHead = lineToken('KpiHead', '“附件N 绩效目标表：标题”');
/** `栏组 标题`. */
export const ColumnGroupLine = lineToken('ColumnGroupLine', '“栏组 标题”');
/** `栏 编号：标题 …`. */
export const ColumnLine = lineToken('ColumnLine', '“栏 编号：标题”');
/** `正文` (with the first paragraph after a colon, or none). */
export const BodyLine = lineToken('BodyLine', '“正文”');
/** `键：值`: a word and a colon first. */
export const FieldLine = lineToken('FieldLine', '“键：值”');
/**
 * `注：…` or `备注：…`: a note under a table. It is a `键：值` line too (a category of `FieldLine`),
 * so that wherever a field is taken (a notice's fields, a KPI indicator under a 二级) it still
 * is one; a table's reader (./build.ts) reads it as the table's note.
 */
export const NoteLine = createToken({ name: 'NoteLine', pattern: Lexer.NA, categories: [FieldLine, AnyLine], label: '“注：说明”' });
/** One word alone (a KPI level's name). */
export const WordLine = lineToken('WordLine', '文字');
/** Any other line (in a table: a row). */
export const OtherLine = lineToken('OtherLine', '行');

/** Line structure, made by the layout. */
export const Indent = createToken({ name: 'Indent', pattern: Lexer.NA, label: '缩进' });
export const Dedent = createToken({ name: 'Dedent', pattern: Lexer.NA, label: '取消缩进' });

/** Every token type the parser sees. */
export const allTokens: TokenType[] = [AnyLine, NoticeHead, AllocationHead, KpiHead, ColumnGroupLine, ColumnLine, BodyLine, FieldLine, NoteLine, WordLine, OtherLine, Indent, Dedent];
