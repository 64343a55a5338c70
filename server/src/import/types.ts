/**
 * What every reader of a foreign file (Excel, CSV, Word, PDF, text extracted from a PDF,
 * pasted cells) gives the importer: the document as paragraphs and tables of printed cell
 * texts, in reading order. The inference (notice fields, table structure, row nesting) reads
 * only this, so it is one for every format.
 */

/** One cell as the document prints it. */
export interface SourceCell {
  /** The text as printed ('' for an empty cell); numbers exactly as displayed (`1,829`). */
  readonly text: string;
  /** Levels of indentation of the text inside its cell (Excel's indent, Word's paragraph indent, PDF offset, leading spaces). */
  readonly indent?: number;
  /** Covered by a merged cell whose text is in another cell (its top-left). */
  readonly covered?: 'left' | 'above';
  /** Columns and rows a merged cell spans (on its top-left cell). */
  readonly colSpan?: number;
  readonly rowSpan?: number;
  /** Printed in bold (totals often are). */
  readonly bold?: boolean;
  /** A formula the workbook holds in this cell, when it has no computed value to print. */
  readonly formulaWithoutValue?: string;
  /** A number this cell's note says the original printed (our own Excel output notes a wrong total so). */
  readonly printed?: string;
  /** The cell's text began with `=`, `+`, `@` and was stored as text: what a formula injection looks like. */
  readonly risky?: boolean;
}

export interface SourceRow {
  readonly cells: readonly SourceCell[];
  /** The row is hidden in the workbook. */
  readonly hidden?: boolean;
  /** Where the row is, for comments and messages (`第12行`, `Sheet1 第7行`). */
  readonly where: string;
}

export interface SourceTable {
  readonly rows: readonly SourceRow[];
  /** Columns hidden in the workbook (0-based). */
  readonly hiddenColumns?: ReadonlySet<number>;
  /** The sheet the table is on (Excel), for the comment above it. */
  readonly sheet?: string;
}

export type SourceBlock = { readonly kind: 'paragraph'; readonly text: string } | { readonly kind: 'table'; readonly table: SourceTable };

export interface SourceDocument {
  readonly blocks: readonly SourceBlock[];
  /** What the reader itself noticed (hidden sheets, formulas without values), written as comments at the top. */
  readonly notes: readonly string[];
  /** The format, for the summary: `Excel`, `Word`, `PDF`, `文本`. */
  readonly format: string;
}

/** What an import gives: the .notice text and how much of it was guessed. */
export type ImportResult =
  | {
      readonly ok: true;
      readonly text: string;
      readonly tables: number;
      readonly rows: number;
      readonly guesses: number;
      /** One Chinese line: `导入了 2 张表、14 行；3 处推断（见“# 导入：”注释）`. */
      readonly summary: string;
    }
  | { readonly ok: false; readonly message: string };

/** A reader's failure with one clear Chinese line (a corrupt file, a password, a scan). */
export class ImportError extends Error {}
