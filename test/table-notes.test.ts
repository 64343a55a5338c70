/**
 * Notes under a table (`注：…`, `备注：…`), as real tables print them: read as the table's notes
 * (never as a row, a field, an indicator or a header field), and printed under the table in the
 * HTML page, the Word document and the workbook, read back here.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parse, type AllocationNode, type KpiNode, type RowNode } from '../grammar/index.js';
import { checkText } from '../server/src/checks/index.js';
import { renderDocx } from '../server/src/render/docx.js';
import { renderHtml } from '../server/src/render/html.js';
import { renderXlsx } from '../server/src/render/xlsx.js';
import { annotationsOf } from './support/annotations.js';
import { bodyBlocks, readDocx } from './render/read-back.js';

const NOTICE = `通知 某财社〔2023〕8号
  发文机关：某市财政局
  标题：关于下达2023年医疗救助补助资金的通知
  年度：2023
  金额：100万元 = 附件1.本次
  资金来源：中央
  收入科目：1100249 医疗卫生共同财政事权转移支付收入
  直达资金：01 中央直达资金
  注：通知中的“注：”是通知的字段。
  正文
    现下达2023年医疗救助补助资金{附件1.合计.本次}万元，详见附件1。

附件1 分配表：2023年医疗救助补助资金分配表
  单位：万元
  行标题：地区
  栏 本次：本次下达
  栏 备注：备注（文字）
  合计                 100
    甲县                60
      其中：甲县本级     20
    乙县                40
    备注 [扣回]          0
  注：本表资金按因素法分配。
    1. 因素权重：人口 40%，财力 60%。
    2. 本次下达数已扣回上年结余。
  备注：乙县含上年结转资金。

附件2 绩效目标表：2023年医疗救助补助资金绩效目标表
  项目名称：医疗救助补助资金
  年度金额：100万元
  中央资金：100万元
  注：资金单位为万元。
  产出指标
    数量指标
      救助人次：≥2万人次
      注：按实际救助人次填报
  满意度指标
    服务对象满意度指标
      救助对象满意度：≥85%
  注：年度金额中中央资金暂按提前下达数填报
`;

const ALLOCATION_NOTES = ['注：本表资金按因素法分配。', '1. 因素权重：人口 40%，财力 60%。', '2. 本次下达数已扣回上年结余。', '备注：乙县含上年结转资金。'];
const KPI_NOTES = ['注：资金单位为万元。', '注：年度金额中中央资金暂按提前下达数填报'];

function blocks(text: string): { table: AllocationNode; kpi: KpiNode } {
  const file = parse(text);
  return {
    table: file.blocks.find((b): b is AllocationNode => b.kind === 'allocation')!,
    kpi: file.blocks.find((b): b is KpiNode => b.kind === 'kpi')!,
  };
}

const tree = (rows: readonly RowNode[]): unknown[] => rows.map((r) => [r.name.text, ...(r.children.length ? [tree(r.children)] : [])]);

describe('a note under an allocation table', () => {
  it('is the table’s note: its key as written and one paragraph per line; the notice checks clean', () => {
    expect(checkText(NOTICE).diagnostics).toEqual([]);
    const { table } = blocks(NOTICE);
    expect(table.notes.map((n) => [n.key.text, n.paragraphs.map((p) => p.text)])).toEqual([
      ['注', ['本表资金按因素法分配。', '1. 因素权重：人口 40%，财力 60%。', '2. 本次下达数已扣回上年结余。']],
      ['备注', ['乙县含上年结转资金。']],
    ]);
    const model = checkText(NOTICE).model.tables[0]!;
    expect(model.notes.map((n) => [n.key, n.paragraphs])).toEqual([
      ['注', ['本表资金按因素法分配。', '1. 因素权重：人口 40%，财力 60%。', '2. 本次下达数已扣回上年结余。']],
      ['备注', ['乙县含上年结转资金。']],
    ]);
  });

  it('takes no row, field or column: a row named 备注, 其中 rows and a text column 备注 are read as before', () => {
    const { table } = blocks(NOTICE);
    expect(table.fields.map((f) => f.key.text)).toEqual(['单位', '行标题']);
    expect(table.columns.map((c) => [c.id?.text, c.isText])).toEqual([['本次', false], ['备注', true]]);
    expect(tree(table.rows)).toEqual([['合计', [['甲县', [['甲县本级']]], ['乙县'], ['备注']]]]);
    const byName = checkText(NOTICE).model.tables[0]!.allRows.find((r) => r.name === '备注')!;
    expect([byName.texts, byName.values.map((v) => v?.toString())]).toEqual([['扣回'], ['0']]);
  });

  it('may be written among the header fields, before the rows, and is still a note', () => {
    const text = NOTICE.replace('  行标题：地区\n', '  注：写在表的字段之间。\n  行标题：地区\n');
    expect(checkText(text).diagnostics).toEqual([]);
    const { table } = blocks(text);
    expect(table.fields.map((f) => f.key.text)).toEqual(['单位', '行标题']);
    expect(table.notes.map((n) => n.paragraphs[0]?.text)).toEqual(['写在表的字段之间。', '本表资金按因素法分配。', '乙县含上年结转资金。']);
  });

  it('may have no text after its colon, its paragraphs on the lines under it', () => {
    const text = NOTICE.replace('  注：本表资金按因素法分配。\n', '  注：\n');
    const { table } = blocks(text);
    expect(table.notes[0]!.paragraphs.map((p) => p.text)).toEqual(['1. 因素权重：人口 40%，财力 60%。', '2. 本次下达数已扣回上年结余。']);
    expect(checkText(text).diagnostics).toEqual([]);
  });

  it('in a notice, `注：` stays one of the notice’s fields', () => {
    const notice = parse(NOTICE).blocks[0]!;
    expect(notice.kind === 'notice' && notice.fields.map((f) => f.key.text)).toContain('注');
  });

  it('written under a row, is reported once, where it is, and still read as the table’s note, not a part of that row', () => {
    const text = NOTICE.replace('    乙县                40\n', '    乙县                40\n      注：写在乙县之下。\n');
    const { diagnostics, model } = checkText(text);
    expect(annotationsOf(text, diagnostics).map((a) => `${a.severity}[${a.code}]: ${a.message}`)).toEqual([
      'error[indentation]: 期望表的注“注：…”与表的字段（如“单位：”）同样缩进，写在各行之后；实际缩进在行“乙县”之下。已按表的注读入，不作为行',
    ]);
    expect(text.slice(diagnostics[0]!.span.start, diagnostics[0]!.span.end)).toBe('注：写在乙县之下。');
    const t = model.tables[0]!;
    expect(t.allRows.find((r) => r.name === '乙县')!.children).toEqual([]);
    expect(t.notes.map((n) => n.paragraphs[0])).toEqual(['写在乙县之下。', '本表资金按因素法分配。', '乙县含上年结转资金。']);
  });
});

describe('a note under a KPI table', () => {
  it('is the table’s note, not a header field or a 一级指标; an indicator named 注 under a 二级 stays one', () => {
    const { kpi } = blocks(NOTICE);
    expect(kpi.fields.map((f) => f.key.text)).toEqual(['项目名称', '年度金额', '中央资金']);
    expect(kpi.groups.map((g) => g.name.text)).toEqual(['产出指标', '满意度指标']);
    expect(kpi.notes.map((n) => [n.key.text, n.paragraphs.map((p) => p.text)])).toEqual([
      ['注', ['资金单位为万元。']],
      ['注', ['年度金额中中央资金暂按提前下达数填报']],
    ]);
    const model = checkText(NOTICE).model.kpiTables[0]!;
    expect(model.indicators.map((i) => [i.level2?.name, i.name, i.values.map((v) => v.text)])).toEqual([
      ['数量指标', '救助人次', ['≥2万人次']],
      ['数量指标', '注', ['按实际救助人次填报']],
      ['服务对象满意度指标', '救助对象满意度', ['≥85%']],
    ]);
  });

  it('written under a 一级指标, where a 二级 name goes, is reported once and read as the table’s note, not an indicator', () => {
    const text = NOTICE.replace('  满意度指标\n', '    注：写在产出指标之下。\n  满意度指标\n');
    const { diagnostics, model } = checkText(text);
    expect(annotationsOf(text, diagnostics).map((a) => `${a.severity}[${a.code}]: ${a.message}`)).toEqual([
      'error[indentation]: 期望表的注“注：…”与表头字段（如“项目名称：”）同样缩进，写在各指标之后；实际缩进在一级指标“产出指标”之下。已按表的注读入，不作为指标',
    ]);
    expect(text.slice(diagnostics[0]!.span.start, diagnostics[0]!.span.end)).toBe('注：写在产出指标之下。');
    const kpi = model.kpiTables[0]!;
    expect(kpi.notes.map((n) => n.paragraphs[0])).toEqual(['资金单位为万元。', '写在产出指标之下。', '年度金额中中央资金暂按提前下达数填报']);
    expect(kpi.indicators.map((i) => i.name)).toEqual(['救助人次', '注', '救助对象满意度']);
  });
});

describe('notes in the outputs', () => {
  const { model } = checkText(NOTICE);
  const n = model.notices[0]!;

  it('HTML prints them under each table, after it, as written', () => {
    const html = renderHtml(model, n);
    const sections = html.split('<section class="page attachment"').slice(1);
    const notesOf = (section: string): string[] => {
      const after = section.slice(section.lastIndexOf('</table>'));
      return [...after.matchAll(/<div class="table-note" data-line="\d+"><span class="lead">([^<]*)<\/span><div>((?:<p>[^<]*<\/p>)*)<\/div><\/div>/g)].flatMap((m) =>
        [...m[2]!.matchAll(/<p>([^<]*)<\/p>/g)].map((p, i) => (i === 0 ? m[1]! : '') + p[1]!),
      );
    };
    expect(notesOf(sections[0]!)).toEqual(ALLOCATION_NOTES);
    expect(notesOf(sections[1]!)).toEqual(KPI_NOTES);
    // Not as a row of the KPI table's header fields.
    expect(sections[1]!.slice(0, sections[1]!.lastIndexOf('</table>'))).not.toContain('年度金额中中央资金');
  });

  it('Word prints them as paragraphs right under each table, in the table’s type size (小四, 12 pt)', async () => {
    const d = await readDocx(await renderDocx(model, n));
    const body = bodyBlocks(d.xml);
    const after = (firstCell: string): { text: string; xml: string }[] => {
      const at = body.findIndex((b) => b.kind === 'table' && b.rows[0]?.[0]?.text === firstCell);
      const out: { text: string; xml: string }[] = [];
      for (const b of body.slice(at + 1)) {
        if (b.kind !== 'p' || b.text === '' || /pageBreakBefore/.test(b.xml)) break;
        out.push(b);
        // The attachment's section ends in its last paragraph: the next attachment is on a new page.
        if (/<w:sectPr/.test(b.xml)) break;
      }
      return out;
    };
    const allocation = after('地区');
    expect(allocation.map((p) => p.text)).toEqual(ALLOCATION_NOTES);
    // Under the indicators, the KPI table's second part (its header row repeats on every page).
    const kpi = after('绩效指标');
    expect(kpi.map((p) => p.text)).toEqual(KPI_NOTES);
    for (const p of [...allocation, ...kpi]) expect(p.xml).toContain('<w:sz w:val="24"/>');
  });

  it('Excel writes them in the rows under each table, each merged across the table’s width', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(model, n)) as unknown as ArrayBuffer);
    /** The rows under the one that holds `last`: their first cell, and the cell that each row's last cell is merged into. */
    const under = (sheet: string, last: string): { text: unknown; row: number; master: string }[] => {
      const ws = wb.getWorksheet(sheet)!;
      const width = ws.columnCount;
      let r = ws.rowCount;
      while (r > 0 && !(ws.getRow(r).values as unknown[]).includes(last)) r--;
      const out: { text: unknown; row: number; master: string }[] = [];
      for (r++; r <= ws.rowCount; r++) out.push({ text: ws.getCell(r, 1).value, row: r, master: ws.getCell(r, width).master.address });
      return out;
    };
    for (const [sheet, last, notes] of [['附件1', '备注', ALLOCATION_NOTES], ['附件2', '救助对象满意度', KPI_NOTES]] as const) {
      const rows = under(sheet, last);
      expect(rows.map((x) => x.text), sheet).toEqual(notes);
      for (const x of rows) expect(x.master, `${sheet} row ${x.row}`).toBe(`A${x.row}`);
    }
  });
});
