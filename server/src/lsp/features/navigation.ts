/**
 * Go to definition and find references: a document number leads to the notice that
 * issued it (a `.notice` file of the workspace) and to every place that cites it; a column
 * id in a formula or a `核对` line leads to the column's declaration.
 */
import type { Location } from 'vscode-languageserver';
import { resolveBodyRef } from '../../model/body-refs.js';
import { topRows } from '../../model/table-arithmetic.js';
import type { Analysis } from '../analysis.js';
import { toRange } from '../convert.js';
import { formulaNames, locate, relationNames } from '../locate.js';
import type { WorkspaceIndex } from '../workspace-index.js';

export function definition(a: Analysis, offset: number, workspace: WorkspaceIndex): Location[] {
  const found = locate(a, offset);
  if (!found) return [];
  if (found.kind === 'docNumber') return workspace.entriesOf(found.number).map((n) => ({ uri: n.uri, range: n.range }));
  if (found.kind === 'bodyRef') {
    const r = resolveBodyRef(found.ref, found.notice);
    if (r.kind !== 'value') return [];
    // The table's total (the sum of its top-level rows) leads to the first of them.
    const row = r.row.kind === 'row' ? r.row.row : topRows(r.table)[0];
    return row ? [{ uri: a.uri, range: toRange(a.index, row.node.name) }] : [];
  }
  if (found.kind === 'column' && found.inFormula) {
    const target = found.table.columns.find((c) => c.id === found.inFormula!.name) ?? found.table.numeric.find((c) => String(c.number) === found.inFormula!.name);
    if (target) return [{ uri: a.uri, range: toRange(a.index, target.node.id ?? target.node.title) }];
  }
  return [];
}

export function references(a: Analysis, offset: number, workspace: WorkspaceIndex, includeDeclaration: boolean): Location[] {
  const found = locate(a, offset);
  if (!found) return [];
  if (found.kind === 'docNumber') {
    const defs = workspace.entriesOf(found.number);
    const isDef = (l: Location): boolean => defs.some((d) => d.uri === l.uri && d.range.start.line === l.range.start.line && d.range.start.character <= l.range.start.character && l.range.start.character < d.range.end.character);
    const mentions = workspace.mentions(found.number).map((m) => ({ uri: m.uri, range: m.range }));
    return includeDeclaration ? mentions : mentions.filter((m) => !isDef(m));
  }
  if (found.kind === 'column') {
    const id = found.inFormula?.name ?? found.column.id;
    const target = found.table.columns.find((c) => c.id === id);
    if (!target) return [];
    const out: Location[] = [];
    if (includeDeclaration && target.node.id) out.push({ uri: a.uri, range: toRange(a.index, target.node.id) });
    for (const c of found.table.columns) for (const n of formulaNames(c)) if (n.name === id) out.push({ uri: a.uri, range: toRange(a.index, n) });
    for (const n of relationNames(found.table)) if (n.name === id) out.push({ uri: a.uri, range: toRange(a.index, n) });
    return out;
  }
  return [];
}
