/**
 * Quick fixes from the fixes the core attaches to its diagnostics. A client's diagnostic is
 * matched to the core's by code and range (never by message), so a fix is offered for
 * exactly the problem the user points at. Where a kind of problem occurs more than once,
 * one more action fixes all of them; `source.fixAll` fixes everything that has a fix.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import type { Diagnostic, Fix } from '../../checks/index.js';
import type { Analysis } from '../analysis.js';
import { rangesEqual, spansMeet, toRange, toSpan } from '../convert.js';
import type { NoticeSettings } from '../settings.js';
import { CODE_TITLES } from '../code-titles.js';
import { effectiveDiagnostics, encodingDiagnostic, toLspDiagnostics, type DiagnosticOptions } from './diagnostics.js';

/** The client command that reopens a document with another encoding (client/src/common.ts). */
export const REOPEN_WITH_ENCODING = 'notice.reopenWithEncoding';

export interface CodeActionOptions extends DiagnosticOptions {
  /** Commands the client said it runs itself (`initializationOptions.commands`). */
  readonly clientCommands?: readonly string[];
}

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.notice`;

function lspEdits(a: Analysis, fix: Fix): TextEdit[] {
  return fix.edits.map((e) => ({ range: toRange(a.index, e.span), newText: e.newText }));
}

/** The first fix of each diagnostic, leaving out fixes whose edits overlap earlier ones. */
function combined(a: Analysis, ds: readonly Diagnostic[]): TextEdit[] {
  const taken: { start: number; end: number }[] = [];
  const edits: TextEdit[] = [];
  for (const d of ds) {
    const fix = d.fixes?.[0];
    if (!fix) continue;
    // Overlapping edits cannot both apply; inserts at the same point can (in this order).
    const overlaps = (e: { start: number; end: number }, t: { start: number; end: number }): boolean =>
      e.start === e.end ? t.start < e.start && e.start < t.end : t.start === t.end ? e.start < t.start && t.start < e.end : e.start < t.end && t.start < e.end;
    if (fix.edits.some((e) => taken.some((t) => overlaps(e.span, t)))) continue;
    for (const e of fix.edits) taken.push(e.span);
    // One at a time: a spread of a national table's edits would overflow the call stack.
    for (const e of lspEdits(a, fix)) edits.push(e);
  }
  return edits;
}

export function codeActions(a: Analysis, settings: NoticeSettings, params: CodeActionParams, options: CodeActionOptions = {}): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const uri = a.uri;
  const requested = toSpan(a.index, params.range);
  const effective = effectiveDiagnostics(a, settings).map((e) => e.d);
  const lsp = toLspDiagnostics(a, settings, options);
  const lspOf = new Map(effective.map((d, i) => [d, lsp[i]!]));
  const actions: CodeAction[] = [];

  // A file decoded with the wrong encoding: the one fix is to read it again, which only the
  // client can do (and only when it said it can).
  const encoding = encodingDiagnostic(a, options);
  if (encoding) {
    if (wants(CodeActionKind.QuickFix) && options.clientCommands?.includes(REOPEN_WITH_ENCODING)) {
      actions.push({
        title: '以 GB18030 编码重新打开',
        kind: CodeActionKind.QuickFix,
        diagnostics: [encoding],
        isPreferred: true,
        command: { title: '以 GB18030 编码重新打开', command: REOPEN_WITH_ENCODING, arguments: [uri, 'gb18030'] },
      });
    }
    return actions;
  }

  if (wants(CodeActionKind.QuickFix)) {
    const fixable = effective.map((d, i) => ({ d, lspD: lsp[i]! })).filter((x) => x.d.fixes && x.d.fixes.length > 0);
    const codesHere = new Set<string>();
    for (const { d, lspD } of fixable) {
      const fromClient = params.context.diagnostics.find((c) => c.code === d.code && rangesEqual(c.range, lspD.range));
      if (!fromClient && !spansMeet(d.span, requested)) continue;
      codesHere.add(d.code);
      const diagnostic: LspDiagnostic = fromClient ?? lspD;
      d.fixes!.forEach((fix, k) => {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: k === 0 && d.fixes!.length === 1,
          edit: { changes: { [uri]: lspEdits(a, fix) } },
        });
      });
    }
    for (const code of codesHere) {
      const all = fixable.filter((x) => x.d.code === code).map((x) => x.d);
      if (all.length < 2) continue;
      actions.push({
        title: `修正本文件中全部 ${all.length} 处“${CODE_TITLES[code as Diagnostic['code']]}”问题`,
        kind: CodeActionKind.QuickFix,
        diagnostics: all.map((d) => lspOf.get(d)!),
        edit: { changes: { [uri]: combined(a, all) } },
      });
    }
  }

  if (only && only.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`))) {
    const edits = combined(a, effective);
    if (edits.length > 0) actions.push({ title: '修正本文件中所有可自动修正的问题', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}
