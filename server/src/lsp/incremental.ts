/**
 * Reparsing only what an edit touched: when the edit stays inside one row of an allocation
 * table (no line break typed or deleted, the indentation untouched, no comment on the
 * line, the old and new line both reading cleanly as a row), the new row is read on its
 * own and put in place of the old one, and everything after it moves by the edit's length.
 * Otherwise (undefined) the caller parses the whole text again.
 *
 * Typing numbers into a large table is the case that matters (a 10,000-row table takes tens
 * of milliseconds to parse whole); test/lsp/incremental.test.ts checks the result against a
 * full parse for many edits.
 */
import { parse, type BlockNode, type CellNode, type ColumnNode, type FieldNode, type KpiGroupNode, type NoticeNode, type RowNode, type SourceFile, type Word } from '../../../grammar/index.js';

/** The one contiguous difference between two texts: `[start, oldEnd)` became `[start, newEnd)`. */
export function diffRange(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const min = Math.min(before.length, after.length);
  let start = 0;
  while (start < min && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < min - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

const HEADER = '分配表：x\n  ';

function findRow(rows: readonly RowNode[], start: number): RowNode | undefined {
  // Rows are in source order, parents before their parts: descend into the last row starting at or before `start`.
  let lo = 0;
  let hi = rows.length - 1;
  let best: RowNode | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.start <= start) {
      best = rows[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (!best) return undefined;
  if (best.start === start) return best;
  return findRow(best.children, start);
}

type Span = { readonly start: number; readonly end: number };

/** Moving every offset of nodes that lie wholly after the edit. */
function mover(delta: number) {
  const span = <T extends Span>(x: T): T => ({ ...x, start: x.start + delta, end: x.end + delta });
  const opt = <T extends Span>(x: T | undefined): T | undefined => (x ? span(x) : undefined);
  const field = (f: FieldNode): FieldNode => ({ ...span(f), key: span(f.key), value: span(f.value), continuation: f.continuation.map(span) });
  // Rows are nearly all of a large table: moved by monomorphic copies, not by the generic
  // spread (megamorphic, and most of the cost of an edit in a 10,000-row table).
  const word = (w: Word): Word => ({ text: w.text, start: w.start + delta, end: w.end + delta });
  const cell = (c: CellNode): CellNode => ({ start: c.start + delta, end: c.end + delta, text: c.text, kind: c.kind });
  const row = (r: RowNode): RowNode => {
    const textCells = new Array<Word>(r.textCells.length);
    for (let i = 0; i < textCells.length; i++) textCells[i] = word(r.textCells[i]!);
    const cells = new Array<CellNode>(r.cells.length);
    for (let i = 0; i < cells.length; i++) cells[i] = cell(r.cells[i]!);
    const children = r.children.length === 0 ? r.children : r.children.map(row);
    return { kind: 'row', start: r.start + delta, end: r.end + delta, name: word(r.name), breakdown: r.breakdown, textCells, cells, textCellCount: textCells.length, cellCount: cells.length, children, broken: r.broken };
  };
  const column = (c: ColumnNode): ColumnNode => {
    const out: ColumnNode = { ...span(c), title: span(c.title) };
    const mutable = out as { -readonly [K in keyof ColumnNode]: ColumnNode[K] };
    if (c.id) mutable.id = span(c.id);
    if (c.formula) mutable.formula = span(c.formula);
    if (c.source) mutable.source = span(c.source);
    if (c.group) mutable.group = span(c.group);
    return out;
  };
  const group = (g: KpiGroupNode): KpiGroupNode => ({ ...span(g), name: span(g.name), indicators: g.indicators.map(field), groups: g.groups.map(group) });
  const block = (b: BlockNode): BlockNode => {
    switch (b.kind) {
      case 'notice': {
        const out: NoticeNode = { ...span(b), keyword: span(b.keyword), fields: b.fields.map(field) };
        const mutable = out as { -readonly [K in keyof NoticeNode]: NoticeNode[K] };
        if (b.docNumber) mutable.docNumber = span(b.docNumber);
        if (b.body) mutable.body = { ...span(b.body), keyword: span(b.body.keyword), paragraphs: b.body.paragraphs.map(span) };
        return out;
      }
      case 'allocation':
        return { ...span(b), ...(b.label ? { label: opt(b.label) } : {}), keyword: span(b.keyword), title: span(b.title), fields: b.fields.map(field), columns: b.columns.map(column), rows: b.rows.map(row) };
      case 'kpi':
        return { ...span(b), ...(b.label ? { label: opt(b.label) } : {}), keyword: span(b.keyword), title: span(b.title), fields: b.fields.map(field), groups: b.groups.map(group) };
    }
  };
  return { span, row, block };
}

/** Where an edit was: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one. */
export interface EditRange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** Whether `edit` accounts for every difference between the texts (string comparison is a memcmp: cheap even for a million characters). */
function describes(edit: EditRange, before: string, after: string): boolean {
  const { start, oldEnd, newEnd } = edit;
  if (start < 0 || start > oldEnd || start > newEnd || oldEnd > before.length || newEnd > after.length) return false;
  if (newEnd - oldEnd !== after.length - before.length) return false;
  return before.slice(0, start) === after.slice(0, start) && before.slice(oldEnd) === after.slice(newEnd);
}

/**
 * The row-only reparse. `edit`, when the caller knows it (the client's change event), saves
 * comparing the two texts (a 10,000-row notice is nearly a million characters); it must
 * describe the whole difference, and may be larger than the minimal one.
 */
export function reparseEdit(before: string, file: SourceFile, after: string, edit?: EditRange): SourceFile | undefined {
  const { start, oldEnd, newEnd } = edit && describes(edit, before, after) ? edit : diffRange(before, after);
  if (start === oldEnd && start === newEnd) return { ...file, text: after };
  if (/[\r\n]/.test(before.slice(start, oldEnd)) || /[\r\n]/.test(after.slice(start, newEnd))) return undefined;
  // The line, and its content start (after the indentation).
  let lineStart = start;
  while (lineStart > 0 && before[lineStart - 1] !== '\n' && before[lineStart - 1] !== '\r') lineStart--;
  let contentStart = lineStart;
  while (before[contentStart] === ' ') contentStart++;
  if (start <= contentStart) return undefined; // the edit touches the indentation or the first character
  let oldLineEnd = oldEnd;
  while (oldLineEnd < before.length && before[oldLineEnd] !== '\n' && before[oldLineEnd] !== '\r') oldLineEnd++;
  const delta = newEnd - oldEnd;
  const newLine = after.slice(contentStart, oldLineEnd + delta);
  if (before.slice(contentStart, oldLineEnd).includes('#') || newLine.includes('#')) return undefined;

  const table = file.blocks.find((b) => b.kind === 'allocation' && b.start <= contentStart && contentStart < b.end);
  if (!table || table.kind !== 'allocation') return undefined;
  const old = findRow(table.rows, contentStart);
  if (!old || old.broken) return undefined;
  if (file.problems.some((p) => p.end >= lineStart && p.start <= oldLineEnd)) return undefined;

  const mini = parse(HEADER + newLine);
  const block = mini.blocks[0];
  if (mini.problems.length > 0 || mini.comments.length > 0 || mini.blocks.length !== 1 || !block || block.kind !== 'allocation') return undefined;
  if (block.fields.length > 0 || block.columns.length > 0 || block.rows.length !== 1) return undefined;
  const row = block.rows[0]!;
  if (row.children.length > 0 || row.broken) return undefined;

  const move = mover(delta);
  const fresh = mover(contentStart - HEADER.length).row(row);
  const replacement: RowNode = { ...fresh, children: old.children.map(move.row) };
  // Rows before the edited one stay as they are unless one of their parts moved.
  const rows = (list: readonly RowNode[]): RowNode[] =>
    list.map((r) => {
      if (r === old) return replacement;
      if (r.start >= oldEnd) return delta === 0 ? r : move.row(r);
      const kids = r.children;
      if (kids.length === 0) return r;
      const children = rows(kids);
      if (children.every((c, i) => c === kids[i])) return r;
      return { kind: 'row', start: r.start, end: r.end, name: r.name, breakdown: r.breakdown, textCells: r.textCells, cells: r.cells, textCellCount: r.textCellCount, cellCount: r.cellCount, children, broken: r.broken };
    });
  const blocks = file.blocks.map((b): BlockNode => {
    if (b === table) return { ...table, end: table.end === old.end ? fresh.end : table.end >= oldEnd ? table.end + delta : table.end, rows: rows(table.rows) };
    return b.start >= oldEnd && delta !== 0 ? move.block(b) : b;
  });
  const later = <T extends Span>(x: T): T => (x.start >= oldEnd && delta !== 0 ? move.span(x) : x);
  return { text: after, blocks, problems: file.problems.map(later), comments: file.comments.map(later) };
}
