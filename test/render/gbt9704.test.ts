/**
 * The layout GB/T 9704-2012 asks for, read back from the outputs (issue 15): wide tables turned
 * or set smaller with every amount whole, titles broken between words, the 署名 kept with the
 * 正文, the 版记 at the foot of the last even page, the 发文机关标志 35 mm down, the 28 × 22
 * grid, 抄送 as written, KPI tables that repeat their header and keep merged cells whole.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../server/src/checks/index.js';
import { renderDocx } from '../../server/src/render/docx.js';
import { renderHtml } from '../../server/src/render/html.js';
import { noticeLayout } from '../../server/src/render/layout.js';
import { emWidth, numberEm, titleLines, wordPieces } from '../../server/src/render/fit.js';
import { renderXlsx } from '../../server/src/render/xlsx.js';
import { CLEAN, example, jiangxiInYuan } from './fixtures.js';
import { bodyBlocks, docxPart, elements, readDocx } from './read-back.js';

const model = (src: string) => checkText(src).model;

/** Section properties of a .docx, in order: orientation, width of the type area in twips, type, vertical alignment. */
function sections(xml: string): { landscape: boolean; area: number; type?: string; vAlign?: string; grid?: string; xml: string }[] {
  return [...xml.matchAll(/<w:sectPr>([\s\S]*?)<\/w:sectPr>/g)].map((m) => {
    const s = m[1]!;
    const w = Number(/<w:pgSz w:w="(\d+)"/.exec(s)![1]);
    const h = Number(/w:h="(\d+)"/.exec(s)![1]);
    const left = Number(/<w:pgMar[^>]* w:left="(\d+)"/.exec(s)![1]);
    const right = Number(/<w:pgMar[^>]* w:right="(\d+)"/.exec(s)![1]);
    return {
      landscape: /w:orient="landscape"/.test(s) && w > h,
      area: w - left - right,
      type: /<w:type w:val="(\w+)"/.exec(s)?.[1],
      vAlign: /<w:vAlign w:val="(\w+)"/.exec(s)?.[1],
      grid: /<w:docGrid[^>]*\/>/.exec(s)?.[0],
      xml: s,
    };
  });
}

describe('wide tables (GB/T 9704 §8): an amount is never broken or hidden', () => {
  it('turns the page of the Jiangxi table in 元 and gives every column the width of its widest amount', async () => {
    const src = jiangxiInYuan();
    const doc = model(src);
    const n = doc.notices[0]!;
    const l = noticeLayout(doc, n);
    const table = l.attachments[0]!;
    expect(table.kind).toBe('allocation');
    if (table.kind !== 'allocation') return;
    expect(table.body[0]!.cells.map((c) => c.text)).toContain('993,040,037');
    expect(table.fit.landscape).toBe(true);
    expect(table.fit.size).toBeGreaterThanOrEqual(7.5);

    // Word: the table's section is landscape, and each numeric column's grid width holds its widest amount.
    const bytes = await renderDocx(doc, n);
    const d = await readDocx(bytes);
    const secs = sections(d.xml);
    // The notice, then 附件1 (turned), 附件2 (the KPI table, upright), then the 版记.
    expect(secs.map((s) => s.landscape)).toEqual([false, true, false, false]);
    const tbl = d.xml.slice(d.xml.indexOf('<w:tbl>', d.xml.indexOf('单位：元')));
    const grid = [...tbl.slice(0, tbl.indexOf('</w:tblGrid>')).matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid.reduce((a, b) => a + b, 0)).toBe(secs[1]!.area);
    const rows = d.tables.find((t) => t.some((r) => r[0]?.text === '全省'))!;
    const sz = Number(/<w:style [^>]*w:styleId="NoticeCellfsright(\d+)b?"/.exec((await docxPart(bytes, 'word/styles.xml'))!)![1]) / 2;
    const body = rows.slice(rows.findIndex((r) => r[0]?.text === '全省'));
    for (let col = 2; col < grid.length; col++) {
      const widest = Math.max(...body.map((r) => numberEm(r[col]?.text ?? '')));
      // In twips: the amount at the table's size, the cell's 60-twip margins on both sides.
      expect(widest * sz * 20 + 120).toBeLessThanOrEqual(grid[col]!);
    }

    // HTML: the attachment is a landscape page; Excel prints the sheet landscape.
    const html = renderHtml(doc, n);
    expect(html).toMatch(/<section class="page attachment landscape"/);
    expect(html).toContain('@page landscape { size: A4 landscape;');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(doc, n)) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.pageSetup.orientation).toBe('landscape');
  });

  it('keeps a narrow table upright at its own size', () => {
    const doc = model(CLEAN);
    const t = noticeLayout(doc, doc.notices[0]!).attachments[0]!;
    expect(t.fit.landscape).toBe(false);
    expect(t.fit.size).toBe(10.5);
  });

  it('breaks a narrow column’s heading between words, never inside one', () => {
    const doc = model(example('jiangxi-gcszh-2023-26'));
    const t = noticeLayout(doc, doc.notices[0]!).attachments[0]!;
    if (t.kind !== 'allocation') throw new Error('not an allocation table');
    for (const row of t.header) for (const c of row.cells) for (const line of c.text.split('\n')) expect(['资', '金', '中央资', '省级资']).not.toContain(line);
  });
});

describe('titles (§7.3.1): broken between words, in a 梯形 or 菱形 shape', () => {
  it('breaks the examples’ titles only at word boundaries, never leaving a word alone', () => {
    for (const name of ['nanchang-hcszh-2022-67', 'jiangxi-gcszh-2023-26', 'jiangmen-jcs-2023-16']) {
      const doc = model(example(name));
      for (const n of doc.notices) {
        const l = noticeLayout(doc, n);
        for (const [title, lines] of [[l.title, l.titleLines] as const, ...l.attachments.map((a) => [a.title, a.titleLines] as const)]) {
          expect(lines.join('')).toBe(title.replace(/\s+/g, (s) => s));
          const cuts = new Set<number>();
          let at = 0;
          for (const p of wordPieces(title)) cuts.add((at += p.length));
          let pos = 0;
          for (const line of lines.slice(0, -1)) {
            pos += line.length;
            expect(cuts.has(pos), `“${title}” broken inside a word after “${line}”`).toBe(true);
          }
          for (const line of lines) expect(line.length).toBeGreaterThan(3);
        }
      }
    }
  });

  it('prints the Nanchang title in lines that end at words, in Word and HTML alike', async () => {
    const doc = model(example('nanchang-hcszh-2022-67'));
    const n = doc.notices[0]!;
    const l = noticeLayout(doc, n);
    // 南昌市财政局 南昌市医疗保障局 / 关于下达2022年中央财政医疗服务与保障 / 能力提升补助资金(第三批)的通知
    expect(l.titleLines.length).toBe(3);
    expect(l.titleLines[0]).toBe('南昌市财政局 南昌市医疗保障局');
    for (const line of l.titleLines) expect(emWidth(line)).toBeLessThanOrEqual(20);
    expect(l.titleLines.join('|')).not.toMatch(/补\|助|通\|知|资\|金/);
    const d = await readDocx(await renderDocx(doc, n));
    const titleP = bodyBlocks(d.xml).find((b) => b.kind === 'p' && b.text === l.titleLines.join(''));
    expect(titleP && titleP.kind === 'p' && (titleP.xml.match(/<w:br\/>/g) ?? []).length).toBe(2);
    expect(renderHtml(doc, n)).toContain(`<h1 class="title">${l.titleLines.join('<br>')}</h1>`);
  });

  it('balances a title of three lines and never leaves a short word on the last', () => {
    const lines = titleLines('关于下达2023年中央财政医疗服务与保障能力提升补助资金和城乡居民基本医疗保险补助资金预算的通知', 20);
    expect(lines.length).toBe(3);
    for (const l of lines) expect(emWidth(l)).toBeLessThanOrEqual(20);
    expect(emWidth(lines[2]!)).toBeGreaterThan(4);
  });
});

describe('the notice’s page (GB/T 9704 §5.2.3, §7.2.4, §7.3.5, §7.4)', () => {
  it('keeps the last paragraph of the 正文, the 附件说明, the 署名 and the 成文日期 together', async () => {
    const doc = model(CLEAN);
    const d = await readDocx(await renderDocx(doc, doc.notices[0]!));
    const blocks = bodyBlocks(d.xml);
    const last = blocks.findIndex((b) => b.kind === 'p' && b.text.startsWith('下达你市'));
    const date = blocks.findIndex((b) => b.kind === 'p' && b.text === '2024年3月5日');
    expect(last).toBeGreaterThan(0);
    expect(date).toBeGreaterThan(last);
    for (const b of blocks.slice(last, date)) expect(b.kind === 'p' && b.xml, `${b.kind === 'p' ? b.text : 'table'} kept with the next`).toContain('<w:keepNext/>');
    expect(renderHtml(doc, doc.notices[0]!)).toMatch(/<div class="closing"><p data-line="\d+">下达你市[\s\S]*?<div class="attachment-notes[\s\S]*?<div class="signature">/);
  });

  it('puts the 版记 last, after the attachments, at the foot of an even page without a page number', async () => {
    const doc = model(CLEAN);
    const bytes = await renderDocx(doc, doc.notices[0]!);
    const d = await readDocx(bytes);
    const secs = sections(d.xml);
    const colophon = secs[secs.length - 1]!;
    expect(colophon.type).toBe('evenPage');
    expect(colophon.vAlign).toBe('bottom');
    // Its own footers are empty: no page number on the 版记 page.
    const ids = [...colophon.xml.matchAll(/<w:footerReference w:type="\w+" r:id="(\w+)"\/>/g)].map((m) => m[1]!);
    expect(ids.length).toBe(2);
    const rels = (await docxPart(bytes, 'word/_rels/document.xml.rels'))!;
    for (const id of ids) {
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1]!;
      expect(await docxPart(bytes, `word/${target}`)).not.toContain('PAGE');
    }
    // The 版记 table is the last block, after the KPI table (the last attachment).
    const blocks = bodyBlocks(d.xml);
    const tables = blocks.filter((b) => b.kind === 'table');
    expect(tables[tables.length - 1]!.kind === 'table' && tables[tables.length - 1]!.rows[0]![0]!.text).toBe('抄送：财政部测试监管局。');
    const html = renderHtml(doc, doc.notices[0]!);
    expect(html.lastIndexOf('class="page attachment')).toBeLessThan(html.indexOf('<section class="page colophon-page"><footer class="colophon">'));
  });

  it('sets the 发文机关标志’s top edge 35 mm below the type area’s top, and the 28 × 22 grid', async () => {
    const doc = model(CLEAN);
    const d = await readDocx(await renderDocx(doc, doc.notices[0]!));
    const first = bodyBlocks(d.xml)[0]!;
    // 35 mm = 99.2 pt, an exact line of 1984 twentieths of a point, empty.
    expect(first.kind === 'p' && first.xml).toMatch(/w:line="1984" w:lineRule="exact"/);
    const grid = sections(d.xml)[0]!.grid!;
    expect(grid).toContain('w:type="lines"');
    const pitch = Number(/w:linePitch="(\d+)"/.exec(grid)![1]);
    // 22 lines in the 225 mm type area; 28 characters of 3号 (16 pt) in its 156 mm, set closer by
    // the body runs' spacing (a character grid is laid out wrongly by LibreOffice).
    expect(Math.round(((225 / 25.4) * 1440) / pitch)).toBe(22);
    const spacing = Number(/<w:sz w:val="32"\/>[\s\S]*?<w:spacing w:val="(-?\d+)"\/>|<w:spacing w:val="(-?\d+)"\/>[\s\S]*?<w:sz w:val="32"\/>/.exec(d.xml)?.slice(1).find((x) => x) ?? NaN);
    expect(Math.floor(((156 / 25.4) * 72) / (16 + spacing / 20))).toBe(28);
    expect(renderHtml(doc, doc.notices[0]!)).toContain('margin: 35mm 0');
  });

  it('keeps the 正文’s first lines on the first page, under the 主送, on a grid LibreOffice lays out too', async () => {
    // The first page carries 版头, 标题, 主送 and the 正文's first lines, as the published notice does.
    const doc = model(example('nanchang-hcszh-2022-67'));
    const d = await readDocx(await renderDocx(doc, doc.notices[0]!));
    const pitch = Number(/w:linePitch="(\d+)"/.exec(sections(d.xml)[0]!.grid!)![1]);
    // The height a paragraph takes: its exact line per line of text, or, on the grid, that line
    // rounded up to whole grid lines, as LibreOffice lays it (Word keeps exact lines exact).
    const height = (p: string): number => {
      const line = Number(/w:line="(\d+)" w:lineRule="exact"/.exec(p)![1]);
      const lines = 1 + (p.match(/<w:br\/>/g) ?? []).length;
      const onGrid = !/<w:pPr>[^]*?<w:snapToGrid w:val="(false|0)"\/>[^]*?<\/w:pPr>/.test(p);
      return lines * (onGrid ? Math.ceil(line / pitch) * pitch : line);
    };
    const blocks = bodyBlocks(d.xml);
    const recipients = blocks.findIndex((b) => b.kind === 'p' && b.text === '各县（区）财政局、医保局，湾里管理局：');
    const first = blocks.findIndex((b) => b.kind === 'p' && b.text.startsWith('为支持加强医疗保障服务能力建设'));
    expect(recipients).toBeGreaterThan(0);
    expect(first).toBe(recipients + 1);
    const above = blocks.slice(0, first).reduce((sum, b) => {
      if (b.kind === 'p') return sum + height(b.xml);
      // A table (the joint organ mark): its tallest cell.
      return sum + Math.max(...elements(b.xml, 'w:tc').map((tc) => elements(tc, 'w:p').reduce((h, p) => h + height(p), 0)));
    }, 0);
    const area = Math.round((225 / 25.4) * 1440);
    // Two lines of the 正文 at least (a paragraph's first lines are not left alone at a page's foot).
    expect(above + 2 * pitch).toBeLessThanOrEqual(area);
    // Nothing from the 主送 on is kept with what follows: the 正文 is free to start on page 1.
    for (const b of blocks.slice(recipients, first + 1)) expect(b.kind === 'p' && b.xml).not.toMatch(/<w:keepNext\/>|<w:keepLines\/>/);
  });

  it('marks the text as Chinese (w:lang zh-CN)', async () => {
    const doc = model(CLEAN);
    const styles = await docxPart(await renderDocx(doc, doc.notices[0]!), 'word/styles.xml');
    expect(styles).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
  });

  it('prints 抄送 and 主送 as the source writes them, adding only the closing 。', async () => {
    const src = CLEAN.replace('抄送：财政部测试监管局', '抄送：各区财政局、医保局，市审计局').replace('主送：各县（区）财政局', '主送：各县（区）财政局、医保局，湾里管理局');
    const doc = model(src);
    const l = noticeLayout(doc, doc.notices[0]!);
    expect(l.cc).toBe('抄送：各区财政局、医保局，市审计局。');
    expect(l.mainRecipients).toBe('各县（区）财政局、医保局，湾里管理局：');
    const d = await readDocx(await renderDocx(doc, doc.notices[0]!));
    expect(d.tables[d.tables.length - 1]![0]![0]!.text).toBe('抄送：各区财政局、医保局，市审计局。');
    expect(noticeLayout(model(src.replace('市审计局', '市审计局。')), model(src).notices[0]!).cc).toBe('抄送：各区财政局、医保局，市审计局。');
  });

  it('prints one organ’s mark as one word, 文件 right after the name', () => {
    const doc = model(CLEAN.replace('发文机关：测试市财政局、测试市医疗保障局', '发文机关：湖南省财政厅'));
    expect(renderHtml(doc, doc.notices[0]!)).toMatch(/<header class="organ-mark single mark-\d+">湖南省财政厅文件<\/header>/);
  });

  it('puts odd page numbers right and even ones left in print, and a CSP in an exported page', () => {
    const doc = model(CLEAN);
    const html = renderHtml(doc, doc.notices[0]!);
    expect(html).toMatch(/@page :right \{ @bottom-right/);
    expect(html).toMatch(/@page :left \{ @bottom-left/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;">`);
  });
});

describe('KPI tables: the header row repeats, merged cells stay on one page', () => {
  it('repeats the indicator header in Word and keeps each 二级’s rows together', async () => {
    const doc = model(CLEAN);
    const d = await readDocx(await renderDocx(doc, doc.notices[0]!));
    const i = d.xml.indexOf('>绩效指标<');
    const tbl = d.xml.slice(d.xml.lastIndexOf('<w:tbl>', i), d.xml.indexOf('</w:tbl>', i));
    const rows = [...tbl.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]!);
    expect(rows[0]).toContain('<w:tblHeader/>');
    // 产出指标 › 数量指标 has two rows: the first is kept with the second.
    expect(rows[1]).toContain('救助人次');
    expect(rows[1]).toContain('<w:keepNext/>');
    for (const r of rows) expect(r).toContain('<w:cantSplit/>');
  });

  it('repeats it in print (thead) and keeps each 一级’s rows in a tbody that does not break', () => {
    const doc = model(CLEAN);
    const html = renderHtml(doc, doc.notices[0]!);
    const kpi = html.slice(html.indexOf('<table class="grid kpi kpi-indicators"'));
    expect(kpi).toMatch(/^<table[^>]*><colgroup>[\s\S]*?<\/colgroup>\n<thead>\n<tr[^>]*><th class="kpi0[^"]*">绩效指标<\/th><th>一级指标/);
    expect((kpi.slice(0, kpi.indexOf('</table>')).match(/<tbody class="kpi-group">/g) ?? []).length).toBe(2);
    expect(html).toContain('table.grid tbody.kpi-group { break-inside: avoid; }');
  });

  it('prints the money fields under 资金情况（万元）, each key as written', () => {
    const doc = model(example('jiangxi-gcszh-2023-26'));
    const k = noticeLayout(doc, doc.notices[0]!).attachments[1]!;
    if (k.kind !== 'kpi') throw new Error('not a KPI table');
    const money = k.rows.slice(0, k.fieldRows).filter((r) => r.cells.some((c) => /资金|金额/.test(c.text) && c.role === 'key'));
    expect(money[0]!.cells.map((c) => c.text)).toEqual(['资金情况（万元）', '年度金额', '详见附件1']);
    expect(money[0]!.cells[0]!.rowSpan).toBe(4);
    expect(money.slice(1).map((r) => r.cells[0]!.text)).toEqual(['中央资金', '省级资金', '其他资金']);
  });
});

describe('a table accepted within its 容差: the same figures in all three outputs', () => {
  // Parts rounded to one place: 3.3 × 3 = 9.9, the published total 10.5, within the table's 容差 of 1.
  const SRC = `${CLEAN.slice(0, CLEAN.indexOf('\n附件1 ') + 1)}附件1 分配表：容差内的表
  单位：万元
  容差：1
  栏 甲：甲资金
  栏 乙：乙资金

  合计   10.5   4
    A     3.3   2
    B     3.3   1
    C     3.3   1
`.replace(/\{附件1[^}]*\}/g, '1').replace(/\{本单位[^}]*\}/g, '1');
  it('prints 10.5 in Word and HTML, shows 10.5 in Excel with the difference written into the formula', async () => {
    const { model: doc, diagnostics } = checkText(SRC);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const n = doc.notices[0]!;
    const d = await readDocx(await renderDocx(doc, n));
    const word = d.tables.find((t) => t.some((r) => r[0]?.text === '合计'))!;
    expect(word.find((r) => r[0]!.text === '合计')!.map((c) => c.text)).toEqual(['合计', '10.5', '4']);
    expect(renderHtml(doc, n)).toMatch(/>合计<\/td><td class="num bold">10.5<\/td>/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(doc, n)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let row = 0;
    ws.eachRow((r, i) => {
      if (r.getCell(1).value === '合计') row = i;
    });
    const cell = ws.getCell(row, 2);
    const v = cell.value as { formula: string; result: number };
    // The parts' sum and the accepted 0.6: the workbook shows the printed 10.5 and follows an edit of a part.
    expect(v.formula).toBe(`SUM(B${row + 1}:B${row + 3})+0.6`);
    expect(v.result).toBe(10.5);
    expect(cell.numFmt).toBe('#,##0.0');
    expect(String((cell.note as unknown as { texts?: { text: string }[] })?.texts?.[0]?.text ?? cell.note)).toContain('容差');
    expect((ws.getCell(row, 3).value as { formula: string }).formula).toBe(`SUM(C${row + 1}:C${row + 3})`);
  });
});

describe('notice render --out', () => {
  it('an --out that is a file, a name too long for the file system, a file written twice: one clear line each', async () => {
    const { mkdtempSync, rmSync, writeFileSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runRender } = await import('../../server/src/cli/render.js');
    const dir = mkdtempSync(join(tmpdir(), 'notice-out-'));
    try {
      const out = { stdout: '', stderr: '' };
      const io = { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s), isTTY: false };
      const src = join(dir, 'a.notice');
      writeFileSync(src, CLEAN.replace('通知 测财社〔2024〕5号', '通知').replace('标题：关于下达2024年测试补助资金的通知', `标题：${'关于下达2024年测试补助资金的通知'.repeat(12)}`));
      const file = join(dir, 'taken');
      writeFileSync(file, 'x');
      expect(await runRender([src, '--to', 'html', '--out', file], io)).toBe(2);
      expect(out.stderr).toMatch(/--out 给的“.*taken”是一个文件，不是目录/);
      expect(out.stderr).not.toContain('内部错误');
      out.stderr = '';
      const target = join(dir, 'out');
      expect(await runRender([src, '--to', 'html', '--out', target], io)).toBe(0);
      const [name] = readdirSync(target);
      expect(Buffer.byteLength(name!)).toBeLessThanOrEqual(255);
      expect(await runRender([src, '--to', 'html', '--out', target], io)).toBe(0);
      expect(out.stdout).toContain('（覆盖了已有的同名文件）');
      expect(out.stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('national scale', () => {
  it('refuses a table too long for Word with a message in Chinese, and renders it as HTML', async () => {
    const { generate } = await import('../../bench/generate.mjs');
    const { RenderRefusal, MAX_WORD_ROWS } = await import('../../server/src/render/limits.js');
    const { model: doc } = checkText(generate(MAX_WORD_ROWS + 1).text);
    const n = doc.notices[0]!;
    await expect(renderDocx(doc, n)).rejects.toThrow(RenderRefusal);
    await expect(renderDocx(doc, n)).rejects.toThrow(/超过 Word 文档能用的 50,000 行.*请导出 Excel/);
  });
});
