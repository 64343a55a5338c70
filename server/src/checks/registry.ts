/**
 * Every check, by its diagnostic code. A check is a function `(ctx, report) => void` in the
 * file named after its code; this is the one list of them.
 */
import type { Check } from './context.js';
import type { DiagnosticCode } from './diagnostic.js';
import { checkAlreadyIssued } from './already-issued.js';
import { checkAmountMismatch } from './amount-mismatch.js';
import { checkBreakdownExceeds } from './breakdown-exceeds.js';
import { checkCellCount } from './cell-count.js';
import { checkCodeKindMismatch } from './code-kind-mismatch.js';
import { checkCodeNameMismatch } from './code-name-mismatch.js';
import { checkDocNumberFormat } from './doc-number-format.js';
import { checkDocumentKind } from './document-kind.js';
import { checkDuplicateField } from './duplicate-field.js';
import { checkDuplicateRow } from './duplicate-row.js';
import { checkEmptyDocument } from './empty-document.js';
import { checkFromAbove } from './from-above.js';
import { checkFormulaMismatch } from './formula-mismatch.js';
import { checkIndentation } from './indentation.js';
import { checkKpiStructure } from './kpi-structure.js';
import { checkKpiValue } from './kpi-value.js';
import { checkMissingDirectFundTag } from './missing-direct-fund-tag.js';
import { checkMissingField } from './missing-field.js';
import { checkReferenceOutsideBody } from './reference-outside-body.js';
import { checkSumMismatch } from './sum-mismatch.js';
import { checkSyntax } from './syntax.js';
import { checkUnknownCode } from './unknown-code.js';
import { checkUnknownDirectFundTag } from './unknown-direct-fund-tag.js';
import { checkUnknownReference } from './unknown-reference.js';

export const CHECKS: Record<DiagnosticCode, Check> = {
  syntax: checkSyntax,
  indentation: checkIndentation,
  'sum-mismatch': checkSumMismatch,
  'breakdown-exceeds': checkBreakdownExceeds,
  'formula-mismatch': checkFormulaMismatch,
  'cell-count': checkCellCount,
  'amount-mismatch': checkAmountMismatch,
  'unknown-code': checkUnknownCode,
  'code-name-mismatch': checkCodeNameMismatch,
  'code-kind-mismatch': checkCodeKindMismatch,
  'missing-direct-fund-tag': checkMissingDirectFundTag,
  'unknown-direct-fund-tag': checkUnknownDirectFundTag,
  'doc-number-format': checkDocNumberFormat,
  'document-kind': checkDocumentKind,
  'kpi-structure': checkKpiStructure,
  'kpi-value': checkKpiValue,
  'duplicate-row': checkDuplicateRow,
  'duplicate-field': checkDuplicateField,
  'unknown-reference': checkUnknownReference,
  'reference-outside-body': checkReferenceOutsideBody,
  'missing-field': checkMissingField,
  'empty-document': checkEmptyDocument,
  'already-issued': checkAlreadyIssued,
  'from-above': checkFromAbove,
};

/** The checks that compare a notice with others (they need `CheckOptions.notices`). */
export const ACROSS_CODES: readonly DiagnosticCode[] = ['already-issued', 'from-above'];
