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
 * - `NumberRun` (two or more numbers or dashes that end their line, a table row's numeric
 *   cells) comes before `Amount`, `NumberLit` and `Dash`, and matches only where they would
 *   have matched each of its cells; it declines everything else, which they then read.
 *   `TextCell` (`[文字]`) likewise comes before `LBracket`, standing for `[`, one `Text`, `]`;
 *   `RowLine` (a whole row line from its name: `Text`, `TextCell`s, `NumberRun`) before the
 *   keywords and `Text`; and `RowBlock` (a row line and every row line under it, with the line
 *   structure the layout would have made between them) before `RowLine`. All four are
 *   switched off when `parse` reads a text again after a parser error (`setCompoundTokens`).
 * - Every character is matched by some token: `Text` is the complement of whitespace and
 *   the structural punctuation, so the lexer never reports an unexpected character.
 *
 * Text values (titles, field values, KPI values) are not tokenised further: the syntax
 * tree keeps their exact source slice, and the few that have inner structure (formulas,
 * amounts, document numbers) are read by small dedicated readers.
 */
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';
import { isDigit, numberEnd as readNumber, type NumberValue } from './number.js';

/** Deeper nesting than this is flattened by the layout (./layout.ts; the documents need 4 or 5 levels). */
export const MAX_DEPTH = 64;

/** Any token that may appear inside a line (everything but line structure). */
export const Inline = createToken({ name: 'Inline', pattern: Lexer.NA });

/** Whitespace, colon, equals, pipe and square brackets (both widths) end a Text run. */
const TEXT = /[^\s:：=＝|｜[\]［］]+/;

/** The characters `TEXT` excludes: `\s` (see `WhiteSpace` and `LineBreak`) and the punctuation. */
const NOT_TEXT = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff:：=＝|｜[]［］';

/** 1 for each UTF-16 code unit `TEXT` does not match. */
const NOT_TEXT_TABLE = new Uint8Array(0x10000);
for (let i = 0; i < NOT_TEXT.length; i++) NOT_TEXT_TABLE[NOT_TEXT.charCodeAt(i)] = 1;

/** `TEXT` matches this code unit (it must be exactly the characters `TEXT` matches); false for NaN. */
export function isTextChar(code: number): boolean {
  return NOT_TEXT_TABLE[code] === 0;
}

/**
 * Every character code a `Text` can start with (all of UTF-16 but `NOT_TEXT`). Chevrotain's
 * first-char optimisation picks the candidate tokens by the next character; it cannot read
 * a complement set like `TEXT`, so the set is spelled out here (once).
 */
const TEXT_START_CHARS: number[] = [];
for (let c = 0; c < 0x10000; c++) if (isTextChar(c)) TEXT_START_CHARS.push(c);

/**
 * Every code unit a `Text` can start with but the numbers and dashes `RowLine` and `RowBlock`
 * always decline. (A `#` that starts a comment is taken by `Comment`, tried first; any other
 * `#` starts a `Text`.)
 */
const ROW_START_CHARS = TEXT_START_CHARS.filter((c) => !(isDigit(c) || c === 45 || c === 0xff0d || c === 0x2014 || c === 0x2013));

export const Text = createToken({
  name: 'Text',
  pattern: TEXT,
  start_chars_hint: TEXT_START_CHARS,
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

const matchAmount = unlessTextFollows(/[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|亿元|元)/);

/**
 * Every number is tried as an amount first; most are not. An amount's number part holds
 * only `-－0-9,.`, and its unit starts right after it, so unless the run of those
 * characters is followed by 元, 万 or 亿 there is no amount here and the pattern need not run.
 */
function amountExec(text: string, offset: number): RegExpExecArray | null {
  let i = offset;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 44 || c === 46 || c === 45 || c === 0xff0d)) break;
  }
  const unit = text.charCodeAt(i); // NaN past the end
  if (unit !== 0x5143 /* 元 */ && unit !== 0x4e07 /* 万 */ && unit !== 0x4ebf /* 亿 */) return null;
  return matchAmount(text, offset);
}

/** An amount with its unit written without a space: `7,678万元`. */
export const Amount = createToken({
  name: 'Amount',
  pattern: { exec: amountExec },
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

/** Reading row lines, numeric runs and text cells as one token (`RowLine`, `NumberRun`, `TextCell`) is allowed (see `setCompoundTokens`). */
let compoundTokens = true;

/**
 * A `RowBlock` is reading lines ahead of the lexer: the run cache below, which holds only for
 * scans at the lexer's own position, is then left alone.
 */
let lookingAhead = false;

/** Where the last failed run scan stopped, in which text: no run starts before it. */
let runFailText: string | undefined;
let runFailEnd = 0;

/**
 * Whether the lexer may read a row line as one `RowLine`, a run of numeric cells as one
 * `NumberRun` and a `[文字]` as one `TextCell` (the default), or must read every word, number,
 * dash and bracket as its own token
 * (what `parse` falls back to when the parser reports an error, so that error messages and
 * recovery see the individual tokens).
 */
export function setCompoundTokens(on: boolean): void {
  compoundTokens = on;
  runFailText = undefined; // (and keep no text alive)
}

/** The value of the number `numberEnd` last matched in a run (see ./number.ts). */
const numberValue: NumberValue = { coef: 0, scale: 0 };

/**
 * Two or more numbers or dashes, separated by spaces, that end their line (only spaces after
 * them before the line break or the end of the text): the numeric cells at the end of a
 * table row, the bulk of a large document. Each of them is exactly what `NumberLit` or
 * `Dash` would have matched at its place (a number first, as their order in the lexer has
 * it; neither followed by a `Text` character), so the run stands for those tokens, and the
 * readers that need them one by one expand it (`numberRunCells`, the parser's `putInline`).
 * Anything else (a comment after them, text, punctuation, a single cell) is left to the
 * other tokens, which read it as before.
 */
function matchNumberRun(text: string, offset: number): RegExpExecArray | null {
  if (!compoundTokens) return null;
  const end = numberRunEnd(text, offset);
  if (end < 0) return null;
  MATCHED[0] = text.slice(offset, end);
  return MATCHED;
}

/** Where the `NumberRun` starting at `offset` ends, or -1 where there is none (see `matchNumberRun`). */
function numberRunEnd(text: string, offset: number, record?: RowLineLayouts): number {
  if (text === runFailText && offset < runFailEnd) return -1;
  const length = text.length;
  let i = offset;
  let cells = 0;
  let end = offset;
  const countAt = record?.reserve() ?? 0;
  for (;;) {
    // One cell at i.
    let cellEnd = readNumber(text, i, numberValue);
    let dash = false;
    if (cellEnd < 0) {
      const c = text.charCodeAt(i);
      if (c === 45 || c === 0xff0d || c === 0x2014 || c === 0x2013) {
        cellEnd = i + 1;
        dash = true;
      } else break;
    }
    if (cellEnd < length) {
      const next = text.charCodeAt(cellEnd);
      if (next !== 10 && next !== 13 && !isWhiteSpace(next)) break;
    }
    if (record) record.cell(i, dash ? -cellEnd : cellEnd, dash ? -1 : numberValue.scale, numberValue.coef);
    cells++;
    end = cellEnd;
    i = cellEnd;
    while (i < length && isWhiteSpace(text.charCodeAt(i))) i++;
    if (i >= length) break;
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
  }
  // Only a complete run up to the line's end, of two cells or more.
  const lineEnd = i >= length || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13;
  if (!lineEnd || cells < 2) {
    // A scan from any offset up to i ends the same way: no run starts before i.
    if (!lookingAhead) {
      runFailText = text;
      runFailEnd = i;
    }
    return -1;
  }
  record?.fill(countAt, cells);
  return end;
}

/** A run of two or more numeric cells ending a line (`  148   122    26`): see `matchNumberRun`. */
export const NumberRun = createToken({
  name: 'NumberRun',
  pattern: { exec: matchNumberRun },
  start_chars_hint: ['-', '－', '—', '–', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  line_breaks: false,
  categories: [Inline],
  label: '数字',
});

/**
 * The cells of a `NumberRun`'s image, as `[start, end)` pairs relative to it, with whether each
 * is a dash (an empty cell); `visit` is called once per cell, in order.
 */
export function numberRunCells(image: string, visit: (start: number, end: number, dash: boolean) => void): void {
  const n = image.length;
  let i = 0;
  while (i < n) {
    const start = i;
    while (i < n && !isWhiteSpace(image.charCodeAt(i))) i++;
    const c = image.charCodeAt(start);
    visit(start, i, i - start === 1 && !(c >= 48 && c <= 57));
    while (i < n && isWhiteSpace(image.charCodeAt(i))) i++;
  }
}

/** The words that lex as a keyword, not as `Text`, when they stand alone. */
const KEYWORDS = new Set(['通知', '分配表', '绩效目标表', '栏组', '栏', '其中', '正文']);

/** 通, 分, 绩, 栏, 其 or 正: the first characters of `KEYWORDS`. */
function isKeywordStart(c: number): boolean {
  return c === 0x901a || c === 0x5206 || c === 0x7ee9 || c === 0x680f || c === 0x5176 || c === 0x6b63;
}

/**
 * `[文字]` with a single `Text` between the brackets: a text cell of a table row. It stands
 * for the `LBracket`, `Text` and `RBracket` tokens the lexer would otherwise read there, and
 * declines wherever what is between the brackets would not be one `Text` (a keyword, an
 * attachment number, something that starts like a number or a dash, spaces, punctuation).
 */
function matchTextCell(text: string, offset: number): RegExpExecArray | null {
  if (!compoundTokens) return null;
  const end = textCellEnd(text, offset);
  if (end < 0) return null;
  MATCHED[0] = text.slice(offset, end);
  return MATCHED;
}

/** Where the `TextCell` starting at `offset` ends, or -1 where there is none (see `matchTextCell`). */
function textCellEnd(text: string, offset: number): number {
  const open = text.charCodeAt(offset);
  if (open !== 91 /* [ */ && open !== 0xff3b /* ［ */) return -1;
  const from = offset + 1;
  let i = from;
  while (i < text.length && isTextChar(text.charCodeAt(i))) i++;
  if (i === from || i >= text.length) return -1;
  const close = text.charCodeAt(i);
  if (close !== 93 /* ] */ && close !== 0xff3d /* ］ */) return -1;
  if (!isPlainText(text, from, i)) return -1;
  return i + 1;
}

/**
 * The run of `Text` characters `[from, to)` (as long as `Text` would match there) lexes as one
 * `Text`: it does not start like a number or a dash (which are tried first, and `Text` takes
 * such a run only when a `Text` character follows them, which is not always so) and is not a
 * keyword or an attachment number, which take a run they match exactly. (`#` is left to the
 * caller: it starts a comment only after whitespace.)
 */
function isPlainText(text: string, from: number, to: number): boolean {
  const first = text.charCodeAt(from);
  if ((first >= 48 && first <= 57) || first === 45 || first === 0xff0d || first === 0x2014 || first === 0x2013) return false;
  if (to - from <= 5 && isKeywordStart(first) && KEYWORDS.has(text.slice(from, to))) return false;
  if (first === 0x9644 /* 附 */ && /^附件\d+$/.test(text.slice(from, to))) return false;
  return true;
}

/** `[文字]`, a row's text cell, as one token: see `matchTextCell`. */
export const TextCell = createToken({
  name: 'TextCell',
  pattern: { exec: matchTextCell },
  start_chars_hint: ['[', '［'],
  line_breaks: false,
  categories: [Inline],
  label: '左方括号“[”',
});

/**
 * A table row's line from its name to its end: a `Text`, its `TextCell`s and the `NumberRun`
 * that ends the line (`东城区 [一般县]   29,290.51   4,423.57`), with whitespace between. It
 * stands for exactly those tokens and declines wherever the lexer would have read anything
 * else here (a keyword, a number, a comment, a name with spaces in it, a blank text cell, a
 * comment after the numbers …), which the other tokens then read as before. One match per
 * row line instead of five: rows are nearly all of a large document. The row builder reads
 * it whole; other lines get the tokens it stands for (`rowLineTokens`).
 */
function matchRowLine(text: string, offset: number): RegExpExecArray | null {
  if (!compoundTokens) return null;
  const end = rowLineEnd(text, offset);
  if (end < 0) return null;
  // The image only needs the line's length (see `RowLine`): a shared string, not one per row.
  MATCHED[0] = spaces(end - offset);
  return MATCHED;
}

/** Strings of spaces by length, made once each: the images of `RowLine` tokens. */
const SPACES: string[] = [];

function spaces(length: number): string {
  return (SPACES[length] ??= ' '.repeat(length));
}

function rowLineEnd(text: string, offset: number, level = 0): number {
  const length = text.length;
  // (The first character is a `Text` character: see the token's `start_chars_hint`.)
  let i = offset + 1;
  while (i < length && isTextChar(text.charCodeAt(i))) i++;
  if (!isPlainText(text, offset, i)) return -1;
  const record = rowLineLayouts;
  const at = record.begin(offset, i, level);
  let textCells = 0;
  for (;;) {
    while (i < length && isWhiteSpace(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i); // NaN past the end
    if (c !== 91 /* [ */ && c !== 0xff3b /* ［ */) break;
    const cellEnd = textCellEnd(text, i);
    if (cellEnd < 0) {
      record.drop(at);
      return -1;
    }
    record.pair(i + 1, cellEnd - 1);
    textCells++;
    i = cellEnd;
  }
  record.fill(at + RECORD.textCells, textCells);
  const end = numberRunEnd(text, i, record);
  if (end < 0) {
    record.drop(at);
    return -1;
  }
  record.fill(at + RECORD.end, end);
  return end;
}

/**
 * The layout's reading of the line being lexed (./layout.ts sets it as each line with content
 * begins): where its content starts, the indentation width it was given, how many levels are
 * open with it (the layout's stack), whether its indentation was taken as written (spaces
 * only, aligned, not flattened), and whether the last line at the left margin opened an
 * allocation table (roughly: where row blocks are worth trying; elsewhere one makes `parse`
 * read the text again token by token).
 */
export const lineLayout = { contentStart: -1, width: 0, depth: 0, clean: false, inTable: false };

/**
 * A table row's line and every line under it (its parts, their parts …), as one token: the
 * lines are read here, each as `RowLine` would read it, and their nesting from their
 * indentation, as the layout would have read it. It matches only where that is plain: at the
 * start of a line whose indentation the layout took as written, when every line under it is a
 * row line indented with spaces, aligned with the levels open above it, no deeper than the
 * layout allows, with no comment among them (blank lines are passed over), and the block ends
 * where a line at the first line's depth or shallower begins (or the text ends). Anything else
 * declines, and the lines are read one by one as before.
 *
 * The parser sees a big table's rows as a few tokens instead of one per row, and the lexer makes
 * no token object for the lines inside: the row builder reads them all from their records
 * (`RowLineLayouts`, with each line's level under the first).
 */
function matchRowBlock(text: string, offset: number): RegExpExecArray | null {
  if (!compoundTokens) return null;
  const line = lineLayout;
  if (line.contentStart !== offset || !line.clean || !line.inTable) return null;
  const end = rowBlockEnd(text, offset, line.width, line.depth);
  if (end < 0) return null;
  MATCHED[0] = spaces(end - offset);
  return MATCHED;
}

/** The open indentation widths under a block's first line (reused). */
const blockLevels = new Int32Array(MAX_DEPTH + 2);

function rowBlockEnd(text: string, offset: number, firstWidth: number, depth: number): number {
  const record = rowLineLayouts;
  const at = record.length;
  const fail = (): number => {
    record.drop(at);
    return -1;
  };
  let end = rowLineEnd(text, offset, 0);
  if (end < 0) return fail();
  lookingAhead = true;
  try {
    const length = text.length;
    const levels = blockLevels;
    levels[0] = firstWidth;
    let top = 0; // levels[0, top] are open
    let comment = false; // a comment line since the last row line
    let i = end;
    for (;;) {
      // To the end of the line (only whitespace is left on it), then past its line break.
      while (i < length && isWhiteSpace(text.charCodeAt(i))) i++;
      if (i >= length) break;
      i += text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      const lineStart = i;
      while (text.charCodeAt(i) === 32) i++;
      const c = text.charCodeAt(i); // NaN past the end
      if (i >= length || c === 10 || c === 13) continue; // a blank line
      if (isWhiteSpace(c)) {
        // Other whitespace: blank if only whitespace follows, else indentation the layout reports.
        while (i < length && isWhiteSpace(text.charCodeAt(i))) i++;
        const d = text.charCodeAt(i);
        if (i >= length || d === 10 || d === 13) continue;
        return fail();
      }
      const width = i - lineStart;
      if (c === 35 /* # */) {
        // (Always a comment here: it starts the line's content.)
        comment = true;
        while (i < length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
        continue;
      }
      if (width <= firstWidth) break; // the block ends before this line
      if (comment) return fail(); // a comment among the lines under the first
      if (width > levels[top]!) {
        if (depth + top > MAX_DEPTH || top + 1 >= levels.length) return fail(); // the layout would flatten it
        levels[++top] = width;
      } else {
        while (width < levels[top]!) top--;
        if (width !== levels[top]) return fail(); // not aligned: the layout reports it
      }
      if (!isTextChar(c)) return fail();
      const lineEnd = rowLineEnd(text, i, top);
      if (lineEnd < 0) return fail();
      end = lineEnd;
      i = lineEnd;
    }
    return end;
  } finally {
    lookingAhead = false;
  }
}

/** A table row's line with every line under it, as one token: see `matchRowBlock`. */
export const RowBlock = createToken({
  name: 'RowBlock',
  pattern: { exec: matchRowBlock },
  start_chars_hint: ROW_START_CHARS,
  line_breaks: true,
  categories: [Inline],
  label: '文字',
});

/** Where each field of a `RowLineLayouts` record is, from the record's start. */
export const RECORD = { start: 0, end: 1, nameEnd: 2, firstValue: 3, level: 4, textCells: 5 } as const;

/**
 * Where the parts of every `RowLine` the lexer matched are, in the order matched, so that the
 * row builder copies them into the row store instead of reading each line again (in a large
 * text, long after the lexer read it and no longer in the processor's cache). One record per
 * row line (`RECORD`): its start, end and name's end; where its cells' values start in
 * `values`; its level under the first line of its `RowBlock` (0 for that line, or a line read
 * alone); the number of its text cells, then each one's text `[start, end)`; the number of its
 * cells, then each one's `[start, end)` (the end negated for a dash, an empty cell) and its
 * scale, its value's coefficient in `values` (see `numberValue`; scale -1: a dash, or a
 * number of more than 15 digits, left to be read from the text). Reused from one text to the
 * next (`takeRowLineLayouts`).
 */
export class RowLineLayouts {
  data = new Int32Array(4096);
  length = 0;
  values = new Float64Array(1024);
  valueCount = 0;

  /** Starts a record (its end and counts filled in later); returns where it is. */
  begin(start: number, nameEnd: number, level: number): number {
    const at = this.length;
    if (at + 6 > this.data.length) this.grow();
    const data = this.data;
    data[at + RECORD.start] = start;
    data[at + RECORD.end] = 0;
    data[at + RECORD.nameEnd] = nameEnd;
    data[at + RECORD.firstValue] = this.valueCount;
    data[at + RECORD.level] = level;
    data[at + RECORD.textCells] = 0;
    this.length = at + 6;
    return at;
  }

  /** Drops the record at `at` and every one after it (a line or a block that did not match). */
  drop(at: number): void {
    if (at >= this.length) return;
    this.valueCount = this.data[at + RECORD.firstValue]!;
    this.length = at;
  }

  /** Where the record after the one at `p` starts. */
  next(p: number): number {
    p += RECORD.textCells;
    p += 1 + 2 * this.data[p]!;
    return p + 1 + 3 * this.data[p]!;
  }

  /** How many row lines and text cells the records hold (to size the row store). */
  totals(): { rows: number; textCells: number } {
    let rows = 0;
    let textCells = 0;
    for (let p = 0; p < this.length; p = this.next(p)) {
      rows++;
      textCells += this.data[p + RECORD.textCells]!;
    }
    return { rows, textCells };
  }

  /** Appends a cell: its start, its end and its scale, and its coefficient to `values`. */
  cell(start: number, end: number, scale: number, coef: number): void {
    if (this.length + 3 > this.data.length) this.grow();
    this.data[this.length++] = start;
    this.data[this.length++] = end;
    this.data[this.length++] = scale;
    if (this.valueCount === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.valueCount++] = coef;
  }

  /** Appends `a`, `b`. */
  pair(a: number, b: number): void {
    if (this.length + 2 > this.data.length) this.grow();
    this.data[this.length++] = a;
    this.data[this.length++] = b;
  }

  /** Appends a slot for a count, to `fill` later; returns where it is. */
  reserve(): number {
    if (this.length + 1 > this.data.length) this.grow();
    return this.length++;
  }

  fill(at: number, count: number): void {
    this.data[at] = count;
  }

  private grow(): void {
    const next = new Int32Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
}

const rowLineLayouts = new RowLineLayouts();

/** Empties the row line layouts, for the text about to be lexed; returns them (filled as it is lexed). */
export function takeRowLineLayouts(): RowLineLayouts {
  rowLineLayouts.length = 0;
  rowLineLayouts.valueCount = 0;
  return rowLineLayouts;
}


/**
 * A table row's line, `名称 [文字]… 数 数 …`, as one token: see `matchRowLine`. Its image is
 * as long as the line but is not its text (a shared string of spaces: no string is kept per
 * row of a large table); its readers read the source text from its offset.
 */
export const RowLine = createToken({
  name: 'RowLine',
  pattern: { exec: matchRowLine },
  start_chars_hint: ROW_START_CHARS,
  line_breaks: false,
  categories: [Inline],
  label: '文字',
});

/**
 * The tokens a `RowLine` of `text` stands for: its name's `Text`, then each `[文字]` as
 * `LBracket`, `Text`, `RBracket`, then each number as `Number` or `Dash` (the lexer's shape of
 * token).
 */
export function rowLineTokens(t: IToken, text: string): IToken[] {
  const image = text.slice(t.startOffset, t.startOffset + t.image.length);
  const at = t.startOffset;
  let i = 1;
  while (isTextChar(image.charCodeAt(i))) i++; // NaN past the end: not a text character
  const tokens: IToken[] = [{ image: image.slice(0, i), startOffset: at, tokenTypeIdx: Text.tokenTypeIdx!, tokenType: Text }];
  for (;;) {
    while (isWhiteSpace(image.charCodeAt(i))) i++;
    const c = image.charCodeAt(i);
    if (c !== 91 /* [ */ && c !== 0xff3b /* ［ */) break;
    let close = i + 1;
    while (isTextChar(image.charCodeAt(close))) close++;
    tokens.push(...textCellTokens({ image: image.slice(i, close + 1), startOffset: at + i } as IToken));
    i = close + 1;
  }
  numberRunCells(image.slice(i), (start, end, dash) => {
    const type = dash ? Dash : NumberLit;
    tokens.push({ image: image.slice(i + start, i + end), startOffset: at + i + start, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type });
  });
  return tokens;
}

export const Colon = createToken({ name: 'Colon', pattern: /[:：]/, categories: [Inline], label: '冒号“：”' });
export const Equals = createToken({ name: 'Equals', pattern: /[=＝]/, categories: [Inline], label: '等号“=”' });
export const Pipe = createToken({ name: 'Pipe', pattern: /[|｜]/, categories: [Inline], label: '分隔符“|”' });
export const LBracket = createToken({ name: 'LBracket', pattern: /[[［]/, categories: [Inline], label: '左方括号“[”' });
export const RBracket = createToken({ name: 'RBracket', pattern: /[\]］]/, categories: [Inline], label: '右方括号“]”' });

/** The `LBracket`, `Text` and `RBracket` tokens a `TextCell` stands for (the lexer's shape of token). */
export function textCellTokens(t: IToken): [IToken, IToken, IToken] {
  const image = t.image;
  const at = t.startOffset;
  const last = image.length - 1;
  return [
    { image: image.slice(0, 1), startOffset: at, tokenTypeIdx: LBracket.tokenTypeIdx!, tokenType: LBracket },
    { image: image.slice(1, last), startOffset: at + 1, tokenTypeIdx: Text.tokenTypeIdx!, tokenType: Text },
    { image: image.slice(last), startOffset: at + last, tokenTypeIdx: RBracket.tokenTypeIdx!, tokenType: RBracket },
  ];
}

/** `#` at `offset` starts a comment: at the start of a line or after whitespace (incl. the full-width space). */
export function startsComment(text: string, offset: number): boolean {
  if (text.charCodeAt(offset) !== 35 /* # */) return false;
  if (offset === 0) return true;
  const prev = text.charCodeAt(offset - 1);
  return prev === 32 || prev === 9 || prev === 10 || prev === 13 || prev === 0x3000 || prev === 0xfeff;
}

function matchComment(text: string, offset: number): RegExpExecArray | null {
  if (!startsComment(text, offset)) return null;
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

/** What happens at each line break: the layout (./layout.ts), set by `parse` for one text. */
export type LineBreakHook = (start: number, end: number, tokens: IToken[]) => void;

let lineBreakHook: LineBreakHook | undefined;

export function setLineBreakHook(hook: LineBreakHook | undefined): void {
  lineBreakHook = hook;
}

/** `\n` followed by 0…127 spaces: the images of the common line breaks with their indentation. */
const NEWLINE_INDENTS = Array.from({ length: 128 }, (_, k) => '\n' + ' '.repeat(k));

/**
 * `\r\n`, `\r` or `\n`, with the whitespace that follows it (the next line's indentation,
 * skipped like `WhiteSpace` would skip it: one token per line, not two); hands the lexer's
 * token list to the layout, which adds line structure and reads the indentation itself.
 */
function matchLineBreak(text: string, offset: number, tokens: IToken[]): RegExpExecArray | null {
  const c = text.charCodeAt(offset);
  let breakEnd: number;
  if (c === 10) breakEnd = offset + 1;
  else if (c === 13) breakEnd = text.charCodeAt(offset + 1) === 10 ? offset + 2 : offset + 1;
  else return null;
  lineBreakHook?.(offset, breakEnd, tokens);
  let end = breakEnd;
  let spacesOnly = true;
  for (;;) {
    const w = text.charCodeAt(end);
    if (w === 32) end++;
    else if (isWhiteSpace(w)) {
      spacesOnly = false;
      end++;
    } else break;
  }
  // Only the image's length counts for a skipped token: a shared string when it can be.
  const indent = end - breakEnd;
  MATCHED[0] = c === 10 && spacesOnly && indent < NEWLINE_INDENTS.length ? NEWLINE_INDENTS[indent]! : text.slice(offset, end);
  return MATCHED;
}

/** A line break and the next line's indentation: skipped; the layout turns line breaks into `Newline`, `Indent` and `Dedent`. */
export const LineBreak = createToken({
  name: 'LineBreak',
  pattern: { exec: matchLineBreak },
  start_chars_hint: ['\r', '\n'],
  line_breaks: true,
  group: Lexer.SKIPPED,
  label: '换行',
});

/** A character `WhiteSpace` matches (the layout skips these to find a line's first token). */
export function isWhiteSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Spaces inside a line (indentation is read from the source by the layout). */
export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  // `\s` without the line breaks (`[^\S\r\n]`), spelled out so that the lexer's first-char
  // optimisation can read it: tab, VT, FF, the Unicode spaces (Zs), LS, PS and the BOM.
  pattern: /[\t\v\f \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/,
  group: Lexer.SKIPPED,
});

/** Line structure, made by the layout (./layout.ts) as the lexer goes, never matched by a pattern. */
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
  TextCell,
  LBracket,
  RBracket,
  RowBlock,
  RowLine,
  Attachment,
  Notice,
  AllocationTable,
  KpiTable,
  ColumnGroup,
  Column,
  Breakdown,
  Body,
  NumberRun,
  Amount,
  NumberLit,
  Dash,
  Text,
];

/** Every token type the parser sees. */
export const allTokens: TokenType[] = [...lexerTokens, Newline, Indent, Dedent, Inline];
