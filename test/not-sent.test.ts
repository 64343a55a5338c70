/**
 * An attachment not sent to the recipients (`不发：总表不发市县`): the full notice prints it with
 * the marker after its label (`附件1（总表不发市县）`); a per-recipient copy (`--per`) leaves it out,
 * and out of the 附件说明 it prints, while the other attachments keep their labels. Read back
 * from the HTML page, the Word document and the workbook.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRender } from '../server/src/cli/render.js';
import { checkText } from '../server/src/checks/index.js';
import type { RowModel } from '../server/src/model/types.js';
import { renderDocx } from '../server/src/render/docx.js';
import { renderHtml } from '../server/src/render/html.js';
import { renderXlsx } from '../server/src/render/xlsx.js';
import { readDocx } from './render/read-back.js';

const NOTICE = `通知 某财社〔2023〕26号
  发文机关：某省财政厅
  标题：关于下达2023年城乡医疗救助补助资金的通知
  主送：各设区市财政局
  年度：2023
  资金来源：中央
  收入科目：1100249 医疗卫生共同财政事权转移支付收入
  直达资金：01 中央直达资金
  抄送：财政部某省监管局
  正文
    全省共下达{附件1.合计.本次}万元（详见附件1），下达你市{本单位.本次}万元。
    请按附件2做好绩效目标管理。

附件1 分配表：2023年城乡医疗救助补助资金分配总表
  单位：万元
  不发：总表不发市县
  栏 本次：本次下达
  全省          300
    甲市        180
    乙市        120

附件2 绩效目标表：2023年城乡医疗救助补助资金区域绩效目标表
  年度金额：详见附件1
  产出指标
    数量指标
      救助人次：≥2万人次
`;

function notice(text = NOTICE) {
  const { model, diagnostics } = checkText(text);
  const n = model.notices[0]!;
  const city = (name: string): RowModel => n.tables[0]!.allRows.find((r) => r.name === name)!;
  return { model, diagnostics, n, city };
}

/** The attachment sections of an HTML page: label, title and whether it has rows of the table. */
function attachmentsOf(html: string): { label: string | undefined; title: string }[] {
  return html
    .split('<section class="page attachment"')
    .slice(1)
    .map((s) => ({ label: /<div class="attachment-label">([^<]*)<\/div>/.exec(s)?.[1], title: /<h2 class="attachment-title">([^<]*)<\/h2>/.exec(s)![1]! }));
}

const attachmentList = (html: string): string[] => [...(/<div class="attachment-notes[^"]*">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '').matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]!);

describe('不发：a table not sent to the recipients', () => {
  it('is a field of the table: the marker as written; the notice checks clean', () => {
    const { model, diagnostics } = notice();
    expect(diagnostics).toEqual([]);
    expect(model.tables[0]!.notSent?.marker).toBe('总表不发市县');
    expect(model.kpiTables[0]!.notSent).toBeUndefined();
  });

  it('is in the full notice, the marker printed after its label; both attachments are listed', async () => {
    const { model, n } = notice();
    const html = renderHtml(model, n);
    expect(attachmentsOf(html)).toEqual([
      { label: '附件1（总表不发市县）', title: '2023年城乡医疗救助补助资金分配总表' },
      { label: '附件2', title: '2023年城乡医疗救助补助资金区域绩效目标表' },
    ]);
    expect(html).toMatch(/<td class="stub indent-1">甲市<\/td>/);
    expect(attachmentList(html)).toEqual(['1.2023年城乡医疗救助补助资金分配总表', '2.2023年城乡医疗救助补助资金区域绩效目标表']);

    const d = await readDocx(await renderDocx(model, n));
    expect(d.paragraphs).toContain('附件1（总表不发市县）');
    expect(d.tables.some((t) => t.some((r) => r[0]?.text === '甲市'))).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(model, n)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['附件1', '附件2']);
    expect(wb.getWorksheet('附件1')!.getCell('A1').value).toBe('附件1（总表不发市县）');
  });

  it('is left out of a per-recipient copy and out of its 附件说明; 附件2 stays 附件2, the body is filled', async () => {
    const { model, n, city } = notice();
    const opts = { recipient: city('甲市') };
    const html = renderHtml(model, n, opts);
    expect(attachmentsOf(html)).toEqual([{ label: '附件2', title: '2023年城乡医疗救助补助资金区域绩效目标表' }]);
    expect(html).not.toContain('分配总表');
    expect(html).not.toContain('总表不发市县');
    expect(attachmentList(html)).toEqual(['2.2023年城乡医疗救助补助资金区域绩效目标表']);
    // The body is the notice's text: its references to the table are filled as in the full notice.
    expect(html).toContain('全省共下达<span class="ref">300</span>万元（详见附件1），下达你市<span class="ref">180</span>万元。');

    const d = await readDocx(await renderDocx(model, n, opts));
    expect(d.paragraphs).toContain('附件2');
    expect(d.paragraphs.some((p) => p.includes('总表'))).toBe(false);
    expect(d.tables.some((t) => t.some((r) => r.some((c) => c.text === '甲市')))).toBe(false);
    expect(d.paragraphs).toContain('全省共下达300万元（详见附件1），下达你市180万元。');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(model, n, opts)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['附件2']);
  });

  it('with an empty marker, prints the label alone and is still left out of per-recipient copies', () => {
    const { model, n, city } = notice(NOTICE.replace('  不发：总表不发市县\n', '  不发：\n'));
    expect(model.tables[0]!.notSent?.marker).toBe('');
    expect(attachmentsOf(renderHtml(model, n)).map((a) => a.label)).toEqual(['附件1', '附件2']);
    expect(attachmentsOf(renderHtml(model, n, { recipient: city('乙市') })).map((a) => a.label)).toEqual(['附件2']);
  });

  it('a marker written with its brackets is printed once bracketed', () => {
    const { model, n } = notice(NOTICE.replace('不发：总表不发市县', '不发：（总表不发市县）'));
    expect(attachmentsOf(renderHtml(model, n))[0]!.label).toBe('附件1（总表不发市县）');
  });

  it('when no table is sent, a per-recipient copy has no attachments and its workbook says so', async () => {
    const text = NOTICE.replace('  年度金额：详见附件1\n', '  不发：\n  年度金额：详见附件1\n');
    const { model, n, city } = notice(text);
    const opts = { recipient: city('乙市') };
    const html = renderHtml(model, n, opts);
    expect(attachmentsOf(html)).toEqual([]);
    expect(attachmentList(html)).toEqual([]);
    expect(html).toContain('下达你市<span class="ref">120</span>万元。');
    const d = await readDocx(await renderDocx(model, n, opts));
    expect(d.paragraphs).toContain('全省共下达300万元（详见附件1），下达你市120万元。');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(model, n, opts)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['通知']);
    expect(wb.getWorksheet('通知')!.getCell('A3').value).toBe('本份通知不附表：附件均不发收文单位');
    // The KPI table's 不发 is no header row of the table in the full notice.
    expect(renderHtml(model, n)).not.toMatch(/<td class="key"[^>]*>不发<\/td>/);
  });

  it('notice render --per writes each city a copy without it, and the full notice with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notice-not-sent-'));
    try {
      const src = join(dir, 'src.notice');
      writeFileSync(src, NOTICE);
      const io = { stdout: () => undefined, stderr: () => undefined, isTTY: false };
      expect(await runRender([src, '--to', 'html', '--out', join(dir, 'per'), '--per', '市'], io)).toBe(0);
      expect(readdirSync(join(dir, 'per')).sort()).toEqual(['某财社〔2023〕26号-乙市.html', '某财社〔2023〕26号-甲市.html']);
      for (const file of readdirSync(join(dir, 'per'))) {
        expect(attachmentsOf(readFileSync(join(dir, 'per', file), 'utf8')).map((a) => a.label), file).toEqual(['附件2']);
      }
      expect(await runRender([src, '--to', 'html', '--out', join(dir, 'full')], io)).toBe(0);
      const full = readFileSync(join(dir, 'full', '某财社〔2023〕26号.html'), 'utf8');
      expect(attachmentsOf(full).map((a) => a.label)).toEqual(['附件1（总表不发市县）', '附件2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
