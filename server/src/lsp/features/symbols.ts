/**
 * The outline (notice › attachment › rows / 指标) and workspace symbols (notices by
 * document number).
 */
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver';
import type { KpiGroupNode, RowNode } from '../../../../grammar/index.js';
import type { KpiTableModel, TableModel } from '../../model/types.js';
import type { Span } from '../../model/span.js';
import type { Analysis } from '../analysis.js';
import { toRange } from '../convert.js';
import type { WorkspaceIndex } from '../workspace-index.js';
import { matchRank } from './pinyin.js';

function sym(a: Analysis, name: string, kind: SymbolKind, range: Span, selection: Span, children: DocumentSymbol[] = [], detail?: string): DocumentSymbol {
  return {
    name: name.trim() === '' ? '（无名）' : name,
    kind,
    range: toRange(a.index, range),
    selectionRange: toRange(a.index, selection),
    children,
    ...(detail ? { detail } : {}),
  };
}

function rowSymbol(a: Analysis, r: RowNode): DocumentSymbol {
  const end = Math.max(r.end, ...r.children.map((c) => lastEnd(c)));
  return sym(a, r.name.text, r.children.length > 0 ? SymbolKind.Struct : SymbolKind.Field, { start: r.start, end }, r.name, r.children.map((c) => rowSymbol(a, c)), r.cells.map((c) => c.text).join(' '));
}

function lastEnd(r: RowNode): number {
  return Math.max(r.end, ...r.children.map(lastEnd));
}

function groupSymbol(a: Analysis, g: KpiGroupNode): DocumentSymbol {
  const children = [
    ...g.groups.map((x) => groupSymbol(a, x)),
    ...g.indicators.map((f) => sym(a, f.key.text, SymbolKind.Property, f, f.key, [], f.value.text.trim())),
  ].sort((x, y) => x.range.start.line - y.range.start.line);
  return sym(a, g.name.text, SymbolKind.Namespace, g, g.name, children);
}

function tableSymbol(a: Analysis, t: TableModel | KpiTableModel): DocumentSymbol {
  const name = `${t.label ?? ''}${t.label ? ' ' : ''}${t.node.keyword.text}：${t.title}`;
  const children = t.kind === 'allocation' ? t.node.rows.map((r) => rowSymbol(a, r)) : t.node.groups.map((g) => groupSymbol(a, g));
  return sym(a, name, t.kind === 'allocation' ? SymbolKind.Array : SymbolKind.Object, t.node, t.node.label ?? t.node.keyword, children);
}

export function documentSymbols(a: Analysis): DocumentSymbol[] {
  const model = a.result.model;
  const out: DocumentSymbol[] = [];
  const owned = new Set<unknown>();
  for (const n of model.notices) {
    const tables = [...n.tables, ...n.kpiTables].sort((x, y) => x.node.start - y.node.start);
    tables.forEach((t) => owned.add(t));
    const end = Math.max(n.node.end, ...tables.map((t) => t.node.end));
    const title = n.fields.get('标题')?.value.text.trim();
    out.push(sym(a, n.docNumber ? n.docNumber.text : n.node.keyword.text, SymbolKind.File, { start: n.node.start, end }, n.docNumber ?? n.node.keyword, tables.map((t) => tableSymbol(a, t)), title));
  }
  for (const t of [...model.tables, ...model.kpiTables]) if (!owned.has(t)) out.push(tableSymbol(a, t));
  return out.sort((x, y) => x.range.start.line - y.range.start.line);
}

export function workspaceSymbols(workspace: WorkspaceIndex, query: string): WorkspaceSymbol[] {
  return workspace
    .notices()
    .map((n) => ({ n, rank: Math.min(matchRank(query, n.number) ?? 9, matchRank(query, n.title ?? '') ?? 9, matchRank(query, n.written) ?? 9) }))
    .filter((x) => x.rank < 9)
    .sort((x, y) => x.rank - y.rank)
    .slice(0, 500)
    .map(({ n }) => ({ name: n.number, kind: SymbolKind.File, location: { uri: n.uri, range: n.range }, ...(n.title ? { containerName: n.title } : {}) }));
}
