/**
 * Word files (.docx): the body of `word/document.xml` read in order as paragraphs and tables.
 * A small reader of the WordprocessingML the importer needs (paragraph text with its tabs and
 * breaks, bold, the left indent of a cell's paragraph; table rows and cells with `gridSpan`
 * and `vMerge`), over the same zip reader the user catalogue uses (the platform's
 * `DecompressionStream`, so it runs in a web worker). A library that converts to HTML
 * (mammoth) would give us merged cells but lose the indents, and bring four dependencies
 * for what is a few dozen lines of reading here.
 */
import { zipDirectory, zipRead } from '../catalogue/user/xlsx.js';
import { ImportError, type SourceBlock, type SourceCell, type SourceDocument, type SourceRow } from './types.js';
import { compoundFileError, isCompoundFile } from './xlsx.js';

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

/** The end of the element that opens at `from` (`<w:tbl>` … `</w:tbl>`, nested ones counted). */
function elementEnd(xml: string, from: number, tag: string): number {
  const re = new RegExp(`<${tag}(?=[ >/])[^>]*?(/?)>|</${tag}>`, 'g');
  re.lastIndex = from;
  let depth = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[0].startsWith('</')) depth--;
    else if (m[1] !== '/') depth++;
    if (depth === 0) return m.index + m[0].length;
  }
  return xml.length;
}

/** The top-level children of an element's inner xml with this tag. */
function children(xml: string, tag: string): string[] {
  const out: string[] = [];
  const open = new RegExp(`<${tag}(?=[ >/])`, 'g');
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    const end = elementEnd(xml, m.index, tag);
    out.push(xml.slice(m.index, end));
    open.lastIndex = end;
  }
  return out;
}

/** A paragraph's text: its runs' text, tabs as tabs, breaks as line breaks. */
function paragraphText(p: string): string {
  let s = '';
  for (const m of p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>|<w:br\s[^>]*\/>|<w:cr\/>/g)) {
    if (m[1] !== undefined) s += unescapeXml(m[1]);
    else if (m[0].startsWith('<w:tab')) s += '\t';
    else s += '\n';
  }
  return s;
}

function cellOf(tc: string): { cell: SourceCell; span: number; merge?: 'restart' | 'continue' } {
  const span = Number(/<w:gridSpan w:val="(\d+)"/.exec(tc)?.[1] ?? 1);
  const vm = /<w:vMerge(?: w:val="(\w+)")?\s*\/>/.exec(tc);
  const paras = children(tc, 'w:p');
  const text = paras.map(paragraphText).join('\n').trim();
  const left = Number(/<w:ind\b[^>]*w:(?:left|start)="(\d+)"/.exec(paras[0] ?? '')?.[1] ?? 0);
  const bold = /<w:b\/>|<w:b w:val="(?:1|true)"\/>/.test(paras[0] ?? '');
  return {
    cell: { text, ...(left > 0 ? { indent: Math.round(left / 20) } : {}), ...(bold ? { bold: true } : {}) },
    span,
    ...(vm ? { merge: vm[1] === 'restart' ? 'restart' : 'continue' } : {}),
  };
}

function tableOf(tbl: string, n: number): SourceRow[] {
  return children(tbl, 'w:tr').map((tr, r) => {
    const cells: SourceCell[] = [];
    for (const tc of children(tr, 'w:tc')) {
      const { cell, span, merge } = cellOf(tc);
      cells.push(merge === 'continue' ? { text: '', covered: 'above' } : cell);
      for (let k = 1; k < span; k++) cells.push({ text: '', covered: 'left' });
    }
    return { cells, where: `表${n} 第${r + 1}行` };
  });
}

export async function readDocxDocument(bytes: Uint8Array): Promise<SourceDocument> {
  if (isCompoundFile(bytes)) throw compoundFileError(bytes, 'Word');
  let xml: string;
  try {
    const dir = zipDirectory(bytes);
    const entry = dir.get('word/document.xml');
    if (!entry) throw new ImportError('不是 Word 文档（没有 word/document.xml），文件可能已损坏');
    xml = new TextDecoder().decode(await zipRead(bytes, entry));
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(`Word 文件已损坏，无法读取（${err instanceof Error ? err.message : String(err)}）`);
  }
  const start = xml.indexOf('<w:body');
  const body = start >= 0 ? xml.slice(xml.indexOf('>', start) + 1, xml.lastIndexOf('</w:body>')) : '';
  const blocks: SourceBlock[] = [];
  let tables = 0;
  const re = /<w:tbl>|<w:tbl\s|<w:p(?=[ >/])/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[0].startsWith('<w:tbl')) {
      const end = elementEnd(body, m.index, 'w:tbl');
      blocks.push({ kind: 'table', table: { rows: tableOf(body.slice(m.index, end), ++tables) } });
      re.lastIndex = end;
    } else {
      const end = elementEnd(body, m.index, 'w:p');
      for (const line of paragraphText(body.slice(m.index, end)).split('\n')) blocks.push({ kind: 'paragraph', text: line.replace(/\t+/g, ' ') });
      re.lastIndex = end;
    }
  }
  return { blocks, notes: [], format: 'Word' };
}
