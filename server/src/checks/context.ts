/**
 * What every check receives: the model of one document and the reference catalogues.
 * Options come from the caller (CLI flags, editor settings); the core never reads them
 * from anywhere itself.
 */
import type { BudgetCatalogue, DirectFundTag, KpiFramework } from '../catalogue/types.js';
import type { DocumentModel } from '../model/types.js';
import type { Report } from './diagnostic.js';

export interface CheckOptions {
  /** The catalogue year for a notice without `年度` (and without a year in its 文号). */
  readonly defaultYear?: number;
}

export interface CheckContext {
  readonly model: DocumentModel;
  readonly catalogue: BudgetCatalogue;
  readonly directFundTags: readonly DirectFundTag[];
  readonly kpi: KpiFramework;
  readonly options: CheckOptions;
}

/** A check: reads the model, reports diagnostics. One per diagnostic code (see ./registry.ts). */
export type Check = (ctx: CheckContext, report: Report) => void;
