/**
 * The reference catalogues the checks read: the government budget classification
 * (政府收支分类科目), the direct-fund tags (直达资金标识) and the KPI framework
 * (绩效指标 一级 → 二级). Plain data and lookups; no I/O (the data is bundled so the
 * core runs unchanged in a web worker).
 */

/** The four classifications of 《政府收支分类科目》. */
export type Classification = 'revenue' | 'expFunc' | 'govEco' | 'depEco';

export const CLASSIFICATION_NAMES: Record<Classification, string> = {
  revenue: '收入分类',
  expFunc: '支出功能分类',
  govEco: '政府预算支出经济分类',
  depEco: '部门预算支出经济分类',
};

/**
 * The classification a code belongs to, told by its first digit: 收入分类 1, 支出功能分类 2,
 * 部门预算支出经济分类 3, 政府预算支出经济分类 5.
 */
export function classificationOfCode(code: string): Classification | undefined {
  switch (code[0]) {
    case '1':
      return 'revenue';
    case '2':
      return 'expFunc';
    case '3':
      return 'depEco';
    case '5':
      return 'govEco';
    default:
      return undefined;
  }
}

export type Level = '类' | '款' | '项';

/** How sure the catalogue is of a row: `official` only for rows from a user's official table. */
export type Confidence = 'official' | 'high' | 'medium' | 'low';

/** Another name a code has carried, for some years or as a recognised variant. */
export interface Alias {
  readonly name: string;
  /** Inclusive year range in which this name was the official one; absent = a variant seen in notices. */
  readonly fromYear?: number;
  readonly toYear?: number;
  readonly note?: string;
}

export interface CatalogueEntry {
  readonly classification: Classification;
  readonly code: string;
  /** The name valid in the years this row holds. */
  readonly name: string;
  readonly level: Level;
  readonly parent?: string;
  /** Inclusive year range the row holds. */
  readonly fromYear: number;
  readonly toYear: number;
  readonly aliases: readonly Alias[];
  readonly confidence: Confidence;
  /** Where the row comes from (source ids and addresses), for hover and messages. */
  readonly source: string;
}

/** How a written name relates to a catalogue row in a given year. */
export type NameVerdict =
  | { readonly kind: 'exact' }
  /** An alias or another year's name accepted for this year. */
  | { readonly kind: 'alias'; readonly alias: Alias }
  /** A name this code carried in other years, not in this one. */
  | { readonly kind: 'other-year'; readonly alias: Alias }
  | { readonly kind: 'different' };

export type CodeLookup =
  | { readonly kind: 'found'; readonly entry: CatalogueEntry }
  /** Not in the catalogue, and the branch it would sit in is covered completely: the code does not exist. */
  | {
      readonly kind: 'unknown';
      readonly branch: string;
      /** Rows of this code valid in other years (the code exists, just not in this year). */
      readonly otherYears?: readonly CatalogueEntry[];
    }
  /** Not in the catalogue, and its branch is not covered completely: cannot be confirmed either way. */
  | {
      readonly kind: 'uncovered';
      readonly branch: string;
      /** Rows of this code valid in other years. */
      readonly otherYears?: readonly CatalogueEntry[];
    };

export interface BudgetCatalogue {
  /** Shown in messages: which catalogue decided (e.g. `内置目录` or a user's file). */
  readonly label: string;
  /** Years this catalogue has rows for. */
  readonly years: readonly number[];
  lookup(classification: Classification, code: string, year: number): CodeLookup;
  judgeName(entry: CatalogueEntry, name: string, year: number): NameVerdict;
  /** The chain from the 类 down to the entry itself. */
  parentChain(entry: CatalogueEntry, year: number): CatalogueEntry[];
  /** Every row valid in `year` for a classification (for completion). */
  entries(classification: Classification, year: number): readonly CatalogueEntry[];
  /** Rows valid in `year` whose name or alias is `name` (after bracket/space normalisation): for a name written without its code. */
  findByName?(classification: Classification, name: string, year: number): readonly CatalogueEntry[];
  /** Whether the catalogue lists every child of `branch` (`(root)` = every 类) in `year`. */
  isComplete?(classification: Classification, branch: string, year: number): boolean;
  /**
   * Which catalogue answers for this classification and year, as messages print it after
   * `依据：` (`内置目录 2023 年`, `用户目录 2024年政府收支分类科目.xlsx（2024 年）`). Absent:
   * `${label} ${year} 年`. A layered catalogue (a user's table over the shipped one) answers
   * per classification.
   */
  basisFor?(classification: Classification, year: number): string;
  /**
   * A layered catalogue: the user's tables loaded (their labels), and whether one of them
   * answers for this classification and year. Absent for the shipped catalogue alone.
   */
  readonly userTables?: readonly string[];
  answeredByUser?(classification: Classification, year: number): boolean;
  /** One of the user's tables holds this classification, in some year. */
  heldByUser?(classification: Classification): boolean;
}

export interface DirectFundTag {
  /** Absent for tags known only by name (直达资金省级对应安排). */
  readonly code?: string;
  readonly name: string;
  readonly aliases: readonly string[];
  /** Which money the tag marks: 中央 or 省级. */
  readonly scope: '中央' | '省级' | '其他';
  readonly meaning: string;
  readonly confidence: Confidence;
  readonly source: string;
}

export interface KpiFramework {
  /** 一级指标 names in order. */
  readonly level1: readonly string[];
  /** 二级指标 names under each 一级. */
  readonly level2: ReadonlyMap<string, readonly string[]>;
  /** Non-standard names seen in published tables mapped to the standard one (社会指标 → 社会效益指标). */
  readonly synonyms: ReadonlyMap<string, string>;
  /** Every 一级 › 二级 pair with how sure the framework is of it (成本指标 as a 一级 is low). */
  readonly pairs?: readonly KpiPair[];
}

/** One 一级 › 二级 pair of the KPI framework. */
export interface KpiPair {
  readonly level1: string;
  readonly level2: string;
  readonly confidence: Confidence;
  readonly source: string;
}
