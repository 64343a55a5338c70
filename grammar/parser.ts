/**
 * The parser: the block structure of the language, over one token per line (./layout.ts).
 *
 * It decides which block a line belongs to and what is indented under what; what a line says
 * is read by its form's reader (./build.ts). Every list of lines ends in an alternative that
 * takes a line of any form, and Indent and Dedent always balance, so whatever the text every
 * line lands in some node and nothing is lost. Chevrotain's error recovery stays on as a
 * safety net.
 *
 * It returns the lines of each block grouped as the grammar groups them (`LineGroup`s, below);
 * table rows are handed to the tree builder as soon as their line is read (`RowSink`), because
 * rows are nearly all of a large document and should not sit in an intermediate tree.
 */
import { EmbeddedActionsParser, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import type { LineToken } from './layout.js';
import {
  AllocationHead,
  AnyLine,
  BodyLine,
  ColumnGroupLine,
  ColumnLine,
  Dedent,
  FieldLine,
  Indent,
  KpiHead,
  NoteLine,
  NoticeHead,
  WordLine,
  allTokens,
} from './tokens.js';

/** A line and the lines indented under it (all of them, depth-first in source order). */
export interface LineGroup {
  readonly line: LineToken;
  readonly nested: readonly LineToken[];
}

/** A `栏` line, and the rows indented under it by mistake (numbers of the tree builder's rows). */
export interface ColumnLines extends LineGroup {
  readonly rows: readonly number[];
}

export interface NoticeLines {
  readonly kind: 'notice';
  readonly head: LineToken;
  readonly fields: LineGroup[];
  readonly bodies: LineGroup[];
  /** Lines of no form a notice takes. */
  readonly lines: LineGroup[];
  readonly end: number;
}

/** `栏组 标题` and what is indented under it: columns and groups, any depth. */
export interface ColumnGroupLines {
  readonly head: LineToken;
  /** Columns and the groups inside this one, in source order. */
  readonly columns: (LineGroup | ColumnGroupLines)[];
  /** Lines of no form a group takes. */
  readonly lines: LineGroup[];
  readonly end: number;
}

export interface AllocationLines {
  readonly kind: 'allocation';
  readonly head: LineToken;
  readonly fields: LineGroup[];
  /** Columns and column groups, in source order. */
  readonly columns: (LineGroup | ColumnGroupLines)[];
  /** The table's top rows (numbers of the tree builder's rows). */
  readonly rows: number[];
  readonly end: number;
}

/** A `键：值` line in a KPI table, with the lines under it read as the table's levels are. */
export interface KpiFieldLines {
  readonly line: LineToken;
  readonly items: KpiItemLines | undefined;
}

export interface KpiItemLines {
  readonly fields: KpiFieldLines[];
  readonly groups: KpiGroupLines[];
  readonly lines: LineGroup[];
}

export interface KpiGroupLines {
  readonly name: LineToken;
  readonly items: KpiItemLines | undefined;
  readonly end: number;
}

export interface KpiLines {
  readonly kind: 'kpi';
  readonly head: LineToken;
  readonly items: KpiItemLines | undefined;
  readonly end: number;
}

/** A line at the top where no block begins, with what is indented under it. */
export interface StrayLines {
  readonly kind: 'line';
  readonly group: LineGroup;
}

/** Indented lines where no block opened them. */
export interface IndentedLines {
  readonly kind: 'indented';
  readonly lines: readonly LineToken[];
}

export type DocumentItem = NoticeLines | AllocationLines | KpiLines | StrayLines | IndentedLines;

/** Where rows go as the parser reads them. */
export interface RowSink {
  /** The row of one line; its parts are added later. Returns its number. */
  row(line: LineToken): number;
  /** Row `part`, read after row `parent`'s line, is its last part so far. */
  addPart(parent: number, part: number): void;
  /** A note (`注：…`) written under row `parent`, where no note can be (a table's notes are its fields' level). */
  noteUnderRow(parent: number, note: LineGroup): void;
}

function describe(token: IToken): string {
  if (token.tokenType === Indent) return '缩进';
  if (token.tokenType === Dedent) return '取消缩进';
  if (token.tokenType === undefined || token.image === undefined) return '文件末尾';
  return `“${token.tokenType.LABEL ?? token.tokenType.name}”`;
}

function label(type: TokenType): string {
  return type.LABEL ?? type.name;
}

/** Chevrotain's messages, in Chinese: what was expected and what was found. */
const chineseMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `期望${label(expected)}，实际是${describe(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `此处多出内容：${describe(firstRedundant)}`,
  buildNoViableAltMessage: ({ actual }) => `无法识别的内容：${describe((actual[0] as IToken[] | undefined)?.[0] ?? ({} as IToken))}`,
  buildEarlyExitMessage: ({ actual }) => `内容不完整：实际是${describe(actual[0] ?? ({} as IToken))}`,
};

const NO_LINES: readonly LineToken[] = Object.freeze([]);

/**
 * An embedded-actions parser: each rule returns its lines grouped as the grammar groups them,
 * made of plain objects, and rows go to the `RowSink` as they are read. (A CstParser's tree
 * would cost an update per token and live until read: measured in bench/README.md.)
 */
export class NoticeParser extends EmbeddedActionsParser {
  /** Builds the rows; set for the duration of one parse. */
  rows: RowSink | undefined;
  /** Where the content of the last line read ends. */
  private lastEnd = 0;
  /** The rows whose parts are being read, innermost last. */
  private readonly openRows: number[] = [];

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 1, errorMessageProvider: chineseMessages });
    this.performSelfAnalysis();
  }

  /** Setting `input` resets the parser; drop the row state too (Chevrotain's advice for parser state). */
  override reset(): void {
    super.reset();
    // Chevrotain resets once from its own constructor, before these fields exist.
    if (this.openRows === undefined) return;
    this.openRows.length = 0;
    this.lastEnd = 0;
  }

  private line(type: TokenType, token: IToken): LineToken {
    const line = token as LineToken;
    if (!this.RECORDING_PHASE && line.endOffset !== undefined) this.lastEnd = line.endOffset;
    return line;
  }

  public document = this.RULE('document', (): DocumentItem[] => {
    const items: DocumentItem[] = [];
    this.MANY(() => {
      const item = this.OR<DocumentItem | undefined>({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => this.SUBRULE(this.noticeBlock) },
          { ALT: () => this.SUBRULE(this.allocationBlock) },
          { ALT: () => this.SUBRULE(this.kpiBlock) },
          { ALT: () => ({ kind: 'line', group: this.SUBRULE(this.anyLine) }) },
          { ALT: () => ({ kind: 'indented', lines: this.SUBRULE(this.nested) }) },
        ],
      });
      if (item !== undefined) items.push(item);
    });
    return items;
  });

  /** `通知 文号` and its fields and body. */
  public noticeBlock = this.RULE('noticeBlock', (): NoticeLines => {
    const head = this.line(NoticeHead, this.CONSUME(NoticeHead));
    const fields: LineGroup[] = [];
    const bodies: LineGroup[] = [];
    const lines: LineGroup[] = [];
    this.OPTION(() => {
      this.CONSUME(Indent);
      this.MANY(() => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: () => void put(bodies, this.SUBRULE(this.bodyBlock)) },
            { ALT: () => void put(fields, this.SUBRULE(this.field)) },
            { ALT: () => void put(lines, this.SUBRULE(this.anyLine)) },
          ],
        });
      });
      this.CONSUME(Dedent);
    });
    return { kind: 'notice', head, fields, bodies, lines, end: this.lastEnd };
  });

  /** `正文` and its paragraphs, one per line. */
  public bodyBlock = this.RULE('bodyBlock', (): LineGroup => this.group(this.line(BodyLine, this.CONSUME(BodyLine)), this.OPTION(() => this.SUBRULE(this.nested))));

  /** `附件N 分配表：标题` with fields, columns and rows. */
  public allocationBlock = this.RULE('allocationBlock', (): AllocationLines => {
    const head = this.line(AllocationHead, this.CONSUME(AllocationHead));
    const fields: LineGroup[] = [];
    const columns: (LineGroup | ColumnGroupLines)[] = [];
    const rows: number[] = [];
    this.OPTION(() => {
      this.CONSUME(Indent);
      this.MANY(() => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: () => void put(columns, this.SUBRULE(this.columnGroup)) },
            { ALT: () => void put(columns, this.SUBRULE(this.column)) },
            { ALT: () => void put(fields, this.SUBRULE(this.field)) },
            { ALT: () => void put(rows, this.SUBRULE(this.row)) },
          ],
        });
      });
      this.CONSUME(Dedent);
    });
    return { kind: 'allocation', head, fields, columns, rows, end: this.lastEnd };
  });

  /** `栏组 标题` with its columns and the groups inside it, as deep as the header goes. */
  public columnGroup = this.RULE('columnGroup', (): ColumnGroupLines => {
    const head = this.line(ColumnGroupLine, this.CONSUME(ColumnGroupLine));
    const columns: (LineGroup | ColumnGroupLines)[] = [];
    const lines: LineGroup[] = [];
    this.OPTION(() => {
      this.CONSUME(Indent);
      this.MANY(() => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: () => void put(columns, this.SUBRULE(this.columnGroup)) },
            { ALT: () => void put(columns, this.SUBRULE(this.column)) },
            { ALT: () => void put(lines, this.SUBRULE(this.anyLine)) },
          ],
        });
      });
      this.CONSUME(Dedent);
    });
    return { head, columns, lines, end: this.lastEnd };
  });

  /**
   * `栏 ID：标题 [= 公式] [来源：中央]`. Nothing is indented under a column; lines that are (the
   * table's rows, when the 合计 line above them was deleted and they kept their indentation) are
   * read as the table's rows, for the table's reader to report where they are.
   */
  public column = this.RULE('column', (): ColumnLines => {
    const line = this.line(ColumnLine, this.CONSUME(ColumnLine));
    const rows: number[] = [];
    this.OPTION(() => {
      this.CONSUME(Indent);
      this.MANY(() => void put(rows, this.SUBRULE(this.row)));
      this.CONSUME(Dedent);
    });
    return { line, nested: [], rows };
  });

  /**
   * A table row: a line of any form, and the rows indented under it, its parts. Rows are most of
   * a large document, so this rule makes nothing of its own: the row is built as soon as its
   * line is read, and its parts are added to it as they are read.
   */
  public row = this.RULE('row', (): number => {
    const line = this.CONSUME(AnyLine) as LineToken;
    if (this.RECORDING_PHASE) {
      this.OPTION(this.rowParts);
      return -1;
    }
    this.lastEnd = line.endOffset;
    const row = this.rows!.row(line);
    this.openRows.push(row);
    try {
      this.OPTION(this.rowParts);
    } finally {
      this.openRows.pop();
    }
    return row;
  });

  private readonly rowParts = (): void => {
    this.CONSUME(Indent);
    this.MANY(this.rowPart);
    this.CONSUME(Dedent);
  };

  /**
   * A line under a row: a part of it, or a note indented under it by mistake (no row has a
   * colon after its name), which is kept with its lines for the table's reader to report.
   */
  private readonly rowPart = (): void => {
    this.OR(this.rowPartAlternatives);
  };

  /** Made once: the row rule runs for every row. A note line is a line of any form too: the first alternative takes it. */
  private readonly rowPartAlternatives = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      {
        ALT: (): void => {
          const note = this.SUBRULE(this.note);
          if (!this.RECORDING_PHASE && note !== undefined) this.rows!.noteUnderRow(this.openRows[this.openRows.length - 1]!, note);
        },
      },
      {
        ALT: (): void => {
          const part = this.SUBRULE(this.row);
          if (!this.RECORDING_PHASE && part !== undefined) this.rows!.addPart(this.openRows[this.openRows.length - 1]!, part);
        },
      },
    ],
  };

  /** `注：说明`, its paragraphs going on in deeper-indented lines. */
  public note = this.RULE('note', (): LineGroup => this.group(this.line(NoteLine, this.CONSUME(NoteLine)), this.OPTION(() => this.SUBRULE(this.nested))));

  /** `附件N 绩效目标表：标题` with header fields and the indicator levels. */
  public kpiBlock = this.RULE('kpiBlock', (): KpiLines => {
    const head = this.line(KpiHead, this.CONSUME(KpiHead));
    const items = this.OPTION(() => this.SUBRULE(this.kpiItems));
    return { kind: 'kpi', head, items, end: this.lastEnd };
  });

  public kpiItems = this.RULE('kpiItems', (): KpiItemLines => {
    const fields: KpiFieldLines[] = [];
    const groups: KpiGroupLines[] = [];
    const lines: LineGroup[] = [];
    this.CONSUME(Indent);
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => void put(fields, this.SUBRULE(this.kpiField)) },
          { ALT: () => void put(groups, this.SUBRULE(this.kpiGroup)) },
          { ALT: () => void put(lines, this.SUBRULE(this.anyLine)) },
        ],
      });
    });
    this.CONSUME(Dedent);
    return { fields, groups, lines };
  });

  /** A 一级 or 二级 指标 name (one word alone on its line), with the levels below it. */
  public kpiGroup = this.RULE('kpiGroup', (): KpiGroupLines => {
    const name = this.line(WordLine, this.CONSUME(WordLine));
    const items = this.OPTION(() => this.SUBRULE(this.kpiItems));
    return { name, items, end: this.lastEnd };
  });

  /**
   * `键：值` in a KPI table (a header field or an indicator): the lines under it are read as the
   * table's levels are, so that levels written where a 一级 is missing are not taken for the
   * value going on (./build.ts decides which they are).
   */
  public kpiField = this.RULE('kpiField', (): KpiFieldLines => {
    const line = this.line(FieldLine, this.CONSUME(FieldLine));
    const items = this.OPTION(() => this.SUBRULE(this.kpiItems));
    return { line, items };
  });

  /** `键：值`, the value possibly going on in deeper-indented lines. */
  public field = this.RULE('field', (): LineGroup => this.group(this.line(FieldLine, this.CONSUME(FieldLine)), this.OPTION(() => this.SUBRULE(this.nested))));

  /** A line of any form, with whatever is indented under it: the catch-all that loses nothing. */
  public anyLine = this.RULE('anyLine', (): LineGroup => this.group(this.line(AnyLine, this.CONSUME(AnyLine)), this.OPTION(() => this.SUBRULE(this.nested))));

  /** Lines indented under a line: every one of them, depth-first in source order. */
  public nested = this.RULE('nested', (): LineToken[] => {
    const lines: LineToken[] = [];
    this.CONSUME(Indent);
    this.MANY(() => {
      this.OR([
        { ALT: () => void lines.push(this.line(AnyLine, this.CONSUME(AnyLine))) },
        { ALT: () => void pushAll(lines, this.SUBRULE(this.nested)) },
      ]);
    });
    this.CONSUME(Dedent);
    return lines;
  });

  private group(line: LineToken, nested: readonly LineToken[] | undefined): LineGroup {
    return { line, nested: nested ?? NO_LINES };
  }
}

function put<T>(list: T[], item: T | undefined): void {
  // A rule that failed and was recovered returns nothing: leave it out.
  if (item !== undefined) list.push(item);
}

function pushAll<T>(list: T[], items: readonly T[] | undefined): void {
  if (Array.isArray(items)) for (const x of items) list.push(x);
}
