/**
 * HTML: a print-ready page per notice, laid out as GB/T 9704-2012 wants (A4 through
 * `@page`, type area 156 × 225 mm, the fonts it names with fallbacks), then each attachment
 * on a new page. Every piece of user text is escaped. Table rows, body paragraphs and KPI
 * rows carry `data-line` (0-based source line) so an editor preview can reveal the source.
 *
 * Returns strings only (no I/O): runs in Node, in a web worker and in the VS Code preview.
 */
import { LineIndex } from '../model/span.js';
import type { DocumentModel, NoticeModel } from '../model/types.js';
import {
  FONTS,
  PAGE,
  PAGE_BOTTOM,
  PAGE_RIGHT,
  PT,
  attachmentLabel,
  noticeLayout,
  tableSize,
  type AllocationGrid,
  type Attachment,
  type GridCell,
  type GridRow,
  type KpiGrid,
  type LayoutOptions,
  type NoteLayout,
  type NoticeLayout,
} from './layout.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;

export function escapeHtml(s: string): string {
  // Most cells (every amount) have nothing to escape: they are returned as they are.
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : s;
}

const e = escapeHtml;

/** Text with line breaks kept. */
function multiline(s: string): string {
  return s.includes('\n') ? s.split('\n').map(e).join('<br>') : e(s);
}

const MAX_INDENT = 8;
const MARK_MIN = 16;

/** Rules for what would otherwise be style attributes: indentation levels, organ-mark sizes. */
function generatedRules(): string {
  const out: string[] = [];
  for (let i = 1; i <= MAX_INDENT; i++) out.push(`table.grid td.indent-${i} { padding-left: ${(1.2 + i * 4.2).toFixed(1)}mm; }`);
  for (let pt = MARK_MIN; pt <= PT.xiaochu; pt++) out.push(`.organ-mark.mark-${pt} { font-size: ${pt}pt; }`);
  return out.join('\n');
}

export const HTML_STYLE = `
@page { size: A4; margin: ${PAGE.top}mm ${PAGE_RIGHT}mm ${PAGE_BOTTOM}mm ${PAGE.left}mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font-family: ${FONTS.st.css}; font-size: ${PT.si}pt; margin-right: 1em; vertical-align: top; padding-top: 7mm; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font-family: ${FONTS.st.css}; font-size: ${PT.si}pt; margin-left: 1em; vertical-align: top; padding-top: 7mm; } }
@page landscape { size: A4 landscape; margin: ${PAGE.left}mm ${PAGE.top}mm ${PAGE_RIGHT}mm ${PAGE_BOTTOM}mm; }
@page colophon { @bottom-right { content: none; } @bottom-left { content: none; } }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${FONTS.fs.css}; font-size: ${PT.san}pt; color: #000; background: #e8e8e8; }
.page { width: ${PAGE.width}mm; min-height: ${PAGE.height}mm; margin: 8mm auto; padding: ${PAGE.top}mm ${PAGE_RIGHT}mm ${PAGE_BOTTOM}mm ${PAGE.left}mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.page.landscape { width: ${PAGE.height}mm; min-height: ${PAGE.width}mm; padding: ${PAGE.left}mm ${PAGE.top}mm ${PAGE_RIGHT}mm ${PAGE_BOTTOM}mm; }
.page.colophon-page { display: flex; flex-direction: column; justify-content: flex-end; }
@media print {
  body { background: #fff; }
  .page, .page.landscape { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .page + .page { break-before: page; }
  .page.landscape { page: landscape; }
  /* The 版记 on an even page of its own, at its foot, without a page number (GB/T 9704 §7.4.1, §7.5). */
  .page.colophon-page { page: colophon; break-before: left; height: ${PAGE.areaHeight - 1}mm; }
}
p { margin: 0; }
.urgency { font-family: ${FONTS.ht.css}; font-size: ${PT.san}pt; line-height: 28.9pt; }
.organ-mark { display: flex; justify-content: center; align-items: center; color: #e60012; font-family: ${FONTS.xbs.css}; line-height: 1.15; margin: 35mm 0 ${2 * 28.9}pt; }
.urgency + .organ-mark { margin-top: calc(35mm - 28.9pt); }
.organ-mark.single { display: block; text-align: center; }
.organ-mark .organs { display: flex; flex-direction: column; }
.organ-mark .organs span { text-align: justify; text-align-last: justify; }
.organ-mark .suffix { margin-left: .3em; }
.doc-number { text-align: center; line-height: 28.9pt; }
.red-rule { border: 0; border-top: 0.6mm solid #e60012; margin: 4mm 0 ${2 * 28.9}pt; }
h1.title { font-family: ${FONTS.xbs.css}; font-size: ${PT.er}pt; font-weight: normal; text-align: center; line-height: 1.45; margin: 0 0 28.9pt; }
.main-recipients, .body p, .attachment-notes, .publicity { line-height: 28.9pt; }
.body p { text-indent: 2em; text-align: justify; }
.body .ref { }
.body .blank { text-decoration: underline; }
.attachment-notes { margin-top: 28.9pt; padding-left: 2em; display: flex; }
.attachment-notes .lead { flex: none; }
.attachment-notes ol { list-style: none; margin: 0; padding: 0; }
.attachment-notes li { padding-left: 1.5em; text-indent: -1.5em; }
.attachment-notes.single li { padding-left: 0; text-indent: 0; }
.closing { break-inside: avoid; }
.signature { break-inside: avoid; margin: ${2 * 28.9}pt 2em 0 auto; width: max-content; max-width: 100%; text-align: center; line-height: 28.9pt; }
.publicity { margin-top: 28.9pt; padding-left: 2em; }
.colophon { border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; font-size: ${PT.si}pt; line-height: 1.9; break-inside: avoid; }
.colophon .cc { padding: 0 1em; border-bottom: 0.25mm solid #000; padding-left: 4em; text-indent: -3em; }
.colophon .printed { display: flex; justify-content: space-between; padding: 0 1em; }
.attachment-label { font-family: ${FONTS.ht.css}; font-size: ${PT.san}pt; line-height: 28.9pt; }
h2.attachment-title { font-family: ${FONTS.xbs.css}; font-size: ${PT.xiaoer}pt; font-weight: normal; text-align: center; line-height: 1.45; margin: 28.9pt 0 0; }
.subtitle { font-family: ${FONTS.kt.css}; text-align: center; line-height: 28.9pt; }
.unit { text-align: right; font-size: ${PT.xiaosi}pt; line-height: 2; }
table.grid { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: ${PT.xiaosi}pt; line-height: 1.35; }
table.grid.size-105 { font-size: ${PT.wu}pt; }
table.grid.size-90 { font-size: ${PT.xiaowu}pt; }
table.grid.size-75 { font-size: ${PT.liu}pt; }
table.grid.kpi-indicators { border-top: 0; }
table.grid.kpi-fields + table.grid.kpi-indicators tr:first-child th { border-top: 0; }
table.grid th.kpi0, table.grid td.kpi0 { border-bottom-style: hidden; }
table.grid td.kpi0 { border-top-style: hidden; }
table.grid tbody.kpi-group:last-child td.kpi0 { border-bottom-style: solid; }
table.grid tbody.kpi-group { break-inside: avoid; }
table.grid th, table.grid td { border: 0.75pt solid #000; padding: 1.2mm 1.2mm; vertical-align: middle; overflow-wrap: anywhere; }
table.grid th, table.grid td.head { font-family: ${FONTS.ht.css}; font-weight: normal; text-align: center; }
table.grid thead { display: table-header-group; }
table.grid.allocation tr { break-inside: avoid; }
table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.grid td.seq, table.grid td.number-row, table.grid td.text { text-align: center; }
table.grid td.number-row { font-family: ${FONTS.ht.css}; }
table.grid td.stub { text-align: left; }
table.grid td.bold { font-weight: bold; }
table.grid td.key { font-family: ${FONTS.ht.css}; text-align: center; }
table.grid td.kpi1, table.grid td.kpi2 { text-align: center; }
table.grid td.value { text-align: left; }
table.grid tr[data-line] { cursor: default; }
table.grid tr.reveal { outline: 2px solid #0a84ff; }
table.grid td.vtop { vertical-align: top; }
.table-notes { font-size: ${PT.xiaosi}pt; line-height: 1.5; margin-top: 1.5mm; }
.table-notes.size-105 { font-size: ${PT.wu}pt; }
.table-notes.size-90 { font-size: ${PT.xiaowu}pt; }
.table-notes.size-75 { font-size: ${PT.liu}pt; }
.table-note { display: flex; }
.table-note .lead { flex: none; }
${generatedRules()}
`;

/**
 * The opening tags of cells without spans, by tag and role, then by the cell's flags (bold 1,
 * top-aligned 2, indentation level × 4): a national table's cells share a few dozen of them.
 */
const OPEN_TAGS = new Map<string, string[]>();

function openTag(c: GridCell, tag: 'td' | 'th'): string {
  const flags = (c.bold ? 1 : 0) | (c.valign === 'top' ? 2 : 0) | (Math.min(c.indent ?? 0, MAX_INDENT) << 2);
  const key = tag === 'td' ? c.role : '<th>';
  let byFlags = OPEN_TAGS.get(key);
  if (!byFlags) OPEN_TAGS.set(key, (byFlags = []));
  return (byFlags[flags] ??= `<${tag}${cellAttributes(c, tag)}>`);
}

/** A cell's attributes. Classes only, no style attributes: a webview's strict content security policy blocks those. */
function cellAttributes(c: GridCell, tag: 'td' | 'th'): string {
  let attrs = '';
  if (c.colSpan && c.colSpan > 1) attrs += ` colspan="${c.colSpan}"`;
  if (c.rowSpan && c.rowSpan > 1) attrs += ` rowspan="${c.rowSpan}"`;
  let cls = tag === 'td' ? c.role : '';
  if (c.bold) cls += cls ? ' bold' : 'bold';
  if (c.indent) cls += `${cls ? ' ' : ''}indent-${Math.min(c.indent, MAX_INDENT)}`;
  if (c.valign === 'top') cls += cls ? ' vtop' : 'vtop';
  if (cls) attrs += ` class="${cls}"`;
  return attrs;
}

/**
 * Writes a row's HTML into `out` as pieces, joined once by the caller: the pieces are the
 * cells' own texts and shared tags, so a national table's body is one string made in one copy
 * (not a string per cell, per row and per join).
 */
function writeRow(out: string[], r: GridRow, tag: 'td' | 'th', cls?: string): void {
  out.push(r.line !== undefined ? `<tr data-line="${r.line}"${cls ? ` class="${cls}"` : ''}>` : cls ? `<tr class="${cls}">` : '<tr>');
  const close = tag === 'td' ? '</td>' : '</th>';
  for (const c of r.cells) {
    out.push(c.colSpan || c.rowSpan ? `<${tag}${cellAttributes(c, tag)}>` : openTag(c, tag), multiline(c.text), close);
  }
  out.push('</tr>\n');
}

function rowHtml(r: GridRow, tag: 'td' | 'th', cls?: string): string {
  const out: string[] = [];
  writeRow(out, r, tag, cls);
  return out.join('').slice(0, -1);
}

function colgroup(weights: readonly number[]): string {
  const sum = weights.reduce((a, b) => a + b, 0);
  return `<colgroup>${weights.map((w) => `<col width="${((w / sum) * 100).toFixed(2)}%">`).join('')}</colgroup>`;
}

/** The class of a table's type size: `size-105` for 五号 (10.5 pt), none for 小四. */
function sizeClass(a: Attachment): string {
  const size = tableSize(a);
  return size === PT.xiaosi ? '' : ` size-${Math.round(size * 10)}`;
}

function writeAllocation(out: string[], g: AllocationGrid): void {
  const head = [...g.header.map((r) => rowHtml(r, 'th')), ...(g.numberRow ? [rowHtml(g.numberRow, 'td', 'number-row')] : [])].join('\n');
  out.push(
    `<div class="unit">单位：${e(g.unit)}</div>\n`,
    `<table class="grid allocation${sizeClass(g)}">${colgroup(g.columns.map((c) => c.weight))}\n`,
    `<thead>\n${head}\n</thead>\n`,
    '<tbody>\n',
  );
  for (const r of g.body) writeRow(out, r, 'td');
  out.push('</tbody></table>');
}

/**
 * A KPI table: the header fields, then the indicators as a table of their own whose header row
 * repeats on every printed page (`<thead>`), each 一级指标's rows in a `<tbody>` kept on one
 * page, so no merged cell is split. The 绩效指标 cell, merged down every indicator in Word,
 * is a column of cells without rules between them here (a cell cannot span from `<thead>` into
 * the body).
 */
function kpiHtml(g: KpiGrid): string {
  const cols = colgroup(g.columns.map((c) => c.weight));
  const fields = g.rows.slice(0, g.fieldRows);
  const [head, ...inds] = g.rows.slice(g.fieldRows);
  const out: string[] = [];
  if (fields.length > 0) out.push(`<table class="grid kpi kpi-fields">${cols}\n<tbody>\n${fields.map((r) => rowHtml(r, 'td')).join('\n')}\n</tbody></table>`);
  if (head) {
    const headRow = { ...head, cells: head.cells.map((c, i) => (i === 0 ? { ...c, rowSpan: 1 } : c)) };
    // The row's first cell is the 绩效指标 column's head: no rule under it.
    const headHtml = rowHtml(headRow, 'th').replace(/^(<tr[^>]*>)<th(?: class="([^"]*)")?/, (_, tr: string, cls?: string) => `${tr}<th class="kpi0${cls ? ` ${cls}` : ''}"`);
    // Groups: a new 一级指标 (a kpi1 cell) starts one.
    const groups: GridRow[][] = [];
    for (const r of inds) {
      if (groups.length === 0 || r.cells.some((c) => c.role === 'kpi1')) groups.push([]);
      groups[groups.length - 1]!.push(r);
    }
    const bodies = groups.map((rows) => {
      const html = rows.map((r, i) => rowHtml(r, 'td').replace('>', i === 0 ? `><td class="kpi0" rowspan="${rows.length}"></td>` : '>'));
      return `<tbody class="kpi-group">\n${html.join('\n')}\n</tbody>`;
    });
    out.push(`<table class="grid kpi kpi-indicators">${cols}\n<thead>\n${headHtml}\n</thead>\n${bodies.join('\n')}</table>`);
  }
  return out.join('\n');
}

/** The notes under a table, in the table's type size; later paragraphs align with the first one's text. */
function notesHtml(notes: readonly NoteLayout[], size: string): string {
  if (notes.length === 0) return '';
  const items = notes.map(
    (n) => `<div class="table-note" data-line="${n.line}"><span class="lead">${e(n.lead)}</span><div>${(n.paragraphs.length ? n.paragraphs : ['']).map((p) => `<p>${e(p)}</p>`).join('')}</div></div>`,
  );
  return `<div class="table-notes${size}">${items.join('')}</div>`;
}

/** A title's printed lines, joined by line breaks. */
function lines(ls: readonly string[]): string {
  return ls.map(e).join('<br>');
}

function writeAttachment(out: string[], a: Attachment): void {
  const label = attachmentLabel(a);
  out.push(`<section class="page attachment${a.fit.landscape ? ' landscape' : ''}" data-line="${a.line}">\n`);
  if (label) out.push(`<div class="attachment-label">${e(label)}</div>\n`);
  out.push(`<h2 class="attachment-title">${lines(a.titleLines)}</h2>\n`);
  if (a.kind === 'kpi' && a.subtitle) out.push(`<div class="subtitle">${e(a.subtitle)}</div>\n`);
  if (a.kind === 'allocation') writeAllocation(out, a);
  else out.push(kpiHtml(a));
  const notes = notesHtml(a.notes, sizeClass(a));
  out.push(notes ? `\n${notes}\n</section>` : '\n</section>');
}

function organMark(l: NoticeLayout): string {
  if (l.organs.length === 0) return '';
  const longest = l.organs.reduce((w, o) => Math.max(w, [...o].length), 0);
  // Fit the longest line and 文件 in the type area, at most 小初 (36 pt).
  const size = Math.max(MARK_MIN, Math.min(PT.xiaochu, Math.floor((PAGE.areaWidth * 2.83) / (longest + 2.6))));
  // One organ: one line, 文件 right after its name (`湖南省财政厅文件`); joint: the names stacked, 文件 beside them.
  if (l.organs.length === 1) return `<header class="organ-mark single mark-${size}">${e(l.organs[0]!)}文件</header>`;
  return `<header class="organ-mark mark-${size}"><div class="organs">${l.organs.map((o) => `<span>${e(o)}</span>`).join('')}</div><div class="suffix">文件</div></header>`;
}

/** One notice (and its attachments) as `<article>`; no `<html>` around it. */
export function noticeArticle(l: NoticeLayout): string {
  const out: string[] = [];
  writeArticle(out, l);
  return out.join('');
}

/** `noticeArticle` as pieces written into `out` (see `writeRow`). */
function writeArticle(out: string[], l: NoticeLayout): void {
  const paragraphs = l.paragraphs.map(
    (p) =>
      `<p data-line="${p.line}">${p.parts
        .map((x) => (x.blank ? `<span class="blank">${x.text}</span>` : x.ref ? `<span class="ref">${e(x.text)}</span>` : e(x.text)))
        .join('')}</p>`,
  );
  const notes = l.attachmentNotes.length
    ? `<div class="attachment-notes${l.attachmentNotes.length === 1 ? ' single' : ''}"><span class="lead">附件：</span><ol>${l.attachmentNotes.map((x) => `<li>${e(x)}</li>`).join('')}</ol></div>`
    : '';
  const signature = l.signature.length || l.date
    ? `<div class="signature">${l.signature.map((s) => `<div>${e(s)}</div>`).join('')}${l.date ? `<div class="date">${e(l.date)}</div>` : ''}</div>`
    : '';
  const colophon = l.cc || l.printer || l.printDate
    ? `<footer class="colophon">${l.cc ? `<div class="cc">${e(l.cc)}</div>` : ''}<div class="printed"><span>${e(l.printer ?? '')}</span><span>${e(l.printDate ?? '')}</span></div></footer>`
    : '';
  const main = [
    `<section class="page main" data-line="${l.line}">`,
    l.urgency ? `<div class="urgency">${e(l.urgency)}</div>` : '',
    l.letterhead ? organMark(l) : '',
    l.docNumber ? `<div class="doc-number">${e(l.docNumber)}</div>` : '',
    l.letterhead ? `<hr class="red-rule">` : '',
    `<h1 class="title">${lines(l.titleLines.length ? l.titleLines : [l.title])}</h1>`,
    l.mainRecipients ? `<p class="main-recipients">${e(l.mainRecipients)}</p>` : '',
    // The last paragraph of the 正文, the 附件说明, the 署名 and the 成文日期 on one page (§7.3.5).
    `<div class="body">\n${paragraphs.slice(0, -1).join('\n')}\n<div class="closing">${paragraphs.slice(-1).join('')}${notes}${signature}</div>\n</div>`,
    ...l.publicity.map((p) => `<p class="publicity">${e(p)}</p>`),
    `</section>`,
  ].filter((x) => x);
  // The 版记 after the attachments, at the foot of an even page of its own (§7.3.7, §7.4.1).
  const colophonPage = colophon ? `<section class="page colophon-page">${colophon}</section>` : '';
  out.push(`<article class="notice" data-line="${l.line}">\n${main.join('\n')}\n`);
  l.attachments.forEach((a, i) => {
    if (i > 0) out.push('\n');
    writeAttachment(out, a);
  });
  out.push(`\n${colophonPage}</article>`);
}

export interface HtmlOptions extends LayoutOptions {
  /** A nonce for the `<style>` element (a webview's content security policy). */
  readonly nonce?: string;
  /** A `Content-Security-Policy` to put in a `<meta>` tag. */
  readonly csp?: string;
}

/** The whole page around the articles that `body` writes. */
function page(title: string, body: (out: string[]) => void, opts: HtmlOptions): string {
  const out = [
    '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n',
    opts.csp ? `<meta http-equiv="Content-Security-Policy" content="${e(opts.csp)}">\n` : '',
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    `<title>${e(title)}</title>\n`,
    `<style${opts.nonce ? ` nonce="${e(opts.nonce)}"` : ''}>${HTML_STYLE}</style>\n`,
    '</head>\n<body>\n',
  ];
  body(out);
  out.push('\n</body>\n</html>');
  return out.join('');
}

/**
 * The Content-Security-Policy an exported page carries: nothing is loaded or run, only its
 * own `<style>` applies (a page opened from a mail attachment cannot be made to fetch anything).
 */
export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** A print-ready page for one notice of a document. */
export function renderHtml(doc: DocumentModel, notice: NoticeModel, opts: HtmlOptions = {}): string {
  const l = noticeLayout(doc, notice, opts);
  const title = [l.docNumber, l.title].filter((x) => x).join(' ');
  return page(title || l.genre, (out) => writeArticle(out, l), { ...opts, csp: opts.csp ?? EXPORT_CSP });
}

/** Every notice of a document on one page (the editor preview). */
export function renderDocumentHtml(doc: DocumentModel, opts: HtmlOptions = {}): string {
  const first = doc.notices[0];
  const title = first ? (first.docNumber?.text ?? first.fields.get('标题')?.value.text ?? first.node.keyword.text) : '通知';
  return page(title, (out) => writeDocumentBody(out, doc, opts), opts);
}

/** What `renderDocumentHtml` puts between `<body>` and `</body>`: what a preview update needs. */
export function renderDocumentBody(doc: DocumentModel, opts: LayoutOptions = {}): string {
  const out: string[] = [];
  writeDocumentBody(out, doc, opts);
  return out.join('');
}

function writeDocumentBody(out: string[], doc: DocumentModel, opts: LayoutOptions): void {
  // One index of the text's lines for every notice of it (the editor passes its own).
  const withLines = { ...opts, lines: opts.lines ?? new LineIndex(doc.file.text) };
  if (doc.notices.length === 0) out.push('<p>（没有通知）</p>');
  doc.notices.forEach((n, i) => {
    if (i > 0) out.push('\n');
    writeArticle(out, noticeLayout(doc, n, withLines));
  });
}
