/**
 * The core's diagnostics as LSP diagnostics: code (linked to its documentation where the
 * client gave the links), Chinese message, related information, severity after the user's
 * overrides (`notice.diagnostics.severity`). The user's rounding tolerance
 * (`notice.tolerance`) is a check option (../analysis.ts passes it to the checks), so what
 * lies within it is already information here.
 */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { checkAcross, type Diagnostic } from '../../checks/index.js';
import type { LineIndex } from '../../model/span.js';
import type { WorkspaceIndex } from '../workspace-index.js';
import type { Analysis } from '../analysis.js';
import { toRange } from '../convert.js';
import type { NoticeSettings } from '../settings.js';
import { ENCODING_CODE, ENCODING_MESSAGE, mojibake } from './encoding.js';

/** What editors print before the code (`资金下达通知(sum-mismatch)` in VS Code's Problems). */
export const SOURCE = '资金下达通知';

/**
 * At most this many related locations per diagnostic: a wrong national total has hundreds of
 * parts, and an editor shows every one of them in the hover, above the sums table that says
 * the same. The rest are counted in the last one's message.
 */
export const MAX_RELATED = 8;

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

export interface DiagnosticOptions {
  /** The client shows related information (else it is appended to the message). */
  readonly relatedSupport?: boolean;
  /** `code → documentation link`, from the client or the host (./code-docs.ts). */
  readonly codeDocs?: Readonly<Record<string, string>>;
}

/** The core diagnostics with the user's settings applied (dropped ones are `off`). */
export function effectiveDiagnostics(a: Analysis, settings: NoticeSettings): { d: Diagnostic; severity: Diagnostic['severity'] }[] {
  const out: { d: Diagnostic; severity: Diagnostic['severity'] }[] = [];
  // A file read with the wrong encoding: its checks would only describe the mojibake.
  if (mojibake(a.text)) return out;
  for (const d of a.result.diagnostics) {
    const override = settings.severity.get(d.code);
    if (override === 'off') continue;
    out.push({ d, severity: override ?? d.severity });
  }
  return out;
}

/** The one diagnostic of a file that was decoded with the wrong encoding, if it was. */
export function encodingDiagnostic(a: Analysis, options: DiagnosticOptions = {}): LspDiagnostic | undefined {
  const span = mojibake(a.text);
  if (!span) return undefined;
  const href = options.codeDocs?.[ENCODING_CODE];
  return { range: toRange(a.index, span), severity: DiagnosticSeverity.Error, code: ENCODING_CODE, source: SOURCE, message: ENCODING_MESSAGE, ...(href ? { codeDescription: { href } } : {}) };
}

export function toLspDiagnostics(a: Analysis, settings: NoticeSettings, options: DiagnosticOptions = {}): LspDiagnostic[] {
  const encoding = encodingDiagnostic(a, options);
  if (encoding) return [encoding];
  return effectiveDiagnostics(a, settings).map(({ d, severity }) => toLsp(a, d, severity, options));
}

/**
 * The checks across notices (`already-issued`, `from-above`) of a document against the
 * workspace's other notices, with the user's severities; the document's own diagnostics are
 * `toLspDiagnostics`. Computed anew whenever the document or a notice it cites changed.
 */
export function acrossDiagnostics(a: Analysis, settings: NoticeSettings, workspace: WorkspaceIndex, options: DiagnosticOptions = {}): LspDiagnostic[] {
  if (mojibake(a.text)) return [];
  const out: LspDiagnostic[] = [];
  for (const d of checkAcross(a.result.model, { notices: workspace })) {
    const override = settings.severity.get(d.code);
    if (override === 'off') continue;
    out.push(toLsp(a, d, override ?? d.severity, { ...options, locate: (file) => workspace.lineIndex(file) }));
  }
  return out;
}

function toLsp(a: Analysis, d: Diagnostic, severity: Diagnostic['severity'], options: DiagnosticOptions & { locate?: (file: string) => LineIndex | undefined }): LspDiagnostic {
  const relatedSupport = options.relatedSupport !== false;
  const href = options.codeDocs?.[d.code];
  const out: LspDiagnostic = {
    range: toRange(a.index, d.span),
    severity: SEVERITY[severity],
    code: d.code,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: d.message,
  };
  if (d.related && d.related.length > 0) {
    const shown = d.related.slice(0, MAX_RELATED);
    const more = d.related.length - shown.length;
    const messages = shown.map((r, i) => (more > 0 && i === shown.length - 1 ? `${r.message}（另有 ${more} 处未列出）` : r.message));
    if (relatedSupport) {
      out.relatedInformation = shown.flatMap((r, i) => {
        if (r.file === undefined || r.file === a.uri) return [{ location: { uri: a.uri, range: toRange(a.index, r.span) }, message: messages[i]! }];
        const index = options.locate?.(r.file);
        return index ? [{ location: { uri: r.file, range: toRange(index, r.span) }, message: messages[i]! }] : [];
      });
    } else {
      out.message += '\n' + messages.map((m) => `  ${m}`).join('\n');
    }
  }
  return out;
}
