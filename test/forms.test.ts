/**
 * Forms that real notices print: a total row whose name cell is blank, and a single attachment
 * labelled `附件` without a number. Each is read, checked and rendered as a user sees it.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/index.js';
import { checkText } from '../server/src/checks/index.js';
import { renderHtml } from '../server/src/render/html.js';
import { renderXlsx } from '../server/src/render/xlsx.js';
import { formatEdits } from '../server/src/format/index.js';
import { annotationsOf } from './support/annotations.js';
import { applyEdits } from './support/fixes.js';

const NOTICE = `通知 某财社〔2024〕3号
  发文机关：某市财政局
  标题：关于下达2024年医疗救助补助资金的通知
  年度：2024
  金额：60万元 = 附件.本次
  资金来源：中央
  收入科目：1100249 医疗卫生共同财政事权转移支付收入
  直达资金：01 中央直达资金
  附件说明：
    医疗救助补助资金分配表
  正文
    现下达补助资金{附件.合计.本次}万元，详见附件。

附件 分配表：2024年医疗救助补助资金分配表
  单位：万元
  栏 本次：本次下达
  60
    甲县         25
    乙县         35
`;

describe('a total row whose name cell is blank', () => {
  it('is a row with an empty name and its parts; the notice checks clean', () => {
    const file = parse(NOTICE);
    expect(file.problems).toEqual([]);
    const table = file.blocks.find((b) => b.kind === 'allocation')!;
    expect(table.kind === 'allocation' && table.rows.map((r) => [r.name.text, r.cells.map((c) => c.text), r.children.map((c) => c.name.text)])).toEqual([
      ['', ['60'], ['甲县', '乙县']],
    ]);
    expect(checkText(NOTICE).diagnostics).toEqual([]);
  });

  it('is checked against its parts like any total', () => {
    const wrong = NOTICE.replace('  60\n', '  61\n').replace('金额：60万元', '金额：61万元');
    const diagnostics = checkText(wrong).diagnostics;
    expect(diagnostics.map((d) => d.code)).toEqual(['sum-mismatch']);
    expect(diagnostics[0]!.message).toContain('合计 61 ≠ 各项之和 60');
    expect(wrong.slice(diagnostics[0]!.span.start, diagnostics[0]!.span.end)).toBe('61');
  });

  it('without rows under it, its name is missing', () => {
    const text = NOTICE.replace('    甲县         25\n    乙县         35\n', '  甲县 25\n  乙县 35\n');
    const notes = annotationsOf(text, checkText(text).diagnostics).filter((a) => a.code === 'syntax');
    expect(notes.map((a) => a.message)).toEqual(['行缺少名称：期望“名称 数字 数字 …”']);
  });

  it('is left where it is by the formatter (its numbers start where its name would)', () => {
    const formatted = applyEdits(NOTICE, formatEdits(NOTICE));
    expect(formatted.split('\n').filter((l) => l.trim() === '60')).toEqual(['  60']);
    expect(applyEdits(formatted, formatEdits(formatted))).toBe(formatted);
    expect(checkText(formatted).diagnostics).toEqual([]);
  });

  it('renders with the name cell blank', async () => {
    const { model } = checkText(NOTICE);
    const html = renderHtml(model, model.notices[0]!);
    expect(html).toMatch(/<td[^>]*><\/td><td[^>]*>60<\/td>/);
    const bytes = await renderXlsx(model, model.notices[0]!);
    expect(bytes.byteLength).toBeGreaterThan(1000);
  });
});

describe('a single attachment labelled 附件', () => {
  it('is the table’s label: references, the amount and 详见附件 reach it', () => {
    const file = parse(NOTICE);
    const table = file.blocks.find((b) => b.kind === 'allocation');
    expect(table?.kind === 'allocation' && table.label?.text).toBe('附件');
    const { model, diagnostics } = checkText(NOTICE);
    expect(diagnostics).toEqual([]);
    expect(model.notices[0]!.tables.map((t) => t.label)).toEqual(['附件']);
    expect(renderHtml(model, model.notices[0]!)).toContain('现下达补助资金<span class="ref">60</span>万元，详见附件。');
  });

  it('a wrong reference to it is reported', () => {
    const text = NOTICE.replace('{附件.合计.本次}', '{附件1.合计.本次}');
    expect(checkText(text).diagnostics.map((d) => d.code)).toEqual(['unknown-reference']);
  });

  it('a KPI table can be labelled so too', () => {
    const text = NOTICE.replace('附件 分配表', '附件1 分配表').replace(/附件\.(合计|本次)/g, '附件1.$1') + `
附件 绩效目标表：区域绩效目标表
  中央资金：详见附件
  产出指标
    数量指标
      救助人次：≥2万人次
`;
    const { model } = checkText(text);
    expect(model.kpiTables.map((k) => k.label)).toEqual(['附件']);
    expect(checkText(text).diagnostics.filter((d) => d.code === 'kpi-value' || d.code === 'syntax')).toEqual([]);
  });
});
