/**
 * The semantic model: notices, their allocation and KPI tables, rows as a tree with
 * exact decimal values, columns with parsed formulas. Built from the syntax tree by
 * ./build.ts; read by the checks, the renderers and the editor features. Every part
 * points back to its syntax node, so every fact has its source range.
 */
import type { AllocationNode, ColumnGroupNode, ColumnNode, FieldNode, KpiGroupNode, KpiNode, NoteNode, NoticeNode, RowNode, SourceFile, Word } from '../../../grammar/index.js';
import type { Classification } from '../catalogue/types.js';
import type { Decimal, DecimalSum } from './decimal.js';
import type { Span } from './span.js';

export type Unit = '元' | '万元' | '亿元';

/** Powers of ten from each unit to 元. */
export const UNIT_EXPONENT: Record<Unit, number> = { 元: 0, 万元: 4, 亿元: 8 };

export interface Amount {
  /** The number as written, in `unit`. */
  readonly value: Decimal;
  readonly unit: Unit;
  readonly span: Span;
}

/** A formula over the numeric columns of its table. */
export type Expr =
  | { readonly kind: 'column'; readonly column: number; readonly span: Span }
  /** A number in a formula that names its columns by id (`人数 × 3000 / 10000`). */
  | { readonly kind: 'const'; readonly value: Decimal; readonly span: Span }
  | { readonly kind: 'neg'; readonly operand: Expr; readonly span: Span }
  | { readonly kind: 'binary'; readonly op: '+' | '-' | '*' | '/'; readonly left: Expr; readonly right: Expr; readonly span: Span };

/** A formula's rounding: `保留2位小数` (2 places), `取整` (0), half away from zero (四舍五入). */
export interface Rounding {
  readonly places: number;
  readonly span: Span;
}

/**
 * A relation between a table's columns that holds on every row: `column`'s cell is the
 * formula's value, rounded when the relation says so. A column's own formula
 * (`栏 本次：… = 全年 - 已下达`) is the one the table prints in its 栏次 row (`printed`); a
 * table's `核对：小计 = 常规 + 定向` is checked alike and printed nowhere.
 */
export interface Relation {
  readonly table: TableModel;
  readonly column: ColumnModel;
  readonly expr: Expr;
  readonly rounding?: Rounding;
  readonly printed: boolean;
  /** The formula's text (after `=`). */
  readonly formula: Span;
  /** The whole relation as written: the column's formula, or the `核对` line's value. */
  readonly span: Span;
}

/**
 * A column whose numbers are not money in the table's unit (`单位：元/人`, `单位：%`,
 * `单位：人`). A rate (`%`, `‰`, a unit with `/`) is never summed into totals; a count (`人`,
 * `户` …) is summed like money. Neither is an amount: no `金额` is tied to it.
 */
export interface ColumnUnit {
  readonly text: string;
  readonly kind: 'rate' | 'count';
  readonly span: Span;
}

export interface ColumnModel {
  readonly node: ColumnNode;
  readonly id: string;
  readonly title: string;
  /** 栏次: 1, 2, 3 … for numeric columns; undefined for text columns. */
  readonly number?: number;
  /** Index into `RowModel.values` for numeric columns. */
  readonly index?: number;
  readonly isText: boolean;
  /** The title of the innermost group it sits in (the last of `groups`). */
  readonly group?: string;
  /** The groups it sits in, outermost first; empty for a column in none. */
  readonly groups: readonly ColumnGroupModel[];
  /** The budget code its title starts with, when it does (`栏 救助：2101301 城乡医疗救助`). */
  readonly code?: HeaderCodeRef;
  readonly source?: string;
  /** The parsed formula, when written and readable. */
  formula?: Expr;
  /** The column's own formula as a relation (with its rounding), when written and readable. */
  relation?: Relation;
  /** The unit of a column that is not money in the table's unit. */
  readonly unit?: ColumnUnit;
}

/** A `栏组`: one header cell over its columns, inside the groups above it. */
export interface ColumnGroupModel {
  readonly node: ColumnGroupNode;
  readonly title: string;
  /** 0 for a group at the table's level, 1 for a group inside one, and so on. */
  readonly depth: number;
  /** The budget code its title starts with, when it does (`栏组 2082502—其他农村生活救助`). */
  readonly code?: HeaderCodeRef;
}

/** A note printed under a table (`注：…`, `备注：…`), as written. */
export interface TableNote {
  readonly node: NoteNode;
  /** `注` or `备注`, as written. */
  readonly key: string;
  /** One per paragraph, in order; none when only the key is written. */
  readonly paragraphs: readonly string[];
}

/**
 * `不发：总表不发市县`: the table is not sent to the recipients. Per-recipient copies leave it
 * out; the full notice prints `marker` after its attachment label (`附件1（总表不发市县）`).
 */
export interface NotSent {
  readonly field: FieldNode;
  /** The value as written, trimmed; may be empty. */
  readonly marker: string;
}

export interface RowModel {
  readonly node: RowNode;
  readonly table: TableModel;
  readonly name: string;
  /** 0 for top-level rows. */
  readonly depth: number;
  readonly parent?: RowModel;
  readonly children: RowModel[];
  readonly breakdown: boolean;
  /**
   * One per numeric column: the value, or null for an empty cell (`-`). Missing cells are
   * null. A fresh array on each access (./rows.ts): in loops over rows, use `valueAt`.
   */
  readonly values: (Decimal | null)[];
  /** `values[index]`, without making the array. */
  valueAt(index: number): Decimal | null;
  /** Adds `valueAt(index)` (or its negation; nothing for an empty cell) to `sum`, without making it. */
  addValueTo(sum: DecimalSum, index: number, negate?: boolean): void;
  /** Text cells by text-column order (missing trailing ones are ''). A fresh array on each access. */
  readonly texts: string[];
  /** The numbers can be trusted: the line read cleanly and has one cell per numeric column. */
  readonly valid: boolean;
  /** This row's name is `other`'s (both trimmed), compared without making the names where it can be. */
  sameName(other: RowModel): boolean;
  /** A hash of the trimmed name (the grammar's `nameHash`: the same for the same name), -1 for an empty name. */
  nameHash(): number;
  /** `node.broken`, `node.misplaced`, `node.cellCount`, `node.textCellCount`, read without making the node (the checks read them on every row). */
  readonly broken: boolean;
  readonly misplaced: boolean;
  /**
   * `node.group`: a group row (a name over rows, no numbers of its own, no total). Its parts
   * count as the parts of the row above it; its figure, for references, is their sum
   * (./table-arithmetic.ts).
   */
  readonly group: boolean;
  readonly cellCount: number;
  readonly textCellCount: number;
}

export interface TableModel {
  readonly kind: 'allocation';
  readonly node: AllocationNode;
  readonly notice?: NoticeModel;
  /** `附件1`, when labelled. */
  readonly label?: string;
  readonly title: string;
  readonly unit: Unit;
  /** A total may differ from the sum of its parts by this much (in the table's unit). */
  readonly tolerance?: { readonly value: Decimal; readonly span: Span };
  readonly columns: readonly ColumnModel[];
  /** Every `栏组`, in source order (a group before the groups inside it). */
  readonly groups: readonly ColumnGroupModel[];
  /** The budget codes its column and group titles start with, in source order. */
  readonly codes: readonly HeaderCodeRef[];
  readonly numeric: readonly ColumnModel[];
  readonly textColumns: readonly ColumnModel[];
  /**
   * The titles of the label columns, as printed: `行标题：市州 | 县市区` gives two, `行标题：地区`
   * one; none when the table has no `行标题`.
   */
  readonly labelTitles: readonly string[];
  /** Every relation the rows must satisfy: the columns' formulas in column order, then the `核对` lines. */
  readonly relations: Relation[];
  readonly rows: RowModel[];
  /** Every row, parents before their parts. */
  readonly allRows: RowModel[];
  /**
   * The rows whose place was guessed from an indentation that matched no level
   * (`RowNode.misplaced`) and every row above them: which rows are their parts is not certain,
   * so their sums are not checked. Absent when there is none.
   */
  readonly unsure?: ReadonlySet<RowModel>;
  readonly fields: ReadonlyMap<string, FieldNode>;
  readonly notes: readonly TableNote[];
  /** Written `不发：…`: not sent to the recipients. */
  readonly notSent?: NotSent;
}

/** The header fields of a 绩效目标表 that state money. */
export const KPI_MONEY_KEYS: readonly string[] = ['年度金额', '项目金额', '资金总额', '中央资金', '中央补助', '省级资金', '地方资金', '其他资金', '市级资金', '县级资金'];

/**
 * A money field of a 绩效目标表: `年度金额：194万元`, `中央资金：详见附件1`,
 * `年度金额：2,716万元 = 附件1.金额`, `中央资金：15261万元（详见附件1）`. It is tied to a table
 * only where it says so (`= 附件N.栏` or `详见附件N`): a KPI amount is often the whole year's
 * money or an advance figure, not what this notice issues.
 */
export interface KpiAmount {
  readonly field: FieldNode;
  readonly key: string;
  /** The amount written, when one is. */
  readonly amount?: Amount;
  /** `附件1.金额` after `=` (`see: false`), or `附件1` after 详见 (`see: true`, no column). */
  readonly ref?: { readonly table: string; readonly column?: string; readonly span: Span; readonly see: boolean };
  /** The part before the tie, when it is neither empty nor an amount (`194`, `一百万元`). */
  readonly unreadable?: Word;
}

export interface IndicatorModel {
  readonly node: FieldNode;
  readonly name: string;
  /** One value, or several for tables with more than one 指标值 column. */
  readonly values: readonly Word[];
  readonly level1?: KpiGroupModel;
  readonly level2?: KpiGroupModel;
}

export interface KpiGroupModel {
  readonly node: KpiGroupNode;
  readonly name: string;
  readonly level: 1 | 2;
  readonly parent?: KpiGroupModel;
}

export interface KpiTableModel {
  readonly kind: 'kpi';
  readonly node: KpiNode;
  readonly notice?: NoticeModel;
  readonly label?: string;
  readonly title: string;
  readonly fields: ReadonlyMap<string, FieldNode>;
  readonly level1: readonly KpiGroupModel[];
  readonly level2: readonly KpiGroupModel[];
  readonly indicators: readonly IndicatorModel[];
  /** Lines at a depth where no indicator can be (e.g. a fourth level). */
  readonly misplaced: readonly { readonly span: Span; readonly what: string }[];
  readonly notes: readonly TableNote[];
  /** Written `不发：…`: not sent to the recipients. */
  readonly notSent?: NotSent;
  /** Its money fields (`KPI_MONEY_KEYS`), in source order. */
  readonly amounts: readonly KpiAmount[];
}

export type CodeFieldKind = '收入科目' | '支出功能科目' | '政府经济科目' | '部门经济科目';

export const CODE_FIELD_CLASSIFICATION: Record<CodeFieldKind, Classification> = {
  收入科目: 'revenue',
  支出功能科目: 'expFunc',
  政府经济科目: 'govEco',
  部门经济科目: 'depEco',
};

/** A `科目` line: a classification code, optionally its name. */
export interface CodeRef {
  readonly field: FieldNode;
  readonly kind: CodeFieldKind;
  readonly scope?: string;
  readonly code: Word;
  readonly name?: Word;
}

/**
 * A budget code printed at the start of a column or group title (`2082502—其他农村生活救助`,
 * `2101301 城乡医疗救助`): the code and the name after it, both slices of the title.
 */
export interface HeaderCodeRef {
  readonly title: Word;
  readonly code: Word;
  readonly name: Word;
}

/** A `直达资金` line. */
export interface DirectFundRef {
  readonly field: FieldNode;
  /** `省级` in `直达资金（省级）`. */
  readonly scope?: string;
  readonly code?: Word;
  readonly name?: Word;
}

export interface FundSource {
  readonly name: string;
  readonly span: Span;
  /** Where it was declared: the notice's `资金来源` or a column's `来源`. */
  readonly from: 'notice' | 'column';
}

/** `金额：166万元 = 附件1.本次`. */
export interface StatedAmount {
  readonly field: FieldNode;
  readonly amount: Amount;
  /** The `附件1.本次` reference, when written. */
  readonly ref?: { readonly table: string; readonly column?: string; readonly span: Span };
}

/**
 * What a notice block is. A `通知` block issues money, and is one of the kinds the documents
 * issue: 下达 (the ordinary one), 预下达 / 提前下达 (money of a year issued ahead, to be
 * settled later), 清算 (the settlement of money issued before); a `公示` block is a public
 * announcement of an allocation, which has no 版头, and usually no 文号 or 主送.
 */
export type DocumentKind = '下达' | '预下达' | '提前下达' | '清算' | '公示';

/** The kinds a `通知` block's `类别：` may name. */
export const NOTICE_KINDS: readonly DocumentKind[] = ['下达', '预下达', '提前下达', '清算'];

/**
 * The keys a document prints for its disclosure line (GB/T 9704's 公开方式): each is kept, and
 * printed, with the key as written.
 */
export const PUBLICITY_KEYS: readonly string[] = ['公开方式', '信息公开选项', '信息公开类别', '信息公开属性', '公开属性'];

export interface NoticeModel {
  readonly node: NoticeNode;
  /**
   * `公示` for a 公示 block; for a 通知, what its `类别：` says, else what its 标题 says
   * (`关于预下达……`), else 下达.
   */
  readonly kind: DocumentKind;
  /** Where the kind was read: the `类别` value, or the words of the 标题 that name it. */
  readonly kindSpan?: Span;
  /** The disclosure lines (`公开方式：主动公开`, `信息公开选项：主动公开` …), in source order. */
  readonly publicity: readonly FieldNode[];
  readonly docNumber?: Word;
  /** First occurrence of each field key. */
  readonly fields: ReadonlyMap<string, FieldNode>;
  /** The catalogue year: `年度`, else the document number's year. */
  readonly year?: number;
  readonly amount?: StatedAmount;
  readonly sources: FundSource[];
  readonly codes: CodeRef[];
  readonly directFund: DirectFundRef[];
  readonly tables: TableModel[];
  readonly kpiTables: KpiTableModel[];
}

export interface DocumentModel {
  readonly file: SourceFile;
  readonly notices: NoticeModel[];
  readonly tables: TableModel[];
  readonly kpiTables: KpiTableModel[];
  /** Problems found while building the model (unreadable values), reported as diagnostics. */
  readonly problems: ModelProblem[];
}

export interface ModelProblem {
  readonly code: 'syntax' | 'unknown-reference' | 'missing-field' | 'kpi-value' | 'document-kind';
  readonly severity: 'error' | 'warning' | 'information';
  readonly span: Span;
  readonly message: string;
}
