/**
 * The syntax tree: what the text says, with the exact source span of every part.
 * Nothing here is interpreted (no numbers parsed, no codes looked up): that is the
 * model's job. Spans are UTF-16 offsets `[start, end)` into the source text.
 */

/** A problem found while reading the text; becomes a `syntax` or `indentation` diagnostic. */
export interface SyntaxProblem {
  readonly code: 'syntax' | 'indentation';
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** Replacing `[start, end)` with `replacement` fixes it. */
  readonly fix?: { readonly title: string; readonly replacement: string };
}

/** An exact slice of the source. */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface FieldNode {
  readonly kind: 'field';
  readonly start: number;
  readonly end: number;
  readonly key: Word;
  /** The text after the colon up to the end of the line (empty when nothing is written). */
  readonly value: Word;
  /** Deeper-indented lines under the field, in order (a value that goes on). */
  readonly continuation: readonly Word[];
}

/**
 * A note under a table, `注：…` or `备注：…`: its key as written and its paragraphs, the text
 * after the colon (when there is any) and then each deeper-indented line under it, one
 * paragraph each.
 */
export interface NoteNode {
  readonly kind: 'note';
  readonly start: number;
  readonly end: number;
  /** `注` or `备注`. */
  readonly key: Word;
  readonly paragraphs: readonly Word[];
}

export interface BodyNode {
  readonly kind: 'body';
  readonly start: number;
  readonly end: number;
  readonly keyword: Word;
  /** One paragraph per line. */
  readonly paragraphs: readonly Word[];
}

export interface NoticeNode {
  readonly kind: 'notice';
  readonly start: number;
  readonly end: number;
  readonly keyword: Word;
  /** The document number after `通知`, when written. */
  readonly docNumber?: Word;
  readonly fields: readonly FieldNode[];
  readonly body?: BodyNode;
}

export interface ColumnNode {
  readonly kind: 'column';
  readonly start: number;
  readonly end: number;
  readonly id?: Word;
  readonly title: Word;
  /** The formula text after `=`, when written. */
  readonly formula?: Word;
  /** The value of `来源：…`, when written. */
  readonly source?: Word;
  /** The value of `单位：…` (`元/人`, `%`, `人`), when written. */
  readonly unit?: Word;
  /** Declared `（文字）`: a text column, not numbered. */
  readonly isText: boolean;
  /** The title of the innermost `栏组` this column sits in (the last of `groups`). */
  readonly group?: Word;
  /** The `栏组`s this column sits in, outermost first; empty for a column in none. */
  readonly groups: readonly ColumnGroupNode[];
}

/** `栏组 标题`: a header cell over the columns and groups indented under it. */
export interface ColumnGroupNode {
  readonly kind: 'columnGroup';
  readonly start: number;
  readonly end: number;
  readonly keyword: Word;
  /** Empty (at the keyword's end) when the line has no title. */
  readonly title: Word;
  /** 0 for a group at the table's level, 1 for a group inside one, and so on. */
  readonly depth: number;
}

export interface CellNode {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** `number`: digits as written; `empty`: `-` or `—`. */
  readonly kind: 'number' | 'empty';
}

export interface RowNode {
  readonly kind: 'row';
  readonly start: number;
  readonly end: number;
  readonly name: Word;
  /** Written `其中` / `其中：`: a partial breakdown of the parent row. */
  readonly breakdown: boolean;
  readonly textCells: readonly Word[];
  readonly cells: readonly CellNode[];
  /** `textCells.length` and `cells.length`, without making the lists (see ./rows.ts). */
  readonly textCellCount: number;
  readonly cellCount: number;
  readonly children: readonly RowNode[];
  /** The row's line had a syntax problem; its numbers are not trusted by the checks. */
  readonly broken: boolean;
  /**
   * The row's indentation matched no level, so where it belongs was guessed (an `indentation`
   * problem says how); the totals above it are not checked.
   */
  readonly misplaced: boolean;
  /**
   * A group row: a name (text cells allowed) with no numeric cells and rows under it, as a
   * 市州 printed as a merged cell over its counties. It is no total and has no numbers of its
   * own; its parts count, for the row above it, as that row's parts.
   */
  readonly group: boolean;
}

export interface AllocationNode {
  readonly kind: 'allocation';
  readonly start: number;
  readonly end: number;
  readonly label?: Word;
  readonly keyword: Word;
  readonly title: Word;
  readonly fields: readonly FieldNode[];
  readonly columns: readonly ColumnNode[];
  /** Every `栏组`, in source order (a group before the groups inside it). */
  readonly groups: readonly ColumnGroupNode[];
  readonly rows: readonly RowNode[];
  /** The notes under the table, in source order (written before or after its rows). */
  readonly notes: readonly NoteNode[];
}

export interface KpiGroupNode {
  readonly kind: 'kpiGroup';
  readonly start: number;
  readonly end: number;
  readonly name: Word;
  /** Indicators (`名称：值`) directly under this group. */
  readonly indicators: readonly FieldNode[];
  readonly groups: readonly KpiGroupNode[];
}

export interface KpiNode {
  readonly kind: 'kpi';
  readonly start: number;
  readonly end: number;
  readonly label?: Word;
  readonly keyword: Word;
  readonly title: Word;
  readonly fields: readonly FieldNode[];
  readonly groups: readonly KpiGroupNode[];
  /**
   * Levels with no 一级 above them: written under a header field, where the value's continuation
   * lines go (its 一级 line deleted, say). Each is a 二级 with its indicators, or an indicator.
   */
  readonly orphans: readonly (KpiGroupNode | FieldNode)[];
  /** The notes under the table, in source order (written among the header fields or after the indicators). */
  readonly notes: readonly NoteNode[];
}

export type BlockNode = NoticeNode | AllocationNode | KpiNode;

export interface SourceFile {
  readonly text: string;
  readonly blocks: readonly BlockNode[];
  readonly problems: readonly SyntaxProblem[];
  /** Comment spans, for highlighting and formatting. */
  readonly comments: readonly Word[];
  /**
   * Where the content of the lines (comments left out) has `{` or `｛` (a reference begins) or
   * `号` (a document number ends), in order: the lines the checks for those forms read.
   */
  readonly marks: readonly number[];
}
