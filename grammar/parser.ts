/**
 * The parser: the block and line structure of the language.
 *
 * Lines are read permissively (`Inline*` up to the line end): the CST-to-syntax-tree step
 * (./build.ts) reads each line's tokens and reports what is wrong with a precise Chinese
 * message and range. The parser's own job is the structure (which block, which field,
 * which row under which), and every list of lines ends in a catch-all `line` alternative,
 * so whatever the text, every token lands in some node and nothing is lost. Chevrotain's
 * error recovery stays on as a safety net.
 *
 * One instance is built once (`noticeParser`) and reused by setting `input`.
 */
import { CstParser, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import {
  AllocationTable,
  Attachment,
  Body,
  Breakdown,
  Colon,
  Column,
  ColumnGroup,
  Dedent,
  Indent,
  Inline,
  KpiTable,
  Newline,
  Notice,
  Text,
  allTokens,
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

export class NoticeParser extends CstParser {
  constructor() {
    super(allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: 'onlyOffset',
      errorMessageProvider: chineseMessages,
    });
    this.performSelfAnalysis();
  }

  public document = this.RULE('document', () => {
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => this.SUBRULE(this.noticeBlock) },
          { ALT: () => this.SUBRULE(this.allocationBlock) },
          { ALT: () => this.SUBRULE(this.kpiBlock) },
          { ALT: () => this.SUBRULE(this.line) },
          { ALT: () => this.SUBRULE(this.indented) },
        ],
      });
    });
  });

  /** `通知 文号` and its fields and body. */
  public noticeBlock = this.RULE('noticeBlock', () => {
    this.CONSUME(Notice);
    this.MANY(() => this.CONSUME(Inline));
    this.CONSUME(Newline);
    this.OPTION(() => {
      this.CONSUME(Indent);
      this.MANY2(() => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: () => this.SUBRULE(this.bodyBlock) },
            { ALT: () => this.SUBRULE(this.field) },
            { ALT: () => this.SUBRULE(this.line) },
          ],
        });
      });
      this.CONSUME(Dedent);
    });
  });

  /** `正文` and its paragraphs, one per line. */
  public bodyBlock = this.RULE('bodyBlock', () => {
    this.CONSUME(Body);
    this.MANY(() => this.CONSUME(Inline));
    this.CONSUME(Newline);
    this.OPTION(() => this.SUBRULE(this.nested));
  });

  /** `附件N 分配表：标题` with fields, columns and rows. */
  public allocationBlock = this.RULE('allocationBlock', () => {
    this.OPTION(() => this.CONSUME(Attachment));
    this.CONSUME(AllocationTable);
    this.MANY(() => this.CONSUME(Inline));
    this.CONSUME(Newline);
    this.OPTION2(() => {
      this.CONSUME(Indent);
      this.MANY2(() => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: () => this.SUBRULE(this.columnGroup) },
            { ALT: () => this.SUBRULE(this.column) },
            { ALT: () => this.SUBRULE(this.field) },
            { ALT: () => this.SUBRULE(this.row) },
            { ALT: () => this.SUBRULE(this.line) },
          ],
        });
      });
      this.CONSUME(Dedent);
    });
  });

  public columnGroup = this.RULE('columnGroup', () => {
    this.CONSUME(ColumnGroup);
    this.MANY(() => this.CONSUME(Inline));
    this.CONSUME(Newline);
    this.OPTION(() => {
      this.CONSUME(Indent);
      this.MANY2(() => {
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [{ ALT: () => this.SUBRULE(this.column) }, { ALT: () => this.SUBRULE(this.line) }],
        });
      });
      this.CONSUME(Dedent);
    });
  });

  /** `栏 ID：标题 [= 公式] [来源：中央]`; the line is split by the tree builder. */
  public column = this.RULE('column', () => {
    this.CONSUME(Column);
    this.MANY(() => this.CONSUME(Inline));
    this.CONSUME(Newline);
    this.OPTION(() => this.SUBRULE(this.nested));
  });

  /** A table row: name, text cells, numeric cells; indented rows under it are its parts. */
  public row = this.RULE('row', () => {
    this.OPTION(() => this.CONSUME(Breakdown));
    this.MANY(() => this.CONSUME(Inline));
    this.CONSUME(Newline);
    this.OPTION2(() => {
      this.CONSUME(Indent);
      this.MANY2(() => this.SUBRULE(this.row));
      this.CONSUME(Dedent);
    });
  });

  /** `附件N 绩效目标表：标题` with header fields and the indicator levels. */
  public kpiBlock = this.RULE('kpiBlock', () => {
    this.OPTION(() => this.CONSUME(Attachment));
    this.CONSUME(KpiTable);
    this.MANY(() => this.CONSUME(Inline));
    this.CONSUME(Newline);
    this.OPTION2(() => this.SUBRULE(this.kpiItems));
  });

  public kpiItems = this.RULE('kpiItems', () => {
    this.CONSUME(Indent);
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => this.SUBRULE(this.field) },
          { ALT: () => this.SUBRULE(this.kpiGroup) },
          { ALT: () => this.SUBRULE(this.line) },
        ],
      });
    });
    this.CONSUME(Dedent);
  });

  /** A 一级 or 二级 指标 name, with the levels below it. */
  public kpiGroup = this.RULE('kpiGroup', () => {
    this.CONSUME(Text);
    this.CONSUME(Newline);
    this.OPTION(() => this.SUBRULE(this.kpiItems));
  });

  /** `键：值`, the value possibly going on in deeper-indented lines. */
  public field = this.RULE('field', () => {
    this.CONSUME(Text);
    this.CONSUME(Colon);
    this.MANY(() => this.CONSUME(Inline));
    this.CONSUME(Newline);
    this.OPTION(() => this.SUBRULE(this.nested));
  });

  /** Any line, with whatever is indented under it: the catch-all that loses nothing. */
  public line = this.RULE('line', () => {
    this.AT_LEAST_ONE(() => this.CONSUME(Inline));
    this.CONSUME(Newline);
    this.OPTION(() => this.SUBRULE(this.nested));
  });

  /** Lines indented under a line, read as lines. */
  public nested = this.RULE('nested', () => {
    this.CONSUME(Indent);
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.line) }, { ALT: () => this.SUBRULE2(this.nested) }]);
    });
    this.CONSUME(Dedent);
  });

  /** Indented lines where no block opened them (e.g. at the top of the file). */
  public indented = this.RULE('indented', () => {
    this.SUBRULE(this.nested);
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
