/**
 * What a check reports. Offsets only (no LSP types): the server and the CLI convert spans
 * to positions. A diagnostic carries the edits of its quick fixes, so an editor builds the
 * code action without analysing again.
 */
import type { Span, TextEdit } from '../model/span.js';

export type { TextEdit };

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const DIAGNOSTIC_CODES = [
  'syntax',
  'indentation',
  'sum-mismatch',
  'breakdown-exceeds',
  'formula-mismatch',
  'cell-count',
  'amount-mismatch',
  'unknown-code',
  'code-name-mismatch',
  'code-kind-mismatch',
  'missing-direct-fund-tag',
  'unknown-direct-fund-tag',
  'doc-number-format',
  'document-kind',
  'kpi-structure',
  'kpi-value',
  'duplicate-row',
  'duplicate-field',
  'unknown-reference',
  'reference-outside-body',
  'missing-field',
  'empty-document',
  'already-issued',
  'from-above',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Fix {
  /** Shown in the quick-fix menu, in Chinese. */
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface Related {
  readonly span: Span;
  readonly message: string;
  /** The file the span is in, as the caller named it (`NoticeLookup`), when it is another notice's; this document's otherwise. */
  readonly file?: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  readonly related?: readonly Related[];
  readonly fixes?: readonly Fix[];
}

export type Report = (d: Diagnostic) => void;
