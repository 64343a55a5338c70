/** Reading the example files the way the tests need them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { textWidth } from '../../../grammar/index.js';
import { EXAMPLES, NANCHANG } from './paths.js';

export function nanchangText(): string {
  return readFileSync(join(EXAMPLES, NANCHANG), 'utf8');
}

/** 0-based line of the first line whose text (trimmed) starts with `start`. */
export function lineIndexOf(text: string, start: string): number {
  const i = text.split('\n').findIndex((l) => l.trim().startsWith(start));
  if (i < 0) throw new Error(`no line starts with ${start}`);
  return i;
}

/**
 * The right edges (display columns) of the numeric cells of a table's rows: rows are the
 * lines from the one starting with `first` up to the next blank line. Aligned columns give
 * one set of edges shared by every row.
 */
export function cellRightEdges(lines: string[], first: string): number[][] {
  const start = lines.findIndex((l) => l.trim().startsWith(first));
  const rows: number[][] = [];
  for (let i = start; i < lines.length && lines[i]!.trim() !== ''; i++) {
    const edges: number[] = [];
    const re = /(\S+)/g;
    let m: RegExpExecArray | null;
    const line = lines[i]!;
    const cells: { end: number; text: string }[] = [];
    while ((m = re.exec(line))) cells.push({ end: textWidth(line.slice(0, m.index + m[1]!.length)), text: m[1]! });
    for (const c of cells.slice(1)) edges.push(c.end);
    rows.push(edges);
  }
  return rows;
}
