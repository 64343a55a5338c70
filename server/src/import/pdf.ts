/**
 * PDF (the text layer, read with pdfjs-dist 5.6, the last line that runs on Node 20): the
 * text items of every page with their positions, put back into lines (items on one baseline)
 * and the lines into paragraphs and tables. A ruled table is read from its grid (./pdf-grid.ts:
 * a cell where the rules draw one, merged cells, wrapped text). A table without rules is read
 * from its text's positions: a line with several runs of text far apart is a table line; a run
 * of them is a table. Its columns are the gaps no body line's text crosses
 * (the body: lines with a number); a heading wider than its column that crosses a gap is a
 * group heading over the columns it spans; the heading lines above the first body line are
 * joined per column (wrapped headings). In a KPI table, the 一级/二级 names printed in the
 * middle of their merged cells are moved up to the first row of their cell.
 *
 * A PDF without a text layer (a scan) and a password-protected one are refused with one line.
 */
import { cellAt, gridsOf, rulesOf, type Grid, type OpCodes } from './pdf-grid.js';
import { cleanText, unifiedIdeographs } from './text-clean.js';
import { ImportError, type SourceBlock, type SourceCell, type SourceDocument, type SourceRow } from './types.js';

interface Chunk {
  x0: number;
  x1: number;
  text: string;
}

interface Line {
  readonly y: number;
  readonly size: number;
  readonly chunks: Chunk[];
  readonly page: number;
  /** A ruled table read from its grid, standing where its top is (its text is not in the other lines). */
  readonly ruled?: SourceRow[];
}

interface TextItemLike {
  readonly str: string;
  readonly transform: readonly number[];
  readonly width: number;
}

async function loadPdfjs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  // pdfjs-dist's drawing code makes a DOMMatrix as it loads. Node has none (pdfjs takes one from
  // the optional native @napi-rs/canvas, which the packaged extension does not carry), and the
  // reader never draws: an empty stand-in lets it load where there is none.
  const scope = globalThis as { DOMMatrix?: unknown };
  scope.DOMMatrix ??= class DOMMatrixUnused {};
  // The legacy build's core-js replaces, for the whole process, built-ins it finds incomplete in
  // Node 20 with JavaScript versions: Array.prototype.push (which made this reader spend a
  // tenth of its time in it) and JSON.parse/stringify (which the language server's JSON-RPC
  // runs on every message). The reader needs nothing they add: the built-ins are put back.
  const push = Object.getOwnPropertyDescriptor(Array.prototype, 'push')!;
  const json = { parse: Object.getOwnPropertyDescriptor(JSON, 'parse')!, stringify: Object.getOwnPropertyDescriptor(JSON, 'stringify')! };
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // The worker's code runs in this thread (no worker file to find next to a bundle, none in a web worker).
  const g = globalThis as { pdfjsWorker?: unknown };
  g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  Object.defineProperty(Array.prototype, 'push', push);
  Object.defineProperty(JSON, 'parse', json.parse);
  Object.defineProperty(JSON, 'stringify', json.stringify);
  return pdfjs;
}

/** For the tests: the lines the reader sees. */
export async function pdfLines(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const out: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    for (const l of pageLines(content.items.filter((i): i is TextItemLike & typeof i => 'str' in i), p)) out.push(`${Math.round(l.y)} ${l.chunks.map((c) => `[${Math.round(c.x0)}-${Math.round(c.x1)}]${c.text}`).join(' | ')}`);
  }
  return out;
}

export async function readPdfDocument(bytes: Uint8Array): Promise<SourceDocument> {
  const pdfjs = await loadPdfjs();
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') throw new ImportError('PDF 有打开密码，无法读取；请用原件或去掉密码后再导入');
    throw new ImportError(`PDF 文件已损坏，无法读取（${err instanceof Error ? err.message : String(err)}）`);
  }
  const lines: Line[] = [];
  let previous: RuledTable | undefined;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const items = (await page.getTextContent()).items.flatMap((i) => ('str' in i ? [{ str: unifiedIdeographs(i.str), transform: i.transform as number[], width: i.width }] : []));
    const operators = await page.getOperatorList();
    const grids = gridsOf(rulesOf(operators.fnArray, operators.argsArray, pdfjs.OPS as unknown as OpCodes));
    const read = ruledTables(grids, items, p, previous, lines);
    lines.push(...read.lines);
    previous = read.last;
  }
  await doc.destroy();
  if (!lines.some((l) => l.chunks.some((c) => c.text.trim() !== ''))) {
    throw new ImportError('PDF 中没有文字层（可能是扫描件），读不出其中的文字和数字；请用 OCR 识别后另存为带文字的 PDF，或导入 Word、Excel 原件');
  }
  const blocks = toBlocks(lines).map((b) => (b.kind === 'table' ? { ...b, table: { ...b.table, rows: indentLevels(b.table.rows) } } : b));
  return { blocks, notes: [], format: 'PDF' };
}

/**
 * A table's indents in points (from its grid, over all its pages) made levels: in each column,
 * offsets within a point and a half of each other are one level (a page's rounding moves text
 * by less), the levels numbered from the left.
 */
function indentLevels(rows: readonly SourceRow[]): SourceRow[] {
  const byColumn = new Map<number, number[]>();
  for (const row of rows) {
    row.cells.forEach((c, col) => {
      if (c.indent === undefined) return;
      const offsets = byColumn.get(col);
      if (offsets) offsets.push(c.indent);
      else byColumn.set(col, [c.indent]);
    });
  }
  const level = new Map<number, Map<number, number>>();
  for (const [col, offsets] of byColumn) {
    const sorted = [...new Set(offsets)].sort((a, b) => a - b);
    const of = new Map<number, number>();
    let n = 0;
    sorted.forEach((x, i) => {
      if (i > 0 && x - sorted[i - 1]! > 1.5) n++;
      of.set(x, n);
    });
    level.set(col, of);
  }
  return rows.map((row) => (row.cells.some((c) => c.indent !== undefined) ? { ...row, cells: row.cells.map((c, col) => (c.indent === undefined ? c : { ...c, indent: level.get(col)!.get(c.indent)! })) } : row));
}

/** A page's items as lines, top to bottom; runs of text on a line split where the gap is wide. */
function pageLines(items: readonly TextItemLike[], page: number): Line[] {
  const rows: { y: number; size: number; items: TextItemLike[] }[] = [];
  for (const it of items) {
    if (it.str === '') continue;
    const y = it.transform[5]!;
    const size = Math.abs(it.transform[3]!) || 10;
    const row = rows.find((r) => Math.abs(r.y - y) < Math.min(r.size, size) * 0.35);
    if (row) row.items.push(it);
    else rows.push({ y, size, items: [it] });
  }
  rows.sort((a, b) => b.y - a.y);
  const out: Line[] = [];
  for (const r of rows) {
    const sorted = r.items.sort((a, b) => a.transform[4]! - b.transform[4]!);
    const chunks: Chunk[] = [];
    for (const it of sorted) {
      // A space item can be as wide as the gap between two cells: it joins nothing.
      if (it.str.trim() === '') continue;
      const x0 = it.transform[4]!;
      const x1 = x0 + it.width;
      const last = chunks[chunks.length - 1];
      if (last && x0 - last.x1 < r.size * 0.9) {
        // A space where the gap is wide, except between Chinese characters (justified text spreads them).
        const wide = x0 - last.x1 > r.size * 0.15 && !last.text.endsWith(' ');
        last.text += wide && !(CJK_END.test(last.text) || CJK_START.test(it.str)) ? ` ${it.str}` : it.str;
        last.x1 = Math.max(last.x1, x1);
      } else if (it.str.trim() !== '') chunks.push({ x0, x1, text: it.str });
    }
    for (const c of chunks) c.text = c.text.trim();
    const kept = chunks.filter((c) => c.text !== '');
    // Page numbers (`— 3 —`, `- 3 -`) are not the document's text.
    if (kept.length === 1 && /^[-—–]\s*\d+\s*[-—–]$/.test(kept[0]!.text)) continue;
    if (kept.length > 0) out.push({ y: r.y, size: r.size, chunks: kept, page });
  }
  return out;
}

const CJK_END = /[\u3000-\u9fff\uff00-\uffef“”‘’]$/;
const CJK_START = /^[\u3000-\u9fff\uff00-\uffef“”‘’]/;

const NUMBER = /^[-－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[-－—–]$/;

function isGridLine(l: Line): boolean {
  return l.chunks.length >= 2;
}

/** A ruled table being read: its rows so far, and where its grid ended. */
interface RuledTable {
  readonly rows: SourceRow[];
  readonly page: number;
  readonly xs: readonly number[];
  readonly bottom: number;
  /** Its heading rows' texts (a continuation's repeated heading is left out). */
  readonly headings: readonly string[];
}

const headingOf = (r: SourceRow | undefined): string => (r ? r.cells.map((c) => c.text).filter((t) => t !== '').join('|') : '');
const isKpiHeading = (r: SourceRow): boolean => r.cells.some((c) => /^一级指标$/.test(c.text));
/** A row with a number in a cell after its first: a row of an allocation table's body. */
const isBodyRow = (r: SourceRow): boolean => r.cells.slice(1).some((c) => NUMBER.test(c.text)) && !/^栏\s*次$/.test(r.cells[0]?.text ?? '');

/**
 * A page's lines, with its ruled tables read from their grids: a grid with a 一级指标 cell (a
 * KPI table) or with numbers in its body (an allocation table), or one at the top of the page
 * that continues the ruled table that ended the page before (the same column rules, nothing
 * printed between), whose rows are appended to it (a repeated heading left out). Tables
 * without rules are read from their text's positions (`toBlocks`).
 */
function ruledTables(grids: readonly Grid[], items: readonly TextItemLike[], page: number, previous: RuledTable | undefined, before: readonly Line[]): { lines: Line[]; last: RuledTable | undefined } {
  const all = pageLines(items, page);
  const texts = grids.map((g) => cellTexts(g, items, page));
  const used: { grid: Grid; ruled?: SourceRow[] }[] = [];
  let last = previous;
  texts.forEach((cells, k) => {
    const grid = grids[k]!;
    const isKpi = cells.some((c) => /^一级指标$/.test(c.text));
    const rows = gridRows(grid, cells, page);
    const body = rows.findIndex(isBodyRow);
    const top = grid.ys[0]!;
    const continued =
      last !== undefined &&
      last.page === page - 1 &&
      used.length === 0 &&
      !all.some((l) => l.y > top + 1) &&
      !before.some((l) => l.page === page - 1 && l.y < last!.bottom) &&
      sameColumns(last.xs, grid.xs) &&
      // A new KPI table starts with its own heading; a repeated one is the heading read before.
      (!isKpi || last.headings.includes(headingOf(rows.find(isKpiHeading))));
    if (!continued && !isKpi && body < 0) return;
    if (continued) {
      let from = 0;
      while (from < rows.length && last!.headings.includes(headingOf(rows[from]))) from++;
      last!.rows.push(...rows.slice(from));
      used.push({ grid });
      last = { ...last!, page, xs: grid.xs, bottom: grid.ys[grid.ys.length - 1]! };
    } else {
      used.push({ grid, ruled: rows });
      const headings = isKpi ? [headingOf(rows.find(isKpiHeading))] : rows.slice(0, body).map(headingOf);
      last = { rows, page, xs: grid.xs, bottom: grid.ys[grid.ys.length - 1]!, headings };
    }
  });
  if (used.length === 0) return { lines: all, last: undefined };
  // The text inside the grids read is in their cells, not in the lines.
  const outside = items.filter((it) => !used.some(({ grid }) => cellAt(grid, ...middle(it)) >= 0));
  const lines = pageLines(outside, page);
  for (const { grid, ruled } of used) if (ruled) lines.push({ y: grid.ys[0]!, size: 0, chunks: [], page, ruled });
  lines.sort((a, b) => b.y - a.y);
  return { lines, last };
}

function middle(it: TextItemLike): [number, number] {
  const size = Math.abs(it.transform[3]!) || 10;
  return [it.transform[4]! + it.width / 2, it.transform[5]! + size * 0.3];
}

function sameColumns(a: readonly number[], b: readonly number[]): boolean {
  const near = (x: number, y: number): boolean => Math.abs(x - y) <= 2;
  return near(a[0]!, b[0]!) && near(a[a.length - 1]!, b[b.length - 1]!) && b.filter((x) => a.some((y) => near(x, y))).length >= Math.min(3, b.length);
}

interface CellText {
  readonly text: string;
  /** Its first line's distance from the cell's left and right rules, and the text's size (none for an empty cell). */
  readonly place?: { readonly left: number; readonly right: number; readonly size: number };
}

/**
 * Each cell's text: its items as lines, joined (a line that starts a numbered item starts a new
 * paragraph), extraction spaces removed; and how far its first line stands from the left rule
 * (a PDF prints the hierarchy of names only as that offset).
 */
function cellTexts(grid: Grid, items: readonly TextItemLike[], page: number): CellText[] {
  const mine: TextItemLike[][] = grid.cells.map(() => []);
  for (const it of items) {
    const k = cellAt(grid, ...middle(it));
    if (k >= 0) mine[k]!.push(it);
  }
  return mine.map((list, k) => {
    let text = '';
    const lines = pageLines(list, page);
    for (const l of lines) {
      const t = l.chunks.map((c) => c.text).join(' ');
      if (text === '') text = t;
      else if (/^(?:\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)])/.test(t)) text += `\n${t}`;
      else text += CJK_END.test(text) || CJK_START.test(t) ? t : ` ${t}`;
    }
    // The spaces text extraction puts between a number and the Chinese around it are not the cell's.
    const cleaned = text.split('\n').map(cleanText).join('\n');
    const first = lines[0];
    if (!first) return { text: cleaned };
    const cell = grid.cells[k]!;
    const place = { left: first.chunks[0]!.x0 - cell.left, right: cell.right - first.chunks[first.chunks.length - 1]!.x1, size: first.size || 10 };
    return { text: cleaned, place };
  });
}

/**
 * The indents of a grid's body cells, in points from the left rule, in the columns whose
 * text is set to the left. A PDF shows the hierarchy of names only as that offset. The column
 * decides, not the cell (a short name indented in a narrow column can look centred): its text
 * is centred when nearly every cell's text stands as far from both rules, right-aligned when
 * every cell's stands equally far from the right rule but not from the left, else set to the left.
 */
function cellIndents(grid: Grid, texts: readonly CellText[], body: ReadonlySet<number>): (number | undefined)[] {
  const byColumn = new Map<number, { left: number; right: number; size: number; k: number }[]>();
  grid.cells.forEach((cell, k) => {
    const place = texts[k]!.place;
    if (cell.colSpan !== 1 || !place || !body.has(cell.row)) return;
    const list = byColumn.get(cell.col);
    if (list) list.push({ ...place, k });
    else byColumn.set(cell.col, [{ ...place, k }]);
  });
  const out: (number | undefined)[] = grid.cells.map(() => undefined);
  for (const list of byColumn.values()) {
    const tol = Math.max(1.5, 0.15 * list[0]!.size);
    const spread = (xs: number[]): number => Math.max(...xs) - Math.min(...xs);
    const centred = list.filter((p) => Math.abs(p.left - p.right) <= tol).length >= 0.8 * list.length;
    // Right-aligned text keeps its right offset to a fraction of a point; wrapped names, to a character.
    const rightSet = spread(list.map((p) => p.right)) <= 0.5 && spread(list.map((p) => p.left)) > tol;
    if (centred || rightSet) continue;
    for (const p of list) out[p.k] = Math.max(0, p.left);
  }
  return out;
}

/** The grid's rows as source rows: a merged cell's text on its top-left, the cells it covers marked, the indents of the body's. */
function gridRows(grid: Grid, texts: readonly CellText[], page: number): SourceRow[] {
  const rows: SourceRow[] = [];
  for (let r = 0; r < grid.ys.length - 1; r++) {
    const cells: SourceCell[] = grid.at[r]!.map((k, c) => {
      const cell = grid.cells[k]!;
      if (cell.row !== r) return { text: '', covered: 'above' };
      if (cell.col !== c) return { text: '', covered: 'left' };
      return { text: texts[k]!.text, ...(cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}), ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}) };
    });
    rows.push({ cells, where: `第${page}页` });
  }
  const body = new Set<number>();
  rows.forEach((row, r) => isBodyRow(row) && body.add(r));
  const indents = cellIndents(grid, texts, body);
  return rows.map((row, r) =>
    body.has(r)
      ? {
          ...row,
          cells: row.cells.map((c, col) => {
            const indent = c.covered ? undefined : indents[grid.at[r]![col]!];
            return indent === undefined ? c : { ...c, indent };
          }),
        }
      : row,
  );
}

/** Lines as paragraphs and tables. */
function toBlocks(lines: readonly Line[]): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  // Tables as their lines, built into rows at the end (a table continued on the next page grows).
  const tables = new Map<number, Line[]>();
  let last: { block: number; lines: Line[] } | undefined;
  let i = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    if (l.ruled) {
      blocks.push({ kind: 'table', table: { rows: l.ruled } });
      last = undefined;
      i++;
      continue;
    }
    if (!isGridLine(l)) {
      blocks.push({ kind: 'paragraph', text: l.chunks.map((c) => c.text).join(' ') });
      i++;
      continue;
    }
    // A table: grid lines, with single lines between them that sit within its columns.
    let j = i + 1;
    let lastGrid = i;
    let minX = Math.min(...l.chunks.map((c) => c.x0));
    while (j < lines.length) {
      const m = lines[j]!;
      // A table ends at its page's end (a continuation is joined below) and at an attachment's label.
      if (m.ruled || m.page !== lines[j - 1]!.page || /^附\s*件\s*\d*\s*[:：]?$/.test(m.chunks[0]!.text)) break;
      if (isGridLine(m)) {
        lastGrid = j;
        minX = Math.min(minX, m.chunks[0]!.x0);
      } else if (!(j - lastGrid <= 3 && m.chunks[0]!.x0 >= minX - m.size && lines.slice(j + 1, j + 4).some(isGridLine))) break;
      j++;
    }
    // The heading lines just above the first grid line (a wrapped or vertically centred heading is one run).
    let from = i;
    while (from > 0 && blocksOwn(blocks, lines, from)) from--;
    const region = lines.slice(from, lastGrid + 1);
    const grids = region.filter(isGridLine).length;
    if (grids < 2) {
      // A line like `南昌市财政局办公室 … 2022年10月9日印发` is one paragraph, not a table.
      for (const m of region) blocks.push({ kind: 'paragraph', text: m.chunks.map((c) => c.text).join(' ') });
    } else if (last && continues(last, blocks, region)) {
      // The same table on the next page: its repeated heading is left out, its rows appended.
      blocks.length = last.block + 1;
      let start = Math.max(0, region.findIndex(isBodyLine));
      // The first line of a name wrapped around the first row stays with it.
      const first = region[start]!;
      if (start > 0 && region[start - 1]!.chunks.length === 1 && region[start - 1]!.y - first.y < first.size * 1.7 && !/^栏\s*次/.test(region[start - 1]!.chunks[0]!.text)) start--;
      last.lines.push(...region.slice(start));
    } else {
      blocks.push({ kind: 'table', table: { rows: [] } });
      last = { block: blocks.length - 1, lines: [...region] };
      tables.set(last.block, last.lines);
    }
    i = lastGrid + 1;
  }
  return blocks.map((b, k) => (tables.has(k) ? { kind: 'table', table: { rows: tableRows(tables.get(k)!) } } : b));
}

/** A region on the page after the last table's, with nothing but its page's top lines between them, and a repeated heading. */
function continues(last: { block: number; lines: Line[] }, blocks: readonly SourceBlock[], region: readonly Line[]): boolean {
  const end = last.lines[last.lines.length - 1]!;
  if (region[0]!.page !== end.page + 1 || blocks.length - 1 - last.block > 6) return false;
  if (!region.some(isBodyLine) || region.some((l) => l.chunks.some((c) => c.text === '一级指标'))) return false;
  // What lies between must be heading fragments, not a new attachment's label, title or unit.
  const between = blocks.slice(last.block + 1);
  if (between.some((b) => b.kind !== 'paragraph' || /^附\s*件|表$|^单\s*位|年度|^注/.test(b.text.trim()))) return false;
  const lead = last.lines[0]!.chunks[0]!.text;
  return region.some((l) => !isBodyLine(l) && l.chunks.some((c) => c.text === lead)) || region.findIndex(isBodyLine) === 0;
}

function isBodyLine(l: Line): boolean {
  return l.chunks.slice(1).some((c) => NUMBER.test(c.text)) && !/^栏\s*次$/.test(l.chunks[0]!.text);
}

/**
 * True when the line above `at` belongs to the table below it: close above it, on the same
 * page, not the unit line or the attachment label. It is then taken back from the paragraphs.
 */
function blocksOwn(blocks: SourceBlock[], lines: readonly Line[], at: number): boolean {
  const above = lines[at - 1]!;
  const here = lines[at]!;
  const text = above.chunks.map((c) => c.text).join(' ');
  if (above.page !== here.page || above.y - here.y > here.size * 1.6 || /^(?:单\s*位|金额单位)\s*[:：]|^附\s*件\s*\d*\s*[:：]?$/.test(text)) return false;
  const last = blocks[blocks.length - 1];
  if (last?.kind !== 'paragraph' || last.text !== text) return false;
  blocks.pop();
  return true;
}

/** The column intervals: the union of the chunks of the lines given, merged where they overlap. */
function columnsOf(lines: readonly Line[]): [number, number][] {
  const spans = lines.flatMap((l) => l.chunks.map((c) => [c.x0, c.x1] as [number, number])).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1] + 1) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

function columnAt(cols: readonly [number, number][], c: Chunk): { first: number; last: number } {
  let first = -1;
  let last = -1;
  cols.forEach(([a, b], k) => {
    const overlap = Math.min(b, c.x1) - Math.max(a, c.x0);
    if (overlap > 0 || (c.x0 >= a - 2 && c.x1 <= b + 2)) {
      if (first < 0) first = k;
      last = k;
    }
  });
  if (first < 0) {
    // Between columns: the nearest one.
    let best = 0;
    let d = Infinity;
    cols.forEach(([a, b], k) => {
      const dist = Math.min(Math.abs(a - c.x1), Math.abs(b - c.x0));
      if (dist < d) {
        d = dist;
        best = k;
      }
    });
    first = last = best;
  }
  return { first, last };
}

function tableRows(region: readonly Line[]): SourceRow[] {
  const isBody = (l: Line): boolean => l.chunks.slice(1).some((c) => NUMBER.test(c.text)) && !/^栏\s*次$/.test(l.chunks[0]!.text);
  const body = region.filter(isBody);
  const kpi = region.some((l) => l.chunks.some((c) => c.text === '一级指标'));
  const basis = kpi || body.length === 0 ? region.filter(isGridLine) : body;
  const cols = columnsOf(basis);
  const width = cols.length;
  const rows: SourceRow[] = [];
  const firstBody = kpi ? -1 : region.findIndex(isBody);
  const place = (l: Line): SourceCell[] => {
    const cells: SourceCell[] = Array.from({ length: width }, () => ({ text: '' }));
    for (const c of l.chunks) {
      const { first, last } = columnAt(cols, c);
      const prev = cells[first]!.text;
      cells[first] = { text: prev === '' ? c.text : `${prev} ${c.text}`, ...(last > first ? { colSpan: last - first + 1 } : {}) };
      for (let k = first + 1; k <= last; k++) cells[k] = { text: '', covered: 'left' };
    }
    return cells;
  };
  if (firstBody > 0) {
    // The heading lines: group headings (spanning columns) on one row, the columns' own headings joined on the next.
    const head = region.slice(0, firstBody);
    const groups: SourceCell[] = Array.from({ length: width }, () => ({ text: '' }));
    const leaves: string[][] = Array.from({ length: width }, () => []);
    const numberLine = head.find((l) => /^栏\s*次$/.test(l.chunks[0]!.text));
    for (const l of head) {
      if (l === numberLine) continue;
      for (const c of l.chunks) {
        const { first, last } = columnAt(cols, c);
        if (last > first) {
          groups[first] = { text: groups[first]!.text + c.text };
          for (let k = first + 1; k <= last; k++) groups[k] = { text: '', covered: 'left' };
        } else leaves[first]!.push(c.text);
      }
    }
    if (groups.some((g) => g.text !== '')) rows.push({ cells: groups, where: `第${head[0]!.page}页` });
    rows.push({ cells: leaves.map((t) => ({ text: t.join('') })), where: `第${head[0]!.page}页` });
    if (numberLine) rows.push({ cells: place(numberLine), where: `第${numberLine.page}页` });
  }
  const rest = firstBody > 0 ? region.slice(firstBody) : region;
  // A name wrapped in its cell: its lines above and below a body line that has no name.
  const used = new Set<Line>();
  const names = new Map<Line, string>();
  if (!kpi) {
    rest.forEach((l, k) => {
      if (!isBody(l) || columnAt(cols, l.chunks[0]!).first === 0) return;
      const near = (m: Line | undefined): m is Line => m !== undefined && !isBody(m) && m.chunks.length === 1 && columnAt(cols, m.chunks[0]!).first === 0 && Math.abs(m.y - l.y) < l.size * 1.7;
      const above = rest[k - 1];
      const below = rest[k + 1];
      const parts = [near(above) ? above : undefined, near(below) ? below : undefined].filter((m): m is Line => m !== undefined);
      if (parts.length === 0) return;
      for (const m of parts) used.add(m);
      names.set(l, parts.map((m) => m.chunks[0]!.text).join(''));
    });
  }
  for (const l of rest) {
    if (used.has(l)) continue;
    const cells = place(l);
    const name = names.get(l);
    if (name !== undefined) cells[0] = { text: name };
    rows.push({ cells, where: `第${l.page}页` });
  }
  return kpi ? centeredLevels(rows) : rows;
}

/**
 * In a KPI table a merged 一级 or 二级 cell prints its name in the middle of the rows it
 * covers. Each such name is moved to the first of its rows: walking down, a name at row k
 * whose block began at row b covers rows b … 2k − b (its middle is k).
 */
function centeredLevels(rows: SourceRow[]): SourceRow[] {
  const head = rows.findIndex((r) => r.cells.some((c) => c.text === '一级指标'));
  if (head < 0) return rows;
  const headCells = rows[head]!.cells.map((c) => c.text);
  const out = rows.map((r) => ({ ...r, cells: [...r.cells] }));
  for (const title of ['一级指标', '二级指标']) {
    const col = headCells.indexOf(title);
    if (col < 0) continue;
    let start = head + 1;
    for (let k = head + 1; k < rows.length; k++) {
      const t = rows[k]!.cells[col]?.text ?? '';
      if (t === '') continue;
      const to = Math.max(start, Math.min(rows.length - 1, 2 * k - start));
      out[k]!.cells[col] = { text: '' };
      out[start]!.cells[col] = { text: t };
      start = to + 1;
    }
  }
  return out;
}
