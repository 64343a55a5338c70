/**
 * Column headers as real notices print them: `栏组` inside `栏组` to any depth (a header of three
 * levels, merged in every output), and a budget code at the start of a column or group title,
 * checked as the notice's 科目 lines are. Each is read, checked, rendered and edited as a user
 * sees it.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/index.js';
import { checkText } from '../server/src/checks/index.js';
import { formatEdits } from '../server/src/format/index.js';
import { analyse } from '../server/src/lsp/analysis.js';
import { completion } from '../server/src/lsp/features/completion.js';
import { foldingRanges } from '../server/src/lsp/features/folding.js';
import { hover } from '../server/src/lsp/features/hover.js';
import { DEFAULT_SETTINGS } from '../server/src/lsp/settings.js';
import { WorkspaceIndex } from '../server/src/lsp/workspace-index.js';
import { renderDocx } from '../server/src/render/docx.js';
import { renderHtml } from '../server/src/render/html.js';
import { renderXlsx } from '../server/src/render/xlsx.js';
import { readDocx } from './render/read-back.js';
import { applyEdits } from './support/fixes.js';

const HEADER = `  栏 类别：县区类别（文字）
  栏 合计：合计
  栏组 本次下达中央财政补助金额
    栏组 一般预算
      栏 小计：小计 = 常规 + 定向
      栏 常规：常规分配
      栏 定向：贫困县定向分配
    栏 基金：政府性基金
  栏 备注：备注（文字）
`;

const NOTICE = `通知 某财社〔2019〕41号
  发文机关：某省财政厅
  标题：关于下达2019年中央财政困难群众救助补助资金的通知
  年度：2019
  资金来源：中央
  直达资金：01 中央直达资金

附件1 分配表：2019年中央财政困难群众救助补助资金分配表
  单位：万元
  行标题：地区
${HEADER}
  全省                 2,650   2,450   1,850     600     200
    甲市               1,500   1,400   1,050     350     100
      甲一县 [贫困县]    900     850     600     250      50
      甲二县 [一般县]    600     550     450     100      50
    乙市               1,150   1,050     800     250     100
      乙一县 [贫困县] [含提前下达]  700  650  500  150  50
      乙二县 [一般县]    450     400     300     100      50
`;

/** The attachment's grid as [text, colSpan, rowSpan] per header row, HTML-style. */
const HEADER_GRID = [
  [['地区', 1, 3], ['县区类别', 1, 3], ['合计', 1, 3], ['本次下达中央财政补助金额', 4, 1], ['备注', 1, 3]],
  [['一般预算', 3, 1], ['政府性基金', 1, 2]],
  [['小计', 1, 1], ['常规分配', 1, 1], ['贫困县定向分配', 1, 1]],
];

describe('栏组 inside 栏组', () => {
  it('gives every column its whole group path, outermost first, and keeps the 栏次 of declaration order', () => {
    const file = parse(NOTICE);
    expect(file.problems).toEqual([]);
    const table = file.blocks.find((b) => b.kind === 'allocation')!;
    if (table.kind !== 'allocation') throw new Error('no table');
    expect(table.columns.map((c) => [c.id?.text, c.groups.map((g) => g.title.text), c.group?.text ?? ''])).toEqual([
      ['类别', [], ''],
      ['合计', [], ''],
      ['小计', ['本次下达中央财政补助金额', '一般预算'], '一般预算'],
      ['常规', ['本次下达中央财政补助金额', '一般预算'], '一般预算'],
      ['定向', ['本次下达中央财政补助金额', '一般预算'], '一般预算'],
      ['基金', ['本次下达中央财政补助金额'], '本次下达中央财政补助金额'],
      ['备注', [], ''],
    ]);
    expect(table.groups.map((g) => [g.title.text, g.depth, NOTICE.slice(g.start, g.end).split('\n').length])).toEqual([
      ['本次下达中央财政补助金额', 0, 6],
      ['一般预算', 1, 4],
    ]);
    const { model, diagnostics } = checkText(NOTICE);
    expect(diagnostics).toEqual([]);
    const t = model.tables[0]!;
    expect(t.columns.map((c) => [c.id, c.number ?? '', c.groups.map((g) => g.title).join(' › ')])).toEqual([
      ['类别', '', ''],
      ['合计', 1, ''],
      ['小计', 2, '本次下达中央财政补助金额 › 一般预算'],
      ['常规', 3, '本次下达中央财政补助金额 › 一般预算'],
      ['定向', 4, '本次下达中央财政补助金额 › 一般预算'],
      ['基金', 5, '本次下达中央财政补助金额'],
      ['备注', '', ''],
    ]);
    // The columns of one group share its model: the renderers merge by it.
    expect(t.columns[2]!.groups[0]).toBe(t.columns[5]!.groups[0]);
    expect(t.groups.map((g) => g.title)).toEqual(['本次下达中央财政补助金额', '一般预算']);
  });

  it('checks totals and formulas of nested columns as of any other', () => {
    const wrong = NOTICE.replace('甲一县 [贫困县]    900     850', '甲一县 [贫困县]    900     860');
    const { diagnostics } = checkText(wrong);
    expect(diagnostics.map((d) => [d.code, wrong.slice(d.span.start, d.span.end)])).toEqual([
      ['sum-mismatch', '1,400'],
      ['formula-mismatch', '860'],
    ]);
  });

  it('says what a group may hold, and reads the rest of the header', () => {
    const text = NOTICE.replace('      栏 定向：贫困县定向分配\n', '      栏 定向：贫困县定向分配\n      栏组 空组\n      定向 1\n');
    const { model, diagnostics } = checkText(text);
    expect(diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end), d.message])).toEqual([
      ['syntax', '栏组 空组', '栏组下没有栏：请在其下缩进写“栏 编号：标题”或“栏组 标题”'],
      ['syntax', '定向 1', '栏组下只能写“栏 编号：标题”或“栏组 标题”，实际是“定向 1”'],
    ]);
    expect(model.tables[0]!.numeric.map((c) => c.id)).toEqual(['合计', '小计', '常规', '定向', '基金']);
  });

  it('lays the header out in as many rows as the deepest group needs, the 栏次 row under it', () => {
    const { model } = checkText(NOTICE);
    const html = renderHtml(model, model.notices[0]!);
    const thead = /<thead>([\s\S]*?)<\/thead>/.exec(html)![1]!;
    const rows = [...thead.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
      // A heading's text whatever its lines (a narrow column breaks it between words: `<br>`).
      [...r[1]!.matchAll(/<t([hd])([^>]*)>((?:[^<]|<br>)*)<\/t[hd]>/g)].map((c) => [c[3]!.replace(/<br>/g, ''), Number(/colspan="(\d+)"/.exec(c[2]!)?.[1] ?? 1), Number(/rowspan="(\d+)"/.exec(c[2]!)?.[1] ?? 1)]),
    );
    expect(rows.slice(0, 3)).toEqual(HEADER_GRID);
    expect(rows[3]!.map((c) => c[0])).toEqual(['栏次', '', '1', '2=3+4', '3', '4', '5', '']);
  });

  it('merges the header cells in Word: a group across its columns, a shorter path down to the last header row', async () => {
    const { model } = checkText(NOTICE);
    const d = await readDocx(await renderDocx(model, model.notices[0]!));
    const t = d.tables.find((rows) => rows[0]?.[0]?.text === '地区')!;
    // A heading's text whatever its lines (a narrow column breaks it between words, a paragraph a line).
    const show = (r: number): string[] => t[r]!.map((c) => `${c.vMerge === 'continue' ? '↑' : c.text.replace(/\n/g, '')}${c.gridSpan > 1 ? `×${c.gridSpan}` : ''}`);
    expect([0, 1, 2].map(show)).toEqual([
      ['地区', '县区类别', '合计', '本次下达中央财政补助金额×4', '备注'],
      ['↑', '↑', '↑', '一般预算×3', '政府性基金', '↑'],
      ['↑', '↑', '↑', '小计', '常规分配', '贫困县定向分配', '↑', '↑'],
    ]);
    expect(t[0]!.filter((c) => c.vMerge === 'restart').map((c) => c.text.replace(/\n/g, ''))).toEqual(['地区', '县区类别', '合计', '备注']);
    expect(t[1]!.find((c) => c.text.replace(/\n/g, '') === '政府性基金')!.vMerge).toBe('restart');
    expect(t[3]!.map((c) => c.text)).toEqual(['栏次', '', '1', '2=3+4', '3', '4', '5', '']);
    expect(t[4]!.map((c) => c.text)).toEqual(['全省', '', '2,650', '2,450', '1,850', '600', '200', '']);
  });

  it('merges the header cells in Excel, and repeats and freezes all of its rows', async () => {
    const { model } = checkText(NOTICE);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(model, model.notices[0]!)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('附件1')!;
    const lines = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/\n/g, '') : v);
    expect([4, 5, 6, 7].map((r) => (ws.getRow(r).values as unknown[]).slice(1).map(lines))).toEqual([
      ['地区', '县区类别', '合计', '本次下达中央财政补助金额', '本次下达中央财政补助金额', '本次下达中央财政补助金额', '本次下达中央财政补助金额', '备注'],
      ['地区', '县区类别', '合计', '一般预算', '一般预算', '一般预算', '政府性基金', '备注'],
      ['地区', '县区类别', '合计', '小计', '常规分配', '贫困县定向分配', '政府性基金', '备注'],
      ['栏次', undefined, '1', '2=3+4', '3', '4', '5'],
    ]);
    const master = (a: string): string => ws.getCell(a).master.address;
    expect(['A6', 'C6', 'E4', 'G4', 'F5', 'G6', 'H6', 'D6'].map(master)).toEqual(['A4', 'C4', 'D4', 'D4', 'D5', 'G5', 'H4', 'D6']);
    expect(ws.getCell('D6').isMerged).toBe(false);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 7 });
    expect(ws.pageSetup.printTitlesRow).toBe('4:7');
  });

  it('is kept by the formatter, indented two spaces a level of nesting', () => {
    const messy = NOTICE.replace(HEADER, HEADER.replace(/^( {4,})/gm, (s) => s + s.slice(4)));
    expect(messy).not.toBe(NOTICE);
    const formatted = applyEdits(messy, formatEdits(messy));
    expect(formatted).toContain(HEADER);
    expect(applyEdits(formatted, formatEdits(formatted))).toBe(formatted);
    expect(checkText(formatted).model.tables[0]!.columns.map((c) => c.groups.length)).toEqual([0, 0, 2, 2, 2, 1, 0]);
  });

  it('shows a column’s groups in its hover, and offers 栏 and 栏组 inside a group', () => {
    const a = analyse('file:///columns.notice', 1, NOTICE, DEFAULT_SETTINGS);
    const at = NOTICE.indexOf('栏 常规') + 2;
    const shown = hover(a, at, DEFAULT_SETTINGS, new WorkspaceIndex());
    expect((shown?.contents as { value: string }).value).toContain('栏组：本次下达中央财政补助金额 › 一般预算');
    const withCursor = NOTICE.replace('      栏 定向：贫困县定向分配\n', '      栏 定向：贫困县定向分配\n      栏\n');
    const cursor = withCursor.indexOf('      栏\n') + 7;
    const list = completion(analyse('file:///columns.notice', 2, withCursor, DEFAULT_SETTINGS), cursor, DEFAULT_SETTINGS);
    expect(list?.items.map((i) => i.label)).toEqual(['栏 ', '栏组 ']);
    // Column ids in a nested column's formula.
    const inFormula = NOTICE.indexOf('= 常规 + 定向') + '= 常规 + '.length;
    const ids = completion(a, inFormula, DEFAULT_SETTINGS);
    expect(ids?.items.map((i) => i.label)).toEqual(['合计', '常规', '定向', '基金']);
    // Each group folds over what is under it.
    const lineOf = (s: string): number => NOTICE.slice(0, NOTICE.indexOf(s)).split('\n').length - 1;
    expect(foldingRanges(a)).toEqual(
      expect.arrayContaining([
        { startLine: lineOf('  栏组 本次下达'), endLine: lineOf('    栏 基金') },
        { startLine: lineOf('    栏组 一般预算'), endLine: lineOf('      栏 定向') },
      ]),
    );
  });
});

const CODES = `通知 某财社〔2023〕8号
  年度：2023
  资金来源：中央
  直达资金：01 中央直达资金

附件1 分配表：2023年困难群众救助补助资金分配表
  单位：万元
  栏组 21013—医疗救助
    栏 救助：2101301 城乡医疗救助
    栏 应急：2101302疾病应急救助（万元）
  栏 全年：2022年下达资金

  合计          30     20     50
    甲县        10     10     20
    乙县        20     10     30
`;

describe('a budget code printed in a column header', () => {
  it('is read from a title that starts with a code of 3, 5 or 7 digits and a Chinese name, and only then', () => {
    const codesOf = (title: string): string[] => {
      const text = CODES.replace('栏 全年：2022年下达资金', `栏 全年：${title}`);
      return checkText(text).model.tables[0]!.codes.map((c) => `${c.code.text}|${c.name.text}`);
    };
    const known = ['21013|医疗救助', '2101301|城乡医疗救助', '2101302|疾病应急救助（万元）'];
    expect(codesOf('2022年下达资金')).toEqual(known);
    for (const title of ['2082502—其他农村生活救助', '2082502——其他农村生活救助', '2082502-其他农村生活救助', '2082502－其他农村生活救助', '2082502 其他农村生活救助', '2082502其他农村生活救助']) {
      expect(codesOf(title), title).toEqual([...known, '2082502|其他农村生活救助']);
    }
    // A name may begin with a word that is also a unit.
    expect(codesOf('20101 人大事务')).toEqual([...known, '20101|人大事务']);
    for (const title of ['1-8月', '2023年预算', '20222年', '200元/人', '100万元以上', '500人次', '500人', '200个县区', '250户以上', '208250 六位', '20825', '2082502', '208.5万元']) {
      expect(codesOf(title), title).toEqual(known);
    }
  });

  it('is checked against the catalogue of the notice’s year, silent when code and name are right', () => {
    expect(checkText(CODES).diagnostics).toEqual([]);
    const wrong = CODES.replace('年度：2023', '年度：2019');
    // In 2019 the catalogue has neither 21013 nor its items, and does not list 210 completely
    // for that year: the codes cannot be confirmed, which is said, and no more than that.
    expect(checkText(wrong).diagnostics.map((d) => [d.code, d.severity, wrong.slice(d.span.start, d.span.end), d.message])).toEqual([
      ['unknown-code', 'information', '21013', '目录未完整收录 210 类，无法确认 21013；2020–2024 年有“21013 医疗救助”（依据：内置目录 2019 年）'],
      ['unknown-code', 'information', '2101301', '目录未完整收录 210 类，无法确认 2101301；2021–2024 年有“2101301 城乡医疗救助”（依据：内置目录 2019 年）'],
      ['unknown-code', 'information', '2101302', '目录未完整收录 210 类，无法确认 2101302；2020–2024 年有“2101302 疾病应急救助”（依据：内置目录 2019 年）'],
    ]);
  });

  it('makes a notice with no year say which catalogue year it checked them against', () => {
    const text = CODES.replace('通知 某财社〔2023〕8号\n  年度：2023\n', '通知\n');
    const notes = checkText(text, { defaultYear: 2023 }).diagnostics.filter((d) => d.code === 'missing-field');
    expect(notes.map((d) => [text.slice(d.span.start, d.span.end), d.message])).toEqual([['通知', '通知缺少“年度：”，文号中也没有年份：科目按 2023 年的目录核对']]);
  });

  it('hovers with its catalogue entry, in a group title and in a column title', () => {
    const a = analyse('file:///codes.notice', 1, CODES, DEFAULT_SETTINGS);
    const at = (s: string): string => (hover(a, CODES.indexOf(s) + 1, DEFAULT_SETTINGS, new WorkspaceIndex())?.contents as { value: string }).value;
    expect(at('21013—')).toContain('**21013 医疗救助**（款级科目，2023 年）');
    expect(at('2101301 ')).toContain('**2101301 城乡医疗救助**（项级科目，2023 年）');
  });

  it('of another classification is not reported: a header says no kind', () => {
    const text = CODES.replace('栏 全年：2022年下达资金', '栏 全年：30201 办公经费');
    expect(checkText(text).model.tables[0]!.codes.map((c) => c.code.text)).toContain('30201');
    expect(checkText(text).diagnostics).toEqual([]);
  });
});
