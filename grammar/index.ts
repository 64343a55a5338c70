/**
 * The notice language: `parse(text)` reads any text into a syntax tree and a list of
 * problems. It never throws and never loses text: what it cannot read becomes a problem
 * with its exact range, and the rest of the file is still read.
 */
import { Lexer, type ILexingResult } from 'chevrotain';
import type { SourceFile, SyntaxProblem, Word } from './ast.js';
import { TreeBuilder } from './build.js';
import type { DocumentCstNode } from './cst.js';
import { Layout } from './layout.js';
import { noticeParser } from './parser.js';
import { lexerTokens, setCompoundTokens, setLineBreakHook, takeRowLineLayouts } from './tokens.js';

export type * from './ast.js';
export { MAX_DEPTH } from './layout.js';
export { Row, RowStore, nameHash } from './rows.js';
export { textWidth } from './text-width.js';

let lexer: Lexer | undefined;

function noticeLexer(): Lexer {
  lexer ??= new Lexer(lexerTokens, {
    positionTracking: 'onlyOffset',
    // Every token's first characters are known (./tokens.ts), so the lexer tries only the
    // tokens that can start with the next character; fail loudly if that ever breaks.
    ensureOptimizations: true,
  });
  return lexer;
}

export function parse(text: string): SourceFile {
  // A row's line, the run of numeric cells that ends it and its `[文字]` cells are read as one
  // token each (./tokens.ts, `RowLine`, `NumberRun` and `TextCell`): a row line is one token
  // instead of five or more. Where the parser finds an error, the text is read again with every
  // word, number, dash and bracket as its own token, so that error messages and recovery are
  // exactly what they were.
  const file = parseWith(text, true);
  if (file) return file;
  fallbacks++;
  return parseWith(text, false)!;
}

let fallbacks = 0;

/** How many texts `parse` has read again token by token (after a parser error) since it was loaded: for tests and the benchmark. */
export function parseFallbacks(): number {
  return fallbacks;
}

/**
 * `parse` reading every word, number, dash and bracket as its own token, as `parse` does
 * after a parser error; the result is the same as `parse`'s (test/parser.test.ts compares
 * them), only slower on tables.
 */
export function parseEveryToken(text: string): SourceFile {
  return parseWith(text, false)!;
}

/** `parse`, with or without the compound tokens; without, never undefined; with, undefined on a parser error. */
function parseWith(text: string, compoundTokens: boolean): SourceFile | undefined {
  const problems: SyntaxProblem[] = [];
  try {
    const layout = new Layout(text, problems);
    let lexed: ILexingResult;
    setLineBreakHook(layout.lineBreak);
    setCompoundTokens(compoundTokens);
    const rowLines = takeRowLineLayouts();
    try {
      lexed = noticeLexer().tokenize(text);
    } finally {
      setLineBreakHook(undefined);
      setCompoundTokens(true);
    }
    for (const e of lexed.errors) {
      problems.push({ code: 'syntax', start: e.offset, end: e.offset + Math.max(1, e.length), message: `无法识别的字符：“${text.substr(e.offset, e.length)}”` });
    }
    const comments: Word[] = (lexed.groups['comments'] ?? []).map((t) => ({
      text: t.image,
      start: t.startOffset,
      end: t.startOffset + t.image.length,
    }));
    const tokens = layout.finish(lexed.tokens);
    const builder = new TreeBuilder(text, problems, rowLines);
    const parser = noticeParser();
    let cst: DocumentCstNode;
    let errors: ReturnType<typeof noticeParser>['errors'];
    try {
      parser.input = tokens;
      parser.rowBuilder = builder;
      parser.text = text;
      cst = parser.document();
      errors = parser.errors;
    } finally {
      // The reused parser would otherwise hold this text's tokens until the next parse.
      parser.input = [];
      parser.rowBuilder = undefined;
      parser.text = '';
    }
    if (compoundTokens && errors.length > 0) return undefined;
    for (const e of errors) {
      const t = e.token;
      const start = Number.isFinite(t.startOffset) ? t.startOffset : text.length;
      problems.push({ code: 'syntax', start, end: start + Math.max(t.image.length, 0), message: e.message });
    }
    const blocks = builder.document(cst);
    problems.sort((a, b) => a.start - b.start);
    return { text, blocks, problems, comments };
  } catch (err) {
    if (compoundTokens) return undefined;
    // A bug in the reader must not take the editor down: report it on the first line.
    problems.push({ code: 'syntax', start: 0, end: 0, message: `内部错误，未能读完此文件：${err instanceof Error ? err.message : String(err)}` });
    return { text, blocks: [], problems, comments: [] };
  }
}
