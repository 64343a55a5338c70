/**
 * Formatting as you type Enter: the new line gets the indentation of what comes under the
 * line above — the parts of a row that has parts (whatever its name), the fields of a block
 * header, the next level of 指标. The language configuration's indentation rules guess from
 * the text alone (合计/小计 rows); the server knows the tree.
 */
import type { TextEdit } from 'vscode-languageserver';
import type { RowNode } from '../../../../grammar/index.js';
import type { Analysis } from '../analysis.js';
import { lineAround } from '../locate.js';

function indentOf(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ') i++;
  return i - lineStart;
}

function findRowAt(rows: readonly RowNode[], start: number): RowNode | undefined {
  for (const r of rows) {
    if (r.start === start) return r;
    const inner = findRowAt(r.children, start);
    if (inner) return inner;
  }
  return undefined;
}

export function onEnter(a: Analysis, offset: number): TextEdit[] {
  const text = a.text;
  const line = lineAround(text, offset);
  if (line.text.trim() !== '' && text.slice(line.start, offset).trim() !== '') return [];
  // The nearest non-blank line above.
  let prevEnd = line.start - 1;
  while (prevEnd > 0 && (text[prevEnd] === '\n' || text[prevEnd] === '\r')) prevEnd--;
  if (prevEnd < 0 || line.start === 0) return [];
  const prev = lineAround(text, prevEnd);
  if (prev.text.trim() === '' || prev.text.trim().startsWith('#')) return [];
  const prevIndent = indentOf(text, prev.start);
  let want: number | undefined;
  const contentStart = prev.start + prevIndent;
  for (const b of a.result.file.blocks) {
    if (b.start === contentStart) want = 2; // a block header: its fields come next
    if (b.kind !== 'allocation' || b.start > contentStart || contentStart > b.end) continue;
    const row = findRowAt(b.rows, contentStart);
    const first = row?.children[0];
    if (first) want = indentOf(text, lineAround(text, first.start).start);
  }
  if (want === undefined) return [];
  const current = indentOf(text, line.start);
  if (current === want) return [];
  const index = a.index;
  return [{ range: { start: index.position(line.start), end: index.position(line.start + current) }, newText: ' '.repeat(want) }];
}
