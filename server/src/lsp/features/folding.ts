/** Folding ranges: every block, every row with parts, 栏组, fields and table notes that go on, the body, 指标 groups, runs of comment lines. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { KpiGroupNode, RowNode } from '../../../../grammar/index.js';
import type { Analysis } from '../analysis.js';

export function foldingRanges(a: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind): void => {
    const s = a.index.position(start).line;
    const e = a.index.position(end).line;
    if (e > s) out.push({ startLine: s, endLine: e, ...(kind ? { kind } : {}) });
  };
  const rowEnd = (r: RowNode): number => Math.max(r.end, ...r.children.map(rowEnd));
  const rows = (rs: readonly RowNode[]): void => {
    for (const r of rs) {
      if (r.children.length > 0) add(r.start, rowEnd(r));
      rows(r.children);
    }
  };
  const groups = (gs: readonly KpiGroupNode[]): void => {
    for (const g of gs) {
      add(g.start, g.end);
      groups(g.groups);
    }
  };
  for (const b of a.result.file.blocks) {
    add(b.start, b.end);
    for (const f of b.fields) add(f.start, f.end);
    if (b.kind !== 'notice') for (const n of b.notes) add(n.start, n.end);
    if (b.kind === 'notice' && b.body) add(b.body.start, b.body.end);
    if (b.kind === 'allocation') {
      rows(b.rows);
      for (const g of b.groups) add(g.start, g.end);
    }
    if (b.kind === 'kpi') groups(b.groups);
  }
  // Consecutive comment lines fold together.
  let run: { start: number; end: number; line: number } | undefined;
  for (const c of a.result.file.comments) {
    const line = a.index.position(c.start).line;
    if (run && line === run.line + 1) {
      run.end = c.end;
      run.line = line;
    } else {
      if (run) add(run.start, run.end, FoldingRangeKind.Comment);
      run = { start: c.start, end: c.end, line };
    }
  }
  if (run) add(run.start, run.end, FoldingRangeKind.Comment);
  return out;
}
