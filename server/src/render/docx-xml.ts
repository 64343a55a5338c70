/**
 * The grid tables of the Word output (allocation and KPI tables) written as WordprocessingML
 * text, and put into the document `docx` packs.
 *
 * A national table has tens of thousands of cells. Made as `docx` objects, each cell is a tree
 * of some twenty objects that the library then turns into a second tree and then into text:
 * 10,000 rows took more than twice the time and memory of the library writing a bare table,
 * most of it in the garbage collector. Here a cell is a few strings joined. The XML is what the
 * library writes for the same table (the properties the tests read back: column grid, widths,
 * `gridSpan`, `vMerge`, `cantSplit`, `tblHeader`, `keepNext`, paragraph styles), so Word and
 * WPS read it as before.
 *
 * The document is built with a placeholder paragraph where each table goes (`RawBlocks`); once
 * `docx` has packed it, the placeholders in `word/document.xml` are replaced by the tables' XML
 * and the package is zipped again (fflate, the library `docx` zips with).
 */
import { Packer, Paragraph, TextRun, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text as XML character data: markup escaped, and the control characters XML cannot hold dropped. */
export function escapeXml(s: string): string {
  // Most cells (every amount) have nothing to escape: they are returned as they are.
  if (!/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s)) return s;
  return s.replace(/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => ESCAPES[c] ?? '');
}

export interface XmlCell {
  /** The cell's lines, one paragraph each. */
  readonly lines: readonly string[];
  readonly style: string;
  /** Left indent of its paragraphs, in twips. */
  readonly indent?: number;
  readonly colSpan: number;
  readonly rowSpan: number;
  readonly valign?: 'top' | 'center';
}

export interface XmlRow {
  readonly cells: readonly XmlCell[];
  readonly header: boolean;
  /** Every paragraph kept with the next (the rows of a merged KPI cell). */
  readonly keepNext: boolean;
}

export interface XmlTable {
  /** Column widths in twips. */
  readonly columns: readonly number[];
  readonly rows: readonly XmlRow[];
  /** Border width in eighths of a point. */
  readonly border: number;
  /** Cell padding in twips: top, bottom, left, right. */
  readonly margins: readonly [number, number, number, number];
}

function paragraphXml(text: string, style: string, keepNext: boolean, indent: number | undefined): string {
  const props = `<w:pPr><w:pStyle w:val="${style}"/>${keepNext ? '<w:keepNext/>' : ''}${indent ? `<w:ind w:left="${indent}"/>` : ''}</w:pPr>`;
  return text ? `<w:p>${props}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>` : `<w:p>${props}</w:p>`;
}

function cellProps(width: number, colSpan: number, merge: '' | 'restart' | 'continue', valign: string | undefined): string {
  return (
    `<w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>` +
    (colSpan > 1 ? `<w:gridSpan w:val="${colSpan}"/>` : '') +
    (merge ? `<w:vMerge w:val="${merge}"/>` : '') +
    (valign ? `<w:vAlign w:val="${valign}"/>` : '') +
    '</w:tcPr>'
  );
}

/**
 * A table as WordprocessingML. Cells are listed, as in HTML, in the row where they start; a cell
 * merged down (`rowSpan`) is continued in the rows below by an empty `vMerge` cell at its column.
 */
export function tableXml(t: XmlTable): string {
  const line = `w:val="single" w:color="000000" w:sz="${t.border}"`;
  const [top, bottom, left, right] = t.margins;
  const parts: string[] = [
    '<w:tbl><w:tblPr>',
    `<w:tblW w:type="dxa" w:w="${t.columns.reduce((a, b) => a + b, 0)}"/>`,
    `<w:tblBorders><w:top ${line}/><w:left ${line}/><w:bottom ${line}/><w:right ${line}/><w:insideH ${line}/><w:insideV ${line}/></w:tblBorders>`,
    '<w:tblLayout w:type="fixed"/>',
    `<w:tblCellMar><w:top w:type="dxa" w:w="${top}"/><w:left w:type="dxa" w:w="${left}"/><w:bottom w:type="dxa" w:w="${bottom}"/><w:right w:type="dxa" w:w="${right}"/></w:tblCellMar>`,
    '</w:tblPr><w:tblGrid>',
    ...t.columns.map((w) => `<w:gridCol w:w="${w}"/>`),
    '</w:tblGrid>',
  ];
  const width = (col: number, span: number): number => {
    let w = 0;
    for (let i = col; i < col + span; i++) w += t.columns[i] ?? 0;
    return w;
  };
  // Per column: the merged cell above still covering it, and for how many more rows.
  const covering: ({ left: number; span: number; valign?: string } | undefined)[] = [];
  for (const row of t.rows) {
    parts.push(`<w:tr><w:trPr><w:cantSplit/>${row.header ? '<w:tblHeader/>' : ''}</w:trPr>`);
    let col = 0;
    const continueAt = (): void => {
      // The merged cells from rows above that cover the next columns.
      for (let c = covering[col]; c && c.left > 0; c = covering[col]) {
        parts.push(`<w:tc>${cellProps(width(col, c.span), c.span, 'continue', c.valign)}<w:p/></w:tc>`);
        c.left--;
        col += c.span;
      }
    };
    for (const cell of row.cells) {
      continueAt();
      parts.push(`<w:tc>${cellProps(width(col, cell.colSpan), cell.colSpan, cell.rowSpan > 1 ? 'restart' : '', cell.valign)}`);
      for (const text of cell.lines) parts.push(paragraphXml(text, cell.style, row.keepNext, cell.indent));
      parts.push('</w:tc>');
      if (cell.rowSpan > 1) covering[col] = { left: cell.rowSpan - 1, span: cell.colSpan, ...(cell.valign ? { valign: cell.valign } : {}) };
      col += cell.colSpan;
    }
    continueAt();
    parts.push('</w:tr>');
  }
  parts.push('</w:tbl>');
  return parts.join('');
}

/** The style no paragraph of a notice has: it marks a placeholder, and never reaches the file. */
const PLACEHOLDER_STYLE = 'NoticeRawBlock';

/** Blocks of WordprocessingML put into a document that `docx` builds, where their placeholders stand. */
export class RawBlocks {
  private readonly blocks: string[] = [];

  /** A paragraph to put where `xml` goes. */
  placeholder(xml: string): Paragraph {
    this.blocks.push(xml);
    return new Paragraph({ style: PLACEHOLDER_STYLE, children: [new TextRun(String(this.blocks.length - 1))] });
  }

  /** The document packed by `docx`, with every placeholder replaced by its block. */
  async pack(doc: Document): Promise<Uint8Array> {
    const packed = new Uint8Array(await Packer.toArrayBuffer(doc));
    if (this.blocks.length === 0) return packed;
    const files: Zippable = unzipSync(packed);
    const xml = strFromU8(files['word/document.xml'] as Uint8Array);
    // A placeholder that ends a section carries the section's properties: they stay, in an
    // empty paragraph after the block, as docx writes them after a table that ends a section.
    const found = new Set<number>();
    const re = new RegExp(`<w:p><w:pPr><w:pStyle w:val="${PLACEHOLDER_STYLE}"/>(<w:sectPr>[^]*?</w:sectPr>)?</w:pPr><w:r><w:t xml:space="preserve">(\\d+)</w:t></w:r></w:p>`, 'g');
    const out = xml.replace(re, (_, sectPr: string | undefined, n: string) => {
      found.add(Number(n));
      return this.blocks[Number(n)]! + (sectPr ? `<w:p><w:pPr>${sectPr}</w:pPr></w:p>` : '');
    });
    // Every block placed once: anything else is a change in how docx writes a paragraph.
    if (found.size !== this.blocks.length) throw new Error(`Word output: ${this.blocks.length - found.size} table(s) not placed`);
    files['word/document.xml'] = strToU8(out);
    return zipSync(files);
  }
}
