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
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBordersOptions,
  type ITableCellBorders,
} from 'docx';
import type { DocumentModel, NoticeModel } from '../model/types.js';
import {
  FONTS,
  PAGE,
  PAGE_BOTTOM,
  PAGE_RIGHT,
  PT,
  attachmentLabel,
  emWidth,
  noticeLayout,
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
/** 22 lines in the 225 mm type area: 28.9 pt, in twentieths of a point. */
const LINE = 578;
const RED = 'E60012';

type FontKey = keyof typeof FONTS;

function run(text: string, font: FontKey, size: number, extra: { color?: string; bold?: boolean } = {}): TextRun {
  const name = FONTS[font].name;
  return new TextRun({
    text,
    font: { ascii: font === 'ht' ? name : 'Times New Roman', hAnsi: font === 'ht' ? name : 'Times New Roman', eastAsia: name, cs: name },
    size: Math.round(size * 2),
    ...(extra.color ? { color: extra.color } : {}),
    ...(extra.bold ? { bold: true } : {}),
  });
}

/** Exact line spacing in points. */
function exact(pt: number, before = 0, after = 0): { line: number; lineRule: typeof LineRuleType.EXACT; before: number; after: number } {
  return { line: Math.round(pt * 20), lineRule: LineRuleType.EXACT, before, after };
}

function blank(lines = 1): Paragraph[] {
  return Array.from({ length: lines }, () => new Paragraph({ spacing: exact(28.9), children: [] }));
}

/** Chars of 3号 as twips (one 3号 character is 16 pt = 320 twips). */
const CH = 320;

// ---- the notice ----

function organMark(l: NoticeLayout): (Paragraph | Table)[] {
  if (l.organs.length === 0) return [];
  const longest = Math.max(...l.organs.map((o) => [...o].length));
  const size = Math.min(PT.xiaochu, Math.floor((PAGE.areaWidth * 2.83) / (longest + 2.6)));
  if (l.organs.length === 1) {
    return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact(size * 1.25), children: [run(`${l.organs[0]}文件`, 'xbs', size, { color: RED })] })];
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
              children: l.organs.map((o) => new Paragraph({ alignment: AlignmentType.DISTRIBUTE, spacing: exact(size * 1.2), children: [run(o, 'xbs', size, { color: RED })] })),
            }),
            new TableCell({
              borders,
              width: { size: right, type: WidthType.DXA },
              verticalAlign: VerticalAlignTable.CENTER,
              children: [new Paragraph({ alignment: AlignmentType.LEFT, spacing: exact(size * 1.2), children: [run('文件', 'xbs', size, { color: RED })] })],
            }),
          ],
        }),
      ],
    }),
  ];
}

function noticeParts(l: NoticeLayout): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  if (l.urgency) out.push(new Paragraph({ spacing: exact(28.9), children: [run(l.urgency, 'ht', PT.san)] }));
  if (l.letterhead) {
    out.push(...organMark(l));
    out.push(...blank(2));
  }
  if (l.docNumber) out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact(28.9), children: [run(l.docNumber, 'fs', PT.san)] }));
  if (l.letterhead) {
    // The red rule under the document number, as wide as the type area.
    out.push(new Paragraph({ spacing: exact(6, 0, 0), border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 1 } }, children: [] }));
    out.push(...blank(2));
  }
  out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact(PT.er * 1.4), children: [run(l.title, 'xbs', PT.er)] }));
  out.push(...blank(1));
  if (l.mainRecipients) out.push(new Paragraph({ spacing: exact(28.9), children: [run(l.mainRecipients, 'fs', PT.san)] }));
  for (const p of l.paragraphs) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.BOTH,
        spacing: exact(28.9),
        indent: { firstLine: 2 * CH, firstLineChars: 200 },
        children: p.parts.map((x) => (x.blank ? new TextRun({ text: x.text, underline: {}, font: { eastAsia: FONTS.fs.name }, size: PT.san * 2 }) : run(x.text, 'fs', PT.san))),
      }),
    );
  }
  if (l.attachmentNotes.length > 0) {
    out.push(...blank(1));
    const single = l.attachmentNotes.length === 1;
    l.attachmentNotes.forEach((note, i) => {
      // 附件：1.名称 — later items and wrapped lines align with the first item's name.
      const nameStart = (single ? 5 : 6) * CH;
      out.push(
        new Paragraph({
          spacing: exact(28.9),
          indent: i === 0 ? { left: nameStart, hanging: nameStart - 2 * CH } : { left: nameStart, hanging: CH },
          children: [run(i === 0 ? `附件：${note}` : note, 'fs', PT.san)],
        }),
      );
    });
  }
  if (l.signature.length > 0 || l.date) {
    out.push(...blank(2));
    const sigWidth = Math.max(0, ...l.signature.map(emWidth));
    for (const s of l.signature) {
      const pad = 2 + (sigWidth - emWidth(s)) / 2;
      out.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(28.9), indent: { right: Math.round(pad * CH) }, children: [run(s, 'fs', PT.san)] }));
    }
    if (l.date) {
      const pad = 2 + Math.max(0, (sigWidth - emWidth(l.date)) / 2);
      out.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(28.9), indent: { right: Math.round(pad * CH) }, children: [run(l.date, 'fs', PT.san)] }));
    }
  }
  if (l.publicity.length > 0) {
    out.push(...blank(1));
    for (const p of l.publicity) out.push(new Paragraph({ spacing: exact(28.9), indent: { left: 2 * CH }, children: [run(p, 'fs', PT.san)] }));
  }
  if (l.cc || l.printer || l.printDate) {
    out.push(...blank(2));
    out.push(colophon(l));
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

function widths(columns: readonly GridColumn[]): number[] {
  const sum = columns.reduce((a, c) => a + c.weight, 0);
  const w = columns.map((c) => Math.floor((c.weight / sum) * AREA));
  w[w.length - 1]! += AREA - w.reduce((a, b) => a + b, 0);
  return w;
}

function gridTable(rows: readonly { row: GridRow; header: boolean }[], columns: readonly GridColumn[], size: number): Table {
  const colW = widths(columns);
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders: IBordersOptions & { insideHorizontal: typeof line; insideVertical: typeof line } = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };
  // Track which grid columns are covered by row spans from above, to give each cell its width.
  const covered: number[] = new Array(columns.length).fill(0);
  const out: TableRow[] = [];
  for (const { row, header } of rows) {
    let col = 0;
    const cells: TableCell[] = [];
    for (const c of row.cells) {
      while (col < columns.length && covered[col]! > 0) col++;
      const span = c.colSpan ?? 1;
      const w = colW.slice(col, col + span).reduce((a, b) => a + b, 0);
      cells.push(cellOf(c, w, size));
      if ((c.rowSpan ?? 1) > 1) for (let k = 0; k < span; k++) covered[col + k] = c.rowSpan!;
      col += span;
    }
    out.push(new TableRow({ children: cells, cantSplit: true, ...(header ? { tableHeader: true } : {}) }));
    for (let k = 0; k < covered.length; k++) if (covered[k]! > 0) covered[k]!--;
  }
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: AREA, type: WidthType.DXA },
    columnWidths: colW,
    borders,
    rows: out,
  });
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

function cellOf(c: GridCell, width: number, size: number): TableCell {
  const font: FontKey = c.role === 'head' || c.role === 'number-row' || c.role === 'key' ? 'ht' : 'fs';
  const indent = c.indent ? { left: Math.round(c.indent * size * 20) } : undefined;
  const paragraphs = c.text.split('\n').map(
    (t) =>
      new Paragraph({
        alignment: ALIGN[c.role],
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        ...(indent ? { indent } : {}),
        children: [run(t, font, size, c.bold ? { bold: true } : {})],
      }),
  );
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: c.valign === 'top' ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
    margins: { top: 50, bottom: 50, left: 60, right: 60 },
    ...(c.colSpan && c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
    ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
    children: paragraphs,
  });
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

function attachmentParts(a: Attachment): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  out.push(new Paragraph({ pageBreakBefore: true, spacing: exact(28.9), children: [run(attachmentLabel(a) ?? '', 'ht', PT.san)] }));
  out.push(...blank(1));
  out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact(PT.xiaoer * 1.45), children: [run(a.title, 'xbs', PT.xiaoer)] }));
  if (a.kind === 'kpi') {
    if (a.subtitle) out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact(28.9), children: [run(a.subtitle, 'kt', PT.san)] }));
    else out.push(...blank(1));
    out.push(kpiTable(a));
  } else {
    out.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact(PT.xiaosi * 2), children: [run(`单位：${a.unit}`, 'fs', PT.xiaosi)] }));
    out.push(allocationTable(a));
  }
  out.push(...noteParagraphs(a.notes, tableSize(a)));
  return out;
}

function allocationTable(g: AllocationGrid): Table {
  const size = tableSize(g);
  const rows = [
    ...g.header.map((row) => ({ row, header: true })),
    ...(g.numberRow ? [{ row: g.numberRow, header: true }] : []),
    ...g.body.map((row) => ({ row, header: false })),
  ];
  return gridTable(rows, g.columns, size);
}

function kpiTable(g: KpiGrid): Table {
  return gridTable(g.rows.map((row) => ({ row, header: false })), g.columns, tableSize(g));
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

export function buildDocx(doc: DocumentModel, notice: NoticeModel, opts: LayoutOptions = {}): Document {
  const l = noticeLayout(doc, notice, opts);
  const children = [...noticeParts(l), ...l.attachments.flatMap(attachmentParts)];
  return new Document({
    title: l.title,
    creator: l.organs.join('、') || 'notice',
    description: l.docNumber ?? '',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: FONTS.fs.name }, size: PT.san * 2 },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(PAGE.width), height: mm(PAGE.height) },
            margin: { top: mm(PAGE.top), bottom: mm(PAGE_BOTTOM), left: mm(PAGE.left), right: mm(PAGE_RIGHT), header: mm(15), footer: mm(PAGE_BOTTOM - 7 - 5.6), gutter: 0 },
          },
        },
        footers: { default: footer('right'), even: footer('left') },
        children,
      },
    ],
  });
}

/** The notice as .docx bytes. */
export async function renderDocx(doc: DocumentModel, notice: NoticeModel, opts: LayoutOptions = {}): Promise<Uint8Array> {
  const buf = await Packer.toArrayBuffer(buildDocx(doc, notice, opts));
  return new Uint8Array(buf);
}
