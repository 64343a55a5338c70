import { describe, expect, it } from 'vitest';
import { checkText } from '../../server/src/checks/index.js';
import { Decimal } from '../../server/src/model/decimal.js';
import { renderDocx } from '../../server/src/render/docx.js';
import { CLEAN, example } from './fixtures.js';
import { docxPart, readDocx, type DocxCell } from './read-back.js';

async function render(source: string, index = 0, recipient?: string) {
  const { model } = checkText(source);
  const n = model.notices[index]!;
  const row = recipient ? n.tables[0]!.allRows.find((r) => r.name === recipient) : undefined;
  return readDocx(await renderDocx(model, n, row ? { recipient: row } : {}));
}

const texts = (rows: DocxCell[][]): string[][] => rows.map((r) => r.map((c) => c.text));

/** The table whose first cell reads `first`. */
const tableStarting = (tables: DocxCell[][][], first: string): DocxCell[][] => tables.find((t) => t[0]?.[0]?.text === first)!;

/** The numbers of each row line of a table block in the source, as printed (grouped). */
function sourceNumbers(source: string, tableHeader: string): string[][] {
  const block = source.slice(source.indexOf(tableHeader)).split(/\n(?=\S)/)[0]!;
  const rows: string[][] = [];
  for (const line of block.split('\n').slice(1)) {
    if (/^\s*(#|栏|栏组|单位|行标题|合计位置|序号|容差)/.test(line.trim()) || /^\s{2}\S+：/.test(line) || !line.trim()) continue;
    const cells = line.replace(/\[[^\]]*\]/g, '').trim().split(/\s+/).slice(1);
    rows.push(cells.map((c) => (c === '-' || c === '—' ? '' : Decimal.parse(c)!.toGrouped(c.includes('.') ? c.split('.')[1]!.length : 0))));
  }
  return rows;
}

describe('Word output', () => {
  it('lays out the notice: organs, number, title, recipients, body with references, notes, signature, colophon', async () => {
    const d = await render(CLEAN);
    const all = d.paragraphs.join('\n');
    expect(all).toContain('测财社〔2024〕5号');
    expect(all).toContain('关于下达2024年测试补助资金的通知');
    expect(all).toContain('各县（区）财政局：');
    expect(all).toContain('现下达2024年测试补助资金900万元（中央）和600万元（省级），其中甲市1,000万元。');
    expect(all).toContain('附件：1.2024年测试补助资金分配表');
    expect(d.paragraphs).toContain('2.2024年测试补助资金绩效目标表');
    expect(d.paragraphs).toContain('2024年3月5日');
    expect(d.paragraphs).toContain('公开方式：主动公开');
    // The organ mark (a borderless table), red, 文件 beside the organs.
    expect(texts(d.tables[0]!)).toEqual([['测试市财政局\n测试市医疗保障局', '文件']]);
    expect(d.xml).toContain('w:color w:val="E60012"');
    // 版记: 抄送 and 印发 with the date, the last thing in the document (after the attachments, §7.3.7).
    expect(texts(d.tables[d.tables.length - 1]!)).toEqual([['抄送：财政部测试监管局。'], ['测试市财政局办公室2024年3月5日印发']]);
  });

  it('puts each attachment on a new page with its label, title and unit', async () => {
    const d = await render(CLEAN);
    expect(d.paragraphs).toContain('附件1');
    expect(d.paragraphs).toContain('附件2');
    expect(d.paragraphs).toContain('单位：万元');
    expect(d.paragraphs).toContain('（2024年度）');
    // Each attachment is a section of its own starting on a new page (so a wide one can turn the page).
    expect((d.xml.match(/<w:type w:val="nextPage"\/>/g) ?? []).length).toBe(2);
    // A4, 天头 37 mm, 订口 28 mm.
    expect(d.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(d.xml).toMatch(/w:top="2098"/);
    expect(d.xml).toMatch(/w:left="1587"/);
  });

  it('writes the two-level header with merged cells and the 栏次 row', async () => {
    const d = await render(CLEAN);
    const t = tableStarting(d.tables, '地区');
    expect(t[0]!.map((c) => [c.text, c.gridSpan, c.vMerge ?? ''])).toEqual([
      ['地区', 1, 'restart'],
      ['县区类别', 1, 'restart'],
      ['全年应下达', 2, ''],
      ['已下达', 2, ''],
      ['本次下达', 2, ''],
    ]);
    expect(t[1]!.map((c) => [c.text, c.vMerge ?? ''])).toEqual([
      ['', 'continue'],
      ['', 'continue'],
      ['中央资金', ''],
      ['省级资金', ''],
      ['中央资金', ''],
      ['省级资金', ''],
      ['中央资金', ''],
      ['省级资金', ''],
    ]);
    expect(texts([t[2]!])[0]).toEqual(['栏次', '', '1', '2', '3', '4', '5=1-3', '6=2-4']);
    expect(texts(t.slice(3))).toEqual([
      ['全省', '', '1,500', '900', '600', '300', '900', '600'],
      ['甲市', '', '1,000', '600', '400', '200', '600', '400'],
      ['甲一区', '一般县', '700', '400', '300', '100', '400', '300'],
      ['甲二区', '西部县区', '300', '200', '100', '100', '200', '100'],
      ['乙市', '', '500', '300', '200', '100', '300', '200'],
      ['乙一区', '一般县', '500', '300', '200', '100', '300', '200'],
    ]);
    // Numbers right-aligned; header rows repeat on every page.
    expect(d.xml).toContain('<w:jc w:val="right"/>');
    expect((d.xml.match(/<w:tblHeader\/>/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it('writes a table cell’s text as written, markup escaped, and leaves no placeholder behind', async () => {
    // The grid tables are written as XML text (docx-xml.ts): a row name with markup characters
    // must come back as the same text, in a file that stays well formed.
    const src = CLEAN.replace(/^( +)甲市( +)/m, '$1甲市<A&B>"\'$2');
    expect(src).toContain('甲市<A&B>');
    const { model } = checkText(src);
    const bytes = await renderDocx(model, model.notices[0]!);
    const d = await readDocx(bytes);
    expect(tableStarting(d.tables, '地区').some((r) => r[0]!.text === '甲市<A&B>"\'')).toBe(true);
    expect(d.xml).not.toContain('NoticeRawBlock');
    expect(d.xml).toContain('甲市&lt;A&amp;B&gt;&quot;&apos;');
    // Each attachment's section still ends where it did: a section break per attachment and one for the 版记.
    expect((d.xml.match(/<w:sectPr>/g) ?? []).length).toBe(4);
  });

  it('merges the KPI 一级/二级 cells down their indicators', async () => {
    const d = await render(CLEAN);
    // The indicators are a table of their own under the header fields, its header row repeated on every page.
    const t = tableStarting(d.tables, '绩效指标');
    const rows = t.slice(1);
    expect(rows.map((r) => r.map((c) => (c.vMerge === 'continue' ? '↑' : c.text)))).toEqual([
      ['↑', '产出指标', '数量指标', '救助人次', '≥2万人次'],
      ['↑', '↑', '↑', '资助比例', '100%'],
      ['↑', '↑', '时效指标', '拨付及时率', '100%'],
      ['↑', '满意度指标', '服务对象满意度指标', '满意度', '≥85%'],
    ]);
    expect(rows[0]![1]!.vMerge).toBe('restart');
    expect(rows[0]![2]!.vMerge).toBe('restart');
    // The money fields under their heading cell, each key as written.
    expect(texts(tableStarting(d.tables, '项目名称').slice(0, 2))).toEqual([
      ['项目名称', '测试补助资金'],
      ['资金情况（万元）', '年度金额', '详见附件1'],
    ]);
  });

  it('writes every number of every example table, in order', async () => {
    const cases: [string, number, string, boolean][] = [
      ['nanchang-hcszh-2022-67', 0, '附件1 分配表', false],
      ['jiangxi-gcszh-2023-26', 0, '附件1 分配表', true],
      ['jiangmen-jcs-2023-16', 1, '附件1 分配表：预下达2023年医疗救助省级资金分配明细表', false],
      ['jiangmen-jcs-2023-16', 3, '附件1 分配表：预下达2023年中央财政医疗服务与保障能力提升补助资金表', false],
    ];
    for (const [name, index, header, hasText] of cases) {
      const source = example(name);
      const d = await render(source, index);
      const table = d.tables.find((t) => t.some((r) => r[0]?.text === '栏次' || /^(地区|县（市、区）|市（县、区）名称|序号)$/.test(r[0]?.text ?? '')) && t.length > 3)!;
      const expected = sourceNumbers(source, header);
      // Body rows: those whose cells hold a number somewhere.
      const seq = table[0]![0]!.text === '序号';
      const skip = (seq ? 2 : 1) + (hasText ? 1 : 0);
      const body = table.filter((r) => r.length > skip && r.slice(skip).some((c) => /^-?[\d,.]+$/.test(c.text)) && !/[=]/.test(r.map((c) => c.text).join('')) && r[seq ? 1 : 0]!.text !== '栏次');
      const got = body.map((r) => r.slice(skip, skip + expected[0]!.length).map((c) => c.text));
      // 合计位置：末行 prints the total last: compare as multisets of rows, and the order of parts.
      if (/合计位置：末行/.test(source.slice(source.indexOf(header)).split(/\n(?=\S)/)[0]!)) {
        expect(got.slice(0, -1)).toEqual(expected.slice(1));
        expect(got[got.length - 1]).toEqual(expected[0]);
      } else {
        expect(got).toEqual(expected);
      }
    }
  });

  it('numbers rows with 序号：自动 and puts the total last with 合计位置：末行', async () => {
    const d = await render(example('jiangmen-jcs-2023-16'), 3);
    const t = d.tables.find((x) => x[0]?.[0]?.text === '序号')!;
    expect(texts(t)).toEqual([
      ['序号', '县（市、区）', '2023年拟分配金额', '备注'],
      ['1', '市本级', '70.91', ''],
      ['2', '蓬江区', '16.57', ''],
      ['3', '江海区', '14.49', ''],
      ['4', '新会区', '17.95', ''],
      ['5', '台山市', '25.54', ''],
      ['6', '开平市', '24.15', ''],
      ['7', '鹤山市', '13.01', ''],
      ['8', '恩平市', '11.38', ''],
      ['', '合计', '194.00', ''],
    ]);
  });

  it('fills 本单位 for a recipient', async () => {
    const src = CLEAN.replace('下达你市{本单位.本次中央+本次省级}万元，你单位为{本单位}。', '下达你市{本单位.本次中央+本次省级}万元。');
    const d = await render(src, 0, '乙市');
    expect(d.paragraphs).toContain('下达你市500万元。');
  });

  it('has a page-number footer and fonts named as GB/T 9704 asks', async () => {
    const { model } = checkText(CLEAN);
    const bytes = await renderDocx(model, model.notices[0]!);
    const footers = [(await docxPart(bytes, 'word/footer1.xml')) ?? '', (await docxPart(bytes, 'word/footer2.xml')) ?? ''].join('');
    expect(footers).toContain('PAGE');
    const doc = await docxPart(bytes, 'word/document.xml');
    for (const font of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312']) expect(doc).toContain(`w:eastAsia="${font}"`);
  });
});
