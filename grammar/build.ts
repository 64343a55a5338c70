/**
 * The readers of the line forms: each reads what a line of its form says into the nodes of
 * ./ast.ts, from the line's tokens (./scan.ts), and reports in Chinese, with the exact range,
 * what the line should have been when it is not. Rows are read while the parser reads them
 * (`row`, called by ./parser.ts), into the row store (./rows.ts); the rest from the line groups
 * the parser returns (`document`).
 *
 * Defensive by design: a group may come from Chevrotain's error recovery (missing parts), so
 * every access allows for absence, and nothing here throws.
 */
import type {
  AllocationNode,
  BlockNode,
  BodyNode,
  ColumnGroupNode,
  ColumnNode,
  FieldNode,
  KpiGroupNode,
  KpiNode,
  NoteNode,
  NoticeNode,
  SyntaxProblem,
  Word,
} from './ast.js';
import { Kind } from './keywords.js';
import { isNumber, numberEnd } from './number.js';
import type { LineToken } from './layout.js';
import type { AllocationLines, ColumnGroupLines, ColumnLines, DocumentItem, KpiFieldLines, KpiGroupLines, KpiItemLines, KpiLines, LineGroup, NoticeLines, RowSink } from './parser.js';
import { RowStore, nameHashIn } from './rows.js';
import type { TextTokens } from './scan.js';
import { NoteLine } from './tokens.js';

const TEXT_COLUMN_MARK = /[（(]文字[)）]\s*$/;

/** The attributes a column line may end with, and what is said when one has no value. */
const COLUMN_ATTRIBUTES: ReadonlyMap<string, string> = new Map([
  ['来源', '“来源：”后缺少资金来源（如“中央”“省级”）'],
  ['单位', '“单位：”后缺少单位（如“元/人”“%”“人”）'],
]);

/** A token of a line, for the readers of the few lines that are not table rows. */
interface Tok {
  readonly kind: Kind;
  readonly image: string;
  readonly start: number;
  readonly end: number;
}

export class TreeBuilder implements RowSink {
  /** Every row of the text (./rows.ts). */
  readonly rows: RowStore;

  /** `lines`: how many lines with content the text has (to size the row store). */
  constructor(
    private readonly text: string,
    private readonly problems: SyntaxProblem[],
    private readonly words: TextTokens,
    lines: number,
  ) {
    this.rows = new RowStore(text, lines + 16, words.cells + 16, words.brackets + 16);
  }

  document(items: readonly DocumentItem[]): BlockNode[] {
    this.checkNameless();
    this.markGroups();
    const blocks: BlockNode[] = [];
    for (const item of items) {
      switch (item.kind) {
        case 'notice':
          blocks.push(this.notice(item));
          break;
        case 'allocation':
          blocks.push(this.allocation(item));
          break;
        case 'kpi':
          blocks.push(this.kpi(item));
          break;
        case 'line':
          this.strayTopLine(item.group);
          break;
        case 'indented': {
          const first = item.lines[0];
          const last = item.lines[item.lines.length - 1];
          if (first && last) {
            this.problem(first.startOffset, last.endOffset, '这几行缩进了，却不在任何块之下：顶层的“通知”“分配表”“绩效目标表”应从行首写起');
          }
        }
      }
    }
    return blocks;
  }

  // ---- blocks ----

  private notice(lines: NoticeLines): NoticeNode {
    const tokens = this.tokens(lines.head);
    const keyword = word(tokens[0]!);
    const rest = tokens.slice(1);
    const docNumber = rest.length > 0 ? this.slice(rest) : undefined;
    const fields = lines.fields.map((f) => this.field(f));
    let body: BodyNode | undefined;
    for (const b of lines.bodies) {
      const node = this.body(b);
      if (body === undefined) body = node;
      else this.problem(node.keyword.start, node.keyword.end, `一个${keyword.text}只能有一个“正文”：请把段落合并到前面的“正文”下`);
    }
    for (const l of lines.lines) this.strayFieldLine(l, keyword.text);
    return {
      kind: 'notice',
      start: keyword.start,
      end: Math.max(lines.end, keyword.end),
      keyword,
      ...(docNumber ? { docNumber } : {}),
      fields,
      ...(body ? { body } : {}),
    };
  }

  private body(group: LineGroup): BodyNode {
    const tokens = this.tokens(group.line);
    const keyword = word(tokens[0]!);
    const paragraphs: Word[] = [];
    const inline = tokens.slice(1);
    if (inline.length > 0) {
      // `正文：第一段` is accepted: the text after the colon is the first paragraph.
      const rest = inline[0]!.kind === Kind.Colon ? inline.slice(1) : inline;
      if (rest.length > 0) paragraphs.push(this.slice(rest));
    }
    for (const l of group.nested) paragraphs.push(this.lineWord(l));
    return { kind: 'body', start: keyword.start, end: Math.max(lastEnd(group), keyword.end), keyword, paragraphs };
  }

  private header(inline: readonly Tok[], keyword: Word, what: string): Word {
    if (inline.length === 0 || inline[0]!.kind !== Kind.Colon) {
      const at = inline[0];
      this.problem(at ? at.start : keyword.end, at ? at.end : keyword.end, `期望“${what}：标题”中的冒号“：”，实际是${at ? `“${at.image}”` : '行尾'}`);
    }
    const titleTokens = inline.length > 0 && inline[0]!.kind === Kind.Colon ? inline.slice(1) : inline;
    if (titleTokens.length === 0) {
      this.problem(keyword.start, keyword.end, `${what}缺少标题：期望“${what}：标题”`);
      return { text: '', start: keyword.end, end: keyword.end };
    }
    return this.slice(titleTokens);
  }

  /** A table's head line: its label (`附件1`), its keyword and the rest of the line. */
  private head(line: LineToken): { label: Word | undefined; keyword: Word; inline: Tok[] } {
    const tokens = this.tokens(line);
    const labelled = tokens[0]!.kind === Kind.Attachment;
    return { label: labelled ? word(tokens[0]!) : undefined, keyword: word(tokens[labelled ? 1 : 0]!), inline: tokens.slice(labelled ? 2 : 1) };
  }

  private allocation(lines: AllocationLines): AllocationNode {
    const { label, keyword, inline } = this.head(lines.head);
    const title = this.header(inline, keyword, '分配表');
    const fields: FieldNode[] = [];
    const notes: NoteNode[] = [];
    for (const f of lines.fields) {
      if (f.line.tokenType === NoteLine) notes.push(noteOf(this.field(f)));
      else fields.push(this.field(f));
    }
    this.notesUnderRowsOf(lines.end, notes);
    const columns: ColumnNode[] = [];
    const groups: ColumnGroupNode[] = [];
    this.rowsUnderColumns.length = 0;
    this.columnsOf(lines.columns, [], columns, groups);
    // Rows indented under a column line (their 合计 line deleted) are the table's rows too.
    const numbers = this.rowsUnderColumns.length > 0 ? [...this.rowsUnderColumns, ...lines.rows].sort((a, b) => this.rows.start(a) - this.rows.start(b)) : lines.rows;
    const rows = numbers.map((r) => this.rows.view(r));
    return {
      kind: 'allocation',
      start: label?.start ?? keyword.start,
      end: Math.max(lines.end, title.end),
      ...(label ? { label } : {}),
      keyword,
      title,
      fields,
      columns,
      groups,
      rows,
      notes,
    };
  }

  /** The columns and groups of a table or a group, read into `columns` and `groups` in source order. */
  private columnsOf(items: readonly (LineGroup | ColumnGroupLines)[], path: readonly ColumnGroupNode[], columns: ColumnNode[], groups: ColumnGroupNode[]): void {
    for (const item of items) {
      if ('line' in item) {
        const col = this.column(item, path);
        if (col) columns.push(col);
      } else {
        this.columnGroup(item, path, columns, groups);
      }
    }
  }

  /**
   * The notes written under a row of the table that ends at `end` (the parser hands them over as
   * it reads the rows, in source order): each is reported where it is and kept as the table's
   * note, in source order among `notes`.
   */
  private notesUnderRowsOf(end: number, notes: NoteNode[]): void {
    const under = this.notesUnderRows;
    if (this.nextNoteUnderRow >= under.length) return;
    for (; this.nextNoteUnderRow < under.length; this.nextNoteUnderRow++) {
      const { parent, lines } = under[this.nextNoteUnderRow]!;
      if (lines.line.startOffset > end) break;
      const name = this.rows.nameText(parent).trim();
      notes.push(this.misplacedNote(this.field(lines), '表的字段（如“单位：”）', '各行', `行${name ? `“${name}”` : ''}`, '行'));
    }
    notes.sort((a, b) => a.start - b.start);
  }

  /**
   * A note written where no note can be, under `under` (a row, a 一级指标): reported on its first
   * line, saying where it belongs, and kept as the table's note (`not`: what it is not read as).
   */
  private misplacedNote(field: FieldNode, level: string, after: string, under: string, not: string): NoteNode {
    const note = noteOf(field);
    this.problems.push({
      code: 'indentation',
      start: field.key.start,
      end: field.value.end,
      message: `期望表的注“${note.key.text}：…”与${level}同样缩进，写在${after}之后；实际缩进在${under}之下。已按表的注读入，不作为${not}`,
    });
    return note;
  }

  /** Notes the parser found under rows (`noteUnderRow`), in source order, and how many of them a table took. */
  private readonly notesUnderRows: { parent: number; lines: LineGroup }[] = [];
  private nextNoteUnderRow = 0;

  noteUnderRow(parent: number, note: LineGroup): void {
    this.notesUnderRows.push({ parent, lines: note });
  }

  /** `栏组 标题`, with the columns and groups indented under it (`path`: the groups it sits in). */
  private columnGroup(lines: ColumnGroupLines, path: readonly ColumnGroupNode[], columns: ColumnNode[], groups: ColumnGroupNode[]): void {
    const tokens = this.tokens(lines.head);
    const keyword = word(tokens[0]!);
    const inline = tokens.slice(1);
    let title: Word;
    if (inline.length === 0) {
      this.problem(keyword.start, keyword.end, '栏组缺少标题：期望“栏组 标题”，其下缩进写各栏');
      title = { text: '', start: keyword.end, end: keyword.end };
    } else {
      title = this.slice(inline[0]!.kind === Kind.Colon ? inline.slice(1) : inline);
    }
    const group: ColumnGroupNode = { kind: 'columnGroup', start: keyword.start, end: Math.max(lines.end, title.end), keyword, title, depth: path.length };
    groups.push(group);
    this.columnsOf(lines.columns, [...path, group], columns, groups);
    for (const l of lines.lines) {
      const w = this.lineWord(l.line);
      this.problem(w.start, w.end, `栏组下只能写“栏 编号：标题”或“栏组 标题”，实际是“${clip(w.text)}”`);
    }
    if (lines.columns.length === 0) this.problem(keyword.start, title.end, '栏组下没有栏：请在其下缩进写“栏 编号：标题”或“栏组 标题”');
  }

  /** Rows the parser found indented under the column lines of the table being read (`ColumnLines.rows`). */
  private readonly rowsUnderColumns: number[] = [];

  /** `栏 ID：标题 [= 公式] [来源：中央] [单位：元/人]`, or a text column `栏 ID：标题（文字）`. */
  private column(lines: LineGroup, groups: readonly ColumnGroupNode[]): ColumnNode | undefined {
    const tokens = this.tokens(lines.line);
    const keyword = word(tokens[0]!);
    const inline = tokens.slice(1);
    this.noNested(lines.nested, '栏');
    const under = 'rows' in lines ? (lines as ColumnLines).rows : [];
    if (under.length > 0) {
      // Reported once, where it starts: the rows are read as the table's, and checked.
      const first = this.rows.name(under[0]!);
      const start = this.rows.start(under[0]!);
      this.problems.push({
        code: 'indentation',
        start,
        end: Math.max(first.end, start),
        message: `从“${clip(first.text)}”起的各行缩进在“栏”行之下：表的各行应与表的字段（如“单位：”）同样缩进、写在各栏之后，上面可能缺少一行合计；已按表的行读入并核对`,
      });
      for (const r of under) this.rowsUnderColumns.push(r);
    }
    const end = inline.length > 0 ? inline[inline.length - 1]!.end : keyword.end;
    const colonAt = inline.findIndex((t) => t.kind === Kind.Colon);
    if (colonAt !== 1 || inline[0]!.kind !== Kind.Text) {
      const found = inline.length === 0 ? '行尾' : `“${clip(this.text.slice(inline[0]!.start, end))}”`;
      this.problem(keyword.start, end, `期望“栏 编号：标题”（如“栏 本次：此次下达资金”），实际是${found}`);
      return undefined;
    }
    const id = word(inline[0]!);
    if (/^\d+$/.test(id.text)) {
      this.problem(id.start, id.end, `栏编号不能是纯数字“${id.text}”：数字表示栏次，请用文字作编号（如“本次”）`);
    }
    const rest = inline.slice(2);
    // The attributes at the end of the line (`来源：中央`, `单位：元/人`), in any order, each
    // at most once: read from the end, so a title may hold the same words earlier on.
    const attributes = new Map<string, Word>();
    let mainEnd = rest.length;
    for (let i = rest.length - 2; i >= 0; i--) {
      const key = rest[i]!;
      if (key.kind !== Kind.Text || !COLUMN_ATTRIBUTES.has(key.image) || rest[i + 1]!.kind !== Kind.Colon) continue;
      if (attributes.has(key.image)) break;
      const value = rest.slice(i + 2, mainEnd);
      if (value.length === 0) this.problem(key.start, rest[i + 1]!.end, COLUMN_ATTRIBUTES.get(key.image)!);
      attributes.set(key.image, value.length > 0 ? this.slice(value) : { text: '', start: rest[i + 1]!.end, end: rest[i + 1]!.end });
      mainEnd = i;
    }
    const main = rest.slice(0, mainEnd);
    const source = attributes.get('来源')?.text ? attributes.get('来源') : undefined;
    const unit = attributes.get('单位')?.text ? attributes.get('单位') : undefined;
    const eq = main.findIndex((t) => t.kind === Kind.Equals);
    const titleTokens = eq >= 0 ? main.slice(0, eq) : main;
    let formula: Word | undefined;
    if (eq >= 0) {
      const f = main.slice(eq + 1);
      if (f.length === 0) this.problem(main[eq]!.start, main[eq]!.end, '等号“=”后缺少公式（如“= 全年 - 已下达”）');
      else formula = this.slice(f);
    }
    let title: Word;
    if (titleTokens.length === 0) {
      this.problem(id.start, inline[1]!.end, `栏“${id.text}”缺少标题`);
      title = { text: '', start: inline[1]!.end, end: inline[1]!.end };
    } else {
      title = this.slice(titleTokens);
    }
    let isText = false;
    const mark = TEXT_COLUMN_MARK.exec(title.text);
    if (mark) {
      isText = true;
      const text = title.text.slice(0, mark.index).trimEnd();
      title = { text, start: title.start, end: title.start + text.length };
      if (formula) this.problem(formula.start, formula.end, '文字栏不能有公式');
      if (unit) this.problem(unit.start, unit.end, '文字栏没有单位：“单位：”只写在数字栏上');
    }
    return {
      kind: 'column',
      start: keyword.start,
      end,
      id,
      title,
      ...(formula ? { formula } : {}),
      ...(source ? { source } : {}),
      ...(unit ? { unit } : {}),
      isText,
      ...(groups.length > 0 ? { group: groups[groups.length - 1]!.title } : {}),
      groups,
    };
  }

  /**
   * A row: `[其中[：]] 名称 [文字]… 数…`. Called by the parser as soon as the row's line is read;
   * the parts indented under it are added to it as the parser reads them. Returns its number
   * in the row store (its view is made when asked for: ./rows.ts). Once per row (10⁵ in
   * national tables): it reads the line's tokens from the parse's buffer, and makes no object.
   */
  row(line: LineToken): number {
    const text = this.text;
    const t = this.words;
    const first = line.from;
    const n = line.to;
    const kind = t.kind;
    const starts = t.start;
    const ends = t.end;
    let broken = false;
    let nameless = false;
    const breakdown = kind[first] === Kind.Breakdown;
    let i = breakdown ? first + 1 : first;
    if (breakdown && n > first + 1 && kind[first + 1] === Kind.Colon) i = first + 2;
    // The name runs up to the first cell (a bracket, a number or a dash).
    const firstName = i;
    while (i < n && !isCellStart(kind[i]!)) i++;
    let nameStart: number;
    let nameEnd: number;
    if (i === firstName) {
      const at = i < n ? i : breakdown ? first : -1;
      const start = at >= 0 ? starts[at]! : 0;
      nameStart = nameEnd = start;
      if (i === first && (kind[i] === Kind.Number || kind[i] === Kind.Dash)) {
        // Numbers with no name: a total row whose name cell is blank, as notices print one,
        // when rows are indented under it (`document` looks once every row is read).
        nameless = true;
      } else {
        this.problem(start, at >= 0 ? ends[at]! : start, '行缺少名称：期望“名称 数字 数字 …”');
        broken = true;
      }
    } else {
      nameStart = starts[firstName]!;
      nameEnd = ends[i - 1]!;
      for (let k = firstName; k < i; k++) {
        // Numbers typed in full-width digits (`１５０`, from a Chinese input method) are read as
        // words: each is named, with the half-width number as its fix, and the name ends before
        // the first of them.
        if (k > firstName && startsFullWidthNumber(text, starts[k]!)) {
          const image = text.slice(starts[k]!, ends[k]!);
          const half = halfWidth(image);
          if (isNumber(half, 0, half.length)) {
            if (!broken) nameEnd = ends[k - 1]!;
            this.problems.push({
              code: 'syntax',
              start: starts[k]!,
              end: ends[k]!,
              message: `全角数字“${image}”：表中的数字应写半角“${half}”`,
              fix: { title: `改为半角“${half}”`, replacement: half },
            });
            broken = true;
            continue;
          }
        }
        if (!isNameLike(kind[k]!)) {
          this.problem(starts[k]!, ends[k]!, `行名称中不应有“${text.slice(starts[k]!, ends[k]!)}”`);
          broken = true;
          break;
        }
      }
    }
    const store = this.rows;
    const r = this.beginRow(breakdown, nameStart, nameEnd);
    // Text cells: `[文字]`, one or more words between the brackets, or none (`[ ]`).
    for (; i < n; i++) {
      if (kind[i] !== Kind.LBracket) break;
      let j = i + 1;
      while (j < n && kind[j] !== Kind.RBracket && kind[j] !== Kind.LBracket) j++;
      if (j >= n || kind[j] !== Kind.RBracket) {
        this.problem(starts[i]!, ends[j - 1]!, '文字格缺少右方括号“]”：期望“[文字]”');
        broken = true;
        i = j;
        break;
      }
      if (j > i + 1) store.textCell(starts[i + 1]!, ends[j - 1]!, false);
      else store.textCell(ends[i]!, starts[j]!, true);
      i = j;
    }
    // The cells, with the values the scanner read.
    for (; i < n; i++) {
      const k = kind[i]!;
      if (k === Kind.Number) {
        store.cell(starts[i]!, ends[i]!, false, t.coef[i]!, t.scale[i]!);
      } else if (k === Kind.Dash) {
        store.cell(starts[i]!, ends[i]!, true, 0, -1);
      } else {
        broken = true;
        const image = text.slice(starts[i]!, ends[i]!);
        let message: string;
        if (k === Kind.Amount) message = `表中的数字不带单位，期望“${image.replace(/[万亿]?元$/, '')}”，实际是“${image}”：单位由表的“单位：”统一给出`;
        else if (k === Kind.LBracket) message = '文字格“[…]”应写在行名称之后、数字之前';
        else if (isPercent(image)) message = `表中的数字不带“${image.slice(numberEnd(image, 0))}”，期望“${image.slice(0, numberEnd(image, 0))}”，实际是“${image}”：百分比栏在栏上写“单位：%”`;
        else message = `期望数字或“-”，实际是“${clip(image)}”`;
        // A number glued to text (`12x3`) or a stray word: keep reading the rest.
        this.problem(starts[i]!, ends[i]!, message);
      }
    }
    if (nameless) this.nameless.push(r);
    store.end(r, starts[first]!, ends[n - 1]!, broken, line.misplaced);
    // A name with no numbers: a group row when rows are under it (`document` looks once every
    // row is read), else a row whose cells are missing (`cell-count`).
    if (!broken && !store.breakdown(r) && nameEnd > nameStart && store.cellCountOf(r) === 0) this.cellless.push(r);
    return r;
  }

  /** Rows whose line has a name and no numbers: group rows when rows are under them. */
  private readonly cellless: number[] = [];

  /**
   * A row with a name, no numeric cells and at least one row under it that is not a `其中` row
   * is a group row (`RowNode.group`): a heading over its rows, as a 市州 printed as a merged cell
   * over its counties. Without such rows under it, it stays a row with its cells missing.
   */
  private markGroups(): void {
    const store = this.rows;
    for (const r of this.cellless) {
      for (let c = store.firstChildOf(r); c >= 0; c = store.nextSiblingOf(c)) {
        if (store.breakdown(c)) continue;
        store.setGroup(r);
        break;
      }
    }
  }

  /** Rows whose line has numbers but no name: totals when rows are under them, else a name is missing. */
  private readonly nameless: number[] = [];

  /** A row without a name and without parts is missing its name (its line's first cell is underlined). */
  private checkNameless(): void {
    const store = this.rows;
    for (const r of this.nameless) {
      if (store.firstChildOf(r) >= 0) continue;
      const c = store.cellsFrom(r);
      this.problem(store.cellStartOf(c), store.cellEndOf(c), '行缺少名称：期望“名称 数字 数字 …”');
      store.setBroken(r);
    }
  }

  /**
   * Starts the row named `[nameStart, nameEnd)` in the store; `其中` written before the name
   * without a space (`其中杭州市本级 115`, `其中：杭州市本级 115`) makes it a breakdown too.
   */
  private beginRow(breakdown: boolean, nameStart: number, nameEnd: number): number {
    const text = this.text;
    if (!breakdown && nameEnd - nameStart >= 2 && text.charCodeAt(nameStart) === 0x5176 /* 其 */ && text.charCodeAt(nameStart + 1) === 0x4e2d /* 中 */) {
      const colon = nameEnd - nameStart > 2 ? text.charCodeAt(nameStart + 2) : NaN;
      const prefix = colon === 58 /* : */ || colon === 0xff1a /* ： */ ? 3 : 2;
      if (nameEnd - nameStart > prefix) {
        breakdown = true;
        nameStart += prefix;
      }
    }
    return this.rows.begin(nameStart, nameEnd, breakdown, nameHashIn(this.words.codes, nameStart, nameEnd));
  }

  /** `part` is read as the last part of `parent` (both made by `row`). */
  addPart(parent: number, part: number): void {
    this.rows.addChild(parent, part);
  }

  private kpi(lines: KpiLines): KpiNode {
    const { label, keyword, inline } = this.head(lines.head);
    const title = this.header(inline, keyword, '绩效目标表');
    const orphans: (KpiGroupNode | FieldNode)[] = [];
    const notes: NoteNode[] = [];
    const items = this.kpiItems(lines.items, orphans, notes);
    notes.sort((a, b) => a.start - b.start);
    return {
      kind: 'kpi',
      start: label?.start ?? keyword.start,
      end: Math.max(lines.end, title.end),
      ...(label ? { label } : {}),
      keyword,
      title,
      fields: items.fields,
      groups: items.groups,
      orphans,
      notes,
    };
  }

  /**
   * `orphans` and `notes`: given at the table's own level, where a header field's lines may hold
   * levels whose 一级 is missing, and a `注：` line is the table's note (deeper, under a 二级, it
   * is an indicator named 注).
   */
  private kpiItems(
    lines: KpiItemLines | undefined,
    orphans?: (KpiGroupNode | FieldNode)[],
    notes?: NoteNode[],
    under?: { readonly notes: NoteNode[]; readonly level1: string },
  ): { fields: FieldNode[]; groups: KpiGroupNode[] } {
    if (!lines) return { fields: [], groups: [] };
    const fields: FieldNode[] = [];
    for (const f of lines.fields) {
      const field = this.kpiField(f, orphans);
      if (f.line.tokenType !== NoteLine) fields.push(field);
      else if (notes) notes.push(noteOf(field));
      // Under a 一级指标, where a 二级 name or nothing can be: a note indented one level too deep.
      else if (under) under.notes.push(this.misplacedNote(field, '表头字段（如“项目名称：”）', '各指标', `一级指标“${under.level1}”`, '指标'));
      else fields.push(field);
    }
    const groups = lines.groups.map((g) => this.kpiGroup(g, notes));
    for (const l of lines.lines) this.strayFieldLine(l, '绩效目标表');
    return { fields, groups };
  }

  /** `notes`: given for a 一级指标 (a group at the table's own level), where a note written under it goes. */
  private kpiGroup(lines: KpiGroupLines, notes?: NoteNode[]): KpiGroupNode {
    const name = this.lineWord(lines.name);
    const items = this.kpiItems(lines.items, undefined, undefined, notes && { notes, level1: name.text });
    return { kind: 'kpiGroup', start: name.start, end: Math.max(lines.end, name.end), name, indicators: items.fields, groups: items.groups };
  }

  /**
   * A field of a KPI table. The lines under it are its value going on, but where a header
   * field (`orphans` given) has under it a name with indicators (`名称：值`) under that, the
   * levels of the table begin there with their 一级 missing: from that line on, the lines are
   * levels (`KpiNode.orphans`), not text.
   */
  private kpiField(lines: KpiFieldLines, orphans?: (KpiGroupNode | FieldNode)[]): FieldNode {
    const items = lines.items ? kpiItemsInOrder(lines.items) : [];
    let cut = items.length;
    if (orphans) {
      const k = items.findIndex((it) => 'name' in it && (it.items?.fields.length ?? 0) > 0);
      if (k >= 0) cut = k;
    }
    const continuation: Word[] = [];
    for (let k = 0; k < cut; k++) for (const l of kpiLinesOf(items[k]!)) continuation.push(this.lineWord(l));
    for (let k = cut; k < items.length; k++) {
      const it = items[k]!;
      if ('name' in it) orphans!.push(this.kpiGroup(it));
      else if ('items' in it) orphans!.push(this.kpiField(it));
      else this.strayFieldLine(it, '绩效目标表');
    }
    return this.fieldNode(lines.line, continuation);
  }

  private field(lines: LineGroup): FieldNode {
    return this.fieldNode(lines.line, lines.nested.map((l) => this.lineWord(l)));
  }

  private fieldNode(line: LineToken, continuation: Word[]): FieldNode {
    const tokens = this.tokens(line);
    const key = word(tokens[0]!);
    const colon = tokens[1]!;
    const inline = tokens.slice(2);
    const value = inline.length > 0 ? this.slice(inline) : { text: '', start: colon.end, end: colon.end };
    const last = continuation[continuation.length - 1];
    return { kind: 'field', start: key.start, end: last ? last.end : value.end, key, value, continuation };
  }

  // ---- stray lines ----

  private strayTopLine(lines: LineGroup): void {
    const tokens = this.tokens(lines.line);
    const w = this.lineWord(lines.line);
    let message: string;
    if (tokens.some((t) => t.kind === Kind.AllocationTable || t.kind === Kind.KpiTable)) {
      message = `表头应写作“附件N 分配表：标题”或“附件N 绩效目标表：标题”，实际是“${clip(w.text)}”`;
    } else if (tokens[1]?.kind === Kind.Colon) {
      message = `“${tokens[0]!.image}：…”应缩进写在“通知”或表之下；顶层只能是“通知 文号”“附件N 分配表：标题”“附件N 绩效目标表：标题”`;
    } else {
      message = `无法识别的行：期望“通知 文号”“附件N 分配表：标题”或“附件N 绩效目标表：标题”，实际是“${clip(w.text)}”`;
    }
    this.problem(w.start, w.end, message);
  }

  private strayFieldLine(lines: LineGroup, where: string): void {
    const tokens = this.tokens(lines.line);
    const w = this.lineWord(lines.line);
    const first = tokens[0];
    let message: string;
    if (first && first.kind === Kind.Colon) message = `冒号前缺少键：期望“键：值”，实际是“${clip(w.text)}”`;
    else if (where === '绩效目标表') message = `期望“指标名称：指标值”、一级/二级指标名称或“键：值”，实际是“${clip(w.text)}”（缺少冒号“：”？）`;
    else message = `${where}中期望“键：值”，实际是“${clip(w.text)}”（缺少冒号“：”？）`;
    this.problem(w.start, w.end, message);
  }

  private noNested(lines: readonly LineToken[], what: string): void {
    const first = lines[0];
    const last = lines[lines.length - 1];
    if (first && last) this.problem(first.startOffset, last.endOffset, `“${what}”行之下不应有缩进的内容`);
  }

  // ---- helpers ----

  /** The tokens of a line that is not a table row, as objects. */
  private tokens(line: LineToken): Tok[] {
    const t = this.words;
    const out: Tok[] = [];
    for (let i = line.from; i < line.to; i++) {
      const start = t.start[i]!;
      const end = t.end[i]!;
      out.push({ kind: t.kind[i]! as Kind, image: this.text.slice(start, end), start, end });
    }
    return out;
  }

  /** A line's content, from its first token to its last. */
  private lineWord(line: LineToken): Word {
    return { text: this.text.slice(line.startOffset, line.endOffset), start: line.startOffset, end: line.endOffset };
  }

  /** The exact source from the first token to the last, spaces inside included. */
  private slice(tokens: readonly Tok[]): Word {
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    if (!first || !last) return { text: '', start: 0, end: 0 };
    return { text: first === last ? first.image : this.text.slice(first.start, last.end), start: first.start, end: last.end };
  }

  private problem(start: number, end: number, message: string): void {
    this.problems.push({ code: 'syntax', start, end: Math.max(start, end), message });
  }
}

/** A note read from its line as a field is read: the text after the colon, when written, is its first paragraph. */
function noteOf(f: FieldNode): NoteNode {
  const paragraphs = f.value.text === '' ? f.continuation : [f.value, ...f.continuation];
  return { kind: 'note', start: f.start, end: f.end, key: f.key, paragraphs };
}

type KpiItem = KpiFieldLines | KpiGroupLines | LineGroup;

/** The fields, groups and other lines of a KPI level, back in source order. */
function kpiItemsInOrder(items: KpiItemLines): KpiItem[] {
  const all: KpiItem[] = [...items.fields, ...items.groups, ...items.lines];
  return all.sort((a, b) => firstLine(a).startOffset - firstLine(b).startOffset);
}

function firstLine(it: KpiItem): LineToken {
  return 'name' in it ? it.name : it.line;
}

/** Every line of a KPI item, depth-first in source order. */
function kpiLinesOf(it: KpiItem): LineToken[] {
  const out: LineToken[] = [firstLine(it)];
  if ('nested' in it) out.push(...it.nested);
  else if (it.items) for (const child of kpiItemsInOrder(it.items)) out.push(...kpiLinesOf(child));
  return out;
}

function word(t: Tok): Word {
  return { text: t.image, start: t.start, end: t.end };
}

/** Where a line group's last line ends. */
function lastEnd(group: LineGroup): number {
  const last = group.nested[group.nested.length - 1];
  return last ? last.endOffset : group.line.endOffset;
}

function isCellStart(kind: number): boolean {
  return kind === Kind.LBracket || kind === Kind.Number || kind === Kind.Dash || kind === Kind.Amount;
}

/** Punctuation that cannot be part of a row name (keywords inside a name are just words). */
function isNameLike(kind: number): boolean {
  return kind !== Kind.Colon && kind !== Kind.Equals && kind !== Kind.RBracket && kind !== Kind.Pipe;
}

/** `85%`, `3.5‰`: a number with a percent or per-mille sign, as tables print rates. */
function isPercent(image: string): boolean {
  const end = numberEnd(image, 0);
  return end > 0 && /^[%％‰]$/.test(image.slice(end));
}

/** A full-width digit (`０`–`９`) at `at`, or the full-width minus and one. */
function startsFullWidthNumber(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  const d = c === 0xff0d && at + 1 < text.length ? text.charCodeAt(at + 1) : c;
  return d >= 0xff10 && d <= 0xff19;
}

/** Full-width digits, comma, point and minus as their half-width forms. */
function halfWidth(s: string): string {
  return s.replace(/[０-９，．－]/g, (c) => (c === '，' ? ',' : c === '．' ? '.' : c === '－' ? '-' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

function clip(s: string): string {
  return s.length > 30 ? s.slice(0, 30) + '…' : s;
}
