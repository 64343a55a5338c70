/**
 * The one reader of the words on a line: every line form's reader (./build.ts) and the line
 * classifier (./lines.ts) get a line's tokens from `scanLine`.
 *
 * A line's content is split at whitespace and at the structural punctuation (colon, equals,
 * pipe, square brackets, each in both widths); each maximal run of the other characters is
 * one token, and what it is depends on the whole run: a keyword or an attachment label
 * (./keywords.ts) when it is exactly one, an amount when it is a number followed directly by
 * its unit (`7,678万元`), a number (./number.ts) when it is exactly one, a dash when it is a
 * single `-`, `－`, `—` or `–` (an empty cell), and text otherwise (`2022年`, `12x3`, `栏次`).
 * `#` starts a comment at the start of a line or after whitespace; elsewhere it is text.
 */
import { Kind, isAttachmentLabel, keywordAt, mayStartKeyword } from './keywords.js';
import { copyCodeUnits } from './code-units.js';
import { isDigit, isMinus, numberEndIn, type NumberValue } from './number.js';

/** The characters that end a text run besides whitespace: `:：=＝|｜[]［］`. */
const PUNCTUATION = ':：=＝|｜[]［］';

/**
 * 0 for a text character, 1 for whitespace, 2 for the punctuation, 3 for a line break, 4 for a
 * text character whose place the scanner notes (`MARKED`), by UTF-16 code unit.
 */
const CHAR_CLASS = new Uint8Array(0x10000);
for (const c of '\t\v\f \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff') {
  CHAR_CLASS[c.charCodeAt(0)] = 1;
}
for (const c of PUNCTUATION) CHAR_CLASS[c.charCodeAt(0)] = 2;
// Control characters (NUL and the like, never typed on purpose: from a broken export or a
// binary paste) separate words as whitespace does; the scanner notes where they are, so that
// they are reported (`TextTokens.controls`).
for (let c = 0; c < 32; c++) if (c !== 10 && c !== 13) CHAR_CLASS[c] = 1;
CHAR_CLASS[127] = 1;
CHAR_CLASS[10] = 3;
CHAR_CLASS[13] = 3;

/**
 * Text characters that begin or end an inline form of the language: `{` and `｛` of a reference
 * (`{本单位.本次}`), `号` of a document number (`财社〔2024〕1号`). The scanner notes where each
 * stands in the lines' content (`TextTokens.marks`), so that the checks looking for those
 * forms read only the lines that hold one, not the whole text.
 */
const MARKED = '{｛号';
for (const c of MARKED) CHAR_CLASS[c.charCodeAt(0)] = 4;

/** Whitespace inside a line (not a line break): the spaces, tabs and Unicode spaces `\s` has. */
export function isWhiteSpace(c: number): boolean {
  return CHAR_CLASS[c] === 1;
}

/** `-`, `－`, `—` or `–`: a dash standing alone is an empty cell. */
export function isDash(c: number): boolean {
  return c === 45 || c === 0xff0d || c === 0x2014 || c === 0x2013;
}

/** `#` at `offset` starts a comment: at the start of a line or after whitespace (incl. the full-width space). */
export function startsComment(text: string, offset: number): boolean {
  if (text.charCodeAt(offset) !== 35 /* # */) return false;
  if (offset === 0) return true;
  const prev = text.charCodeAt(offset - 1);
  return prev === 32 || prev === 9 || prev === 10 || prev === 13 || prev === 0x3000 || prev === 0xfeff;
}

/** The kind of the punctuation character `c`. */
function punctuation(c: number): Kind {
  switch (c) {
    case 58:
    case 0xff1a:
      return Kind.Colon;
    case 61:
    case 0xff1d:
      return Kind.Equals;
    case 124:
    case 0xff5c:
      return Kind.Pipe;
    case 91:
    case 0xff3b:
      return Kind.LBracket;
    default:
      return Kind.RBracket;
  }
}

/**
 * The tokens of a text, as `scanLine` read them, line after line: `count` tokens, each with its
 * kind and its span `[start, end)`; a number's value too (`coef`, `scale`: see ./number.ts).
 * One store per parse: each line token (./layout.ts) holds the range of its tokens here, so
 * that a line's readers never read its characters again.
 */
export class TextTokens {
  count = 0;
  /** How many of the tokens are numbers or dashes, and left brackets (to size the row store). */
  cells = 0;
  brackets = 0;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  coef: Float64Array;
  scale: Int8Array;
  /** Where the text has a control character within a line (not a tab): rare, and reported. */
  readonly controls: number[] = [];
  /** Where the lines' content (comments left out) has one of the `MARKED` characters, in order. */
  readonly marks: number[] = [];
  /** Where `numberEnd` puts a value (owned by this store). */
  readonly value: NumberValue = { coef: 0, scale: 0 };
  /**
   * The code units of the text being read (`load`), which `scanLine` reads (./code-units.ts);
   * past the text's length, what is left of a longer text read before.
   */
  codes = new Uint16Array(0);

  /** Makes `text` the one whose lines are read: its code units go to `codes` (room kept from one text to the next). */
  load(text: string): void {
    if (this.codes.length < text.length) this.codes = new Uint16Array(Math.max(text.length, this.codes.length * 2));
    copyCodeUnits(text, 0, text.length, this.codes);
  }

  /** `size`: how many tokens to make room for at first (more are taken as needed). */
  constructor(size = 64) {
    const n = Math.max(size, 64);
    this.kind = new Uint8Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.coef = new Float64Array(n);
    this.scale = new Int8Array(n);
  }

  /** Makes room for `size` tokens. */
  reserve(size: number): void {
    if (size <= this.kind.length) return;
    const n = Math.max(size, this.kind.length * 2);
    this.kind = grown(this.kind, n);
    this.start = grown(this.start, n);
    this.end = grown(this.end, n);
    this.coef = grown(this.coef, n);
    this.scale = grown(this.scale, n);
  }

  /** Empties the store for the next text. */
  clear(): void {
    this.controls.length = 0;
    this.marks.length = 0;
    this.count = 0;
    this.cells = 0;
    this.brackets = 0;
  }
}

function grown<T extends Uint8Array | Int8Array | Int32Array | Float64Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
}

/**
 * Reads the tokens of the line whose content starts at `from` into `out`, up to the line's end
 * (a line break or the end of the text) or a comment, and returns where it stopped: at the
 * comment's `#`, or at the line break or the end of the text. Whitespace between tokens is
 * passed over. It reads `out.codes`: `out.load(text)` was called.
 */
export function scanLine(text: string, from: number, out: TextTokens): number {
  const value = out.value;
  // The text's code units (`out.load(text)` was called): no read goes past its length, where
  // what is left of an earlier, longer text lies.
  const codes = out.codes;
  const n = text.length;
  // The store's arrays are read once here and again only when a line outgrows them.
  let k = out.count;
  let kinds = out.kind;
  let starts = out.start;
  let ends = out.end;
  let cells = 0;
  let brackets = 0;
  let i = from;
  while (i < n) {
    let c = codes[i]!;
    // Spaces between the cells of an aligned table are most of its characters.
    if (c === 32) {
      do i++;
      while (i < n && (c = codes[i]!) === 32);
      if (i === n) break;
    }
    if (k === kinds.length) {
      out.reserve(k + 512);
      kinds = out.kind;
      starts = out.start;
      ends = out.end;
    }
    const cls = CHAR_CLASS[c]!;
    if (cls === 0 || cls === 4) {
      if (c === 35 /* # */ && startsComment(text, i)) break;
      let j: number;
      let kind: Kind;
      if (isDigit(c) || isMinus(c)) {
        // Most runs that start so are numbers: read it, and the run goes on only if its
        // characters do.
        const end = numberEndIn(codes, n, i, value);
        // (What follows it: a text character, class 0 or 4, makes the run go on.)
        if (end > i && (end === n || (CHAR_CLASS[codes[end]!]! & 3) !== 0)) {
          kinds[k] = Kind.Number;
          starts[k] = i;
          ends[k] = end;
          out.coef[k] = value.coef;
          out.scale[k] = value.scale;
          k++;
          cells++;
          i = end;
          continue;
        }
        j = runEnd(codes, end > i ? end : i + 1, n, out.marks);
        kind = end > i && isUnitAt(text, end, j) ? Kind.Amount : j === i + 1 && isMinus(c) ? Kind.Dash : Kind.Text;
      } else {
        if (cls === 4) out.marks.push(i);
        j = runEnd(codes, i + 1, n, out.marks);
        kind = runKind(text, i, j, c);
      }
      if (kind === Kind.Dash) cells++;
      kinds[k] = kind;
      starts[k] = i;
      ends[k] = j;
      k++;
      i = j;
    } else if (cls === 1) {
      if ((c < 32 && c !== 9) || c === 127) out.controls.push(i);
      i++;
    } else if (cls === 2) {
      const kind = punctuation(c);
      if (kind === Kind.LBracket) brackets++;
      kinds[k] = kind;
      starts[k] = i;
      ends[k] = i + 1;
      k++;
      i++;
    } else {
      break; // a line break
    }
  }
  out.count = k;
  out.cells += cells;
  out.brackets += brackets;
  return i;
}

/** Where the text run that goes on at `j` ends (`n`: the text's length); the `MARKED` characters in it go to `marks`. */
function runEnd(codes: Uint16Array, j: number, n: number, marks: number[]): number {
  for (;;) {
    while (j < n && CHAR_CLASS[codes[j]!] === 0) j++;
    if (j === n || CHAR_CLASS[codes[j]!] !== 4) return j;
    marks.push(j++);
  }
}

/** What the text run `text[from, to)` is when it does not start like a number (see the file comment). */
function runKind(text: string, from: number, to: number, first: number): Kind {
  if (to === from + 1 && (first === 0x2014 || first === 0x2013)) return Kind.Dash;
  // Most runs (names) start with a character no keyword or label starts with: known from
  // `first` without reading the text again.
  if (!mayStartKeyword(first)) return Kind.Text;
  const keyword = keywordAt(text, from, to);
  if (keyword !== undefined) return keyword;
  if (isAttachmentLabel(text, from, to)) return Kind.Attachment;
  return Kind.Text;
}

/** `text[at, to)` is exactly a unit of money: `元`, `万元` or `亿元`. */
function isUnitAt(text: string, at: number, to: number): boolean {
  const u = text.charCodeAt(at);
  if (u === 0x5143 /* 元 */) return to === at + 1;
  return (u === 0x4e07 /* 万 */ || u === 0x4ebf) /* 亿 */ && to === at + 2 && text.charCodeAt(at + 1) === 0x5143;
}
