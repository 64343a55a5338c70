/**
 * The core's diagnostics as LSP diagnostics: code, Chinese message, related information,
 * severity after the user's overrides (`notice.diagnostics.severity`). The user's rounding
 * tolerance (`notice.tolerance`) is a check option (../analysis.ts passes it to the
 * checks), so what lies within it is already information here.
 */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic } from '../../checks/index.js';
import type { Analysis } from '../analysis.js';
import { toRange } from '../convert.js';
import type { NoticeSettings } from '../settings.js';

export const SOURCE = 'notice';

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

/** The core diagnostics with the user's settings applied (dropped ones are `off`). */
export function effectiveDiagnostics(a: Analysis, settings: NoticeSettings): { d: Diagnostic; severity: Diagnostic['severity'] }[] {
  const out: { d: Diagnostic; severity: Diagnostic['severity'] }[] = [];
  for (const d of a.result.diagnostics) {
    const override = settings.severity.get(d.code);
    if (override === 'off') continue;
    out.push({ d, severity: override ?? d.severity });
  }
  return out;
}

export function toLspDiagnostics(a: Analysis, settings: NoticeSettings, relatedSupport = true): LspDiagnostic[] {
  return effectiveDiagnostics(a, settings).map(({ d, severity }) => {
    const out: LspDiagnostic = {
      range: toRange(a.index, d.span),
      severity: SEVERITY[severity],
      code: d.code,
      source: SOURCE,
      message: d.message,
    };
    if (d.related && d.related.length > 0) {
      if (relatedSupport) {
        out.relatedInformation = d.related.map((r) => ({ location: { uri: a.uri, range: toRange(a.index, r.span) }, message: r.message }));
      } else {
        out.message += '\n' + d.related.map((r) => `  ${r.message}`).join('\n');
      }
    }
    return out;
  });
}
