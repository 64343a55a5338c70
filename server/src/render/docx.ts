/**
 * Word (.docx, with the `docx` package): the notice laid out as GB/T 9704-2012 wants — A4,
 * 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, 22 lines of 3号仿宋 — then each attachment on a
 * new page with its table (merged header of every level, 栏次 row, numbers right-aligned, KPI
 * cells merged down their indicators).
 *
 * Kept to what both Microsoft Word and WPS read: plain paragraphs and tables with merged
 * cells, paragraph borders, tab stops, and one field (the page number in the footer). No
 * content controls, no text boxes, no floating objects.
 *
 * Returns bytes (no I/O), so it runs in a web worker too.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  OnOffElement,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignSection,
  VerticalAlignTable,
  WidthType,
  type IParagraphStyleOptions,
  type ISectionOptions,
  type ITableCellBorders,
} from 'docx';
import type { DocumentModel, NoticeModel } from '../model/types.js';
import { RawBlocks, tableXml, type XmlCell, type XmlRow } from './docx-xml.js';
import { assertWordSize } from './limits.js';
import {
  FONTS,
  PAGE,
  PAGE_BOTTOM,
  PAGE_RIGHT,
  PT,
  attachmentLabel,
  emWidth,
  noticeLayout,
  placeCells,
  tableSize,
  type AllocationGrid,
  type Attachment,
  type GridCell,
  type GridColumn,
  type GridRow,
  type KpiGrid,
  type LayoutOptions,
  type NoteLayout,
  type NoticeLayout,
} from './layout.js';

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (x: number): number => Math.round(x * TWIPS_PER_MM);
const AREA = mm(PAGE.areaWidth);
/** The type area's width on a landscape page: the portrait area's height. */
const AREA_LANDSCAPE = mm(PAGE.areaHeight);
/** 22 lines in the 225 mm type area: 28.9 pt, in twentieths of a point. */
const LINE = 578;
const RED = 'E60012';

type FontKey = keyof typeof FONTS;

/**
 * A run of text. Type larger than 3号 (the 发文机关标志, titles) is kept off the character grid
 * (`offGrid`): on the grid each of its characters would take two or three of the grid's cells.
 */
function run(text: string, font: FontKey, size: number, extra: { color?: string; bold?: boolean; offGrid?: boolean } = {}): TextRun {
  const name = FONTS[font].name;
  return new TextRun({
    text,
    font: { ascii: font === 'ht' ? name : 'Times New Roman', hAnsi: font === 'ht' ? name : 'Times New Roman', eastAsia: name, cs: name },
    size: Math.round(size * 2),
    ...(extra.color ? { color: extra.color } : {}),
    ...(extra.bold ? { bold: true } : {}),
    ...(extra.offGrid || size > PT.san ? { snapToGrid: false } : {}),
    ...(size === PT.san ? { characterSpacing: BODY_SPACING } : {}),
  });
}

/** Exact line spacing in points. */
function exact(pt: number, before = 0, after = 0): { line: number; lineRule: typeof LineRuleType.EXACT; before: number; after: number } {
  return { line: Math.round(pt * 20), lineRule: LineRuleType.EXACT, before, after };
}

/**
 * The paragraph kept off the line grid (`<w:snapToGrid w:val="false"/>` in its properties).
 * Word sets a paragraph of exact line spacing at that spacing whatever the grid (ECMA-376
 * §17.6.5); LibreOffice rounds each of its lines up to a whole number of grid lines, so that the
 * 35 mm space, the 发文机关标志 and the title's lines took two or four lines each and pushed the
 * 正文 off the first page. Every first-section paragraph whose line is not the body's goes
 * through here. docx has no option for the paragraph's `w:snapToGrid` (only the run's), so the
 * element is put into its properties where the schema orders it, just before `w:spacing`.
 */
function offGrid(p: Paragraph): Paragraph {
  const props = (p as unknown as { properties: { root: unknown[] } }).properties;
  const at = props.root.findIndex((x) => (x as { rootKey?: string }).rootKey === 'w:spacing');
  props.root.splice(at < 0 ? props.root.length : at, 0, new OnOffElement('w:snapToGrid', false));
  return p;
}

function blank(lines = 1): Paragraph[] {
  return Array.from({ length: lines }, () => new Paragraph({ spacing: exact(28.9), children: [] }));
}

/** Chars of 3号 as twips (one 3号 character is 16 pt = 320 twips). */
const CH = 320;

// ---- the notice ----

function organMark(l: NoticeLayout): (Paragraph | Table)[] {
  if (l.organs.length === 0) return [];
  const longest = l.organs.reduce((w, o) => Math.max(w, [...o].length), 0);
  const size = Math.min(PT.xiaochu, Math.floor((PAGE.areaWidth * 2.83) / (longest + 2.6)));
  if (l.organs.length === 1) {
    return [offGrid(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact(size * 1.25), children: [run(`${l.organs[0]}文件`, 'xbs', size, { color: RED })] }))];
  }
  // Joint notice: the organs stacked and justified, 文件 beside them, centred (a borderless table).
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const borders: ITableCellBorders = { top: none, bottom: none, left: none, right: none };
  const left = Math.round(longest * size * 20 + 240);
  const right = Math.round(2 * size * 20 + 240);
  return [
    new Table({
      alignment: AlignmentType.CENTER,
      layout: TableLayoutType.FIXED,
      width: { size: left + right, type: WidthType.DXA },
      columnWidths: [left, right],
      borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
      rows: [
        new TableRow({
          children: [
            new TableCell({
              borders,
              width: { size: left, type: WidthType.DXA },
              verticalAlign: VerticalAlignTable.CENTER,
              children: l.organs.map((o) => offGrid(new Paragraph({ alignment: AlignmentType.DISTRIBUTE, spacing: exact(size * 1.2), children: [run(o, 'xbs', size, { color: RED })] }))),
            }),
            new TableCell({
              borders,
              width: { size: right, type: WidthType.DXA },
              verticalAlign: VerticalAlignTable.CENTER,
              children: [offGrid(new Paragraph({ alignment: AlignmentType.LEFT, spacing: exact(size * 1.2), children: [run('文件', 'xbs', size, { color: RED })] }))],
            }),
          ],
        }),
      ],
    }),
  ];
}

/**
 * The notice's first page and body. The 发文机关标志's top edge is 35 mm below the top of the
 * type area (§7.2.4): a spacer paragraph of that height comes first (the 紧急程度 line, when
 * there is one, takes its first line). From the last paragraph of the 正文 to the 成文日期
 * every paragraph is kept with the next, so the 署名 and 成文日期 never stand on a page
 * without 正文 (§7.3.5).
 */
function noticeParts(l: NoticeLayout): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const markTop = 35 * 72 / 25.4;
  if (l.urgency) out.push(new Paragraph({ spacing: exact(28.9), children: [run(l.urgency, 'ht', PT.san)] }));
  if (l.letterhead && l.organs.length > 0) {
    const gap = markTop - (l.urgency ? 28.9 : 0);
    out.push(offGrid(new Paragraph({ spacing: exact(gap), children: [] })));
  }
  if (l.letterhead) {
    out.push(...organMark(l));
    out.push(...blank(2));
  }
  if (l.docNumber) out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact(28.9), children: [run(l.docNumber, 'fs', PT.san)] }));
  if (l.letterhead) {
    // The red rule under the document number, as wide as the type area.
    out.push(offGrid(new Paragraph({ spacing: exact(6, 0, 0), border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 1 } }, children: [] })));
    out.push(...blank(2));
  }
  out.push(offGrid(new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: exact(PT.er * 1.4), children: titleRuns(l.titleLines.length ? l.titleLines : [l.title], 'xbs', PT.er) })));
  out.push(...blank(1));
  if (l.mainRecipients) out.push(new Paragraph({ spacing: exact(28.9), children: [run(l.mainRecipients, 'fs', PT.san)] }));
  const hasTail = l.attachmentNotes.length > 0 || l.signature.length > 0 || l.date !== undefined;
  l.paragraphs.forEach((p, i) => {
    const last = i === l.paragraphs.length - 1;
    out.push(
      new Paragraph({
        alignment: AlignmentType.BOTH,
        spacing: exact(28.9),
        indent: { firstLine: 2 * CH, firstLineChars: 200 },
        ...(last && hasTail ? { keepNext: true, keepLines: true } : {}),
        children: p.parts.map((x) => (x.blank ? new TextRun({ text: x.text, underline: {}, font: { eastAsia: FONTS.fs.name }, size: PT.san * 2 }) : run(x.text, 'fs', PT.san))),
      }),
    );
  });
  const kept = (): Paragraph => new Paragraph({ spacing: exact(28.9), keepNext: true, children: [] });
  const hasSignature = l.signature.length > 0 || l.date !== undefined;
  if (l.attachmentNotes.length > 0) {
    out.push(kept());
    const single = l.attachmentNotes.length === 1;
    l.attachmentNotes.forEach((note, i) => {
      // 附件：1.名称 — later items and wrapped lines align with the first item's name.
      const nameStart = (single ? 5 : 6) * CH;
      out.push(
        new Paragraph({
          spacing: exact(28.9),
          ...(hasSignature ? { keepNext: true } : {}),
          indent: i === 0 ? { left: nameStart, hanging: nameStart - 2 * CH } : { left: nameStart, hanging: CH },
          children: [run(i === 0 ? `附件：${note}` : note, 'fs', PT.san)],
        }),
      );
    });
  }
  if (hasSignature) {
    out.push(kept(), kept());
    const sigWidth = l.signature.reduce((w, s) => Math.max(w, emWidth(s)), 0);
    l.signature.forEach((s, i) => {
      const pad = 2 + (sigWidth - emWidth(s)) / 2;
      const keep = l.date !== undefined || i < l.signature.length - 1;
      out.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(28.9), ...(keep ? { keepNext: true } : {}), indent: { right: Math.round(pad * CH) }, children: [run(s, 'fs', PT.san)] }));
    });
    if (l.date) {
      // Without a seal (§7.3.5.2): the date on the line under the 署名, centred under it.
      const pad = 2 + Math.max(0, (sigWidth - emWidth(l.date)) / 2);
      out.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(28.9), indent: { right: Math.round(pad * CH) }, children: [run(l.date, 'fs', PT.san)] }));
    }
  }
  if (l.publicity.length > 0) {
    out.push(...blank(1));
    for (const p of l.publicity) out.push(new Paragraph({ spacing: exact(28.9), indent: { left: 2 * CH }, children: [run(p, 'fs', PT.san)] }));
  }
  return out;
}

/** 版记: thick rule, 抄送, thin rule, 印发机关 … 印发日期, thick rule (4号仿宋). */
function colophon(l: NoticeLayout): Table {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const SI = 280; // one 4号 character
  const rows: TableRow[] = [];
  const cell = (children: Paragraph[], top: typeof thick, bottom: typeof thick): TableCell =>
    new TableCell({
      borders: { top, bottom, left: none, right: none },
      width: { size: AREA, type: WidthType.DXA },
      margins: { left: 0, right: 0, top: 40, bottom: 40 },
      children,
    });
  if (l.cc) {
    rows.push(new TableRow({ children: [cell([new Paragraph({ spacing: exact(PT.si * 1.6), indent: { left: 4 * SI, hanging: 3 * SI, right: SI }, children: [run(l.cc, 'fs', PT.si)] })], thick, thin)] }));
  }
  rows.push(
    new TableRow({
      children: [
        cell(
          [
            new Paragraph({
              spacing: exact(PT.si * 1.6),
              indent: { left: SI, right: SI },
              tabStops: [{ type: TabStopType.RIGHT, position: AREA - SI }],
              children: [run(l.printer ?? '', 'fs', PT.si), new TextRun({ children: [new Tab()] }), run(l.printDate ?? '', 'fs', PT.si)],
            }),
          ],
          l.cc ? thin : thick,
          thick,
        ),
      ],
    }),
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: AREA, type: WidthType.DXA },
    columnWidths: [AREA],
    borders: { top: thick, bottom: thick, left: none, right: none, insideHorizontal: thin, insideVertical: none },
    rows,
  });
}

// ---- attachments ----

/**
 * The paragraph styles of table cells, one per font, alignment, size and weight, made as the
 * tables use them. A cell's paragraph then names its style and holds a plain run: a national
 * table has tens of thousands of cells, and properties written on each of them made the file
 * several times larger and slower to write than the table itself.
 */
class CellStyles {
  private readonly styles = new Map<string, IParagraphStyleOptions>();

  id(font: FontKey, align: (typeof AlignmentType)[keyof typeof AlignmentType], size: number, bold: boolean): string {
    const id = `NoticeCell${font}${align}${Math.round(size * 2)}${bold ? 'b' : ''}`;
    if (!this.styles.has(id)) {
      const name = FONTS[font].name;
      const latin = font === 'ht' ? name : 'Times New Roman';
      this.styles.set(id, {
        id,
        name: id,
        basedOn: 'Normal',
        paragraph: { alignment: align, spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
        // Tables are set by their own column widths, never on the body's character grid.
        run: { font: { ascii: latin, hAnsi: latin, eastAsia: name, cs: name }, size: Math.round(size * 2), snapToGrid: false, ...(bold ? { bold: true } : {}) },
      });
    }
    return id;
  }

  all(): IParagraphStyleOptions[] {
    return [...this.styles.values()];
  }
}

/** Column widths in twips from the fit's millimetres, adding up to the type area's width exactly. */
function twipWidths(mmWidths: readonly number[], area: number): number[] {
  const sum = mmWidths.reduce((a, b) => a + b, 0);
  const w = mmWidths.map((x) => Math.floor((x / sum) * area));
  w[w.length - 1]! += area - w.reduce((a, b) => a + b, 0);
  return w;
}

interface TableRowSpec {
  readonly row: GridRow;
  readonly header: boolean;
  /** Kept on the page of the next row (the rows of a merged KPI cell). */
  readonly keepNext?: boolean;
}

function gridTable(rows: readonly TableRowSpec[], columns: readonly GridColumn[], size: number, area: number, styles: CellStyles, raw: RawBlocks): Paragraph {
  const colW = twipWidths(columns.map((c) => c.weight), area);
  const placed = placeCells(rows.map((r) => r.row));
  const out: XmlRow[] = rows.map(({ row, header, keepNext }, ri) => {
    // Cells are centred vertically only in a row where some cell takes more than one line:
    // a national table's single-line rows then carry no cell properties beyond their width.
    const tall = header || placed[ri]!.some(({ col, cell }) => {
      if (cell.text.includes('\n') || (cell.rowSpan ?? 1) > 1) return true;
      let room = -120;
      for (let i = col; i < col + (cell.colSpan ?? 1); i++) room += colW[i] ?? 0;
      return (emWidth(cell.text) + (cell.indent ?? 0)) * size * 20 > room;
    });
    return { cells: row.cells.map((c) => cellOf(c, size, styles, tall)), header, keepNext: keepNext === true };
  });
  // The cells' padding once for the table, not on every cell.
  return raw.placeholder(tableXml({ columns: colW, rows: out, border: 4, margins: [50, 50, 60, 60] }));
}

const ALIGN: Record<GridCell['role'], (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  head: AlignmentType.CENTER,
  seq: AlignmentType.CENTER,
  stub: AlignmentType.LEFT,
  text: AlignmentType.CENTER,
  num: AlignmentType.RIGHT,
  'number-row': AlignmentType.CENTER,
  key: AlignmentType.CENTER,
  value: AlignmentType.LEFT,
  kpi1: AlignmentType.CENTER,
  kpi2: AlignmentType.CENTER,
  kpi3: AlignmentType.LEFT,
};

function cellOf(c: GridCell, size: number, styles: CellStyles, centre: boolean): XmlCell {
  const font: FontKey = c.role === 'head' || c.role === 'number-row' || c.role === 'key' ? 'ht' : 'fs';
  return {
    lines: c.text.includes('\n') ? c.text.split('\n') : [c.text],
    style: styles.id(font, ALIGN[c.role], size, c.bold === true),
    ...(c.indent ? { indent: Math.round(c.indent * size * 20) } : {}),
    colSpan: c.colSpan ?? 1,
    rowSpan: c.rowSpan ?? 1,
    ...(c.valign === 'top' ? { valign: 'top' as const } : centre ? { valign: 'center' as const } : {}),
  };
}

/**
 * The notes under a table: paragraphs right under it in 仿宋 of the table's size, `注：` and the
 * first paragraph, the later ones indented to align with its text.
 */
function noteParagraphs(notes: readonly NoteLayout[], size: number): Paragraph[] {
  const out: Paragraph[] = [];
  for (const n of notes) {
    const lead = Math.round(emWidth(n.lead) * size * 20);
    const paragraphs = n.paragraphs.length > 0 ? n.paragraphs : [''];
    paragraphs.forEach((p, i) => {
      out.push(
        new Paragraph({
          alignment: AlignmentType.BOTH,
          spacing: { line: 300, lineRule: LineRuleType.AUTO, before: i === 0 && out.length === 0 ? 60 : 0, after: 0 },
          indent: i === 0 ? { left: lead, hanging: lead } : { left: lead },
          children: [run(i === 0 ? `${n.lead}${p}` : p, 'fs', size)],
        }),
      );
    });
  }
  return out;
}

/** Lines of a title as one paragraph's runs, each after the first starting with a line break. */
function titleRuns(lines: readonly string[], font: FontKey, size: number): TextRun[] {
  return lines.map((t, i) => {
    const r = run(t, font, size);
    return i === 0 ? r : new TextRun({ text: t, break: 1, font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: FONTS[font].name, cs: FONTS[font].name }, size: Math.round(size * 2), snapToGrid: false });
  });
}

function attachmentParts(a: Attachment, styles: CellStyles, raw: RawBlocks): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const area = a.fit.landscape ? AREA_LANDSCAPE : AREA;
  out.push(new Paragraph({ spacing: exact(28.9), keepNext: true, children: [run(attachmentLabel(a) ?? '', 'ht', PT.san)] }));
  out.push(new Paragraph({ spacing: exact(28.9), keepNext: true, children: [] }));
  out.push(new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: exact(PT.xiaoer * 1.45), children: titleRuns(a.titleLines, 'xbs', PT.xiaoer) }));
  if (a.kind === 'kpi') {
    if (a.subtitle) out.push(new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: exact(28.9), children: [run(a.subtitle, 'kt', PT.san)] }));
    else out.push(new Paragraph({ spacing: exact(28.9), keepNext: true, children: [] }));
    out.push(...kpiTables(a, styles, raw));
  } else {
    out.push(new Paragraph({ alignment: AlignmentType.RIGHT, keepNext: true, spacing: exact(PT.xiaosi * 2), children: [run(`单位：${a.unit}`, 'fs', PT.xiaosi)] }));
    out.push(allocationTable(a, area, styles, raw));
  }
  out.push(...noteParagraphs(a.notes, tableSize(a)));
  return out;
}

function allocationTable(g: AllocationGrid, area: number, styles: CellStyles, raw: RawBlocks): Paragraph {
  const size = tableSize(g);
  const rows: TableRowSpec[] = [
    ...g.header.map((row) => ({ row, header: true })),
    ...(g.numberRow ? [{ row: g.numberRow, header: true }] : []),
  ];
  for (const row of g.body) rows.push({ row, header: false });
  return gridTable(rows, g.columns, size, area, styles, raw);
}

/**
 * A KPI table as Word prints it: the header fields, then the indicators in a table of their
 * own whose header row (绩效指标 | 一级指标 | …) repeats on every page, the rows of each merged
 * 一级/二级 cell kept on one page (each row kept with the next up to the last row of its 二级).
 * The two tables are one to the eye: a hairline paragraph between them keeps Word from joining
 * them, which would make the repeated header a middle row.
 */
function kpiTables(g: KpiGrid, styles: CellStyles, raw: RawBlocks): Paragraph[] {
  const size = tableSize(g);
  const fields = g.rows.slice(0, g.fieldRows).map((row) => ({ row, header: false }));
  const indicators: TableRowSpec[] = [];
  const rest = g.rows.slice(g.fieldRows);
  // Rows under one 二级 cell: a row starting no new 二级 (no kpi2 cell) continues the one above.
  rest.forEach((row, i) => {
    const next = rest[i + 1];
    const keepNext = i > 0 && next !== undefined && !next.cells.some((c) => c.role === 'kpi2');
    indicators.push({ row, header: i === 0, keepNext });
  });
  const out: Paragraph[] = [];
  if (fields.length > 0) {
    out.push(gridTable(fields, g.columns, size, AREA, styles, raw));
    out.push(new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, children: [] }));
  }
  if (indicators.length > 0) out.push(gridTable(indicators, g.columns, size, AREA, styles, raw));
  return out;
}

// ---- document ----

function footer(align: 'left' | 'right'): Footer {
  const pn = (): TextRun =>
    new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { ascii: FONTS.st.name, hAnsi: FONTS.st.name, eastAsia: FONTS.st.name }, size: PT.si * 2 });
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 },
        children: [pn()],
      }),
    ],
  });
}

const PORTRAIT_PAGE = {
  size: { width: mm(PAGE.width), height: mm(PAGE.height) },
  margin: { top: mm(PAGE.top), bottom: mm(PAGE_BOTTOM), left: mm(PAGE.left), right: mm(PAGE_RIGHT), header: mm(15), footer: mm(PAGE_BOTTOM - 7 - 5.6), gutter: 0 },
};

/**
 * A landscape page for a wide table (GB/T 9704 §8), its type area the portrait one turned:
 * the table's head on the 订口 side of an odd page (the top of the turned page is the portrait
 * page's left edge, 28 mm), 天头 and the foot on the sides (37 and 35 mm).
 */
const LANDSCAPE_PAGE = {
  size: { width: mm(PAGE.width), height: mm(PAGE.height), orientation: PageOrientation.LANDSCAPE },
  margin: { top: mm(PAGE.left), bottom: mm(PAGE_RIGHT), left: mm(PAGE_BOTTOM), right: mm(PAGE.top), header: mm(12), footer: mm(12), gutter: 0 },
};

/**
 * The grid GB/T 9704 §5.2.3 asks for: 22 lines of 28 characters. The lines are Word's line grid
 * (the type area's height over 22); the 28 characters come from the body type itself, set 0.25
 * pt closer (`BODY_SPACING`: 156 mm ÷ 15.75 pt = 28.07 characters of 3号), not from a character
 * grid, which LibreOffice lays out wrongly (17 to 20 characters a line, characters spread apart
 * so that a PDF made from it loses its words).
 */
const GRID = {
  type: DocumentGridType.LINES,
  linePitch: Math.round((mm(PAGE.areaHeight) / 22) * 1),
};

/** The spacing of 3号 body type, in twentieths of a point: −0.25 pt, so that a line holds 28 characters. */
export const BODY_SPACING = -5;

const emptyFooter = (): Footer => new Footer({ children: [new Paragraph({ children: [] })] });

function buildDocx(doc: DocumentModel, notice: NoticeModel, opts: LayoutOptions, raw: RawBlocks): Document {
  assertWordSize(notice);
  const l = noticeLayout(doc, notice, opts);
  const styles = new CellStyles();
  const sections: ISectionOptions[] = [
    {
      properties: { page: PORTRAIT_PAGE, grid: GRID },
      footers: { default: footer('right'), even: footer('left') },
      children: noticeParts(l),
    },
  ];
  // Each attachment on a page of its own (a section, so that a wide table can turn the page).
  for (const a of l.attachments) {
    sections.push({
      properties: { type: SectionType.NEXT_PAGE, page: a.fit.landscape ? LANDSCAPE_PAGE : PORTRAIT_PAGE },
      children: attachmentParts(a, styles, raw),
    });
  }
  // The 版记 on the last page, an even one, at its foot (§7.4.1), after the attachments
  // (§7.3.7); a page before it left blank and the 版记 page carry no page number (§7.5).
  if (l.cc || l.printer || l.printDate) {
    sections.push({
      properties: { type: SectionType.EVEN_PAGE, page: PORTRAIT_PAGE, verticalAlign: VerticalAlignSection.BOTTOM },
      footers: { default: emptyFooter(), even: emptyFooter() },
      children: [colophon(l)],
    });
  }
  return new Document({
    title: l.title,
    creator: l.organs.join('、') || 'notice',
    description: l.docNumber ?? '',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: FONTS.fs.name }, size: PT.san * 2, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
      },
      // Normal states the 3号 size itself: the character grid's pitch is reckoned from it
      // (LibreOffice reads it from Normal, not from the document defaults).
      paragraphStyles: [{ id: 'Normal', name: 'Normal', run: { size: PT.san * 2, font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: FONTS.fs.name } } }, ...styles.all()],
    },
    sections,
  });
}

/** The notice as .docx bytes. */
export async function renderDocx(doc: DocumentModel, notice: NoticeModel, opts: LayoutOptions = {}): Promise<Uint8Array> {
  const raw = new RawBlocks();
  return raw.pack(buildDocx(doc, notice, opts, raw));
}
