/**
 * What every check receives: the model of one document and the reference catalogues.
 * Options come from the caller (CLI flags, editor settings); the core never reads them
 * from anywhere itself, and the defaults of the options are decided here, once.
 */
import type { BudgetCatalogue, DirectFundTag, KpiFramework } from '../catalogue/types.js';
import { Decimal } from '../model/decimal.js';
import { formatNumber, PLAIN } from '../model/number-display.js';
import type { DocumentModel, TableModel } from '../model/types.js';
import type { NoticeLookup } from './chain.js';
import type { Report } from './diagnostic.js';

export interface CheckOptions {
  /** The catalogue year for a notice without `年度` (and without a year in its 文号). */
  readonly defaultYear?: number;
  /**
   * The rounding tolerance for tables that declare no `容差` (an editor's `notice.tolerance`),
   * in the table's unit: a total that differs from the sum of its parts by no more than this
   * is information, not an error. `DEFAULT_TOLERANCE` when not given; 0 allows no difference.
   */
  readonly tolerance?: number;
  /**
   * The other notices at hand (the workspace, `notice check --with DIR`), by 文号: what the
   * checks across notices (`already-issued`, `from-above`) compare with. Without it they say
   * nothing.
   */
  readonly notices?: NoticeLookup;
}

/** The rounding tolerance of a table that declares no `容差`, unless the caller gives one: none. */
export const DEFAULT_TOLERANCE = 0;

/** How far a total may be from the sum of its parts before it is an error, and the words that say so. */
export interface Tolerance {
  readonly value: Decimal;
  /** Appended to a message about a difference within it: `，在容差 1 以内`. */
  readonly note: string;
}

/** The table's tolerance: its own `容差`, else the caller's (or the default) one; undefined when no difference is allowed. */
export function toleranceOf(t: TableModel, options: CheckOptions): Tolerance | undefined {
  if (t.tolerance) return { value: t.tolerance.value, note: `，在容差 ${formatNumber(t.tolerance.value, PLAIN, 'computed')} 以内` };
  const given = options.tolerance ?? DEFAULT_TOLERANCE;
  if (!(given > 0)) return undefined;
  const value = Decimal.parse(String(given));
  return value ? { value, note: `，在默认容差 ${formatNumber(value, PLAIN, 'computed')} 以内` } : undefined;
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
