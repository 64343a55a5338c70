/**
 * The layout: the one reading of the language's indentation. It splits the text into lines,
 * measures each line's indentation, decides its depth (what it is indented under), reports
 * what is wrong with the indentation (with the replacement that fixes it), and gives the
 * parser its tokens: one token per line with content (its form: ./lines.ts), preceded by one
 * `Indent` when the line is deeper than the one before or by one `Dedent` per closed level when
 * it is shallower. Blank and comment-only lines give no token; comments are collected. Indent
 * and Dedent always balance, so the parser never meets unbalanced structure whatever the text.
 *
 * The rule: a line's indentation is its leading whitespace, a space counting 1 and a tab or a
 * full-width space 2 (both reported: indentation is written with spaces). A line wider than
 * the open level opens a new level (at most `MAX_DEPTH`, deeper lines are kept at the deepest);
 * a narrower one closes levels down to the first that is not wider than it, and when it falls
 * between two levels it is reported and placed at the outer one. The formatter and the
 * language server read the depths from `SourceFile.lines` instead of measuring again.
 */
import type { IToken } from 'chevrotain';
import type { SyntaxProblem, Word } from './ast.js';
import { lineForm } from './lines.js';
import { TextTokens, isWhiteSpace, scanLine } from './scan.js';
import { Dedent, Indent } from './tokens.js';

/** Deeper nesting than this is flattened (the documents need 4 or 5 levels). */
export const MAX_DEPTH = 64;

/** A line with content, as the parser's token for it. */
export interface LineToken extends IToken {
  /** Where the line's content ends (before a comment and trailing whitespace). */
  readonly endOffset: number;
  /** Where the line starts (its indentation starts here). */
  readonly lineStart: number;
  /** Its depth: 0 at the left margin, 1 under a line there, … */
  readonly depth: number;
  /** Its words are `[from, to)` of the parse's `TextTokens`. */
  readonly from: number;
  readonly to: number;
}

/** The indentation `text[from, to)`: its width, and what is wrong with its characters, if anything. */
export function measureIndent(text: string, from: number, to: number): { width: number; bad?: string } {
  let width = 0;
  let bad: string | undefined;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) width += 1;
    else if (c === 0xfeff && i === 0) continue; // a byte-order mark is not indentation
    else if (c === 9) {
      width += 2;
      bad ??= '制表符（Tab）';
    } else if (c === 0x3000) {
      width += 2;
      bad ??= '全角空格';
    } else {
      width += 1;
      bad ??= `空白字符 U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    }
  }
  return bad === undefined ? { width } : { width, bad };
}

function structural(type: typeof Indent, offset: number): IToken {
  return { image: '', startOffset: offset, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type };
}

/** The lines of a text as the parser reads them. */
export interface Layout {
  readonly tokens: IToken[];
  readonly comments: Word[];
}

/**
 * Reads the layout of `text`: the parser's tokens and the comments, and every line's words
 * into `words` (each line token holds the range of its own); indentation problems go to
 * `problems`.
 */
export function readLayout(text: string, problems: SyntaxProblem[], words: TextTokens): Layout {
  const tokens: IToken[] = [];
  const comments: Word[] = [];
  /** The open indentation widths, outermost first. */
  const stack: number[] = [0];
  /** The end of the last line's content (where a Dedent sits). */
  let contentEnd = 0;
  const length = text.length;
  let lineStart = 0;
  for (;;) {
    let spaces = lineStart;
    while (text.charCodeAt(spaces) === 32) spaces++;
    let indentEnd = spaces;
    while (isWhiteSpace(text.charCodeAt(indentEnd))) indentEnd++;
    // The line's words, up to its line break or a comment.
    const from = words.count;
    let i = scanLine(text, indentEnd, words);
    if (text.charCodeAt(i) === 35 /* # */) {
      const comment = i;
      while (i < length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      comments.push({ text: text.slice(comment, i), start: comment, end: i });
    }
    const to = words.count;
    if (to > from) {
      const end = words.end[to - 1]!;
      // Nearly always spaces only: then the width is their count.
      const m = spaces === indentEnd ? undefined : measureIndent(text, lineStart, indentEnd);
      let width = m === undefined ? indentEnd - lineStart : m.width;
      let top = stack[stack.length - 1]!;
      if (width > top) {
        if (stack.length > MAX_DEPTH) {
          problems.push({ code: 'indentation', start: lineStart, end: indentEnd, message: `缩进层级过深：最多 ${MAX_DEPTH} 层，此行按上一层处理` });
          width = top;
        } else {
          stack.push(width);
          tokens.push(structural(Indent, indentEnd));
        }
      } else if (width < top) {
        let closed = top;
        while (width < top) {
          closed = stack.pop()!;
          tokens.push(structural(Dedent, contentEnd));
          top = stack[stack.length - 1]!;
        }
        if (width !== top) {
          problems.push({
            code: 'indentation',
            start: lineStart,
            end: indentEnd,
            message: `缩进 ${width} 格与上文任何一层都不对齐：期望 ${top} 格或 ${closed} 格，实际是 ${width} 格`,
            fix: { title: `改为缩进 ${top} 格`, replacement: ' '.repeat(top) },
          });
          width = top;
        }
      }
      if (m?.bad !== undefined) {
        problems.push({
          code: 'indentation',
          start: lineStart,
          end: indentEnd,
          message: `缩进中有${m.bad}：缩进只能用半角空格，此处按 ${width} 个空格计`,
          fix: { title: `把缩进换成 ${width} 个空格`, replacement: ' '.repeat(width) },
        });
      }
      const type = lineForm(words, from, to);
      const line: LineToken = { image: '', startOffset: indentEnd, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type, endOffset: end, lineStart, depth: stack.length - 1, from, to };
      tokens.push(line);
      contentEnd = end;
    }
    if (i >= length) break;
    lineStart = text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  for (let i = stack.length - 1; i > 0; i--) tokens.push(structural(Dedent, contentEnd));
  return { tokens, comments };
}

/** A line with content, as the layout placed it. */
export interface LineDepth {
  /** Where the line starts, and where its content does (after the indentation). */
  readonly start: number;
  readonly contentStart: number;
  /** 0 at the left margin, 1 under a line there, … */
  readonly depth: number;
}

/**
 * The depth of every line with content, by the layout's rule (the formatter re-indents by
 * it), in source order.
 */
export function lineDepths(text: string): LineDepth[] {
  const out: LineDepth[] = [];
  for (const t of readLayout(text, [], new TextTokens(text.length >> 4)).tokens) {
    const line = t as Partial<LineToken>;
    if (line.depth !== undefined) out.push({ start: line.lineStart!, contentStart: t.startOffset, depth: line.depth });
  }
  return out;
}
