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
import { TextTokens, isWhiteSpace, scanLine, startsComment } from './scan.js';
import { Dedent, Indent } from './tokens.js';

/** Deeper nesting than this is flattened (the documents need 4 or 5 levels). */
export const MAX_DEPTH = 64;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

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
  /**
   * It was placed by a guess: its indentation matched no level, or the level it opened was
   * skipped by the lines after it (see `readLayout`). The totals above it are not checked.
   */
  misplaced: boolean;
}

/**
 * The indentation widths of the lines with content from `from` on, in order, until `visit`
 * returns something other than undefined (which is returned; undefined at the end of the
 * text). Blank and comment lines are passed over.
 */
function scanWidths<T>(text: string, from: number, visit: (width: number) => T | undefined): T | undefined {
  const length = text.length;
  let i = from;
  while (i < length) {
    const lineStart = i;
    while (i < length && isWhiteSpace(text.charCodeAt(i))) i++;
    const c = i < length ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13 && !(c === 35 && startsComment(text, i))) {
      const found = visit(measureIndent(text, lineStart, i).width);
      if (found !== undefined) return found;
    }
    while (i < length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    i += i + 1 < length && text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
  }
  return undefined;
}

/**
 * Whether a line after `from` is indented exactly `width` before one indented `outer` or less
 * (the end of the block the line at `width` would be in).
 */
function laterLineAt(text: string, from: number, width: number, outer: number): boolean {
  return scanWidths(text, from, (w) => (w === width ? true : w <= outer ? false : undefined)) ?? false;
}

/** The indentation width of the first line with content from `from` on, or -1 when there is none. */
function nextWidth(text: string, from: number): number {
  return scanWidths(text, from, (w) => w) ?? -1;
}

/** The smallest step between two open levels below the margin; 0 while there are none (any step is then taken). */
function smallestStep(stack: readonly number[]): number {
  if (stack.length < 3) return 0;
  let step = stack[2]! - stack[1]!;
  for (let i = 3; i < stack.length; i++) step = Math.min(step, stack[i]! - stack[i - 1]!);
  return step;
}

function clip(s: string): string {
  return s.length > 12 ? s.slice(0, 12) + '…' : s;
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

/** The line structure's tokens: no offset of their own (Newline-free; the line tokens carry the offsets). */
const INDENT: IToken = Object.freeze({ image: '', startOffset: NaN, tokenTypeIdx: Indent.tokenTypeIdx!, tokenType: Indent });
const DEDENT: IToken = Object.freeze({ image: '', startOffset: NaN, tokenTypeIdx: Dedent.tokenTypeIdx!, tokenType: Dedent });

/**
 * What one parse reads a text into: the text's code units, every line's words, the line
 * tokens and the parser's token list. Reused from one parse to the next (./index.ts keeps idle
 * ones): a large table then costs no new token objects on each re-check, only their fields set
 * again (measured at 100,000 rows: 122 ms against 198 ms, most of the difference in garbage
 * collection; the price is that the line tokens of the largest text read so far stay on the
 * heap, about 10 MB at 100,000 rows, and its code units outside it, two bytes a character:
 * 17 MB at 100,000 rows). Nothing of it outlives the parse that uses it (the tree keeps
 * offsets, never these objects).
 */
export class LayoutBuffers {
  readonly words: TextTokens;
  /** Line token objects, reused by position. */
  readonly lines: LineToken[] = [];
  /** The parser's tokens for the text being read. */
  readonly tokens: IToken[] = [];

  constructor(size: number) {
    this.words = new TextTokens(size);
  }
}

/** The lines of a text as the parser reads them. */
export interface Layout {
  readonly tokens: IToken[];
  readonly comments: Word[];
}

/**
 * Reads the layout of `text` into `buffers`: the parser's tokens, every line's words (each line
 * token holds the range of its own) and the comments; indentation problems go to `problems`.
 */
export function readLayout(text: string, problems: SyntaxProblem[], buffers: LayoutBuffers): Layout {
  const words = buffers.words;
  words.clear();
  words.load(text);
  // Every line's characters are read from the text's code units (./code-units.ts).
  const codes = words.codes;
  // The token list is written by position and cut to its length at the end: a large table's
  // list keeps its room from one parse to the next instead of growing again.
  const tokens = buffers.tokens;
  let count = 0;
  const pool = buffers.lines;
  let pooled = 0;
  const comments: Word[] = [];
  /** The open indentation widths, outermost first, and the line that opened each (none for the margin). */
  const stack: number[] = [0];
  const openedBy: (LineToken | undefined)[] = [undefined];
  /** How many lines were placed at each open level. */
  const levelLines: number[] = [0];
  const length = text.length;
  let lineStart = 0;
  for (;;) {
    // No read goes past the end of the text (see ./scan.ts).
    let spaces = lineStart;
    while (spaces < length && codes[spaces] === 32) spaces++;
    let indentEnd = spaces;
    while (indentEnd < length && isWhiteSpace(codes[indentEnd]!)) indentEnd++;
    // The line's words, up to its line break or a comment.
    const from = words.count;
    let i = scanLine(text, indentEnd, words);
    if (i < length && codes[i] === 35 /* # */) {
      const comment = i;
      while (i < length && codes[i] !== 10 && codes[i] !== 13) i++;
      comments.push({ text: text.slice(comment, i), start: comment, end: i });
    }
    const to = words.count;
    // Where the next line starts.
    const next = i >= length ? length : i + 1 < length && codes[i] === 13 && codes[i + 1] === 10 ? i + 2 : i + 1;
    if (to > from) {
      const end = words.end[to - 1]!;
      /** The line opens a level; it is placed by a guess (its indentation matches no level). */
      let opening = false;
      let misplaced = false;
      /** The width of the next line with content, when it was needed. */
      let after = -1;
      // Nearly always spaces only: then the width is their count.
      const m = spaces === indentEnd ? undefined : measureIndent(text, lineStart, indentEnd);
      let width = m === undefined ? indentEnd - lineStart : m.width;
      let top = stack[stack.length - 1]!;
      if (width > top) {
        if (stack.length > MAX_DEPTH) {
          problems.push({ code: 'indentation', start: lineStart, end: indentEnd, message: `缩进层级过深：最多 ${MAX_DEPTH} 层，此行按上一层处理` });
          width = top;
        } else if (width - top < smallestStep(stack) && (after = nextWidth(text, next)) !== width) {
          // Deeper than the line before by less than any level of the text is indented (one
          // space where the text indents by two), and alone at that width: a slip. It is read as
          // the first part of the line before when the line after it is that deep or deeper,
          // else beside the line before it.
          misplaced = true;
          const step = smallestStep(stack);
          const chosen = after >= top + step ? top + step : top;
          problems.push({
            code: 'indentation',
            start: lineStart,
            end: indentEnd,
            message: `缩进 ${width} 格比上一行深 ${width - top} 格，而上文每层至少缩进 ${step} 格：此行按 ${chosen} 格读取（与${chosen === top ? '上' : '下'}一行同级），其上各级合计不再核对`,
            fix: { title: `改为缩进 ${chosen} 格`, replacement: ' '.repeat(chosen) },
          });
          width = chosen;
          if (chosen > top) {
            stack.push(chosen);
            levelLines.push(0);
            opening = true;
            tokens[count++] = INDENT;
          }
        } else {
          stack.push(width);
          levelLines.push(0);
          opening = true;
          tokens[count++] = INDENT;
        }
      } else if (width < top) {
        let closed = top;
        let closedBy: LineToken | undefined;
        let closedLines = 0;
        while (width < top) {
          closed = stack.pop()!;
          closedBy = openedBy.pop();
          closedLines = levelLines.pop()!;
          tokens[count++] = DEDENT;
          top = stack[stack.length - 1]!;
        }
        if (width !== top) {
          // Between two levels. If lines below are written at this width too, it is a level of
          // the text, and the line that opened the deeper one is where the structure broke (a
          // line above it is missing, such as a 小计): the deeper level is read at this width,
          // so that this line and the ones that opened it are parts of the same row. Otherwise
          // it is a slip of one line, read at the nearer level (the deeper one, where the line
          // before it is, when both are as near).
          misplaced = true;
          if (laterLineAt(text, next, width, top)) {
            const name = clip(text.slice(indentEnd, words.end[from]!));
            if (closedBy) closedBy.misplaced = true;
            if (closedBy && closedLines === 1) {
              // One line opened the level and none joined it: that line's indentation slipped.
              problems.push({
                code: 'indentation',
                start: closedBy.lineStart,
                end: closedBy.startOffset,
                message: `缩进 ${closed} 格比下文同级的行（如“${name}”，${width} 格）深：此行按 ${width} 格读取，其上各级合计不再核对`,
                fix: { title: `改为缩进 ${width} 格`, replacement: ' '.repeat(width) },
              });
            } else {
              problems.push({
                code: 'indentation',
                start: closedBy ? closedBy.lineStart : lineStart,
                end: closedBy ? closedBy.startOffset : indentEnd,
                message: `缩进 ${closed} 格比上一层（${top} 格）深，而下文与它同属一层的行缩进 ${width} 格（如“${name}”）：此处上面可能缺少一行（如小计行）；其上各级合计不再核对`,
              });
            }
            // The level just closed is open again at this width, and its Dedent (the last token)
            // is taken back: the lines that opened it stay where they are, beside this one.
            count--;
            stack.push(width);
            openedBy.push(closedBy);
            levelLines.push(closedLines);
          } else {
            const chosen = width - top < closed - width ? top : closed;
            if (chosen === closed) {
              // The level just closed is open again: its Dedent is the last token.
              count--;
              stack.push(closed);
              openedBy.push(closedBy);
              levelLines.push(closedLines);
            }
            problems.push({
              code: 'indentation',
              start: lineStart,
              end: indentEnd,
              message: `缩进 ${width} 格与上文任何一层都不对齐：期望 ${top} 格或 ${closed} 格，实际是 ${width} 格；此行按 ${chosen} 格读取，其上各级合计不再核对`,
              fix: { title: `改为缩进 ${chosen} 格`, replacement: ' '.repeat(chosen) },
            });
            width = chosen;
          }
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
      const type = lineForm(text, words, from, to);
      let line = pool[pooled] as Mutable<LineToken> | undefined;
      if (line === undefined) {
        line = { image: '', startOffset: indentEnd, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type, endOffset: end, lineStart, depth: stack.length - 1, from, to, misplaced };
        pool.push(line);
      } else {
        line.startOffset = indentEnd;
        line.tokenTypeIdx = type.tokenTypeIdx!;
        line.tokenType = type;
        line.endOffset = end;
        line.lineStart = lineStart;
        line.depth = stack.length - 1;
        line.from = from;
        line.to = to;
        line.misplaced = misplaced;
      }
      pooled++;
      if (opening) openedBy.push(line);
      levelLines[levelLines.length - 1]!++;
      tokens[count++] = line;
    }
    if (i >= length) break;
    lineStart = next;
  }
  for (let i = stack.length - 1; i > 0; i--) tokens[count++] = DEDENT;
  tokens.length = count;
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
  depthsOf(readLayout(text, [], new LayoutBuffers(text.length >> 4)).tokens, out);
  return out;
}

/** The depths of the lines with content among a layout's tokens, appended to `out`. */
export function depthsOf(tokens: readonly IToken[], out: LineDepth[]): void {
  for (const t of tokens) {
    const line = t as Partial<LineToken>;
    if (line.depth !== undefined) out.push({ start: line.lineStart!, contentStart: t.startOffset, depth: line.depth });
  }
}
