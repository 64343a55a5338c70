/**
 * A document is rendered as what it is: a 公示 has no 版头 (no 发文机关标志, no red rule) and is
 * titled as written, in Word, HTML and Excel; the disclosure lines keep the keys the source
 * prints (`信息公开选项：主动公开`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../server/src/checks/index.js';
import { renderDocx } from '../../server/src/render/docx.js';
import { renderHtml } from '../../server/src/render/html.js';
import { renderXlsx } from '../../server/src/render/xlsx.js';
import { ROOT } from '../lsp/harness.js';
import { readDocx } from './read-back.js';
import ExcelJS from 'exceljs';

const SOURCE = readFileSync(join(ROOT, 'test/fixtures/document-kind-ok.notice'), 'utf8');
const { model } = checkText(SOURCE);
const [announcement, advance, settlement] = model.notices;

describe('kinds of document', () => {
  it('reads each block as its kind', () => {
    expect(model.notices.map((n) => n.kind)).toEqual(['公示', '预下达', '清算']);
  });

  it('prints a 公示 without 版头, titled as written, with its table', async () => {
    const d = await readDocx(await renderDocx(model, announcement!));
    expect(d.paragraphs[0]).toBe('关于2023年中央财政城乡医疗救助补助资金分配结果的公示');
    expect(d.paragraphs.join('\n')).not.toContain('文件');
    expect(d.xml).not.toContain('w:color w:val="E60012"');
    expect(d.paragraphs).toContain('根据《中央财政医疗救助补助资金管理办法》，现将2023年中央财政城乡医疗救助补助资金分配结果予以公示，共120万元。');
    expect(d.tables.at(-1)!.map((r) => r.map((c) => c.text))).toContainEqual(['甲县', '70']);

    const html = renderHtml(model, announcement!);
    expect(html).toContain('<title>关于2023年中央财政城乡医疗救助补助资金分配结果的公示</title>');
    expect(html).not.toContain('class="red-rule"');
    expect(html).not.toContain('class="organ-mark');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(model, announcement!)) as unknown as ArrayBuffer);
    expect(wb.title).toBe('关于2023年中央财政城乡医疗救助补助资金分配结果的公示');
  });

  it('prints a 通知 of any kind with its 版头', async () => {
    const html = renderHtml(model, settlement!);
    expect(html).toContain('class="red-rule"');
    expect(html).toContain('某财社〔2023〕90号');
  });

  it('prints the disclosure lines with the keys as written, in source order', async () => {
    const d = await readDocx(await renderDocx(model, settlement!));
    const i = d.paragraphs.indexOf('信息公开类别：财政资金');
    expect(i).toBeGreaterThan(0);
    expect(d.paragraphs[i + 1]).toBe('信息公开选项：主动公开');
    expect(d.paragraphs).not.toContain('公开方式：主动公开');
    expect(renderHtml(model, advance!)).toContain('<p class="publicity">信息公开选项：主动公开</p>');
  });
});
