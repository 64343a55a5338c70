/**
 * What a rendered notice contains, in the order GB/T 9704-2012 lays it out, computed once
 * from the model and shared by the HTML, Word and Excel renderers: the notice's parts
 * (发文机关标志, 发文字号, 标题, 主送, 正文 with references filled, 附件说明, 署名, 成文日期,
 * 公开方式, 版记) and each attachment as a grid of cells with their spans (a header row per level of 栏组,
 * 栏次 row, rows in print order, KPI cells merged down their indicators).
 *
 * No I/O and no output format here: renderers only place these cells.
 */
import { fillParagraph, type FilledPart } from '../model/body-refs.js';
import { columnStyles, formatNumber, GROUPED, type NumberStyle } from '../model/number-display.js';
import { isTotal, totalRow } from '../model/table-arithmetic.js';
import { LineIndex } from '../model/span.js';
import type { ColumnModel, DocumentModel, Expr, KpiTableModel, NoticeModel, RowModel, TableModel } from '../model/types.js';
import { AREA_MM, MM_PER_PT, breakWords, emWidth, fitColumns, longestWord, numberEm, titleLines, type ColumnNeed, type TableFit } from './fit.js';

export { emWidth } from './fit.js';

/** GB/T 9704 fonts, named as Chinese government desks have them, with fallbacks. */
export const FONTS = {
  /** 小标宋: 发文机关标志, 标题. */
  xbs: { name: '方正小标宋简体', css: '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif' },
  /** 仿宋: 正文 and most elements. */
  fs: { name: '仿宋_GB2312', css: '"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif' },
  /** 黑体: 附件 labels, table headers. */
  ht: { name: '黑体', css: '"黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif' },
  /** 楷体: subtitles. */
  kt: { name: '楷体_GB2312', css: '"楷体_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif' },
  /** 宋体: page numbers. */
  st: { name: '宋体', css: '"宋体", "SimSun", "Noto Serif CJK SC", serif' },
} as const;

/** Chinese type sizes in points: 初号 42, 小初 36, 一号 26, 二号 22, 三号 16, 四号 14, 小四 12, 五号 10.5, 小五 9, 六号 7.5. */
export const PT = { chu: 42, xiaochu: 36, yi: 26, er: 22, xiaoer: 18, san: 16, si: 14, xiaosi: 12, wu: 10.5, xiaowu: 9, liu: 7.5 } as const;

/** A4 and the GB/T 9704 type area, in millimetres. */
export const PAGE = { width: 210, height: 297, top: 37, left: 28, areaWidth: 156, areaHeight: 225 } as const;
export const PAGE_RIGHT = PAGE.width - PAGE.left - PAGE.areaWidth; // 26
export const PAGE_BOTTOM = PAGE.height - PAGE.top - PAGE.areaHeight; // 35

// ---- cells ----

export type CellRole = 'head' | 'seq' | 'stub' | 'text' | 'num' | 'number-row' | 'key' | 'value' | 'kpi1' | 'kpi2' | 'kpi3';

export interface GridCell {
  readonly text: string;
  readonly colSpan?: number;
  readonly rowSpan?: number;
  readonly role: CellRole;
  /** Levels of indentation (row names). */
  readonly indent?: number;
  readonly bold?: boolean;
  /** Vertical alignment when not centred (a cell merged down a long run of rows). */
  readonly valign?: 'top';
}

export interface GridRow {
  readonly cells: readonly GridCell[];
  /** 0-based source line the row comes from, for an editor to reveal. */
  readonly line?: number;
  /** The model row (allocation tables). */
  readonly row?: RowModel;
}

/** A note printed under a table: `注：` and its paragraphs, the later ones aligned under the first's text. */
export interface NoteLayout {
  /** The key as written and a full-width colon: `注：`, `备注：`. */
  readonly lead: string;
  readonly paragraphs: readonly string[];
  /** 0-based source line of the note. */
  readonly line: number;
}

export type ColumnKind = 'seq' | 'stub' | 'text' | 'num';

export interface GridColumn {
  readonly kind: ColumnKind;
  readonly column?: ColumnModel;
  /** Relative width: the column's share of the table's width (`fit.widths` in proportion). */
  readonly weight: number;
}

export interface AllocationGrid {
  readonly kind: 'allocation';
  readonly table: TableModel;
  readonly label?: string;
  readonly title: string;
  /** The title in its printed lines (broken between words, §7.3.1). */
  readonly titleLines: readonly string[];
  readonly unit: string;
  readonly columns: readonly GridColumn[];
  /** The page orientation, type size and column widths the table is printed with. */
  readonly fit: TableFit;
  /** Header rows, HTML-style: each cell listed in the row where it starts. */
  readonly header: readonly GridRow[];
  /** The 栏次 row (`栏次 1 2 3 4 5=1-3 6=2-4`), when shown. */
  readonly numberRow?: GridRow;
  readonly body: readonly GridRow[];
  /** Printed under the table. */
  readonly notes: readonly NoteLayout[];
  /** `（总表不发市县）`: printed after the label (see `attachmentLabel`). */
  readonly notSent?: string;
  /** 0-based source line of the table's header. */
  readonly line: number;
}

export interface KpiGrid {
  readonly kind: 'kpi';
  readonly table: KpiTableModel;
  readonly label?: string;
  readonly title: string;
  /** The title in its printed lines (broken between words, §7.3.1). */
  readonly titleLines: readonly string[];
  /** The page orientation, type size and column widths the table is printed with. */
  readonly fit: TableFit;
  /** `（2023年度）`. */
  readonly subtitle?: string;
  readonly columns: readonly GridColumn[];
  /** Header fields, then the indicator header, then the indicators. */
  readonly rows: readonly GridRow[];
  /** How many leading rows are header fields. */
  readonly fieldRows: number;
  /** Printed under the table. */
  readonly notes: readonly NoteLayout[];
  /** `（总表不发市县）`: printed after the label (see `attachmentLabel`). */
  readonly notSent?: string;
  readonly line: number;
}

export type Attachment = AllocationGrid | KpiGrid;

export interface Paragraph {
  readonly parts: readonly FilledPart[];
  readonly line: number;
}

export interface NoticeLayout {
  readonly notice: NoticeModel;
  /** What the document is printed as: a 通知, or a 公示 (`NoticeModel.kind`). */
  readonly genre: '通知' | '公示';
  /**
   * Print the 版头 (发文机关标志 and the red rule under it): a 通知 has one; a 公示 is not a
   * 红头文件 and starts with its title.
   */
  readonly letterhead: boolean;
  readonly urgency?: string;
  /** 发文机关, one per organ. */
  readonly organs: readonly string[];
  readonly docNumber?: string;
  readonly title: string;
  /** The title in its printed lines: broken between words in a 梯形 or 菱形 shape (GB/T 9704 §7.3.1). */
  readonly titleLines: readonly string[];
  /** 主送, ending with the full-width colon. */
  readonly mainRecipients?: string;
  readonly paragraphs: readonly Paragraph[];
  /** 附件说明 items (`1. 表题`), in order. */
  readonly attachmentNotes: readonly string[];
  /** Whether the items are numbered (more than one attachment). */
  readonly signature: readonly string[];
  /** 成文日期: `2022年10月9日`. */
  readonly date?: string;
  /** The disclosure lines with the keys the source prints: `公开方式：主动公开`, `信息公开选项：主动公开`. */
  readonly publicity: readonly string[];
  readonly cc?: string;
  readonly printer?: string;
  /** `2022年10月9日印发`. */
  readonly printDate?: string;
  readonly attachments: readonly Attachment[];
  /** The recipient this copy is for (per-recipient rendering). */
  readonly recipient?: RowModel;
  readonly line: number;
}

export interface LayoutOptions {
  /**
   * Render the notice for one recipient: `{本单位.栏}` take this row's values, and the tables
   * marked `不发` are left out (with their 附件说明 items).
   */
  readonly recipient?: RowModel;
  /** The index of the document's lines, when the caller has one (an editor does): not made again. */
  readonly lines?: LineIndex;
}

// ---- helpers ----

function field(n: { fields: ReadonlyMap<string, { value: { text: string } }> }, key: string): string | undefined {
  const v = n.fields.get(key)?.value.text.trim();
  return v ? v : undefined;
}

function splitList(s: string): string[] {
  return s.split(/[、，,；;]/).map((x) => x.trim()).filter((x) => x);
}

/** `2022-10-09` / `2022年10月9日` → `2022年10月9日` (GB/T 9704: no leading zeros). */
export function chineseDate(s: string): string | undefined {
  const m = /(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?/.exec(s);
  if (!m) return undefined;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** `南昌市财政局办公室 2022-10-09` → organ and date. */
export function readPrinted(s: string): { organ: string; date?: string } {
  const m = /^(.*?)\s*(\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?)\s*(?:印发)?$/.exec(s.trim());
  if (!m) return { organ: s.trim() };
  const date = chineseDate(m[2]!);
  return { organ: m[1]!.trim(), ...(date ? { date } : {}) };
}

/** The label's number: `附件2` → 2. */
function labelNumber(label: string | undefined): number | undefined {
  const m = label ? /(\d+)/.exec(label) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * A column's heading as printed: its title, with its unit (`单位：%`) after it in brackets
 * when the title does not already say it: `完成率` → `完成率（%）`, `救助人数` → `救助人数（人）`,
 * while `补助标准（元/人）` and `完成率%` stay as they are. A unit with a sign in it (`%`, `/`)
 * is said wherever the title has it; a unit of words only (`人`) when the title has it in
 * brackets, since the word alone is often part of the title (`救助人数`).
 */
export function columnHeading(c: ColumnModel): string {
  const unit = c.unit?.text;
  if (!unit) return c.title;
  const plain = (s: string): string => s.replace(/％/g, '%').replace(/／/g, '/').replace(/（/g, '(').replace(/）/g, ')');
  const title = plain(c.title);
  const u = plain(unit);
  const said = /[%‰/]/.test(u) ? title.includes(u) : title.includes(`(${u})`);
  return said ? c.title : `${c.title}（${unit}）`;
}

/** A printed formula in 栏次: `1-3`, `(1+2)×3`, `2=1÷2` (a constant as written). */
export function formulaInNumbers(e: Expr, t: TableModel): string {
  const num = (i: number): string => String(t.numeric.find((c) => c.index === i)?.number ?? i + 1);
  const go = (x: Expr, parent: number): string => {
    switch (x.kind) {
      case 'column':
        return num(x.column);
      case 'const':
        return x.value.toString();
      case 'neg':
        return `-${go(x.operand, 3)}`;
      case 'binary': {
        const prec = x.op === '+' || x.op === '-' ? 1 : 2;
        const sym = { '+': '+', '-': '-', '*': '×', '/': '÷' }[x.op];
        const s = `${go(x.left, prec)}${sym}${go(x.right, prec + 1)}`;
        return prec < parent ? `(${s})` : s;
      }
    }
  };
  return go(e, 0);
}

/**
 * Rows in print order: parents before their parts, except that `合计位置：末行` puts each
 * top-level row with rows under it last. A group row always comes before its rows (it is a
 * heading, not a total). FIXME: that includes a row whose only children are `其中` rows (not a
 * total: `isTotal` is false), which is then printed after its breakdown; kept as the
 * renderers have always printed it.
 */
export function printOrder(t: TableModel): RowModel[] {
  const totalLast = field(t, '合计位置') === '末行';
  const out: RowModel[] = [];
  const walk = (r: RowModel): void => {
    out.push(r);
    for (const c of r.children) walk(c);
  };
  for (const r of t.rows) {
    if (totalLast && r.children.length > 0 && !r.group) {
      for (const c of r.children) walk(c);
      out.push(r);
    } else walk(r);
  }
  return out;
}

/** Rows that count as totals (printed bold; not numbered at the top level): a row with parts, not a group row. */
export function isTotalRow(r: RowModel): boolean {
  return isTotal(r);
}

/**
 * The number to print in a numeric cell: the source's value, grouped, with the column's
 * decimals. `print` is `printStyles(columnStyles(t))`, made once per table.
 */
export function cellDisplay(r: RowModel, index: number, print: readonly NumberStyle[]): string {
  const v = r.valueAt(index);
  if (v === null || v === undefined) {
    // Unreadable cells keep their text; empty cells print nothing, as the published tables do.
    const raw = r.node.cells[index];
    return raw && raw.kind === 'number' ? raw.text : '';
  }
  return formatNumber(v, print[index] ?? GROUPED, 'rounded');
}

/** How a table prints its columns: grouped, each with the decimals of its own cells. */
export function printStyles(styles: readonly NumberStyle[]): NumberStyle[] {
  return styles.map((s) => ({ grouped: true, decimals: s.decimals }));
}

/** A table's notes as printed: the key as written, a full-width colon, the paragraphs. */
function notesLayout(t: TableModel | KpiTableModel, lines: LineIndex): NoteLayout[] {
  return t.notes.map((n) => ({ lead: `${n.key}：`, paragraphs: n.paragraphs, line: lines.position(n.node.start).line }));
}

/** `不发：总表不发市县` as the documents print it after the label: `（总表不发市县）` (brackets written in the value are kept). */
function notSentMarker(t: TableModel | KpiTableModel): string | undefined {
  const marker = t.notSent?.marker;
  if (!marker) return undefined;
  return /^[（(].*[)）]$/.test(marker) ? marker : `（${marker}）`;
}

/**
 * The type size of an attachment's table and of the notes under it, in points: what the fit
 * chose (小四 for a narrow allocation table and for KPI tables, 五号 for one of more than five
 * columns, smaller on a landscape page where the amounts need it).
 */
export function tableSize(a: Attachment): number {
  return a.fit.size;
}

/** Lines of an attachment title in 小二 across the type area of its page. */
function attachmentTitleLines(title: string, landscape: boolean): string[] {
  return titleLines(title, lineEms(PT.xiaoer, landscape ? AREA_MM.landscape : AREA_MM.portrait));
}

/** How many characters of `size` points a line of `areaMm` holds (less a little, for the fonts' side bearings). */
export function lineEms(size: number, areaMm: number): number {
  return Math.floor(areaMm / (size * MM_PER_PT) - 0.2);
}

/** An attachment's label as printed above it: `附件1`, `附件1（总表不发市县）` for a table not sent to the recipients. */
export function attachmentLabel(a: Attachment): string | undefined {
  if (a.label === undefined && a.notSent === undefined) return undefined;
  return `${a.label ?? ''}${a.notSent ?? ''}`;
}

// ---- allocation table ----

/**
 * The header rows of an allocation table, each cell in the row where it starts: row k holds
 * the groups of level k (each spanning its columns) and the columns whose groups end above
 * it, spanning down to the last header row; 序号 and the label columns' titles span every
 * header row.
 */
function headerGrid(t: TableModel, headerRows: number, seq: boolean, labelTitles: readonly string[]): GridCell[][] {
  const rows: GridCell[][] = Array.from({ length: headerRows }, () => []);
  const down = (k: number): { rowSpan?: number } => (headerRows - k > 1 ? { rowSpan: headerRows - k } : {});
  if (seq) rows[0]!.push({ text: '序号', role: 'head', ...down(0) });
  for (const title of labelTitles) rows[0]!.push({ text: title, role: 'head', ...down(0) });
  const cols = t.columns;
  for (let k = 0; k < headerRows; k++) {
    for (let i = 0; i < cols.length; i++) {
      const path = cols[i]!.groups;
      if (path.length === k) rows[k]!.push({ text: columnHeading(cols[i]!), role: 'head', ...down(k) });
      if (path.length <= k) continue;
      // A group's cell starts at its first column and spans the columns that follow in it.
      const g = path[k]!;
      if (i > 0 && cols[i - 1]!.groups[k] === g) continue;
      let n = 1;
      while (i + n < cols.length && cols[i + n]!.groups[k] === g) n++;
      rows[k]!.push({ text: g.title, role: 'head', ...(n > 1 ? { colSpan: n } : {}) });
    }
  }
  return rows;
}

/** A row's name as printed: a `其中` row's with its prefix. */
function printedName(r: RowModel): string {
  const name = r.name;
  return r.breakdown && !name.startsWith('其中') ? `其中：${name}` : name;
}

/** A label cell, the label column it starts in, and the width its column needs for it (in ems). */
interface LabelCell {
  readonly col: number;
  readonly cell: GridCell;
  readonly width: number;
}

function labelCell(col: number, r: RowModel | undefined, cell: GridCell): LabelCell {
  return { col, cell, width: emWidth(r ? r.name : cell.text) + (cell.indent ?? 0) };
}

/**
 * Where the rows' names go among the table's label columns (`行标题：市州 | 县市区`), and which
 * rows get a line of their own.
 *
 * With one label column every row is a line, its name indented by its depth; a group row is
 * a line with its name and blank number cells. With `k` label columns, the rows under the
 * table's total row (or the top-level rows, in a table without one) are level 0 and go in the
 * first column, their rows in the next, and from the last column on every deeper level is
 * indented in the last one. A row at a level before the last with rows under it has its name
 * merged down over them: a group row has no line of its own (its name starts on its first
 * row's line), a subtotal has its line with 小计 in the columns after its name, as published
 * 市州 | 县市区 tables print a 市 with a subtotal. A row without rows under it at such a level
 * spans the remaining label columns, and the total row spans them all.
 */
function labelLayout(t: TableModel, order: readonly RowModel[], k: number): { rows: RowModel[]; labels: LabelCell[][] } {
  if (k <= 1) {
    const labels = order.map((r): LabelCell[] => [labelCell(0, r, { text: printedName(r), role: 'stub', indent: r.depth, ...(isTotalRow(r) ? { bold: true } : {}) })]);
    return { rows: [...order], labels };
  }
  const total = totalRow(t);
  const base = total && isTotal(total) ? 1 : 0;
  const level = (r: RowModel): number => r.depth - base;
  const merged = (r: RowModel): boolean => level(r) >= 0 && level(r) < k - 1 && r.children.length > 0;
  const rows = order.filter((r) => !(r.group && merged(r)));
  // The lines each merged name covers, and the first of them.
  const span = new Map<RowModel, number>();
  const first = new Map<RowModel, number>();
  rows.forEach((r, i) => {
    for (let x: RowModel | undefined = r; x; x = x.parent) {
      if (!merged(x)) continue;
      span.set(x, (span.get(x) ?? 0) + 1);
      if (!first.has(x)) first.set(x, i);
    }
  });
  const labels = rows.map((r, i): LabelCell[] => {
    const bold = isTotalRow(r) ? { bold: true } : {};
    const l = level(r);
    if (l < 0) return [labelCell(0, r, { text: printedName(r), role: 'stub', colSpan: k, ...bold })];
    const out: LabelCell[] = [];
    const chain: RowModel[] = [];
    for (let x: RowModel | undefined = r; x; x = x.parent) if (merged(x)) chain.unshift(x);
    for (const x of chain) {
      if (first.get(x) !== i) continue;
      const n = span.get(x)!;
      out.push(labelCell(level(x), x, { text: printedName(x), role: 'stub', ...(n > 1 ? { rowSpan: n } : {}), ...(isTotalRow(x) ? { bold: true } : {}) }));
    }
    if (merged(r)) {
      const rest = k - 1 - l;
      out.push(labelCell(l + 1, undefined, { text: isTotalRow(r) ? '小计' : '', role: 'stub', ...(rest > 1 ? { colSpan: rest } : {}), ...bold }));
    } else if (l < k - 1) {
      out.push(labelCell(l, r, { text: printedName(r), role: 'stub', colSpan: k - l, ...bold }));
    } else {
      out.push(labelCell(k - 1, r, { text: printedName(r), role: 'stub', indent: l - (k - 1), ...bold }));
    }
    return out;
  });
  return { rows, labels };
}

export function allocationGrid(t: TableModel, lines: LineIndex): AllocationGrid {
  const seq = field(t, '序号') === '自动';
  const titles = t.labelTitles.length > 0 ? t.labelTitles : ['项目'];
  const k = titles.length;
  // One header row per level of groups, and one for the columns' own titles.
  let headerRows = 1;
  for (const c of t.columns) headerRows = Math.max(headerRows, 1 + c.groups.length);
  const order = printOrder(t);
  // Each column's number style is read once, here; every cell below is written by it.
  const styles = printStyles(columnStyles(t));
  const { rows: printed, labels } = labelLayout(t, order, k);
  const textIndex = t.columns.map((c) => (c.isText ? t.textColumns.indexOf(c) : -1));
  const line = lines.position(t.node.start).line;

  // The body first: every cell's text is made once, and the columns' widths are read from it.
  const body: GridRow[] = [];
  let n = 0;
  for (let i = 0; i < printed.length; i++) {
    const r = printed[i]!;
    const cells: GridCell[] = [];
    const total = isTotalRow(r);
    // The table's total and group rows (headings) are not numbered.
    const unnumbered = (r.depth === 0 && total) || r.group;
    if (seq) cells.push({ text: unnumbered ? '' : String(++n), role: 'seq' });
    for (const l of labels[i]!) cells.push(l.cell);
    const node = r.node;
    // A fresh array on each access: read once for the row.
    const texts = t.textColumns.length > 0 ? r.texts : undefined;
    for (let j = 0; j < t.columns.length; j++) {
      const c = t.columns[j]!;
      if (c.isText) cells.push({ text: texts![textIndex[j]!] ?? '', role: 'text' });
      else {
        const text = cellDisplay(r, c.index!, styles);
        cells.push(total ? { text, role: 'num', bold: true } : { text, role: 'num' });
      }
    }
    body.push({ cells, line: lines.position(node.start).line, row: r });
  }

  // What each column needs: the widest amount whole, a heading's longest word, a name's room.
  const needs: ColumnNeed[] = [];
  const kinds: { kind: ColumnKind; column?: ColumnModel }[] = [];
  if (seq) {
    needs.push({ minEm: Math.max(2, numberEm(String(n))), wantEm: 2.5 });
    kinds.push({ kind: 'seq' });
  }
  for (let j = 0; j < k; j++) {
    // Wide enough for the title and the names set in this column alone.
    let nameWidth = emWidth(titles[j]!);
    for (const row of labels) for (const l of row) if (l.col === j && (l.cell.colSpan ?? 1) === 1 && l.width > nameWidth) nameWidth = l.width;
    needs.push({ minEm: Math.min(nameWidth, Math.max(4, longestWord(titles[j]!))), wantEm: Math.min(12, nameWidth + 0.8) });
    kinds.push({ kind: 'stub' });
  }
  const firstData = (seq ? 1 : 0) + k;
  t.columns.forEach((c, j) => {
    const at = firstData + j;
    const heading = columnHeading(c);
    // A heading of up to four characters is never broken; a longer one between its words.
    const headWord = Math.max(Math.min(6, longestWord(heading)), Math.min(4, emWidth(heading)));
    let widest = 0;
    for (const b of body) {
      const cell = b.cells[b.cells.length - t.columns.length + j]!;
      const w = c.isText ? emWidth(cell.text) : numberEm(cell.text) * (cell.bold ? 1.05 : 1);
      if (w > widest) widest = w;
    }
    // Where there is room, a heading stands on one line.
    if (c.isText) needs.push({ minEm: Math.max(headWord, Math.min(5, widest)), wantEm: Math.min(8, Math.max(widest + 0.5, emWidth(heading))) });
    // An amount is never broken: its column is at least as wide as the widest amount in it.
    else needs.push({ minEm: Math.max(widest, headWord, 2), wantEm: Math.max(widest + 0.8, Math.min(8, emWidth(heading)), 3.5) });
    kinds[at] = { kind: c.isText ? 'text' : 'num', column: c };
  });
  const fit = fitColumns(needs, t.columns.length + k + (seq ? 1 : 0) > 5 ? PT.wu : PT.xiaosi);
  const columns: GridColumn[] = kinds.map((x, i) => ({ ...x, weight: fit.widths[i]! }));

  // Headings broken between words to the width of the cells they are printed in.
  const headCells = headerGrid(t, headerRows, seq, titles);
  const header: GridRow[] = breakHeadings(headCells, fit).map((cells) => ({ cells, line }));

  let numberRow: GridRow | undefined;
  if (t.numeric.length >= 2) {
    const cells: GridCell[] = [];
    if (seq) cells.push({ text: '', role: 'number-row' });
    cells.push({ text: '栏次', role: 'number-row', ...(k > 1 ? { colSpan: k } : {}) });
    for (const c of t.columns) {
      if (c.isText) cells.push({ text: '', role: 'number-row' });
      // Only a column's own formula is printed here: a table's `核对` relations never are.
      else cells.push({ text: c.formula ? `${c.number}=${formulaInNumbers(c.formula, t)}` : String(c.number), role: 'number-row' });
    }
    numberRow = { cells, line };
  }

  const notSent = notSentMarker(t);
  return {
    kind: 'allocation',
    table: t,
    ...(t.label ? { label: t.label } : {}),
    title: t.title,
    titleLines: attachmentTitleLines(t.title, fit.landscape),
    unit: t.unit,
    columns,
    fit,
    header,
    ...(numberRow ? { numberRow } : {}),
    body,
    notes: notesLayout(t, lines),
    ...(notSent ? { notSent } : {}),
    line,
  };
}

/** Header cells with their text broken between words to fit the columns they span (`中央资金`, never `中央资 / 金`). */
function breakHeadings(rows: GridCell[][], fit: TableFit): GridCell[][] {
  const placed = placeCells(rows.map((cells) => ({ cells })));
  return placed.map((row) =>
    row.map(({ col, cell }) => {
      let mm = 0;
      for (let i = col; i < col + (cell.colSpan ?? 1); i++) mm += fit.widths[i] ?? 0;
      const room = Math.max(1, (mm - 2.8) / (fit.size * MM_PER_PT));
      return emWidth(cell.text) <= room + 0.05 ? cell : { ...cell, text: breakWords(cell.text, room + 0.05).join("\n") };
    }),
  );
}

// ---- KPI table ----

const MONEY_KEYS = /^(其中[：:])?(年度金额|中央资金|中央补助|省级资金|市级资金|县级资金|地方资金|其他资金|项目金额)$/;

export function kpiGrid(k: KpiTableModel, lines: LineIndex): KpiGrid {
  const valueHeads = (field(k, '指标值栏') ?? '指标值').split(/[|｜]/).map((s) => s.trim());
  const nv = valueHeads.length;
  const width = 4 + nv;
  const shares = [1.8, 2.8, 3.4, nv > 1 ? 6 : 7.5, ...valueHeads.map(() => (nv > 1 ? 3.8 : 5.5))];
  const sum = shares.reduce((a, b) => a + b, 0);
  // Widths in millimetres across the portrait type area.
  const columns: GridColumn[] = shares.map((w): GridColumn => ({ kind: 'text', weight: (w / sum) * AREA_MM.portrait }));
  const rows: GridRow[] = [];
  const year = field(k, '年度');
  const notSent = notSentMarker(k);
  const fields = k.node.fields.filter((f) => !['指标值栏', '年度', '不发'].includes(f.key.text.trim()));
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const key = f.key.text.trim();
    const value = [f.value.text.trim(), ...f.continuation.map((c) => c.text.trim())].filter((s) => s).join('\n');
    const fline = lines.position(f.start).line;
    // The money fields under one heading cell, as the published tables print them:
    // 资金情况（万元） | 年度金额 / 中央资金 / 省级资金 …; every key as the source writes it.
    if (MONEY_KEYS.test(key)) {
      const first = i === 0 || !MONEY_KEYS.test(fields[i - 1]!.key.text.trim());
      let m = 1;
      while (first && i + m < fields.length && MONEY_KEYS.test(fields[i + m]!.key.text.trim())) m++;
      rows.push({
        cells: [
          ...(first ? [{ text: '资金情况（万元）', role: 'key' as const, ...(m > 1 ? { rowSpan: m } : {}) }] : []),
          { text: key, role: 'key' },
          { text: value, role: 'value', colSpan: width - 2 },
        ],
        line: fline,
      });
      continue;
    }
    rows.push({
      cells: [
        { text: key, role: 'key', colSpan: 2 },
        { text: value, role: 'value', colSpan: width - 2 },
      ],
      line: fline,
    });
  }
  const fieldRows = rows.length;
  const line = lines.position(k.node.start).line;
  const inds = k.indicators;
  rows.push({
    cells: [
      { text: '绩效指标', role: 'head', valign: 'top', ...(inds.length > 0 ? { rowSpan: inds.length + 1 } : {}) },
      { text: '一级指标', role: 'head' },
      { text: '二级指标', role: 'head' },
      { text: '三级指标', role: 'head' },
      ...valueHeads.map((h): GridCell => ({ text: h, role: 'head' })),
    ],
    line,
  });
  for (let i = 0; i < inds.length; i++) {
    const ind = inds[i]!;
    const cells: GridCell[] = [];
    const prev = inds[i - 1];
    if (!prev || prev.level1 !== ind.level1) {
      let n = 1;
      while (i + n < inds.length && inds[i + n]!.level1 === ind.level1) n++;
      cells.push({ text: ind.level1?.name ?? '', role: 'kpi1', ...(n > 1 ? { rowSpan: n } : {}) });
    }
    if (!prev || prev.level2 !== ind.level2 || prev.level1 !== ind.level1) {
      let n = 1;
      while (i + n < inds.length && inds[i + n]!.level2 === ind.level2 && inds[i + n]!.level1 === ind.level1) n++;
      cells.push({ text: ind.level2?.name ?? '', role: 'kpi2', ...(n > 1 ? { rowSpan: n } : {}) });
    }
    cells.push({ text: ind.name.trim(), role: 'kpi3' });
    for (let v = 0; v < nv; v++) cells.push({ text: ind.values[v]?.text.trim() ?? '', role: 'value' });
    rows.push({ cells, line: lines.position(ind.node.start).line });
  }
  return {
    kind: 'kpi',
    table: k,
    ...(k.label ? { label: k.label } : {}),
    title: k.title,
    titleLines: attachmentTitleLines(k.title, false),
    fit: { landscape: false, size: PT.xiaosi, widths: columns.map((c) => c.weight) },
    ...(year ? { subtitle: `（${/年度?$/.test(year) ? year.replace(/年度?$/, '') : year}年度）` } : {}),
    columns,
    rows,
    fieldRows,
    notes: notesLayout(k, lines),
    ...(notSent ? { notSent } : {}),
    line,
  };
}

// ---- notice ----

export function noticeLayout(doc: DocumentModel, n: NoticeModel, opts: LayoutOptions = {}): NoticeLayout {
  const lines = opts.lines ?? new LineIndex(doc.file.text);
  const organs = splitList(field(n, '发文机关') ?? '');
  const printed = field(n, '印发') ? readPrinted(field(n, '印发')!) : undefined;
  const dateField = field(n, '成文日期');
  // The 印发 date is when the 版记 was printed, not when the notice was signed: never printed as 成文日期.
  const date = dateField ? chineseDate(dateField) ?? dateField : undefined;
  const main = field(n, '主送');
  const paragraphs: Paragraph[] = (n.node.body?.paragraphs ?? []).map((p) => ({
    parts: fillParagraph(p.text, p.start, n, opts.recipient ? { recipient: opts.recipient } : {}),
    line: lines.position(p.start).line,
  }));

  const attachments: Attachment[] = [];
  // A copy for one recipient leaves out the tables not sent to recipients; the others keep their
  // labels (附件2 stays 附件2), as the body that cites them is the same in every copy.
  const sent = (t: TableModel | KpiTableModel): boolean => !opts.recipient || !t.notSent;
  const blocks: { start: number; a: Attachment }[] = [
    ...n.tables.filter(sent).map((t) => ({ start: t.node.start, a: allocationGrid(t, lines) as Attachment })),
    ...n.kpiTables.filter(sent).map((k) => ({ start: k.node.start, a: kpiGrid(k, lines) as Attachment })),
  ];
  blocks.sort((a, b) => (labelNumber(a.a.label) ?? 1e9) - (labelNumber(b.a.label) ?? 1e9) || a.start - b.start);
  for (const b of blocks) attachments.push(b.a);

  let attachmentNotes: string[];
  const notesField = n.fields.get('附件说明');
  if (notesField) {
    attachmentNotes = [notesField.value.text.trim(), ...notesField.continuation.map((c) => c.text.trim())].filter((s) => s);
  } else {
    const listed = attachments.filter((a) => a.label);
    attachmentNotes = listed.length === 1 && labelNumber(listed[0]!.label) === 1
      ? [listed[0]!.title]
      : listed.map((a) => `${labelNumber(a.label) ?? ''}.${a.title}`);
  }

  const cc = field(n, '抄送');
  const publicity = n.publicity.filter((f) => f.value.text.trim()).map((f) => `${f.key.text}：${f.value.text.trim()}`);
  return {
    notice: n,
    genre: n.kind === '公示' ? '公示' : '通知',
    letterhead: n.kind !== '公示',
    ...(field(n, '紧急程度') ? { urgency: field(n, '紧急程度')! } : {}),
    organs,
    ...(n.docNumber ? { docNumber: n.docNumber.text.trim() } : {}),
    title: field(n, '标题') ?? '',
    titleLines: titleLines(field(n, '标题') ?? '', lineEms(PT.er, AREA_MM.portrait)),
    ...(main ? { mainRecipients: /[：:]$/.test(main) ? main.replace(/:$/, '：') : `${main}：` } : {}),
    paragraphs,
    attachmentNotes,
    signature: organs,
    ...(date ? { date } : {}),
    publicity,
    // As the source writes it (its own 、 and ，), with the closing 。 GB/T 9704 §7.4.2 asks for.
    ...(cc ? { cc: `抄送：${cc.replace(/[。.]$/, '')}。` } : {}),
    ...(printed?.organ ? { printer: printed.organ } : {}),
    ...(printed?.date ? { printDate: `${printed.date}印发` } : {}),
    attachments,
    ...(opts.recipient ? { recipient: opts.recipient } : {}),
    line: lines.position(n.node.start).line,
  };
}

/**
 * Places HTML-style rows (cells listed where they start) on an absolute grid: `[row, col]` of
 * each cell. One pass, keeping for each grid column how many more rows a span from above covers.
 */
export function placeCells(rows: readonly { readonly cells: readonly GridCell[] }[]): { row: number; col: number; cell: GridCell }[][] {
  const covered: number[] = [];
  const out: { row: number; col: number; cell: GridCell }[][] = [];
  rows.forEach((r, ri) => {
    let col = 0;
    const placed: { row: number; col: number; cell: GridCell }[] = [];
    for (const cell of r.cells) {
      while ((covered[col] ?? 0) > 0) col++;
      placed.push({ row: ri, col, cell });
      const rs = cell.rowSpan ?? 1;
      const cs = cell.colSpan ?? 1;
      // This row's own cells count down with the rest below; a span of one row leaves no cover.
      for (let b = 0; b < cs; b++) covered[col + b] = rs;
      col += cs;
    }
    for (let c = 0; c < covered.length; c++) if (covered[c]! > 0) covered[c]!--;
    out.push(placed);
  });
  return out;
}

/** A file name for a notice: its document number, with characters file systems refuse replaced. */
export function outputName(n: NoticeModel, index: number, recipient?: RowModel): string {
  const base = n.docNumber?.text.trim() || field(n, '标题') || `通知${index + 1}`;
  const withRecipient = recipient ? `${base}-${recipient.name}` : base;
  const safe = withRecipient.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/\s+/g, ' ').replace(/^[.\s]+|[.\s]+$/g, '');
  return byteLimit(safe || `通知${index + 1}`, 180);
}

/**
 * `s` cut to at most `max` bytes of UTF-8, at a character: file systems limit a name to 255
 * bytes, and a Chinese character takes three (the extension and a `-2` are added after).
 */
function byteLimit(s: string, max: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes > max) break;
    out += ch;
  }
  return out;
}
