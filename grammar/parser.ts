/**
 * The parser: the block and line structure of the language.
 *
 * Lines are read permissively (`Inline*` up to the line end): the tree builder (./build.ts)
 * reads each line's tokens and reports what is wrong with a precise Chinese message and
 * range. The parser's own job is the structure (which block, which field, which row under
 * which), and every list of lines ends in a catch-all `line` alternative, so whatever the
 * text, every token lands in some node and nothing is lost. Chevrotain's error recovery
 * stays on as a safety net.
 *
 * One instance is built once (`noticeParser`) and reused by setting `input`.
 */
import { EmbeddedActionsParser, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import type {
  AllocationBlockCstChildren,
  AllocationBlockCstNode,
  BodyBlockCstChildren,
  BodyBlockCstNode,
  ColumnCstChildren,
  ColumnCstNode,
  ColumnGroupCstChildren,
  ColumnGroupCstNode,
  DocumentCstChildren,
  DocumentCstNode,
  FieldCstChildren,
  FieldCstNode,
  IndentedCstNode,
  KpiBlockCstChildren,
  KpiBlockCstNode,
  KpiGroupCstChildren,
  KpiGroupCstNode,
  KpiItemsCstChildren,
  KpiItemsCstNode,
  LineCstChildren,
  LineCstNode,
  NestedCstChildren,
  NestedCstNode,
  NoticeBlockCstChildren,
  NoticeBlockCstNode,
} from './cst.js';
import {
  AllocationTable,
  Attachment,
  Body,
  Breakdown,
  Colon,
  Column,
  ColumnGroup,
  Dash,
  Dedent,
  Indent,
  Inline,
  KpiTable,
  Newline,
  Notice,
  NumberLit,
  NumberRun,
  RowBlock,
  RowLine,
  Text,
  TextCell,
  allTokens,
  numberRunCells,
  rowLineTokens,
  textCellTokens,
} from './tokens.js';

function describe(token: IToken): string {
  if (token.tokenType === Newline) return '行尾';
  if (token.tokenType === Indent) return '缩进';
  if (token.tokenType === Dedent) return '取消缩进';
  if (token.image === '') return '文件末尾';
  return `“${token.image.length > 20 ? token.image.slice(0, 20) + '…' : token.image}”`;
}

function label(type: TokenType): string {
  return type.LABEL ?? type.name;
}

/** Chevrotain's messages, in Chinese: what was expected and what was found. */
const chineseMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `期望${label(expected)}，实际是${describe(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `此处多出内容：${describe(firstRedundant)}`,
  buildNoViableAltMessage: ({ actual }) => `无法识别的内容：${describe((actual[0] as IToken[] | undefined)?.[0] ?? ({ image: '' } as IToken))}`,
  buildEarlyExitMessage: ({ actual }) => `内容不完整：实际是${describe(actual[0] ?? ({ image: '' } as IToken))}`,
};

/**
 * What the parser builds while it reads. Every rule but `row` returns the node a CstParser
 * would have built for it (same names and children, typed by the generated ./cst.d.ts), made
 * of plain objects; a `row` is handed to the row builder as soon as it is read and returns
 * the finished syntax-tree row. Rows are almost all of a large document, so their tokens
 * never sit in a CST: see the class comment.
 */
export interface RowBuilder {
  /** The row of one line, from `inline[0, count)` (reused once this returns); its parts are added later. Returns its number. */
  row(breakdown: IToken | undefined, inline: readonly IToken[], count: number): number;
  /** Row `part`, read after row `parent`'s line, is its last part so far. */
  addPart(parent: number, part: number): void;
}

/** The allocation block's node, with its rows already built (their numbers: see `RowBuilder`). */
export type AllocationBlockNode = AllocationBlockCstNode & { rows: number[] };

/**
 * `put` for a line's inline tokens outside table rows: a `NumberRun` goes in as the `Number`
 * and `Dash` tokens it stands for, a `TextCell` as its `LBracket`, `Text` and `RBracket`, a
 * `RowLine` of `text` as all of its tokens (the same objects the lexer makes for them), so
 * that the tree builder reads these lines token by token as before. Rows read them as they are.
 */
function putInline(list: IToken[] | undefined, item: IToken | undefined, text: string): IToken[] | undefined {
  if (item === undefined) return list;
  const type = item.tokenType;
  // Lines under a line that is not a table row are not parts: `parse` reads such a text again,
  // token by token (a block of row lines outside a table is rare: a table being written).
  if (type === RowBlock) throw new Error(`RowBlock outside a table at offset ${item.startOffset}`);
  if (type !== NumberRun && type !== TextCell && type !== RowLine) return put(list, item);
  list ??= [];
  if (type === TextCell) {
    list.push(...textCellTokens(item));
    return list;
  }
  if (type === RowLine) {
    list.push(...rowLineTokens(item, text));
    return list;
  }
  const into = list;
  const base = item.startOffset;
  const image = item.image;
  numberRunCells(image, (start, end, dash) => {
    const type = dash ? Dash : NumberLit;
    into.push({ image: image.slice(start, end), startOffset: base + start, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type });
  });
  return list;
}

function put<T>(list: T[] | undefined, item: T | undefined): T[] | undefined {
  // A rule that failed and was recovered returns nothing: leave it out.
  if (item === undefined) return list;
  if (list) list.push(item);
  else list = [item];
  return list;
}

/**
 * An embedded-actions parser rather than a CstParser, measured (bench/README.md): with
 * Chevrotain building the CST, every token consumed costs a CST update (a dictionary
 * lookup and an array push), and the whole CST lives until the tree builder has read it;
 * in a 100,000-row table that was the largest part of parsing and ~40 MB of heap. The
 * rules below are the same grammar, in the same DSL calls, so the grammar (and the
 * generated ./cst.d.ts) is unchanged; each rule returns its node, built in plain objects,
 * and each row becomes a syntax-tree row as soon as its line is read.
 */
export class NoticeParser extends EmbeddedActionsParser {
  /** Builds the rows; set for the duration of one parse. */
  rowBuilder: RowBuilder | undefined;
  /** The text being parsed; set for the duration of one parse. */
  text = '';

  constructor() {
    super(allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      errorMessageProvider: chineseMessages,
    });
    this.performSelfAnalysis();
  }

  public document = this.RULE('document', (): DocumentCstNode => {
    const c: DocumentCstChildren = {};
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => void (c.noticeBlock = put(c.noticeBlock, this.SUBRULE(this.noticeBlock))) },
          { ALT: () => void (c.allocationBlock = put(c.allocationBlock, this.SUBRULE(this.allocationBlock))) },
          { ALT: () => void (c.kpiBlock = put(c.kpiBlock, this.SUBRULE(this.kpiBlock))) },
          { ALT: () => void (c.line = put(c.line, this.SUBRULE(this.line))) },
          { ALT: () => void (c.indented = put(c.indented, this.SUBRULE(this.indented))) },
        ],
      });
    });
    return { name: 'document', children: c };
  });

  /** `通知 文号` and its fields and body. */
  public noticeBlock = this.RULE('noticeBlock', (): NoticeBlockCstNode => {
    const notice = this.CONSUME(Notice);
    let inline: IToken[] | undefined;
    this.MANY(() => void (inline = putInline(inline, this.CONSUME(Inline), this.text)));
    const c: NoticeBlockCstChildren = { Notice: [notice], Newline: [this.CONSUME(Newline)] };
    if (inline) c.Inline = inline;
    this.OPTION(() => {
      c.Indent = [this.CONSUME(Indent)];
      this.MANY2(() => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: () => void (c.bodyBlock = put(c.bodyBlock, this.SUBRULE(this.bodyBlock))) },
            { ALT: () => void (c.field = put(c.field, this.SUBRULE(this.field))) },
            { ALT: () => void (c.line = put(c.line, this.SUBRULE(this.line))) },
          ],
        });
      });
      c.Dedent = [this.CONSUME(Dedent)];
    });
    return { name: 'noticeBlock', children: c };
  });

  /** `正文` and its paragraphs, one per line. */
  public bodyBlock = this.RULE('bodyBlock', (): BodyBlockCstNode => {
    const body = this.CONSUME(Body);
    let inline: IToken[] | undefined;
    this.MANY(() => void (inline = putInline(inline, this.CONSUME(Inline), this.text)));
    const c: BodyBlockCstChildren = { Body: [body], Newline: [this.CONSUME(Newline)] };
    if (inline) c.Inline = inline;
    this.OPTION(() => void (c.nested = put(c.nested, this.SUBRULE(this.nested))));
    return { name: 'bodyBlock', children: c };
  });

  /** `附件N 分配表：标题` with fields, columns and rows. */
  public allocationBlock = this.RULE('allocationBlock', (): AllocationBlockNode => {
    let attachment: IToken | undefined;
    this.OPTION(() => void (attachment = this.CONSUME(Attachment)));
    const keyword = this.CONSUME(AllocationTable);
    let inline: IToken[] | undefined;
    this.MANY(() => void (inline = putInline(inline, this.CONSUME(Inline), this.text)));
    const c: AllocationBlockCstChildren = { AllocationTable: [keyword], Newline: [this.CONSUME(Newline)] };
    if (attachment) c.Attachment = [attachment];
    if (inline) c.Inline = inline;
    const rows: number[] = [];
    this.OPTION2(() => {
      c.Indent = [this.CONSUME(Indent)];
      this.MANY2(() => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: () => void (c.columnGroup = put(c.columnGroup, this.SUBRULE(this.columnGroup))) },
            { ALT: () => void (c.column = put(c.column, this.SUBRULE(this.column))) },
            { ALT: () => void (c.field = put(c.field, this.SUBRULE(this.field))) },
            { ALT: () => void put(rows, this.SUBRULE(this.row)) },
            { ALT: () => void (c.line = put(c.line, this.SUBRULE(this.line))) },
          ],
        });
      });
      c.Dedent = [this.CONSUME(Dedent)];
    });
    return { name: 'allocationBlock', children: c, rows };
  });

  public columnGroup = this.RULE('columnGroup', (): ColumnGroupCstNode => {
    const keyword = this.CONSUME(ColumnGroup);
    let inline: IToken[] | undefined;
    this.MANY(() => void (inline = putInline(inline, this.CONSUME(Inline), this.text)));
    const c: ColumnGroupCstChildren = { ColumnGroup: [keyword], Newline: [this.CONSUME(Newline)] };
    if (inline) c.Inline = inline;
    this.OPTION(() => {
      c.Indent = [this.CONSUME(Indent)];
      this.MANY2(() => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: () => void (c.column = put(c.column, this.SUBRULE(this.column))) },
            { ALT: () => void (c.line = put(c.line, this.SUBRULE(this.line))) },
          ],
        });
      });
      c.Dedent = [this.CONSUME(Dedent)];
    });
    return { name: 'columnGroup', children: c };
  });

  /** `栏 ID：标题 [= 公式] [来源：中央]`; the line is split by the tree builder. */
  public column = this.RULE('column', (): ColumnCstNode => {
    const keyword = this.CONSUME(Column);
    let inline: IToken[] | undefined;
    this.MANY(() => void (inline = putInline(inline, this.CONSUME(Inline), this.text)));
    const c: ColumnCstChildren = { Column: [keyword], Newline: [this.CONSUME(Newline)] };
    if (inline) c.Inline = inline;
    this.OPTION(() => void (c.nested = put(c.nested, this.SUBRULE(this.nested))));
    return { name: 'column', children: c };
  });

  /** A table row: name, text cells, numeric cells; indented rows under it are its parts. */
  public row = this.RULE('row', (): number => {
    // Rows are most of a large document, so this rule allocates nothing of its own: its
    // pieces are made once (below) and its line's tokens go to one reused array. The row is
    // built as soon as its line is read (before its parts, which reuse the array), and its
    // parts are added to it as they are read.
    this.breakdownToken = undefined;
    this.lineCount = 0;
    this.OPTION(this.rowBreakdown);
    this.MANY(this.rowToken);
    this.CONSUME(Newline);
    const row = this.ACTION(this.rowLine);
    this.openRows.push(row);
    try {
      this.OPTION2(this.rowParts);
    } finally {
      this.openRows.pop();
    }
    return row;
  });

  /** Setting `input` resets the parser; drop the row state too (Chevrotain's advice for parser state). */
  override reset(): void {
    super.reset();
    // Chevrotain resets once from its own constructor, before these fields exist.
    if (this.lineTokens === undefined) return;
    this.lineTokens.length = 0;
    this.lineCount = 0;
    this.openRows.length = 0;
    this.breakdownToken = undefined;
  }

  /** The tokens of the row line being read: `lineTokens[0, lineCount)` (never shrunk). */
  private readonly lineTokens: IToken[] = [];
  private lineCount = 0;
  private breakdownToken: IToken | undefined;
  /** The rows whose parts are being read, innermost last. */
  private readonly openRows: number[] = [];

  private readonly rowBreakdown = (): void => {
    this.breakdownToken = this.CONSUME(Breakdown);
  };

  private readonly rowToken = (): void => {
    this.lineTokens[this.lineCount++] = this.CONSUME(Inline);
  };

  private readonly rowLine = (): number => this.rowBuilder!.row(this.breakdownToken, this.lineTokens, this.lineCount);

  private readonly rowParts = (): void => {
    this.CONSUME(Indent);
    this.MANY2(this.rowPart);
    this.CONSUME(Dedent);
  };

  private readonly rowPart = (): void => {
    const part = this.SUBRULE(this.row);
    if (part !== undefined && !this.RECORDING_PHASE) this.rowBuilder!.addPart(this.openRows[this.openRows.length - 1]!, part);
  };

  /** `附件N 绩效目标表：标题` with header fields and the indicator levels. */
  public kpiBlock = this.RULE('kpiBlock', (): KpiBlockCstNode => {
    let attachment: IToken | undefined;
    this.OPTION(() => void (attachment = this.CONSUME(Attachment)));
    const keyword = this.CONSUME(KpiTable);
    let inline: IToken[] | undefined;
    this.MANY(() => void (inline = putInline(inline, this.CONSUME(Inline), this.text)));
    const c: KpiBlockCstChildren = { KpiTable: [keyword], Newline: [this.CONSUME(Newline)] };
    if (attachment) c.Attachment = [attachment];
    if (inline) c.Inline = inline;
    this.OPTION2(() => void (c.kpiItems = put(c.kpiItems, this.SUBRULE(this.kpiItems))));
    return { name: 'kpiBlock', children: c };
  });

  public kpiItems = this.RULE('kpiItems', (): KpiItemsCstNode => {
    const indent = this.CONSUME(Indent);
    const c = { Indent: [indent] } as KpiItemsCstChildren;
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => void (c.field = put(c.field, this.SUBRULE(this.field))) },
          { ALT: () => void (c.kpiGroup = put(c.kpiGroup, this.SUBRULE(this.kpiGroup))) },
          { ALT: () => void (c.line = put(c.line, this.SUBRULE(this.line))) },
        ],
      });
    });
    c.Dedent = [this.CONSUME(Dedent)];
    return { name: 'kpiItems', children: c };
  });

  /** A 一级 or 二级 指标 name, with the levels below it. */
  public kpiGroup = this.RULE('kpiGroup', (): KpiGroupCstNode => {
    const text = this.CONSUME(Text);
    const c: KpiGroupCstChildren = { Text: [text], Newline: [this.CONSUME(Newline)] };
    this.OPTION(() => void (c.kpiItems = put(c.kpiItems, this.SUBRULE(this.kpiItems))));
    return { name: 'kpiGroup', children: c };
  });

  /** `键：值`, the value possibly going on in deeper-indented lines. */
  public field = this.RULE('field', (): FieldCstNode => {
    const key = this.CONSUME(Text);
    const colon = this.CONSUME(Colon);
    let inline: IToken[] | undefined;
    this.MANY(() => void (inline = putInline(inline, this.CONSUME(Inline), this.text)));
    const c: FieldCstChildren = { Text: [key], Colon: [colon], Newline: [this.CONSUME(Newline)] };
    if (inline) c.Inline = inline;
    this.OPTION(() => void (c.nested = put(c.nested, this.SUBRULE(this.nested))));
    return { name: 'field', children: c };
  });

  /** Any line, with whatever is indented under it: the catch-all that loses nothing. */
  public line = this.RULE('line', (): LineCstNode => {
    const inline: IToken[] = [];
    this.AT_LEAST_ONE(() => void putInline(inline, this.CONSUME(Inline), this.text));
    const c: LineCstChildren = { Inline: inline, Newline: [this.CONSUME(Newline)] };
    this.OPTION(() => void (c.nested = put(c.nested, this.SUBRULE(this.nested))));
    return { name: 'line', children: c };
  });

  /** Lines indented under a line, read as lines. */
  public nested = this.RULE('nested', (): NestedCstNode => {
    const indent = this.CONSUME(Indent);
    const c = { Indent: [indent] } as NestedCstChildren;
    this.MANY(() => {
      this.OR([
        { ALT: () => void (c.line = put(c.line, this.SUBRULE(this.line))) },
        { ALT: () => void (c.nested = put(c.nested, this.SUBRULE2(this.nested))) },
      ]);
    });
    c.Dedent = [this.CONSUME(Dedent)];
    return { name: 'nested', children: c };
  });

  /** Indented lines where no block opened them (e.g. at the top of the file). */
  public indented = this.RULE('indented', (): IndentedCstNode => {
    const nested = this.SUBRULE(this.nested);
    return { name: 'indented', children: { nested: nested === undefined ? [] : [nested] } };
  });
}

/** Token types the tree builder tests against. */
export const tokenTypes = { Attachment, Breakdown, Colon, Text };

let instance: NoticeParser | undefined;

/** The one parser instance (Chevrotain parsers are costly to build and cheap to reuse). */
export function noticeParser(): NoticeParser {
  instance ??= new NoticeParser();
  return instance;
}
