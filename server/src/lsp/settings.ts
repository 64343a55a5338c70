/**
 * The `notice.*` settings the client sends (workspace/configuration), read defensively:
 * a client may send anything, and a bad value falls back to the default. A setting that is
 * a check option (`catalogueYear`, `tolerance`) is left out when not given or not valid, so
 * that the checks' own default applies (../checks/context.ts): the server decides none.
 */
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from '../checks/index.js';

export type SeverityOverride = Severity | 'off';

export interface NoticeSettings {
  /** The catalogue year for a notice without `年度` (and without a year in its 文号). */
  readonly catalogueYear?: number;
  /** Rounding tolerance for tables that do not declare `容差` (`CheckOptions.tolerance`), when the user set one. */
  readonly tolerance?: number;
  readonly inlayHints: { readonly enabled: boolean; readonly allTotals: boolean };
  readonly severity: ReadonlyMap<DiagnosticCode, SeverityOverride>;
  readonly trace: 'off' | 'messages' | 'verbose';
  /** `notice.catalogue.file`: the user's official 科目 tables (paths, relative to the workspace folder), first first. */
  readonly catalogueFiles: readonly string[];
  /** `notice.diagnostics.workspace`: report the problems of the workspace's files that are not open, too. */
  readonly workspaceDiagnostics: boolean;
  /** `notice.noticeFolders`: folders of other notices (earlier, superior) the checks across notices compare with, besides the workspace. */
  readonly noticeFolders: readonly string[];
}

export const DEFAULT_SETTINGS: NoticeSettings = {
  inlayHints: { enabled: true, allTotals: false },
  severity: new Map(),
  trace: 'off',
  catalogueFiles: [],
  workspaceDiagnostics: true,
  noticeFolders: [],
};

const SEVERITIES = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);
const SEVERITY_ALIASES: Record<string, SeverityOverride> = { info: 'information', none: 'off', ignore: 'off', warn: 'warning' };

function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function readSettings(raw: unknown): NoticeSettings {
  const r = obj(raw);
  const year = Number(r['catalogueYear']);
  const rawTolerance = r['tolerance'];
  const tolerance = typeof rawTolerance === 'number' || typeof rawTolerance === 'string' ? Number(rawTolerance) : NaN;
  const hints = obj(r['inlayHints']);
  const diagnostics = obj(r['diagnostics']);
  const severity = new Map<DiagnosticCode, SeverityOverride>();
  for (const [code, value] of Object.entries(obj(diagnostics['severity']))) {
    if (!(DIAGNOSTIC_CODES as readonly string[]).includes(code) || typeof value !== 'string') continue;
    const v = SEVERITY_ALIASES[value] ?? value;
    if (SEVERITIES.has(v)) severity.set(code as DiagnosticCode, v as SeverityOverride);
  }
  const trace = obj(r['trace'])['server'];
  const file = obj(r['catalogue'])['file'];
  const files = (Array.isArray(file) ? file : [file]).filter((f): f is string => typeof f === 'string' && f.trim() !== '').map((f) => f.trim());
  const rawFolders = r['noticeFolders'];
  const noticeFolders = (Array.isArray(rawFolders) ? rawFolders : [rawFolders]).filter((f): f is string => typeof f === 'string' && f.trim() !== '').map((f) => f.trim());
  return {
    ...(Number.isInteger(year) && year > 1900 && year < 3000 ? { catalogueYear: year } : {}),
    ...(Number.isFinite(tolerance) && tolerance >= 0 && rawTolerance !== '' ? { tolerance } : {}),
    inlayHints: {
      enabled: hints['enabled'] !== false,
      allTotals: hints['allTotals'] === true,
    },
    severity,
    trace: trace === 'messages' || trace === 'verbose' ? trace : 'off',
    catalogueFiles: [...new Set(files)],
    workspaceDiagnostics: diagnostics['workspace'] !== false,
    noticeFolders: [...new Set(noticeFolders)],
  };
}
