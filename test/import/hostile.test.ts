/**
 * Hostile and broken files: each gives a clear line (in the result or in a comment where the
 * line is) and invents nothing.
 */
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../server/src/import/index.js';
import { main } from '../../server/src/cli/main.js';
import { summarize } from './support.js';

async function workbook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('分配表');
  fill(ws);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function head(ws: ExcelJS.Worksheet): void {
  ws.getCell('A1').value = '2024年某项补助资金分配表';
  ws.mergeCells('A1:D1');
  ws.getCell('A2').value = '单位：万元';
  ws.mergeCells('A2:D2');
}

/** A PDF with one empty page, as a scanner's PDF is without its image: no text at all. */
function emptyPdf(): Uint8Array {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>', '<< /Length 0 >>\nstream\n\nendstream'];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

describe('hostile files', () => {
  it('formulas without cached values: written as “-” with a line saying so, never computed', async () => {
    const bytes = await workbook((ws) => {
      head(ws);
      ws.addRow(['地区', '全年', '已下达', '本次']);
      ws.addRow(['合计', { formula: 'SUM(B5:B6)' }, 5, { formula: 'B4-C4' }]);
      ws.addRow(['甲县', 10, 3, { formula: 'B5-C5' }]);
      ws.addRow(['乙县', 20, 2, 18]);
    });
    const r = await importFile('公式.xlsx', bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.text).toContain('有 3 个公式单元格没有保存计算结果');
    expect(r.text).toContain('栏“全年”是公式（=SUM(B5:B6)），文件中没有保存计算结果，写作“-”');
    const t = summarize(r.text).tables[0]!;
    expect(t.rows.map((x) => x.values)).toEqual([[null, '5', null], ['10', '3', null], ['20', '2', '18']]);
  });

  it('merged header cells become 栏组 and 栏; a vertically merged label heading is one', async () => {
    const bytes = await workbook((ws) => {
      head(ws);
      ws.addRow(['地区', '全年应下达', '', '备注']);
      ws.addRow(['', '中央资金', '省级资金', '']);
      ws.mergeCells('A3:A4');
      ws.mergeCells('B3:C3');
      ws.mergeCells('D3:D4');
      ws.addRow(['合计', 30, 3, '']);
      ws.addRow(['甲县', 30, 3, '新增']);
    });
    const r = await importFile('合并.xlsx', bytes);
    expect(r.ok && r.text).toMatch(/栏组 全年应下达\n\s+栏 全年中央：中央资金\n\s+栏 全年省级：省级资金\n\s+栏 备注：备注（文字）/);
    expect(r.ok && r.text).toContain('行标题：地区');
  });

  it('hidden rows and columns are imported, each with a line saying so', async () => {
    const bytes = await workbook((ws) => {
      head(ws);
      ws.addRow(['地区', '金额', '调整']);
      ws.addRow(['合计', 30, 1]);
      ws.addRow(['甲县', 10, 0]);
      ws.addRow(['乙县', 20, 1]).hidden = true;
      ws.getColumn(3).hidden = true;
    });
    const r = await importFile('隐藏.xlsx', bytes);
    expect(r.ok && r.text).toContain('这一行在原表中是隐藏的行，照样导入');
    expect(r.ok && r.text).toContain('栏“调整”在原表中是隐藏的列，照样导入');
    expect(r.ok && summarize(r.text).tables[0]!.rows.map((x) => x.name)).toEqual(['合计', '甲县', '乙县']);
  });

  it('a formula-injection string stays text, said so, and the source still reads', async () => {
    const bytes = await workbook((ws) => {
      head(ws);
      ws.addRow(['地区', '金额', '备注']);
      ws.addRow(['=HYPERLINK("http://example.com","甲县")', 10, '@SUM(1+1)']);
      ws.addRow(['乙县', 20, '+cmd|calc']);
    });
    const r = await importFile('注入.xlsx', bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = summarize(r.text);
    expect(s.syntax).toEqual([]);
    expect(r.text).toContain('是文字而不是公式，照原样保留');
    expect(s.tables[0]!.rows.map((x) => x.values)).toEqual([['10'], ['20']]);
  });

  it('a corrupt file, a password-protected one, an old .xls: one line each', async () => {
    const corrupt = await importFile('坏.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]));
    expect(corrupt).toEqual({ ok: false, message: expect.stringMatching(/^坏\.xlsx：Excel 文件已损坏，无法读取/) });
    const cfb = new Uint8Array(2048);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    cfb.set([...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]), 1024);
    expect(await importFile('密码.xlsx', cfb)).toEqual({ ok: false, message: expect.stringContaining('文件有打开密码') });
    const xls = new Uint8Array(2048);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await importFile('旧.xlsx', xls)).toEqual({ ok: false, message: expect.stringContaining('旧的 Excel 97-2003 格式') });
    expect(await importFile('坏.docx', new Uint8Array([1, 2, 3]))).toEqual({ ok: false, message: expect.stringContaining('Word 文件已损坏') });
    expect(await importFile('坏.pdf', new TextEncoder().encode('%PDF-1.4 garbage'))).toEqual({ ok: false, message: expect.stringContaining('PDF 文件已损坏') });
  });

  it('a workbook of 50 MB of sheet data is refused with its size, before anything is unpacked', async () => {
    const row = (r: number): string => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>某某县第${r}镇</t></is></c><c r="B${r}"><v>${r}.25</v></c></row>`;
    const rows: string[] = [];
    let size = 0;
    for (let r = 1; size < 50 * 1024 * 1024; r++) {
      const x = row(r);
      rows.push(x);
      size += x.length;
    }
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
    const bytes = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': strToU8(sheet) }, { level: 1 });
    const r = await importFile('全国乡镇.xlsx', bytes);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^全国乡镇\.xlsx：工作表数据解压后共 \d+ MB，超过可导入的 16 MB（约 4 万行）；请按地区拆成几个工作簿分别导入$/) });
  });

  it('a scanned PDF with no text layer: one line, nothing invented', async () => {
    expect(await importFile('扫描件.pdf', emptyPdf())).toEqual({ ok: false, message: expect.stringContaining('PDF 中没有文字层（可能是扫描件）') });
  });

  it('the CLI prints the line and exits 2, no stack trace', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['import', '/nonexistent/表.xlsx'], { stdout: (s) => out.push(s), stderr: (s) => err.push(s), isTTY: false });
    expect(code).toBe(2);
    expect(err.join('')).toBe('notice: /nonexistent/表.xlsx：文件不存在\n');
  });
});
