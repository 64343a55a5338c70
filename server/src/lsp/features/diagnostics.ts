/**
 * The core's diagnostics as LSP diagnostics: code, Chinese message, related information,
 * severity after the user's overrides (`notice.diagnostics.severity`) and the default
 * rounding tolerance (`notice.tolerance`) for tables that do not declare `容差`.
 */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic } from '../../checks/index.js';
import { partsOf, sumOf } from '../../checks/table-util.js';
import { Decimal } from '../../model/decimal.js';
import type { RowModel } from '../../model/types.js';
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

type CellAt = { row: RowModel; index: number };
const cellsByStart = new WeakMap<Analysis, Map<number, CellAt>>();

/** Total cells of tables without their own 容差, by start offset (built once per analysis). */
function totalCells(a: Analysis): Map<number, CellAt> {
  let map = cellsByStart.get(a);
  if (!map) {
    map = new Map();
    for (const t of a.result.model.tables) {
      if (t.tolerance) continue;
      for (const row of t.allRows) {
        if (row.children.length === 0) continue;
        for (const col of t.numeric) {
          const cell = row.node.cells[col.index!];
          if (cell) map.set(cell.start, { row, index: col.index! });
        }
      }
    }
    cellsByStart.set(a, map);
  }
  return map;
}

/** Whether a sum-mismatch lies within the default tolerance (the table declares none). */
function withinDefaultTolerance(a: Analysis, d: Diagnostic, tolerance: number): boolean {
  if (tolerance <= 0 || d.code !== 'sum-mismatch') return false;
  const limit = Decimal.parse(String(tolerance));
  const at = totalCells(a).get(d.span.start);
  if (!limit || !at) return false;
  const { row, index } = at;
  const diff = (row.valueAt(index) ?? Decimal.ZERO).sub(sumOf(partsOf(row).map((p) => p.valueAt(index))));
  return diff.abs().cmp(limit) <= 0;
}

/** The core diagnostics with the user's settings applied (dropped ones are `off`). */
export function effectiveDiagnostics(a: Analysis, settings: NoticeSettings): { d: Diagnostic; severity: Diagnostic['severity']; note?: string }[] {
  const out: { d: Diagnostic; severity: Diagnostic['severity']; note?: string }[] = [];
  for (const d of a.result.diagnostics) {
    const override = settings.severity.get(d.code);
    if (override === 'off') continue;
    if (override) {
      out.push({ d, severity: override });
      continue;
    }
    if (d.severity === 'error' && withinDefaultTolerance(a, d, settings.tolerance)) {
      out.push({ d, severity: 'information', note: `，在默认容差 ${settings.tolerance} 以内` });
      continue;
    }
    out.push({ d, severity: d.severity });
  }
  return out;
}

export function toLspDiagnostics(a: Analysis, settings: NoticeSettings, relatedSupport = true): LspDiagnostic[] {
  return effectiveDiagnostics(a, settings).map(({ d, severity, note }) => {
    const out: LspDiagnostic = {
      range: toRange(a.index, d.span),
      severity: SEVERITY[severity],
      code: d.code,
      source: SOURCE,
      message: note ? d.message + note : d.message,
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
