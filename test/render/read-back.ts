/**
 * Reading rendered outputs back for the tests: the .docx's document.xml (unzipped with
 * jszip, which exceljs brings along) as paragraphs and tables of cells.
 */
import JSZip from 'jszip';

export interface DocxCell {
  readonly text: string;
  readonly gridSpan: number;
  /** `restart` starts a vertical merge, `continue` is covered by one above. */
  readonly vMerge?: 'restart' | 'continue';
}

export interface DocxBody {
  readonly xml: string;
  /** Every paragraph outside tables, in order. */
  readonly paragraphs: string[];
  /** Every table: rows of cells. */
  readonly tables: DocxCell[][][];
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function textOf(xml: string): string {
  const out: string[] = [];
  const re = /<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    out.push([...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1]!)).join(''));
  }
  return out.join('\n');
}

/** Splits `xml` at top-level `<tag …>…</tag>` elements (no nesting of the same tag assumed inside cells). */
export function elements(xml: string, tag: string): string[] {
  const out: string[] = [];
  const open = new RegExp(`<${tag}[ >]`, 'g');
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    let depth = 1;
    let i = m.index + 1;
    const any = new RegExp(`<${tag}[ >]|</${tag}>`, 'g');
    any.lastIndex = i;
    let end = -1;
    for (let n = any.exec(xml); n; n = any.exec(xml)) {
      depth += n[0].startsWith('</') ? -1 : 1;
      if (depth === 0) {
        end = n.index + n[0].length;
        break;
      }
    }
    if (end < 0) break;
    out.push(xml.slice(m.index, end));
    open.lastIndex = end;
    i = end;
  }
  return out;
}

/** A table's rows of cells. */
function cellsOf(tbl: string): DocxCell[][] {
  return elements(tbl, 'w:tr').map((tr) =>
    elements(tr, 'w:tc').map((tc): DocxCell => {
      const span = /<w:gridSpan w:val="(\d+)"\/>/.exec(tc);
      const vm = /<w:vMerge(?: w:val="(\w+)")?\/>/.exec(tc);
      return {
        text: textOf(tc),
        gridSpan: span ? Number(span[1]) : 1,
        ...(vm ? { vMerge: vm[1] === 'restart' ? 'restart' : 'continue' } : {}),
      };
    }),
  );
}

export async function readDocx(bytes: Uint8Array): Promise<DocxBody> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const tables = elements(xml, 'w:tbl').map(cellsOf);
  const outside = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const paragraphs = textOf(outside.replace(/^[\s\S]*?<w:body>/, '')).split('\n');
  return { xml, paragraphs, tables };
}

export async function docxPart(bytes: Uint8Array, path: string): Promise<string | undefined> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.file(path)?.async('string');
}

/** One top-level element of the document body: a paragraph (its text and its xml) or a table (its rows of cells). */
export type DocxBlock = { readonly kind: 'p'; readonly text: string; readonly xml: string } | { readonly kind: 'table'; readonly rows: DocxCell[][]; readonly xml: string };

/** The body's paragraphs and tables in document order (what follows what on the page). */
export function bodyBlocks(xml: string): DocxBlock[] {
  const body = xml.slice(xml.indexOf('<w:body>') + '<w:body>'.length, xml.lastIndexOf('</w:body>'));
  const out: DocxBlock[] = [];
  const next = /<w:tbl>|<w:p[ >]|<w:p\/>/g;
  for (let m = next.exec(body); m; m = next.exec(body)) {
    if (m[0] === '<w:tbl>') {
      const tbl = elements(body.slice(m.index), 'w:tbl')[0]!;
      out.push({ kind: 'table', rows: cellsOf(tbl), xml: tbl });
      next.lastIndex = m.index + tbl.length;
    } else {
      const end = m[0] === '<w:p/>' ? m.index + m[0].length : body.indexOf('</w:p>', m.index) + '</w:p>'.length;
      const p = body.slice(m.index, end);
      out.push({ kind: 'p', text: textOf(p), xml: p });
      next.lastIndex = end;
    }
  }
  return out;
}
