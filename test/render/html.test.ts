import { describe, expect, it } from 'vitest';
import { checkText } from '../../server/src/checks/index.js';
import { escapeHtml, renderDocumentHtml, renderHtml } from '../../server/src/render/html.js';
import { LineIndex } from '../../server/src/model/span.js';
import { CLEAN, example } from './fixtures.js';

function html(source: string, index = 0): string {
  const { model } = checkText(source);
  return renderHtml(model, model.notices[index]!);
}

describe('HTML output', () => {
  it('escapes every piece of user text', () => {
    const hostile = '<script>alert("x")</script>';
    const src = CLEAN.replace('标题：关于下达', `标题：${hostile}关于下达`)
      .replace('主送：各县（区）财政局', `主送：<img src=x onerror=alert(1)>`)
      .replace('现下达2024年', `现下达<b onclick='x'>2024年`)
      .replace('甲一区 [一般县]', '<i>甲一区</i> [<u>一般县</u>]')
      .replace('栏组 已下达', '栏组 已下达<svg onload=alert(1)>')
      .replace('救助人次：≥2万人次', '救助人次：<script>bad()</script>')
      .replace('印发：测试市财政局办公室', '印发：<em>办公室</em>')
      .replace('通知 测财社〔2024〕5号', '通知 测财社〔2024〕5号"><script>');
    const out = html(src);
    expect(out).not.toMatch(/<script|<img|<b |<i>|<u>|<svg|<em>/i);
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;关于下达');
    expect(out).toContain('<title>测财社〔2024〕5号&quot;&gt;&lt;script&gt; &lt;script&gt;');
    expect(out).toContain('&lt;i&gt;甲一区&lt;/i&gt;');
    expect(out).toContain('&lt;script&gt;bad()&lt;/script&gt;');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('lays the page out as GB/T 9704 wants', () => {
    const out = html(CLEAN);
    expect(out).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm;');
    expect(out).toContain('"方正小标宋简体"');
    expect(out).toContain('"仿宋_GB2312"');
    expect(out).toContain('"楷体_GB2312"');
    expect(out).toMatch(/font-family: "黑体"/);
    expect(out).toContain('<span>测试市财政局</span><span>测试市医疗保障局</span></div><div class="suffix">文件</div>');
    expect(out).toContain('<h1 class="title">关于下达2024年测试补助资金的通知</h1>');
    expect(out).toContain('<p class="main-recipients">各县（区）财政局：</p>');
    expect(out).toContain('现下达2024年测试补助资金<span class="ref">900</span>万元');
    expect(out).toContain('<li>1.2024年测试补助资金分配表</li><li>2.2024年测试补助资金绩效目标表</li>');
    expect(out).toContain('<div class="cc">抄送：财政部测试监管局。</div>');
    expect(out).toContain('<span>2024年3月5日印发</span>');
    expect(out).toContain('<div class="attachment-label">附件1</div>');
    expect(out).toContain('<div class="unit">单位：万元</div>');
    expect(out).toContain('<th colspan="2">全年应下达</th>');
    expect(out).toContain('<th rowspan="2">地区</th>');
    expect(out).toContain('<td class="number-row">5=1-3</td>');
    expect(out).toContain('<td class="num bold">1,500</td>');
    expect(out).toContain('<td class="stub indent-2">甲一区</td>');
    expect(out).toContain('table.grid td.indent-2 { padding-left: 9.6mm; }');
    // No style attributes (a strict CSP in the editor preview would drop them).
    expect(out).not.toMatch(/ style="/);
    expect(out).toContain('<td rowspan="3" class="kpi1">产出指标</td><td rowspan="2" class="kpi2">数量指标</td>');
  });

  it('gives table rows and paragraphs the source line', () => {
    const { model } = checkText(CLEAN);
    const out = renderHtml(model, model.notices[0]!);
    const lines = new LineIndex(CLEAN);
    const row = model.tables[0]!.allRows.find((r) => r.name === '甲二区')!;
    const line = lines.position(row.node.start).line;
    expect(CLEAN.split('\n')[line]).toContain('甲二区');
    expect(out).toMatch(new RegExp(`<tr data-line="${line}"><td class="stub indent-2">甲二区</td>`));
    const para = model.notices[0]!.node.body!.paragraphs[0]!;
    expect(out).toContain(`<p data-line="${lines.position(para.start).line}">现下达`);
  });

  it('renders every notice of a file for the preview, with a nonce and CSP when asked', () => {
    const { model } = checkText(example('jiangmen-jcs-2023-16'));
    const out = renderDocumentHtml(model, { nonce: 'abc', csp: "default-src 'none'; style-src 'nonce-abc'" });
    expect(out.match(/<article class="notice"/g)).toHaveLength(4);
    expect(out).toContain('<style nonce="abc">');
    expect(out).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-abc&#39;">`);
    // 江财社〔2023〕16号 lists its attachments from its 附件说明 field.
    expect(out).toContain('<li>1. 《关于预下达2023年医疗救助省级补助资金的通知》(江财社〔2023〕1号)</li>');
    expect(out).toContain('<div class="urgency">加急</div>');
  });

  it('puts the total last for 合计位置：末行', () => {
    const out = html(example('jiangmen-jcs-2023-16'), 1);
    const body = out.slice(out.indexOf('<tbody>'));
    expect(body.indexOf('恩平市')).toBeLessThan(body.indexOf('>合计<'));
    expect(body).toContain('<td class="num bold">76,780,000</td>');
  });
});
