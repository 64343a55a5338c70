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
import { lineDepths, parse, textWidth, type RowNode, type SourceFile } from '../../../grammar/index.js';
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
function targetIndents(text: string, lines: readonly Line[]): (number | undefined)[] {
  const out: (number | undefined)[] = new Array(lines.length).fill(undefined);
  const widthOf = (l: Line): number => l.indentEnd - l.start;
  const content: number[] = [];
  let i = 0;
  for (const d of lineDepths(text)) {
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

function allRows(rows: readonly RowNode[], out: RowNode[] = []): RowNode[] {
  for (const r of rows) {
    out.push(r);
    allRows(r.children, out);
  }
  return out;
}

/** What formatting makes of a file: each line's target indentation, and the aligned text of the table rows it rewrites. */
interface Plan {
  readonly lines: readonly Line[];
  readonly targets: readonly (number | undefined)[];
  readonly newLines: ReadonlyMap<number, string>;
}

function plan(text: string, file: SourceFile, options: FormatOptions): Plan {
  const gap = ' '.repeat(Math.max(1, options.gap ?? 2));
  const lines = splitLines(text);
  const indentOk = !file.problems.some((p) => p.code === 'indentation');
  const targets = indentOk ? targetIndents(text, lines) : lines.map(() => undefined);
  const newLines = new Map<number, string>();
  const indentText = (i: number): string => {
    const t = targets[i];
    const l = lines[i]!;
    return t === undefined ? l.text.slice(0, l.indentEnd - l.start) : ' '.repeat(t);
  };

  for (const block of file.blocks) {
    if (block.kind !== 'allocation') continue;
    const aligned: { line: number; indent: string; label: string; cells: string[]; tail: string }[] = [];
    for (const row of allRows(block.rows)) {
      const li = lineOf(lines, row.start);
      const l = lines[li]!;
      if (row.broken || l.indentEnd !== row.start || row.cells.length === 0 || row.name.start === row.name.end) continue;
      const firstCell = row.cells[0]!;
      const lastCell = row.cells[row.cells.length - 1]!;
      if (lineOf(lines, lastCell.end) !== li) continue;
      const tail = text.slice(lastCell.end, l.end).trim();
      if (tail !== '' && !tail.startsWith('#')) continue;
      // Between cells there must be nothing but blanks, or the line is not what it seems.
      let clean = true;
      for (let k = 1; k < row.cells.length; k++) if (text.slice(row.cells[k - 1]!.end, row.cells[k]!.start).trim() !== '') clean = false;
      if (!clean) continue;
      const label = text.slice(row.start, firstCell.start).trimEnd();
      aligned.push({ line: li, indent: indentText(li), label, cells: row.cells.map((c) => c.text), tail });
    }
    if (aligned.length === 0) continue;
    // Widths by loops, not `Math.max(...rows)`: a national table's rows overflow a spread.
    let nameWidth = 0;
    const widths: number[] = [];
    for (const r of aligned) {
      nameWidth = Math.max(nameWidth, textWidth(r.indent + r.label));
      r.cells.forEach((cell, k) => {
        widths[k] = Math.max(widths[k] ?? 0, textWidth(cell));
      });
    }
    for (const r of aligned) {
      let s = r.indent + r.label + ' '.repeat(nameWidth - textWidth(r.indent + r.label));
      r.cells.forEach((cell, k) => {
        s += gap + ' '.repeat(widths[k]! - textWidth(cell)) + cell;
      });
      if (r.tail !== '') s += `  ${r.tail}`;
      newLines.set(r.line, s);
    }
  }
  return { lines, targets, newLines };
}

/** Every whitespace edit that formats the whole file. */
export function formatEdits(text: string, file: SourceFile = parse(text), options: FormatOptions = {}): TextEdit[] {
  const { lines, targets, newLines } = plan(text, file, options);
  const edits: TextEdit[] = [];
  lines.forEach((l, i) => {
    const replaced = newLines.get(i);
    if (replaced !== undefined) {
      if (replaced !== l.text) whitespaceEdits(l, replaced, edits);
      return;
    }
    const t = targets[i];
    if (t === undefined) return;
    const indent = ' '.repeat(t);
    if (text.slice(l.start, l.indentEnd) !== indent) edits.push({ span: { start: l.start, end: l.indentEnd }, newText: indent });
  });
  return edits;
}

const BLANKS = /[ \t\u3000]+/g;

/**
 * The edits that turn a line into `target` when the two differ only in their runs of
 * blanks: one edit per run that changes, so that an editor keeps the cursor (and the
 * selection, and the undo history small) where the text around it did not move. A line
 * whose words differ (never, as the formatter only moves blanks) is replaced whole.
 */
function whitespaceEdits(line: Line, target: string, out: TextEdit[]): void {
  const runs = (s: string): { start: number; end: number }[] => [...s.matchAll(BLANKS)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const words = (s: string): string => s.replace(BLANKS, ' ').trim();
  if (words(line.text) !== words(target)) {
    out.push({ span: { start: line.start, end: line.end }, newText: target });
    return;
  }
  // Both texts are the same words with blanks between (and maybe before and after): walk
  // the gaps in step, an empty gap where a text has none (before the first word, after the last).
  const gaps = (s: string): { start: number; end: number }[] => {
    const found = runs(s);
    const out2: { start: number; end: number }[] = [];
    if (found[0]?.start !== 0) out2.push({ start: 0, end: 0 });
    out2.push(...found);
    if (out2[out2.length - 1]!.end !== s.length) out2.push({ start: s.length, end: s.length });
    return out2;
  };
  const from = gaps(line.text);
  const to = gaps(target);
  if (from.length !== to.length) {
    out.push({ span: { start: line.start, end: line.end }, newText: target });
    return;
  }
  from.forEach((g, k) => {
    const old = line.text.slice(g.start, g.end);
    const next = target.slice(to[k]!.start, to[k]!.end);
    if (old !== next) out.push({ span: { start: line.start + g.start, end: line.start + g.end }, newText: next });
  });
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
  const { lines, targets, newLines } = plan(text, parse(text), options);
  const pieces: string[] = [];
  let at = 0;
  lines.forEach((l, i) => {
    const replaced = newLines.get(i);
    const t = targets[i];
    if (replaced !== undefined) pieces.push(text.slice(at, l.start), replaced);
    else if (t !== undefined) pieces.push(text.slice(at, l.start), ' '.repeat(t), text.slice(l.indentEnd, l.end));
    else return;
    at = l.end;
  });
  pieces.push(text.slice(at));
  return pieces.join('');
}
