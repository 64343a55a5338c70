/**
 * The formatter: aligns the number columns of every allocation table (right-aligned, one
 * width per column for the whole table, CJK characters counted as two columns) and
 * normalises indentation to two spaces per level. It only moves whitespace: every value,
 * and so the syntax tree, stays as it was; and it says so in its edits, each of which
 * replaces one run of blanks (an editor keeps the cursor where it was). Pure: text in, edits (offset spans) out; the
 * language server turns them into LSP edits.
 *
 * Lines are left alone where moving them could change their meaning: rows whose line did
 * not read cleanly, rows with something other than a comment after their cells, and the
 * indentation of a file whose indentation already has problems (the `indentation` check's
 * quick fixes deal with those first).
 */
import { Row, lineDepths, parse, parseWithDepths, textWidth, type LineDepth, type RowStore, type SourceFile } from '../../../grammar/index.js';
import type { Span, TextEdit } from '../model/span.js';

export interface FormatOptions {
  /** Spaces between the row names and the first number column, and between number columns. */
  readonly gap?: number;
}

interface Line {
  readonly start: number;
  /** End of the content, before the line break. */
  readonly end: number;
  readonly text: string;
  /** Width of the leading blanks (in the layout pass's measure). */
  readonly indentEnd: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const push = (s: number, e: number): void => {
    let i = s;
    while (i < e && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u3000')) i++;
    lines.push({ start: s, end: e, text: text.slice(s, e), indentEnd: i });
  };
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      push(start, i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  push(start, text.length);
  return lines;
}


/**
 * The indentation each line should have (in spaces): two per level of the depth the layout
 * gives the line (the grammar's one reading of indentation); undefined where a line keeps its
 * own.
 */
function targetIndents(lines: readonly Line[], depths: readonly LineDepth[]): (number | undefined)[] {
  const out: (number | undefined)[] = new Array(lines.length).fill(undefined);
  const widthOf = (l: Line): number => l.indentEnd - l.start;
  const content: number[] = [];
  let i = 0;
  for (const d of depths) {
    while (i < lines.length && lines[i]!.end < d.contentStart) i++;
    if (i >= lines.length) break;
    content.push(i);
    out[i] = 2 * d.depth;
  }
  // A comment line takes the indentation of the content line below it, or else above it,
  // when it was written at that line's indentation; otherwise it stays where it is.
  let next = 0;
  let prev = -1;
  lines.forEach((l, i) => {
    while (next < content.length && content[next]! <= i) prev = content[next++]!;
    if (out[i] !== undefined || l.indentEnd === l.end) return;
    const w = widthOf(l);
    const below = content[next];
    if (below !== undefined && widthOf(lines[below]!) === w) out[i] = out[below];
    else if (prev >= 0 && widthOf(lines[prev]!) === w) out[i] = out[prev];
  });
  return out;
}

function lineOf(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** What formatting makes of a file: each line's target indentation, and the aligned text of the table rows it rewrites. */
interface Plan {
  readonly lines: readonly Line[];
  readonly targets: readonly (number | undefined)[];
  /** By line index; undefined for a line that is not rewritten. */
  readonly newLines: readonly (string | undefined)[];
}

const SPACES = ' '.repeat(256);

/** `n` spaces (a slice of one string, not a string built by repeating). */
function spaces(n: number): string {
  return n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n);
}

/** Whitespace as `trim` counts it. */
const WHITESPACE = /\s/;

/** True when `text[from, to)` is all whitespace (what `trim` would leave empty). */
function allWhitespace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && !WHITESPACE.test(text[i]!)) return false;
  }
  return true;
}

/** `depths` are the file's `lineDepths`, when the caller has them from the parse. */
function plan(text: string, file: SourceFile, options: FormatOptions, depths?: readonly LineDepth[]): Plan {
  const gap = spaces(Math.max(1, options.gap ?? 2));
  const lines = splitLines(text);
  const indentOk = !file.problems.some((p) => p.code === 'indentation');
  const targets = indentOk ? targetIndents(lines, depths ?? lineDepths(text)) : lines.map(() => undefined);
  const newLines = new Array<string | undefined>(lines.length);
  const indentText = (i: number): string => {
    const t = targets[i];
    const l = lines[i]!;
    return t === undefined ? l.text.slice(0, l.indentEnd - l.start) : spaces(t);
  };

  for (const block of file.blocks) {
    if (block.kind !== 'allocation') continue;
    // The rows that are rewritten, in flat lists (a national table has 10⁵ cells): each one's
    // line, head (indentation and name), head width, tail (a comment) and where its cells
    // start in `cellTexts` (`cellsFrom` ends with the total, so row i's are [i, i + 1)).
    const rowLines: number[] = [];
    const heads: string[] = [];
    const headWidths: number[] = [];
    const tails: string[] = [];
    const cellsFrom: number[] = [];
    const cellTexts: string[] = [];
    const cellWidths: number[] = [];
    // Rows and their parts in source order, read from the parse's row store (grammar/rows.ts)
    // by number, without making their views or cells.
    const take = (store: RowStore, r: number): void => {
      const start = store.start(r);
      const li = lineOf(lines, start);
      const l = lines[li]!;
      const from = store.cellsFrom(r);
      const to = store.cellsTo(r);
      if (!store.broken(r) && l.indentEnd === start && to > from && !store.nameIsEmpty(r) && lineOf(lines, store.cellEndOf(to - 1)) === li) {
        const lastEnd = store.cellEndOf(to - 1);
        const tail = allWhitespace(text, lastEnd, l.end) ? '' : text.slice(lastEnd, l.end).trim();
        // Between cells there must be nothing but blanks, or the line is not what it seems.
        let clean = tail === '' || tail.startsWith('#');
        for (let c = from + 1; clean && c < to; c++) if (!allWhitespace(text, store.cellEndOf(c - 1), store.cellStartOf(c))) clean = false;
        if (clean) {
          const head = indentText(li) + text.slice(start, store.cellStartOf(from)).trimEnd();
          rowLines.push(li);
          heads.push(head);
          headWidths.push(textWidth(head));
          tails.push(tail);
          cellsFrom.push(cellTexts.length);
          for (let c = from; c < to; c++) {
            const t = text.slice(store.cellStartOf(c), store.cellEndOf(c));
            cellTexts.push(t);
            cellWidths.push(textWidth(t));
          }
        }
      }
      for (let c = store.firstChildOf(r); c >= 0; c = store.nextSiblingOf(c)) take(store, c);
    };
    for (const top of block.rows) {
      if (!(top instanceof Row)) throw new TypeError('formatter: a table row that is not a view of the parse’s row store (grammar/rows.ts)');
      take(top.store, top.index);
    }
    if (rowLines.length === 0) continue;
    cellsFrom.push(cellTexts.length);
    // Widths by loops, not `Math.max(...rows)`: a national table's rows overflow a spread.
    let nameWidth = 0;
    const widths: number[] = [];
    for (let i = 0; i < rowLines.length; i++) {
      nameWidth = Math.max(nameWidth, headWidths[i]!);
      for (let c = cellsFrom[i]!; c < cellsFrom[i + 1]!; c++) {
        const k = c - cellsFrom[i]!;
        widths[k] = Math.max(widths[k] ?? 0, cellWidths[c]!);
      }
    }
    for (let i = 0; i < rowLines.length; i++) {
      let s = heads[i]! + spaces(nameWidth - headWidths[i]!);
      for (let c = cellsFrom[i]!; c < cellsFrom[i + 1]!; c++) s += gap + spaces(widths[c - cellsFrom[i]!]! - cellWidths[c]!) + cellTexts[c]!;
      if (tails[i] !== '') s += `  ${tails[i]}`;
      newLines[rowLines[i]!] = s;
    }
  }
  return { lines, targets, newLines };
}

/** Every whitespace edit that formats the whole file. */
export function formatEdits(text: string, file: SourceFile = parse(text), options: FormatOptions = {}): TextEdit[] {
  const { lines, targets, newLines } = plan(text, file, options);
  const edits: TextEdit[] = [];
  lines.forEach((l, i) => {
    const replaced = newLines[i];
    if (replaced !== undefined) {
      if (replaced !== l.text) whitespaceEdits(l, replaced, edits);
      return;
    }
    const t = targets[i];
    if (t === undefined) return;
    const indent = spaces(t);
    if (text.slice(l.start, l.indentEnd) !== indent) edits.push({ span: { start: l.start, end: l.indentEnd }, newText: indent });
  });
  return edits;
}

/** A blank the formatter may move: space, tab, ideographic space. */
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 0x3000;

/**
 * The edits that turn a line into `target` when the two differ only in their runs of
 * blanks: one edit per run that changes, so that an editor keeps the cursor (and the
 * selection, and the undo history small) where the text around it did not move. A line
 * whose words differ (never, as the formatter only moves blanks) is replaced whole.
 * One walk over both texts in step, a gap (maybe empty before the first word and after the
 * last) then a word, with nothing made but the edits (a 10,000-row table has 40,000 gaps).
 */
function whitespaceEdits(line: Line, target: string, out: TextEdit[]): void {
  const a = line.text;
  const b = target;
  const mark = out.length;
  let i = 0;
  let j = 0;
  for (;;) {
    const i0 = i;
    const j0 = j;
    while (i < a.length && isBlank(a.charCodeAt(i))) i++;
    while (j < b.length && isBlank(b.charCodeAt(j))) j++;
    if (!sameRun(a, i0, i, b, j0, j)) out.push({ span: { start: line.start + i0, end: line.start + i }, newText: b.slice(j0, j) });
    if (i === a.length && j === b.length) return;
    // A word, the same in both, ending where both end or have a blank.
    while (i < a.length && j < b.length && !isBlank(a.charCodeAt(i)) && a.charCodeAt(i) === b.charCodeAt(j)) {
      i++;
      j++;
    }
    const wordEndsA = i === a.length || isBlank(a.charCodeAt(i));
    const wordEndsB = j === b.length || isBlank(b.charCodeAt(j));
    if (!wordEndsA || !wordEndsB) {
      out.length = mark;
      out.push({ span: { start: line.start, end: line.end }, newText: target });
      return;
    }
  }
}

function sameRun(a: string, i0: number, i1: number, b: string, j0: number, j1: number): boolean {
  if (i1 - i0 !== j1 - j0) return false;
  for (let k = 0; k < i1 - i0; k++) if (a.charCodeAt(i0 + k) !== b.charCodeAt(j0 + k)) return false;
  return true;
}

/** The edits that touch lines in `range` (alignment widths still come from whole tables). */
export function formatRangeEdits(text: string, range: Span, file?: SourceFile, options?: FormatOptions): TextEdit[] {
  // The lines the range touches, whole: an edit may be anywhere on them.
  let start = range.start;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = range.end;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return formatEdits(text, file, options).filter((e) => e.span.start <= end && e.span.end >= start);
}

/**
 * Applies non-overlapping edits (any order) to a text, in one pass over it (a formatted
 * national table has an edit on every line: splicing them one by one was quadratic).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // In order, into pieces joined once: splicing the text edit by edit is quadratic on a large table.
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const pieces: string[] = [];
  let at = 0;
  for (const e of sorted) {
    pieces.push(text.slice(at, e.span.start), e.newText);
    at = e.span.end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

/**
 * The formatted text: the same result as applying `formatEdits`, built line by line (the
 * importer formats a national table at once, and an edit per run of blanks costs more than
 * the line itself).
 */
export function formatText(text: string, options: FormatOptions = {}): string {
  const { file, depths } = parseWithDepths(text);
  const { lines, targets, newLines } = plan(text, file, options, depths);
  const pieces: string[] = [];
  let at = 0;
  lines.forEach((l, i) => {
    const replaced = newLines[i];
    const t = targets[i];
    if (replaced !== undefined) pieces.push(text.slice(at, l.start), replaced);
    else if (t !== undefined) pieces.push(text.slice(at, l.start), spaces(t), text.slice(l.indentEnd, l.end));
    else return;
    at = l.end;
  });
  pieces.push(text.slice(at));
  return pieces.join('');
}
