/**
 * The core's front door: `checkText(text)` parses, models and checks one document and
 * returns its diagnostics (offset spans, Chinese messages, quick-fix edits). No I/O, no
 * editor types: the CLI, the language server, the renderers and the tests all call this.
 */
import { parse, type SourceFile } from '../../../grammar/index.js';
import { directFundTags } from '../catalogue/direct-fund.js';
import { kpiFramework } from '../catalogue/kpi.js';
import { shippedCatalogue } from '../catalogue/budget.js';
import type { BudgetCatalogue } from '../catalogue/types.js';
import { buildModel } from '../model/build.js';
import type { DocumentModel } from '../model/types.js';
import type { Check, CheckContext, CheckOptions } from './context.js';
import type { Diagnostic, DiagnosticCode } from './diagnostic.js';
import { ACROSS_CODES, CHECKS } from './registry.js';

export type { CheckOptions } from './context.js';
export { DEFAULT_TOLERANCE } from './context.js';
export type { Diagnostic, DiagnosticCode, Fix, Related, Severity, TextEdit } from './diagnostic.js';
export { DIAGNOSTIC_CODES } from './diagnostic.js';
export type { CitedNotice, NoticeLookup } from './chain.js';
export { NoticeSet } from './notice-set.js';

export interface CheckResult {
  readonly file: SourceFile;
  readonly model: DocumentModel;
  readonly diagnostics: Diagnostic[];
}

export interface CheckEnvironment extends CheckOptions {
  /** A user's official table (issue: catalogues); the shipped catalogue otherwise. */
  readonly catalogue?: BudgetCatalogue;
}

export function checkModel(model: DocumentModel, env: CheckEnvironment = {}): Diagnostic[] {
  return runChecks(model, env, Object.entries(CHECKS) as [DiagnosticCode, Check][]);
}

/**
 * Only the checks across notices (`already-issued`, `from-above`), against `env.notices`: what
 * the language server adds to a document's own diagnostics (which it keeps while the document
 * is unchanged) whenever a notice it cites may have changed.
 */
export function checkAcross(model: DocumentModel, env: CheckEnvironment): Diagnostic[] {
  if (!env.notices) return [];
  return runChecks(model, env, ACROSS_CODES.map((c) => [c, CHECKS[c]]));
}

function runChecks(model: DocumentModel, env: CheckEnvironment, checks: readonly [DiagnosticCode, Check][]): Diagnostic[] {
  const ctx: CheckContext = {
    model,
    catalogue: env.catalogue ?? shippedCatalogue(),
    directFundTags: directFundTags(),
    kpi: kpiFramework(),
    options: env,
  };
  const out: Diagnostic[] = [];
  const report = (d: Diagnostic): void => {
    out.push(d);
  };
  for (const [code, check] of checks) {
    try {
      check(ctx, report);
    } catch (err) {
      // One faulty check must not hide the others' findings.
      out.push({
        code: 'syntax',
        severity: 'error',
        span: { start: 0, end: 0 },
        message: `内部错误：检查“${code}”未能完成（${err instanceof Error ? err.message : String(err)}）`,
      });
    }
  }
  out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return out;
}

export function checkText(text: string, env: CheckEnvironment = {}): CheckResult {
  const file = parse(text);
  const model = buildModel(file);
  return { file, model, diagnostics: checkModel(model, env) };
}
