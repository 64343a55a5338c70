/** The reference catalogues: budget classification, direct-fund tags, KPI framework, regions. */

export * from './types';
export {
  ALL_BRANCHES,
  ROOT_BRANCH,
  completeCoverage,
  createBudgetCatalogue,
  normaliseName,
  shippedCatalogue,
  shippedCoverage,
  type BudgetRowInput,
  type CoverageInput,
} from './budget';
export { directFundTags, findDirectFundTagByCode, findDirectFundTagByName } from './direct-fund';
export { kpiFramework } from './kpi';
export {
  childrenOf,
  findRegions,
  findRegionsLoose,
  normaliseRegionCode,
  regionByCode,
  regionChain,
  shortRegionName,
  type Region,
  type RegionLevel,
} from './regions';
export type { RawBudgetRow } from './generated/budget-classification';
export type { RawCoverageRow } from './generated/budget-coverage';
