/**
 * The layout: turns line breaks into the line structure the parser reads.
 *
 * Every non-blank line ends with one `Newline`; a line deeper than the one before starts
 * with one `Indent`; a shallower line is preceded by one `Dedent` per closed level. Blank
 * and comment-only lines vanish. Indent and Dedent always balance, so the parser never
 * meets unbalanced structure whatever the text.
 *
 * It runs inside the lexer, the way Chevrotain's indentation examples do: the `LineBreak`
 * token's matcher (./tokens.ts) is skipped, and calls `lineBreak` here, which pushes into
 * the lexer's token list the `Newline` that ends the line and, when the next line has
 * content, the `Dedent`s or `Indent` it opens with. The first line has no line break
 * before it (`constructor`), the last none after it (`finish`). So there is no second pass
 * over the tokens and no second token list, which matters in a 100,000-row table.
 *
 * Problems with indentation (a tab or full-width space, a dedent to a depth never opened,
 * nesting deeper than `MAX_DEPTH`) are reported here with the replacement that fixes them;
 * the line is then placed at the nearest sensible depth so the rest is still read.
 */
import type { IToken, TokenType } from 'chevrotain';
import { Dedent, Indent, MAX_DEPTH, Newline, RowBlock, RowLine, isWhiteSpace, lineLayout, startsComment } from './tokens.js';
import type { SyntaxProblem } from './ast.js';

export { MAX_DEPTH };

/** A line that opens an allocation table (`附件1 分配表：…`), roughly: only where `RowBlock`s are tried. */
const ALLOCATION_HEAD = /^(?:附件\d+[ \t\u3000]*)?分配表/;

interface Measured {
  width: number;
  /** What is wrong with the indentation's characters, if anything. */
  bad?: string;
}

function measure(text: string, from: number, to: number): Measured {
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

function structural(type: TokenType, offset: number): IToken {
  // Zero-width tokens; line/column are derived from offsets later. The same four fields,
  // in the same order, as the lexer's tokens (positionTracking 'onlyOffset'), so the parser
  // sees one shape of token object.
  return { image: '', startOffset: offset, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type };
}

/**
 * The `Newline` after a `RowLine` or `RowBlock` (table rows, nearly every line of a large table):
 * one shared token, with no offset. The row rule drops it; any other rule that reads the line
 * keeps the `RowLine` too, which ends where the line does (see `nodeEnd` in ./build.ts, which
 * passes over a token without an offset), and a `RowBlock` anywhere but in a row makes `parse`
 * read the text token by token. One token object fewer per row.
 */
const ROW_NEWLINE = structural(Newline, NaN);

function end(t: IToken): number {
  return t.startOffset + t.image.length;
}

/** The layout of one text, fed by the lexer as it reads it. */
export class Layout {
  /** The open indentation widths, outermost first. */
  private readonly stack: number[] = [0];
  /** The line being read has content (its `Newline` is due at its end). */
  private inContent = false;
  /** The end of the last content token before the current line (where Newline and Dedent sit). */
  private contentEnd = 0;
  /** The `Indent` of a first line that is indented: nothing is lexed yet to put it before. */
  private firstIndent: IToken | undefined;

  constructor(
    private readonly text: string,
    private readonly problems: SyntaxProblem[],
  ) {
    lineLayout.contentStart = -1;
    lineLayout.inTable = false;
    this.lineBegins(0, undefined);
  }

  /** The lexer met the line break `[start, end)`; `tokens` is its token list so far. */
  readonly lineBreak = (start: number, end: number, tokens: IToken[]): void => {
    this.lineEnds(tokens);
    this.lineBegins(end, tokens);
  };

  /** After the lexer: the last line's end, the open levels closed. Returns `tokens`. */
  finish(tokens: IToken[]): IToken[] {
    this.lineEnds(tokens);
    // Newline and Dedent sit, zero-width, at the end of the last line's content, so that a
    // node's span ends where its text ends (not at the next line's start).
    for (let i = this.stack.length - 1; i > 0; i--) tokens.push(structural(Dedent, this.contentEnd));
    if (this.firstIndent) tokens.unshift(this.firstIndent);
    return tokens;
  }

  private lineEnds(tokens: IToken[]): void {
    if (!this.inContent) return;
    // The line's last token is the last one lexed (comments go to their own group).
    const last = tokens[tokens.length - 1]!;
    this.contentEnd = end(last);
    tokens.push(last.tokenType === RowLine || last.tokenType === RowBlock ? ROW_NEWLINE : structural(Newline, this.contentEnd));
    this.inContent = false;
  }

  /**
   * A line starts at `lineStart`. If it has content, its first token starts after the
   * whitespace the lexer skips; its indentation opens or closes levels here, before the
   * lexer reads that token. Blank and comment-only lines are left alone.
   */
  private lineBegins(lineStart: number, tokens: IToken[] | undefined): void {
    const text = this.text;
    let indentEnd = lineStart;
    while (indentEnd < text.length && isWhiteSpace(text.charCodeAt(indentEnd))) indentEnd++;
    if (indentEnd >= text.length) return;
    const first = text.charCodeAt(indentEnd);
    if (first === 10 || first === 13) return;
    if (first === 35 /* # */ && startsComment(text, indentEnd)) return;
    this.inContent = true;

    const stack = this.stack;
    const problems = this.problems;
    const m = measure(text, lineStart, indentEnd);
    let width = m.width;
    let top = stack[stack.length - 1]!;
    if (width > top) {
      if (stack.length > MAX_DEPTH) {
        problems.push({
          code: 'indentation',
          start: lineStart,
          end: indentEnd,
          message: `缩进层级过深：最多 ${MAX_DEPTH} 层，此行按上一层处理`,
        });
        width = top;
      } else {
        stack.push(width);
        const indent = structural(Indent, indentEnd);
        if (tokens) tokens.push(indent);
        else this.firstIndent = indent;
      }
    } else if (width < top) {
      // (Never on the first line: nothing is open yet, so `tokens` is there.)
      let closed = top;
      while (width < top) {
        closed = stack.pop()!;
        tokens!.push(structural(Dedent, this.contentEnd));
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
    if (m.bad !== undefined) {
      problems.push({
        code: 'indentation',
        start: lineStart,
        end: indentEnd,
        message: `缩进中有${m.bad}：缩进只能用半角空格，此处按 ${width} 个空格计`,
        fix: { title: `把缩进换成 ${width} 个空格`, replacement: ' '.repeat(width) },
      });
    }
    // For the lexer's `RowBlock` (./tokens.ts), which reads the lines under this one itself.
    if (stack.length === 1) lineLayout.inTable = ALLOCATION_HEAD.test(text.slice(indentEnd, indentEnd + 24));
    lineLayout.contentStart = indentEnd;
    lineLayout.width = width;
    lineLayout.depth = stack.length;
    lineLayout.clean = m.bad === undefined && width === m.width;
  }
}
