/**
 * What other ledger and language servers give their users beside diagnostics:
 *
 * - document highlight: a column id, with its declaration (write) and the formulas that use
 *   it (read); a 文号 and its other mentions in the file;
 * - document links: a 文号 that a notice of another workspace file issues opens that file at
 *   the notice's line;
 * - code lens: above each table its total and the count of rows and problems, above each
 *   notice its attachments and problems;
 * - a 文号 issued by two notices of the workspace, reported on both.
 *
 * Semantic-token deltas are in ./semantic-delta.ts.
 */
import { DiagnosticSeverity, DocumentHighlightKind, type CodeLens, type Diagnostic, type DocumentHighlight, type DocumentLink } from 'vscode-languageserver';
import { columnStyles, formatNumber } from '../../model/number-display.js';
import { tableTotals } from '../../model/table-arithmetic.js';
import type { Analysis } from '../analysis.js';
import { toRange } from '../convert.js';
import { locate } from '../locate.js';
import type { NoticeSettings } from '../settings.js';
import { resolvedDocNumbers, type WorkspaceIndex } from '../workspace-index.js';
import { effectiveDiagnostics, SOURCE } from './diagnostics.js';
import { references } from './navigation.js';

export function documentHighlights(a: Analysis, offset: number, workspace: WorkspaceIndex): DocumentHighlight[] {
  const found = locate(a, offset);
  if (!found || (found.kind !== 'column' && found.kind !== 'docNumber')) return [];
  const declaration = found.kind === 'column' ? (found.table.columns.find((c) => c.id === (found.inFormula?.name ?? found.column.id))?.node.id ?? undefined) : undefined;
  const here = references(a, offset, workspace, true).filter((l) => l.uri === a.uri);
  if (found.kind === 'docNumber' && here.length === 0) return [{ range: toRange(a.index, found.dn.span), kind: DocumentHighlightKind.Text }];
  return here.map((l) => {
    const isDeclaration = declaration !== undefined && l.range.start.line === a.index.position(declaration.start).line && l.range.start.character === a.index.position(declaration.start).character;
    return { range: l.range, kind: isDeclaration ? DocumentHighlightKind.Write : found.kind === 'column' ? DocumentHighlightKind.Read : DocumentHighlightKind.Text };
  });
}

export function documentLinks(a: Analysis, workspace: WorkspaceIndex): DocumentLink[] {
  const out: DocumentLink[] = [];
  const text = a.text;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    // Only lines with a 号 can hold a 文号 (the model's doc-number.ts searches the same way).
    if (line.includes('号')) {
      for (const { dn, number } of resolvedDocNumbers(line)) {
        const target = workspace.entriesOf(number).find((n) => n.uri !== a.uri);
        if (!target) continue;
        out.push({
          range: toRange(a.index, { start: start + dn.span.start, end: start + dn.span.end }),
          target: `${target.uri}#L${target.range.start.line + 1}`,
          tooltip: `打开 ${decodeURIComponent(target.uri.split('/').pop() ?? '')}：${target.title ?? number}`,
        });
      }
    }
    start = end + 1;
  }
  return out;
}

export function codeLenses(a: Analysis, settings: NoticeSettings): CodeLens[] {
  const out: CodeLens[] = [];
  const diagnostics = effectiveDiagnostics(a, settings).map((x) => x.d);
  const problemsIn = (start: number, end: number): string => {
    let errors = 0;
    let others = 0;
    for (const d of diagnostics) {
      if (d.span.start < start || d.span.start > end) continue;
      if (d.severity === 'error') errors++;
      else others++;
    }
    return errors + others === 0 ? '没有问题' : [errors > 0 ? `${errors} 个错误` : '', others > 0 ? `${others} 个警告或提示` : ''].filter(Boolean).join('，');
  };
  const lens = (start: number, title: string): CodeLens => {
    const at = a.index.position(start);
    return { range: { start: at, end: at }, command: { title, command: '' } };
  };
  for (const n of a.result.model.notices) {
    const tables = n.tables.length + a.result.model.kpiTables.filter((t) => t.notice === n).length;
    const end = Math.max(n.node.end, ...n.tables.map((t) => t.node.end));
    out.push(lens(n.node.start, `${tables > 0 ? `${tables} 张附件表` : '没有附件表'} · ${problemsIn(n.node.start, end)}`));
  }
  for (const t of a.result.model.tables) {
    const totals = tableTotals(t);
    const styles = columnStyles(t);
    const sums = totals ? t.numeric.map((c, k) => `${c.id} ${formatNumber(totals[k]!, styles[c.index!] ?? { grouped: false, decimals: 0 }, 'computed')}`).join(' · ') : '';
    out.push(lens(t.node.start, [sums ? `合计 ${sums}` : '', `${t.allRows.length} 行`, problemsIn(t.node.start, t.node.end)].filter(Boolean).join(' | ')));
  }
  return out;
}

export const DUPLICATE_DOC_NUMBER = 'duplicate-doc-number';

/**
 * A 文号 that another notice of the workspace also issues: two notices cannot share one
 * (a copy saved under a new name and not renumbered, or a typo). A warning on this file's
 * notice line, naming the other file and line; the other file gets its own when it is checked.
 */
export function duplicateDocNumbers(a: Analysis, workspace: WorkspaceIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const n of a.result.model.notices) {
    if (!n.docNumber) continue;
    const own = workspace.notices().filter((e) => e.uri === a.uri && e.range.start.line === a.index.position(n.docNumber!.start).line);
    const number = own[0]?.number;
    if (!number) continue;
    const others = workspace.entriesOf(number).filter((e) => e.uri !== a.uri);
    if (others.length === 0) continue;
    const where = others.map((e) => `${decodeURIComponent(e.uri.split('/').pop() ?? e.uri)} 第 ${e.range.start.line + 1} 行`).join('、');
    out.push({
      range: toRange(a.index, n.docNumber),
      severity: DiagnosticSeverity.Warning,
      code: DUPLICATE_DOC_NUMBER,
      source: SOURCE,
      message: `文号 ${number} 与工作区中另一份通知相同（${where}）：两份通知不能用同一个文号`,
      relatedInformation: others.map((e) => ({ location: { uri: e.uri, range: e.range }, message: `同一文号：${e.title ?? e.written}` })),
    });
  }
  return out;
}
