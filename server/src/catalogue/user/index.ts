/**
 * User catalogues: a finance bureau's official 《政府收支分类科目》 table (XLSX or CSV export
 * of its budget system), read from bytes, layered over the shipped catalogue, and compared
 * year against year. No file system here: the CLI and the language server read the files.
 */
export {
  CatalogueLoadError,
  loadUserCatalogue,
  yearsText,
  type ReadRow,
  type SkippedRow,
  type UserCatalogue,
  type UserCatalogueInput,
  type UserCatalogueOptions,
} from './load';
export { ANY_YEAR, layerCatalogues, type CatalogueLayer } from './layered';
export { diffCatalogues, formatDiff, type CatalogueDiff, type ClassificationDiff, type CodeRow } from './diff';
export { classificationFromText, cleanCode, splitCodeName, yearFromText, HEADER_SEARCH_ROWS } from './layout';
export { decodeText, parseCsv, type TextEncoding } from './csv';
export { readXlsx, readXlsxWithExceljs, type WorkbookRead } from './xlsx';
export type { Grid } from './grid';
