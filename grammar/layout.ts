/**
 * The layout pass: turns the lexer's line breaks into the line structure the parser reads.
 *
 * Every non-blank line ends with one `Newline`; a line deeper than the one before starts
 * with one `Indent`; a shallower line is preceded by one `Dedent` per closed level. Blank
 * and comment-only lines vanish. Indent and Dedent always balance, so the parser never
 * meets unbalanced structure whatever the text.
 *
 * Problems with indentation (a tab or full-width space, a dedent to a depth never opened,
 * nesting deeper than `MAX_DEPTH`) are reported here with the replacement that fixes them;
 * the line is then placed at the nearest sensible depth so the rest is still read.
 */
import type { IToken, TokenType } from 'chevrotain';
import { Dedent, Indent, LineBreak, Newline } from './tokens.js';
import type { SyntaxProblem } from './ast.js';

/** Deeper nesting than this is flattened (the documents need 4 or 5 levels). */
export const MAX_DEPTH = 64;

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

export function layout(text: string, raw: readonly IToken[], problems: SyntaxProblem[]): IToken[] {
  const out: IToken[] = [];
  const stack: number[] = [0];
  let atLineStart = true;
  let lineStart = 0;
  // Newline and Dedent sit, zero-width, at the end of the last line's content, so that a
  // node's span ends where its text ends (not at the next line's start).
  let contentEnd = 0;

  // An index loop: this runs once per parse over every token, mostly before V8 has
  // optimised it, where `for…of` would allocate an iterator result per token.
  for (let k = 0; k < raw.length; k++) {
    const tok = raw[k]!;
    // The lexer tracks only start offsets (faster); nothing downstream needs token ends.
    if (tok.tokenType === LineBreak) {
      if (!atLineStart) out.push(structural(Newline, contentEnd));
      atLineStart = true;
      lineStart = tok.startOffset + tok.image.length;
      continue;
    }
    if (atLineStart) {
      atLineStart = false;
      const indentEnd = tok.startOffset;
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
          out.push(structural(Indent, tok.startOffset));
        }
      } else if (width < top) {
        let closed = top;
        while (width < top) {
          closed = stack.pop()!;
          out.push(structural(Dedent, contentEnd));
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
    }
    out.push(tok);
    contentEnd = tok.startOffset + tok.image.length;
  }
  if (!atLineStart) out.push(structural(Newline, contentEnd));
  for (let i = stack.length - 1; i > 0; i--) out.push(structural(Dedent, contentEnd));
  return out;
}
