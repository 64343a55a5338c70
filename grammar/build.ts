/**
 * Parser nodes → syntax tree. Reads each line's tokens into the nodes of ./ast.ts and
 * reports, in Chinese with the exact range, what a line should have been when it is not.
 * Rows are built while the parser reads them (`row`, called by ./parser.ts); the rest from
 * the CST-shaped nodes the parser returns (`document`).
 *
 * Defensive by design: a node may come from Chevrotain's error recovery (missing children),
 * so every child access allows for absence, and nothing here throws.
 */
import type { CstNode, IToken } from 'chevrotain';
import type {
  AllocationNode,
  BlockNode,
  BodyNode,
  ColumnNode,
  FieldNode,
  KpiGroupNode,
  KpiNode,
  NoticeNode,
  SyntaxProblem,
  Word,
} from './ast.js';
import type {
  BodyBlockCstNode,
  ColumnCstNode,
  ColumnGroupCstNode,
  DocumentCstNode,
  FieldCstNode,
  KpiBlockCstNode,
  KpiGroupCstNode,
  KpiItemsCstNode,
  LineCstNode,
  NestedCstNode,
  NoticeBlockCstNode,
} from './cst.js';
import type { AllocationBlockNode, RowBuilder } from './parser.js';
import { RowStore } from './rows.js';
import {
  AllocationTable,
  Amount,
  Colon,
  Dash,
  Equals,
  KpiTable,
  LBracket,
  NumberLit,
  NumberRun,
  Pipe,
  MAX_DEPTH,
  RBracket,
  RowBlock,
  RowLine,
  Text,
  TextCell,
  RECORD,
  rowLineTokens,
  type RowLineLayouts,
  textCellTokens,
} from './tokens.js';

const TEXT_COLUMN_MARK = /[（(]文字[)）]\s*$/;

export class TreeBuilder implements RowBuilder {
  /** Every row of the text (./rows.ts). */
  private readonly rows: RowStore;
  /** The next `RowLine` record to look at in `layouts`. */
  private layoutAt = 0;

  /** `layouts`: the parts of the text's `RowLine`s, as the lexer found them (./tokens.ts). */
  constructor(
    private readonly text: string,
    private readonly problems: SyntaxProblem[],
    private readonly layouts: RowLineLayouts,
  ) {
    // Sized for the row lines the lexer found (nearly every row of a large table), plus a few.
    const found = layouts.totals();
    this.rows = new RowStore(text, found.rows + 16, layouts.valueCount + 64, found.textCells + 16);
  }

  document(cst: DocumentCstNode): BlockNode[] {
    const blocks: BlockNode[] = [];
    const c = cst.children;
    for (const node of inOrder(c.noticeBlock, c.allocationBlock, c.kpiBlock, c.line, c.indented)) {
      switch (node.name) {
        case 'noticeBlock':
          blocks.push(this.notice(node as NoticeBlockCstNode));
          break;
        case 'allocationBlock':
          blocks.push(this.allocation(node as AllocationBlockNode));
          break;
        case 'kpiBlock':
          blocks.push(this.kpi(node as KpiBlockCstNode));
          break;
        case 'line':
          this.strayTopLine(node as LineCstNode);
          break;
        default: {
          const words = this.nestedLines((node as { children: { nested?: NestedCstNode[] } }).children.nested?.[0]);
          const first = words[0];
          const last = words[words.length - 1];
          if (first && last) {
            this.problem(first.start, last.end, '这几行缩进了，却不在任何块之下：顶层的“通知”“分配表”“绩效目标表”应从行首写起');
          }
        }
      }
    }
    return blocks;
  }

  // ---- blocks ----

  private notice(cst: NoticeBlockCstNode): NoticeNode {
    const c = cst.children;
    const keyword = this.word(c.Notice[0]!);
    const rest = c.Inline ?? [];
    const docNumber = rest.length > 0 ? this.slice(rest) : undefined;
    const fields = (c.field ?? []).map((f) => this.field(f));
    let body: BodyNode | undefined;
    for (const b of c.bodyBlock ?? []) {
      const node = this.body(b);
      if (body === undefined) body = node;
      else this.problem(node.keyword.start, node.keyword.end, '一个通知只能有一个“正文”：请把段落合并到前面的“正文”下');
    }
    for (const l of c.line ?? []) this.strayFieldLine(l, '通知');
    return {
      kind: 'notice',
      start: keyword.start,
      end: this.endOf(cst, keyword.end),
      keyword,
      ...(docNumber ? { docNumber } : {}),
      fields,
      ...(body ? { body } : {}),
    };
  }

  private body(cst: BodyBlockCstNode): BodyNode {
    const c = cst.children;
    const keyword = this.word(c.Body[0]!);
    const paragraphs: Word[] = [];
    const inline = c.Inline ?? [];
    if (inline.length > 0) {
      // `正文：第一段` is accepted: the text after the colon is the first paragraph.
      const rest = inline[0]!.tokenType === Colon ? inline.slice(1) : inline;
      if (rest.length > 0) paragraphs.push(this.slice(rest));
    }
    paragraphs.push(...this.nestedLines(c.nested?.[0]));
    return { kind: 'body', start: keyword.start, end: this.endOf(cst, keyword.end), keyword, paragraphs };
  }

  private header(
    inline: readonly IToken[],
    keyword: Word,
    what: string,
  ): Word {
    if (inline.length === 0 || inline[0]!.tokenType !== Colon) {
      const at = inline[0];
      this.problem(
        at ? at.startOffset : keyword.end,
        at ? after(at) : keyword.end,
        `期望“${what}：标题”中的冒号“：”，实际是${at ? `“${at.image}”` : '行尾'}`,
      );
    }
    const titleTokens = inline.length > 0 && inline[0]!.tokenType === Colon ? inline.slice(1) : inline;
    if (titleTokens.length === 0) {
      this.problem(keyword.start, keyword.end, `${what}缺少标题：期望“${what}：标题”`);
      return { text: '', start: keyword.end, end: keyword.end };
    }
    return this.slice(titleTokens);
  }

  private allocation(cst: AllocationBlockNode): AllocationNode {
    const c = cst.children;
    const label = c.Attachment?.[0] ? this.word(c.Attachment[0]) : undefined;
    const keyword = this.word(c.AllocationTable[0]!);
    const title = this.header(c.Inline ?? [], keyword, '分配表');
    const fields = (c.field ?? []).map((f) => this.field(f));
    const columns: ColumnNode[] = [];
    for (const node of inOrder(c.column, c.columnGroup)) {
      if (node.name === 'column') {
        const col = this.column(node as ColumnCstNode, undefined);
        if (col) columns.push(col);
      } else {
        columns.push(...this.columnGroup(node as ColumnGroupCstNode));
      }
    }
    const rows = cst.rows.map((r) => this.rows.view(r));
    for (const l of c.line ?? []) this.strayFieldLine(l, '分配表');
    return {
      kind: 'allocation',
      start: label?.start ?? keyword.start,
      end: this.endOf(cst, title.end),
      ...(label ? { label } : {}),
      keyword,
      title,
      fields,
      columns,
      rows,
    };
  }

  private columnGroup(cst: ColumnGroupCstNode): ColumnNode[] {
    const c = cst.children;
    const keyword = this.word(c.ColumnGroup[0]!);
    const inline = c.Inline ?? [];
    let group: Word;
    if (inline.length === 0) {
      this.problem(keyword.start, keyword.end, '栏组缺少标题：期望“栏组 标题”，其下缩进写各栏');
      group = { text: '', start: keyword.end, end: keyword.end };
    } else {
      group = this.slice(inline[0]!.tokenType === Colon ? inline.slice(1) : inline);
    }
    const columns: ColumnNode[] = [];
    for (const col of c.column ?? []) {
      const node = this.column(col, group);
      if (node) columns.push(node);
    }
    for (const l of c.line ?? []) {
      const w = this.slice(l.children.Inline ?? []);
      this.problem(w.start, w.end, `栏组下只能写“栏 编号：标题”，实际是“${clip(w.text)}”`);
    }
    if ((c.column ?? []).length === 0) this.problem(keyword.start, group.end, '栏组下没有栏：请在其下缩进写“栏 编号：标题”');
    return columns;
  }

  /** `栏 ID：标题 [= 公式] [来源：中央]`, or a text column `栏 ID：标题（文字）`. */
  private column(cst: ColumnCstNode, group: Word | undefined): ColumnNode | undefined {
    const c = cst.children;
    const keyword = this.word(c.Column[0]!);
    const inline = c.Inline ?? [];
    this.noNested(c.nested?.[0], '栏');
    const end = inline.length > 0 ? after(inline[inline.length - 1]!) : keyword.end;
    const colonAt = inline.findIndex((t) => t.tokenType === Colon);
    if (colonAt !== 1 || inline[0]!.tokenType !== Text) {
      const found = inline.length === 0 ? '行尾' : `“${clip(this.text.slice(inline[0]!.startOffset, end))}”`;
      this.problem(keyword.start, end, `期望“栏 编号：标题”（如“栏 本次：此次下达资金”），实际是${found}`);
      return undefined;
    }
    const id = this.word(inline[0]!);
    if (/^\d+$/.test(id.text)) {
      this.problem(id.start, id.end, `栏编号不能是纯数字“${id.text}”：数字表示栏次，请用文字作编号（如“本次”）`);
    }
    const rest = inline.slice(2);
    // `来源：…` at the end of the line.
    let sourceAt = -1;
    for (let i = rest.length - 2; i >= 0; i--) {
      if (rest[i]!.tokenType === Text && rest[i]!.image === '来源' && rest[i + 1]!.tokenType === Colon) {
        sourceAt = i;
        break;
      }
    }
    const main = sourceAt >= 0 ? rest.slice(0, sourceAt) : rest;
    let source: Word | undefined;
    if (sourceAt >= 0) {
      const value = rest.slice(sourceAt + 2);
      if (value.length === 0) this.problem(rest[sourceAt]!.startOffset, after(rest[sourceAt + 1]!), '“来源：”后缺少资金来源（如“中央”“省级”）');
      else source = this.slice(value);
    }
    const eq = main.findIndex((t) => t.tokenType === Equals);
    const titleTokens = eq >= 0 ? main.slice(0, eq) : main;
    let formula: Word | undefined;
    if (eq >= 0) {
      const f = main.slice(eq + 1);
      if (f.length === 0) this.problem(main[eq]!.startOffset, after(main[eq]!), '等号“=”后缺少公式（如“= 全年 - 已下达”）');
      else formula = this.slice(f);
    }
    let title: Word;
    if (titleTokens.length === 0) {
      this.problem(id.start, after(inline[1]!), `栏“${id.text}”缺少标题`);
      title = { text: '', start: after(inline[1]!), end: after(inline[1]!) };
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
    }
    return {
      kind: 'column',
      start: keyword.start,
      end,
      id,
      title,
      ...(formula ? { formula } : {}),
      ...(source ? { source } : {}),
      isText,
      ...(group ? { group } : {}),
    };
  }

  /**
   * A row: `[其中[：]] 名称 [文字]… 数… `. Called by the parser as soon as the row's line is
   * read; the parts indented under it are added to it as the parser reads them. Returns its
   * number in the row store (its view is made when asked for: ./rows.ts).
   * Once per row (10⁵ in national tables): index ranges, no token-array copies.
   */
  row(breakdownToken: IToken | undefined, inline: readonly IToken[], n: number): number {
    // The line's tokens are `inline[0, n)` (the parser reuses the array: nothing past n).
    let broken = false;
    let i = 0;
    if (breakdownToken && n > 0 && inline[0]!.tokenType === Colon) i = 1;
    // Nearly every row: its line is one `RowLine`, or it and the lines under it one `RowBlock`
    // (./tokens.ts; at the start of a line, so alone on it).
    if (n === i + 1 && inline[i]!.tokenType === RowLine) return this.rowLine(breakdownToken, inline[i]!);
    if (n === 1 && breakdownToken === undefined && inline[0]!.tokenType === RowBlock) return this.rowBlock(inline[0]!);
    for (let k = i; k < n; k++) {
      // (Never so: a `RowBlock` starts its line.) `parse` then reads the text token by token.
      if (inline[k]!.tokenType === RowBlock) throw new Error(`RowBlock inside a row line at offset ${inline[k]!.startOffset}`);
      if (inline[k]!.tokenType !== RowLine) continue;
      // A `RowLine` after other words (a name with a space in it): read its tokens one by one.
      const tokens: IToken[] = [];
      for (let m = 0; m < n; m++) {
        const t = inline[m]!;
        if (t.tokenType === RowLine) tokens.push(...rowLineTokens(t, this.text));
        else tokens.push(t);
      }
      return this.row(breakdownToken, tokens, tokens.length);
    }
    // The name runs up to the first cell (a bracket, a number or a dash).
    const firstName = i;
    while (i < n && !isCellStart(inline[i]!)) i++;
    let nameStart: number;
    let nameEnd: number;
    if (i === firstName) {
      const at = (i < n ? inline[i] : undefined) ?? breakdownToken;
      const start = at ? at.startOffset : 0;
      const end = !at ? start : at.tokenType === NumberRun ? start + firstCellLength(at.image) : at.tokenType === TextCell ? start + 1 : after(at);
      this.problem(start, end, '行缺少名称：期望“名称 数字 数字 …”');
      nameStart = nameEnd = start;
      broken = true;
    } else {
      nameStart = inline[firstName]!.startOffset;
      nameEnd = after(inline[i - 1]!);
      for (let k = firstName; k < i; k++) {
        const t = inline[k]!;
        if (!isNameLike(t)) {
          this.problem(t.startOffset, after(t), `行名称中不应有“${t.image}”`);
          broken = true;
          break;
        }
      }
    }
    const store = this.rows;
    const r = this.beginRow(breakdownToken !== undefined, nameStart, nameEnd);
    for (; i < n; i++) {
      const open = inline[i]!;
      if (open.tokenType === TextCell) {
        // `[文字]` in one token (./tokens.ts).
        store.textCell(open.startOffset + 1, after(open) - 1, false);
        continue;
      }
      if (open.tokenType !== LBracket) break;
      let j = i + 1;
      while (j < n && inline[j]!.tokenType !== RBracket && inline[j]!.tokenType !== LBracket && inline[j]!.tokenType !== TextCell) j++;
      if (j >= n || inline[j]!.tokenType !== RBracket) {
        this.problem(open.startOffset, after(inline[j - 1]!), '文字格缺少右方括号“]”：期望“[文字]”');
        broken = true;
        i = j;
        break;
      }
      const close = inline[j]!;
      if (j > i + 1) store.textCell(inline[i + 1]!.startOffset, after(inline[j - 1]!), false);
      else store.textCell(after(open), close.startOffset, true);
      i = j;
    }
    // The cells go into the store (./rows.ts).
    for (; i < n; i++) {
      const t = inline[i]!;
      const type = t.tokenType;
      if (type === NumberRun) {
        runCells(this.text, t.startOffset, after(t), store);
      } else if (type === NumberLit) {
        store.cell(t.startOffset, after(t), false, 0, -1);
      } else if (type === Dash) {
        store.cell(t.startOffset, after(t), true, 0, -1);
      } else {
        broken = true;
        let message: string;
        if (type === Amount) message = `表中的数字不带单位，期望“${t.image.replace(/[万亿]?元$/, '')}”，实际是“${t.image}”：单位由表的“单位：”统一给出`;
        else if (type === LBracket) message = '文字格“[…]”应写在行名称之后、数字之前';
        else if (type === TextCell) {
          // What its `[`, text and `]` tokens would each have been told.
          const [lb, inner, rb] = textCellTokens(t);
          this.problem(lb.startOffset, after(lb), '文字格“[…]”应写在行名称之后、数字之前');
          this.problem(inner.startOffset, after(inner), `期望数字或“-”，实际是“${clip(inner.image)}”`);
          this.problem(rb.startOffset, after(rb), `期望数字或“-”，实际是“${clip(rb.image)}”`);
          continue;
        }
        else message = `期望数字或“-”，实际是“${clip(t.image)}”`;
        this.problem(t.startOffset, after(t), message);
        // A number glued to text (`12x3`) or a stray word: keep reading the rest.
      }
    }
    const start = breakdownToken?.startOffset ?? (n > 0 ? inline[0]!.startOffset : undefined) ?? nameStart;
    const last = n > 0 ? inline[n - 1] : undefined;
    const end = last ? after(last) : breakdownToken ? after(breakdownToken) : nameEnd;
    return store.end(r, start, end, broken);
  }

  /**
   * Starts the row named `[nameStart, nameEnd)` in the store; `其中` written before the name
   * without a space (`其中杭州市本级 115`, `其中：杭州市本级 115`) makes it a breakdown too.
   */
  private beginRow(breakdown: boolean, nameStart: number, nameEnd: number): number {
    const text = this.text;
    if (!breakdown && text.charCodeAt(nameStart) === 0x5176 /* 其 */ && text.charCodeAt(nameStart + 1) === 0x4e2d /* 中 */ && nameEnd - nameStart >= 2) {
      const colon = nameEnd - nameStart > 2 ? text.charCodeAt(nameStart + 2) : NaN;
      const prefix = colon === 58 /* : */ || colon === 0xff1a /* ： */ ? 3 : 2;
      if (nameEnd - nameStart > prefix) {
        breakdown = true;
        nameStart += prefix;
      }
    }
    return this.rows.begin(nameStart, nameEnd, breakdown);
  }

  /**
   * The row of a line that is one `RowLine` after `[其中[：]]`: a name, text cells and numeric
   * cells, every one well formed (the token matches nothing else), copied from the record the
   * lexer made of it. The parser hands row lines over in the order they were lexed; the records
   * of `RowLine`s read elsewhere (in other lines) are passed over.
   */
  private rowLine(breakdownToken: IToken | undefined, t: IToken): number {
    const start = t.startOffset;
    this.seekLayout(start);
    return this.rowFromLayout(breakdownToken);
  }

  /**
   * The rows of a `RowBlock`: its first line's row, returned, and the rows of the lines under
   * it, made its parts by their levels (the first line's level is 0, a part of it 1, …), as the
   * parser would have made them from the layout's `Indent`s and `Dedent`s.
   */
  private rowBlock(t: IToken): number {
    const start = t.startOffset;
    const blockEnd = start + t.image.length;
    this.seekLayout(start);
    const data = this.layouts.data;
    const length = this.layouts.length;
    // open[k]: the last row read at level k (a line at level k + 1 is its part; the lexer
    // checked that levels go down only to one already open).
    const open = this.openRows;
    const first = this.rowFromLayout(undefined);
    open[0] = first;
    while (this.layoutAt < length && data[this.layoutAt + RECORD.start]! < blockEnd) {
      const level = data[this.layoutAt + RECORD.level]!;
      const row = this.rowFromLayout(undefined);
      this.rows.addChild(open[level - 1]!, row);
      open[level] = row;
    }
    return first;
  }

  /** The rows open in `rowBlock`, by level (reused; levels stop at the layout's deepest). */
  private readonly openRows = new Int32Array(MAX_DEPTH + 2);

  /** Moves to the record of the row line that starts at `start` (see `RowLineLayouts`). */
  private seekLayout(start: number): void {
    const data = this.layouts.data;
    const length = this.layouts.length;
    let p = this.layoutAt;
    while (p < length && data[p + RECORD.start]! < start) p = this.layouts.next(p);
    // Never so (one record per line); `parse` would then read the text token by token.
    if (p >= length || data[p + RECORD.start] !== start) throw new Error(`no RowLine record at offset ${start}`);
    this.layoutAt = p;
  }

  /** The row of the record at `layoutAt`, which then moves past it. */
  private rowFromLayout(breakdownToken: IToken | undefined): number {
    const store = this.rows;
    const data = this.layouts.data;
    let p = this.layoutAt;
    const start = data[p + RECORD.start]!;
    const end = data[p + RECORD.end]!;
    const r = this.beginRow(breakdownToken !== undefined, start, data[p + RECORD.nameEnd]!);
    const values = this.layouts.values;
    let v = data[p + RECORD.firstValue]!;
    p += RECORD.textCells;
    const textCells = data[p++]!;
    for (let k = 0; k < textCells; k++, p += 2) store.textCell(data[p]!, data[p + 1]!, false);
    const cells = data[p++]!;
    for (let k = 0; k < cells; k++, p += 3, v++) {
      const cellEnd = data[p + 1]!;
      store.cell(data[p]!, cellEnd < 0 ? -cellEnd : cellEnd, cellEnd < 0, values[v]!, data[p + 2]!);
    }
    this.layoutAt = p;
    return store.end(r, breakdownToken?.startOffset ?? start, end, false);
  }

  /** `part` is read as the last part of `parent` (both made by `row`). */
  addPart(parent: number, part: number): void {
    this.rows.addChild(parent, part);
  }

  private kpi(cst: KpiBlockCstNode): KpiNode {
    const c = cst.children;
    const label = c.Attachment?.[0] ? this.word(c.Attachment[0]) : undefined;
    const keyword = this.word(c.KpiTable[0]!);
    const title = this.header(c.Inline ?? [], keyword, '绩效目标表');
    const items = this.kpiItems(c.kpiItems?.[0]);
    return {
      kind: 'kpi',
      start: label?.start ?? keyword.start,
      end: this.endOf(cst, title.end),
      ...(label ? { label } : {}),
      keyword,
      title,
      fields: items.fields,
      groups: items.groups,
    };
  }

  private kpiItems(cst: KpiItemsCstNode | undefined): { fields: FieldNode[]; groups: KpiGroupNode[] } {
    if (!cst) return { fields: [], groups: [] };
    const c = cst.children;
    const fields = (c.field ?? []).map((f) => this.field(f));
    const groups = (c.kpiGroup ?? []).map((g) => this.kpiGroup(g));
    for (const l of c.line ?? []) this.strayFieldLine(l, '绩效目标表');
    return { fields, groups };
  }

  private kpiGroup(cst: KpiGroupCstNode): KpiGroupNode {
    const name = this.word(cst.children.Text[0]!);
    const items = this.kpiItems(cst.children.kpiItems?.[0]);
    return {
      kind: 'kpiGroup',
      start: name.start,
      end: this.endOf(cst, name.end),
      name,
      indicators: items.fields,
      groups: items.groups,
    };
  }

  private field(cst: FieldCstNode): FieldNode {
    const c = cst.children;
    const key = this.word(c.Text[0]!);
    const colon = c.Colon[0]!;
    const inline = c.Inline ?? [];
    const value = inline.length > 0 ? this.slice(inline) : { text: '', start: after(colon), end: after(colon) };
    const continuation = this.nestedLines(c.nested?.[0]);
    const last = continuation[continuation.length - 1];
    return { kind: 'field', start: key.start, end: last ? last.end : value.end, key, value, continuation };
  }

  // ---- stray lines ----

  private strayTopLine(cst: LineCstNode): void {
    const tokens = cst.children.Inline ?? [];
    const w = this.slice(tokens);
    let message: string;
    if (tokens.some((t) => t.tokenType === AllocationTable || t.tokenType === KpiTable)) {
      message = `表头应写作“附件N 分配表：标题”或“附件N 绩效目标表：标题”，实际是“${clip(w.text)}”`;
    } else if (tokens[1]?.tokenType === Colon) {
      message = `“${tokens[0]!.image}：…”应缩进写在“通知”或表之下；顶层只能是“通知 文号”“附件N 分配表：标题”“附件N 绩效目标表：标题”`;
    } else {
      message = `无法识别的行：期望“通知 文号”“附件N 分配表：标题”或“附件N 绩效目标表：标题”，实际是“${clip(w.text)}”`;
    }
    this.problem(w.start, w.end, message);
    const nested = cst.children.nested?.[0];
    if (nested) this.nestedLines(nested);
  }

  private strayFieldLine(cst: LineCstNode, where: string): void {
    const tokens = cst.children.Inline ?? [];
    const w = this.slice(tokens);
    const first = tokens[0];
    let message: string;
    if (first && first.tokenType === Colon) message = `冒号前缺少键：期望“键：值”，实际是“${clip(w.text)}”`;
    else if (where === '绩效目标表') message = `期望“指标名称：指标值”、一级/二级指标名称或“键：值”，实际是“${clip(w.text)}”（缺少冒号“：”？）`;
    else message = `${where}中期望“键：值”，实际是“${clip(w.text)}”（缺少冒号“：”？）`;
    this.problem(w.start, w.end, message);
  }

  private noNested(cst: NestedCstNode | undefined, what: string): void {
    const lines = this.nestedLines(cst);
    const first = lines[0];
    const last = lines[lines.length - 1];
    if (first && last) this.problem(first.start, last.end, `“${what}”行之下不应有缩进的内容`);
  }

  // ---- helpers ----

  /** The lines under a `nested` node, depth-first in source order, each as its text. */
  private nestedLines(cst: NestedCstNode | undefined): Word[] {
    const out: Word[] = [];
    const walk = (n: NestedCstNode | undefined): void => {
      if (!n) return;
      for (const child of inOrder(n.children.line, n.children.nested)) {
        if (child.name === 'line') {
          const l = child as LineCstNode;
          const tokens = l.children.Inline ?? [];
          if (tokens.length > 0) out.push(this.slice(tokens));
          walk(l.children.nested?.[0]);
        } else {
          walk(child as NestedCstNode);
        }
      }
    };
    walk(cst);
    return out;
  }

  private word(t: IToken): Word {
    return { text: t.image, start: t.startOffset, end: t.startOffset + t.image.length };
  }

  /** The exact source from the first token to the last, spaces inside included. */
  private slice(tokens: readonly IToken[]): Word {
    return this.range(tokens, 0, tokens.length);
  }

  /** `slice` of `tokens[from, to)`. A single token's text is its image (the same string). */
  private range(tokens: readonly IToken[], from: number, to: number): Word {
    const first = tokens[from];
    const last = tokens[to - 1];
    if (!first || !last || to <= from) return { text: '', start: 0, end: 0 };
    const start = first.startOffset;
    const end = last.startOffset + last.image.length;
    return { text: first === last ? first.image : this.text.slice(start, end), start, end };
  }

  private endOf(cst: CstNode, fallback: number): number {
    const end = nodeEnd(cst);
    return Number.isFinite(end) ? Math.max(end + 1, fallback) : fallback;
  }

  private problem(start: number, end: number, message: string): void {
    this.problems.push({ code: 'syntax', start, end: Math.max(start, end), message });
  }
}

/** The offset just past a token. */
function after(t: IToken): number {
  return t.startOffset + t.image.length;
}

/** The length of a `NumberRun`'s first cell. */
function firstCellLength(image: string): number {
  let i = 0;
  while (i < image.length && isRunCellChar(image.charCodeAt(i))) i++;
  return i;
}

/**
 * The cells of the `NumberRun` at `[from, n)` of the text into the row store, as the `Number`
 * and `Dash` tokens it stands for would have made them (see `numberRunCells` in ./tokens.ts).
 */
function runCells(text: string, from: number, n: number, store: RowStore): void {
  // Read from the source text (a flat string), not from the token's image (a slice of it).
  let i = from;
  while (i < n) {
    const start = i;
    const first = text.charCodeAt(i);
    i++;
    while (i < n && isRunCellChar(text.charCodeAt(i))) i++;
    store.cell(start, i, i - start === 1 && !(first >= 48 && first <= 57), 0, -1);
    while (i < n && !isRunCellChar(text.charCodeAt(i))) i++;
  }
}

/** A character of a `NumberRun`'s cells (`-－0-9,.` and the dashes `—–`); the rest of it is whitespace. */
function isRunCellChar(c: number): boolean {
  return (c >= 44 && c <= 57 && c !== 47) || c === 0xff0d || c === 0x2014 || c === 0x2013;
}

function isCellStart(t: IToken): boolean {
  const type = t.tokenType;
  return type === LBracket || type === NumberLit || type === Dash || type === Amount || type === NumberRun || type === TextCell;
}

/** Punctuation that cannot be part of a row name (keywords inside a name are just words). */
function isNameLike(t: IToken): boolean {
  return t.tokenType !== Colon && t.tokenType !== Equals && t.tokenType !== RBracket && t.tokenType !== Pipe;
}

function clip(s: string): string {
  return s.length > 30 ? s.slice(0, 30) + '…' : s;
}

/** Children of several kinds, back in source order. */
function inOrder(...lists: (readonly CstNode[] | undefined)[]): CstNode[] {
  const all: CstNode[] = [];
  for (const l of lists) if (l) all.push(...l);
  if (lists.filter((l) => l && l.length > 0).length > 1) {
    all.sort((a, b) => nodeStart(a) - nodeStart(b));
  }
  return all;
}

// ---- node locations ----
// The parser does not track node locations (tracking them costs a bookkeeping step on every
// token; see ./parser.ts). The few nodes that need theirs compute it here, with the meaning
// Chevrotain's `nodeLocationTracking: 'onlyOffset'` gives it: the start of the node's first
// token with a position, and the greatest inclusive end offset of its tokens (NaN when it
// has none, e.g. a node made only of tokens inserted by error recovery). Tokens reach the
// CST in source order, so within one child list the first and last positioned ones decide.

function isToken(x: IToken | CstNode): x is IToken {
  return (x as IToken).tokenType !== undefined;
}

/** Inclusive end offset; `start - 1` for the zero-width layout tokens, NaN for inserted ones. */
function tokenEnd(t: IToken): number {
  return t.startOffset + t.image.length - 1;
}

function nodeStart(node: CstNode): number {
  let start = NaN;
  const children = node.children;
  for (const key in children) {
    const list = children[key]!;
    for (let i = 0; i < list.length; i++) {
      const x = list[i]!;
      const s = isToken(x) ? x.startOffset : nodeStart(x);
      if (!Number.isNaN(s)) {
        if (Number.isNaN(start) || s < start) start = s;
        break;
      }
    }
  }
  return start;
}

function nodeEnd(node: CstNode): number {
  let end = NaN;
  const children = node.children;
  for (const key in children) {
    const list = children[key]!;
    for (let i = list.length - 1; i >= 0; i--) {
      const x = list[i]!;
      const e = isToken(x) ? tokenEnd(x) : nodeEnd(x);
      if (!Number.isNaN(e)) {
        if (Number.isNaN(end) || e > end) end = e;
        break;
      }
    }
  }
  return end;
}
