import { describe, expect, it } from 'vitest';
import { shippedCatalogue } from '../../server/src/catalogue/budget';
import {
  CatalogueLoadError,
  loadUserCatalogue,
  readXlsx,
  readXlsxWithExceljs,
  splitCodeName,
} from '../../server/src/catalogue/user/index';
import { gb18030, utf8, xlsx, yearSheets, type Cell, type SheetSpec } from './helpers';

async function load(name: string, sheets: SheetSpec[]) {
  return loadUserCatalogue({ name, bytes: await xlsx(sheets) });
}

describe('XLSX layouts', () => {
  it('reads one sheet per classification, the year from the sheet names', async () => {
    const u = await load('/tmp/科目表.xlsx', yearSheets(2024));
    expect(u.classifications).toEqual(['revenue', 'expFunc', 'govEco']);
    expect(u.year).toBe(2024);
    expect(u.rows).toBe(4 + 9 + 2);
    expect(u.skipped).toEqual([]);
    expect(u.label).toBe('用户目录 科目表.xlsx（2024 年）');
    const r = u.catalogue.lookup('expFunc', '2101301', 2024);
    expect(r.kind).toBe('found');
    if (r.kind === 'found') {
      expect(r.entry.confidence).toBe('official');
      expect(r.entry.source).toContain('工作表“2024年支出功能分类”第 4 行');
      expect(u.catalogue.parentChain(r.entry, 2024).map((e) => e.code)).toEqual(['210', '21013', '2101301']);
    }
    // Complete for what it holds: a code it lacks does not exist.
    expect(u.catalogue.lookup('expFunc', '2101303', 2024)).toEqual({ kind: 'unknown', branch: '21013' });
    expect(u.catalogue.lookup('expFunc', '2139999', 2024)).toEqual({ kind: 'unknown', branch: '213' });
    // depEco is not in the table: the shipped catalogue answers.
    expect(u.catalogue.basisFor?.('depEco', 2024)).toBe('内置目录 2024 年');
    expect(u.catalogue.basisFor?.('expFunc', 2024)).toBe('用户目录 科目表.xlsx（2024 年）');
    expect(u.notes.some((n) => n.includes('部门预算支出经济分类仍按内置目录核对'))).toBe(true);
  });

  it('takes the year from the file name: 2024年政府收支分类科目.xlsx', async () => {
    const sheets = yearSheets(2024).map((s) => ({ ...s, name: s.name.replace('2024年', '') }));
    const u = await load('2024年政府收支分类科目.xlsx', sheets);
    expect(u.year).toBe(2024);
    expect(u.label).toBe('用户目录 2024年政府收支分类科目.xlsx（2024 年）');
  });

  it('reads one sheet with a classification column and a year column', async () => {
    const u = await load('export.xlsx', [
      {
        name: 'Sheet1',
        rows: [
          ['年度', '科目类别', '科目代码', '科目名称', '上级代码'],
          [2023, '收入分类科目', '1100249', '医疗卫生共同财政事权转移支付收入', '11002'],
          [2023, '支出功能分类科目', '2101301', '城乡医疗救助', '21013'],
          [2023, '政府预算支出经济分类科目', '51301', '上下级政府间转移性支出', '513'],
          [2023, '部门预算支出经济分类科目', '30101', '基本工资', '301'],
          [2023, '支出功能分类科目', '1100258', '放错分类的收入科目', '11002'],
        ],
      },
    ]);
    expect(u.classifications).toEqual(['revenue', 'expFunc', 'govEco', 'depEco']);
    expect(u.year).toBe(2023);
    expect(u.rows).toBe(4);
    expect(u.skipped).toEqual([
      { row: 6, reason: '科目 1100258 以 1 开头，是收入分类的编码，与本表的支出功能分类不符（应以 2 开头）' },
    ]);
    expect(u.catalogue.lookup('depEco', '30101', 2023).kind).toBe('found');
  });

  it('finds a header that is not on the first row, the year in the title above it', async () => {
    const u = await load('export.xlsx', [
      {
        name: '支出功能分类',
        rows: [['2023年政府收支分类科目（支出功能分类）'], [], ['单位：', null, null], ['编码', '名称'], ['210', '卫生健康支出'], ['21013', '医疗救助'], ['2101301', '城乡医疗救助']],
        merges: ['A1:C1'],
      },
    ]);
    expect(u.year).toBe(2023);
    expect(u.rows).toBe(3);
    expect(u.skipped).toEqual([]);
  });

  it('reads merged header cells: 科目编码 over 类 | 款 | 项, 科目名称 merged down', async () => {
    const u = await load('2022年支出功能分类.xlsx', [
      {
        name: '功能分类',
        rows: [
          ['科目编码', null, null, '科目名称'],
          ['类', '款', '项', null],
          ['210', null, null, '卫生健康支出'],
          [null, '13', null, '　医疗救助'],
          [null, null, '01', '　　城乡医疗救助'],
          [null, null, '02', '　　疾病应急救助'],
          [null, '04', null, '　公共卫生'],
          [null, null, '09', '　　重大公共卫生服务'],
        ],
        merges: ['A1:C1', 'D1:D2'],
      },
    ]);
    expect(u.skipped).toEqual([]);
    expect(u.entries.map((e) => `${e.code} ${e.name}`)).toEqual([
      '210 卫生健康支出',
      '21013 医疗救助',
      '2101301 城乡医疗救助',
      '2101302 疾病应急救助',
      '21004 公共卫生',
      '2100409 重大公共卫生服务',
    ]);
    expect(u.year).toBe(2022);
  });

  it('does not read a vertically merged header as a data row', async () => {
    const u = await load('t.xlsx', [
      {
        name: '收入分类',
        rows: [['科目编码', '科目名称'], [null, null], ['110', '转移性收入']],
        merges: ['A1:A2', 'B1:B2'],
      },
    ]);
    expect(u.rows).toBe(1);
    expect(u.skipped).toEqual([]);
  });

  it('reads codes stored as numbers, 2101301.0 and 2101301 alike', async () => {
    const u = await load('2024.xlsx', [
      {
        name: '支出功能分类',
        rows: [['科目编码', '科目名称'], [210, '卫生健康支出'], [21013.0, '医疗救助'], ['2101301.0', '城乡医疗救助'], [2101302, '疾病应急救助'], ['２１０１３９９', '其他医疗救助支出']],
      },
    ]);
    expect(u.skipped).toEqual([]);
    expect(u.entries.map((e) => e.code)).toEqual(['210', '21013', '2101301', '2101302', '2101399']);
    const rich = await load('2024.xlsx', [{ name: '支出功能分类', rows: [['科目编码', '科目名称'], ['2101302', { richText: [{ text: '疾病' }, { text: '应急救助', font: { bold: true } }] }]] }]);
    expect(rich.entries[0]!.name).toBe('疾病应急救助');
  });

  it('reads code and name written in one cell', async () => {
    const u = await load('2024.xlsx', [
      {
        name: '支出功能分类',
        rows: [['科目'], ['210 卫生健康支出'], ['21013-医疗救助'], ['2101301-城乡医疗救助'], ['[2101302]疾病应急救助'], ['2101399　其他医疗救助支出']],
      },
    ]);
    expect(u.skipped).toEqual([]);
    expect(u.entries.map((e) => `${e.code}|${e.name}`)).toEqual(['210|卫生健康支出', '21013|医疗救助', '2101301|城乡医疗救助', '2101302|疾病应急救助', '2101399|其他医疗救助支出']);
    // Also in the code column, next to an empty name column.
    const v = await load('2024.xlsx', [{ name: '支出功能分类', rows: [['科目编码', '科目名称'], ['2101301-城乡医疗救助', null]] }]);
    expect(v.entries.map((e) => `${e.code}|${e.name}`)).toEqual(['2101301|城乡医疗救助']);
  });

  it('reads codes relative to their parent by 级次, and indented names', async () => {
    const u = await load('2024.xlsx', [
      {
        name: '支出功能分类',
        rows: [['编码', '名称', '级次'], ['210', '卫生健康支出', 1], ['13', '  医疗救助', 2], ['01', '    城乡医疗救助', 3], ['', '', ''], ['02', '    疾病应急救助', 3]],
      },
    ]);
    expect(u.skipped).toEqual([]);
    expect(u.entries.map((e) => `${e.code} ${e.name}`)).toEqual(['210 卫生健康支出', '21013 医疗救助', '2101301 城乡医疗救助', '2101302 疾病应急救助']);
  });

  it('lists the rows it cannot read, with the reason in Chinese', async () => {
    const u = await load('2024.xlsx', [
      {
        name: '支出功能分类',
        rows: [
          ['科目编码', '科目名称'],
          ['210', '卫生健康支出'],
          ['21013X', '医疗救助'],
          [null, '合计'],
          ['210130', '六位编码'],
          ['21013', null],
          ['210', '重复的类'],
          ['410', '不属于任何分类'],
          ['科目编码', '科目名称'],
          ['注：本表由预算管理一体化系统导出', null],
        ],
      },
    ]);
    expect(u.rows).toBe(1);
    expect(u.skipped.map((s) => `${s.row} ${s.reason}`)).toEqual([
      '3 “21013X”不是科目编码（应为 3、5 或 7 位数字）',
      '4 没有科目编码（名称“合计”）',
      '5 编码“210130”有 6 位，科目编码应为 3 位（类）、5 位（款）或 7 位（项）',
      '6 科目 21013 没有名称',
      '7 科目 210 重复（第 2 行已有），此行未用',
      '8 科目 410 以 4 开头，不是任何分类的编码，与本表的支出功能分类不符（应以 2 开头）',
      '10 “注：本表由预算管理一体化系统导出”不是科目编码（应为 3、5 或 7 位数字）',
    ]);
  });

  it('names the sheet of a skipped row in a workbook of several sheets', async () => {
    const sheets = yearSheets(2024);
    const u = await load('t.xlsx', [...sheets.slice(0, 2), { name: '部门经济分类', rows: [['科目编码', '科目名称'], ['30101', '基本工资'], ['3010X', '坏']] }]);
    expect(u.skipped).toEqual([{ row: 3, sheet: '部门经济分类', reason: '“3010X”不是科目编码（应为 3、5 或 7 位数字）' }]);
  });

  it('fails with a clear message when the columns are missing', async () => {
    await expect(load('t.xlsx', [{ name: 'Sheet1', rows: [['序号', '说明'], [1, '城乡医疗救助']] }])).rejects.toThrow(
      /t\.xlsx：没有读到科目表。前 12 行中没有找到表头：应有“科目编码”（或“科目代码”“编码”“代码”）和“科目名称”（或“名称”）两列/,
    );
    await expect(load('t.xlsx', [{ name: 'Sheet1', rows: [['科目名称'], ['城乡医疗救助'], ['疾病应急救助']] }])).rejects.toThrow(/没有科目编码列/);
    await expect(load('t.xlsx', [{ name: 'Sheet1', rows: [['科目名称'], ['城乡医疗救助']] }])).rejects.toBeInstanceOf(CatalogueLoadError);
    // A workbook where only some sheets are tables: the others are noted, not fatal.
    const u = await load('t.xlsx', [{ name: '说明', rows: [['本表说明']] }, ...yearSheets(2024)]);
    expect(u.notes.some((n) => n.startsWith('工作表“说明”'))).toBe(true);
  });

  it('refuses old .xls, HTML disguised as .xls and empty files', async () => {
    await expect(loadUserCatalogue({ name: 'a.xls', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) })).rejects.toThrow(/旧版 Excel（\.xls/);
    await expect(loadUserCatalogue({ name: 'a.xls', bytes: utf8('<html><table><tr><td>210</td></tr></table></html>') })).rejects.toThrow(/网页/);
    await expect(loadUserCatalogue({ name: 'a.csv', bytes: new Uint8Array() })).rejects.toThrow(/文件是空的/);
    await expect(loadUserCatalogue({ name: 'a.xlsx', bytes: utf8('科目编码,科目名称\n') })).rejects.toThrow(/不是 XLSX 工作簿/);
  });

  it('leaves hidden sheets out', async () => {
    const u = await load('t.xlsx', [...yearSheets(2024), { name: '隐藏', hidden: true, rows: [['科目编码', '科目名称'], ['30101', '基本工资']] }]);
    expect(u.classifications).not.toContain('depEco');
    expect(u.notes).toContain('隐藏的工作表“隐藏”未读取');
  });

  it('reads the same grids with the fast reader and with exceljs', async () => {
    const books: SheetSpec[][] = [
      yearSheets(2024),
      [{ name: '功能分类', rows: [['科目编码', null, null, '科目名称'], ['类', '款', '项', null], ['210', null, null, '卫生健康支出'], [null, '13', null, '医疗救助']], merges: ['A1:C1', 'D1:D2'] }],
      [{ name: 'S', rows: [['编码', '名称'], [2101301, 'A & B <c> "d"'], ['2101301.0', '＆'], [null, null], [12.5, 'x'], ['2101302', { richText: [{ text: '疾病' }, { text: '应急救助', font: { bold: true } }] }], ['2101303', '  前后空格  ']] }],
    ];
    for (const b of books) {
      const bytes = await xlsx(b);
      const fast = await readXlsx(bytes);
      const ref = await readXlsxWithExceljs(bytes);
      expect(fast.reader).toBe('fast');
      const norm = (rows: readonly (readonly string[] | undefined)[]) => Array.from(rows, (r) => [...(r ?? [])].map((c) => c ?? "")).map((r) => (r.every((c) => c === "") ? [] : r));
      expect(fast.sheets.map((s) => [s.name, norm(s.rows)])).toEqual(ref.sheets.map((s) => [s.name, norm(s.rows)]));
    }
  });
});

describe('CSV exports', () => {
  const text = '科目编码,科目名称,级次\r\n210,卫生健康支出,1\r\n21013,医疗救助,2\r\n2101301,城乡医疗救助,3\r\n"2101302","疾病应急救助, 含""应急""",3\r\n';

  it('reads UTF-8', async () => {
    const u = await loadUserCatalogue({ name: '2024年支出功能分类.csv', bytes: utf8(text) });
    expect(u.format).toBe('csv');
    expect(u.encoding).toBe('utf-8');
    expect(u.classifications).toEqual(['expFunc']);
    expect(u.year).toBe(2024);
    expect(u.entries.map((e) => e.name)).toEqual(['卫生健康支出', '医疗救助', '城乡医疗救助', '疾病应急救助, 含"应急"']);
  });

  it('reads UTF-8 with a BOM', async () => {
    const u = await loadUserCatalogue({ name: '2024年支出功能分类.csv', bytes: utf8(text, true) });
    expect(u.encoding).toBe('utf-8-bom');
    expect(u.rows).toBe(4);
    expect(u.entries[0]!.code).toBe('210');
  });

  it('reads GB18030 (what Chinese Excel saves as CSV) and says so', async () => {
    const bytes = gb18030(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const u = await loadUserCatalogue({ name: '2024年支出功能分类.csv', bytes });
    expect(u.encoding).toBe('gb18030');
    expect(u.entries.map((e) => e.name)).toEqual(['卫生健康支出', '医疗救助', '城乡医疗救助', '疾病应急救助, 含"应急"']);
    expect(u.notes).toContain('按 GB18030 编码读取');
  });

  it('reads tab-separated text, codes written ="0101"-style, and counts lines for skipped rows', async () => {
    const tsv = '2023年政府收支分类科目\n\n科目代码\t科目名称\n="110"\t转移性收入\n"11002"\t"一般性\n转移支付收入"\nabc\t坏行\n';
    const u = await loadUserCatalogue({ name: 'export.txt', bytes: utf8(tsv) });
    expect(u.year).toBe(2023);
    expect(u.entries.map((e) => `${e.code} ${e.name}`)).toEqual(['110 转移性收入', '11002 一般性转移支付收入']);
    expect(u.skipped).toEqual([{ row: 7, reason: '“abc”不是科目编码（应为 3、5 或 7 位数字）' }]);
  });

  it('holds every year when the table names none, and says so', async () => {
    const u = await loadUserCatalogue({ name: 'kemu.csv', bytes: utf8('编码,名称\n210,卫生健康支出\n21013,医疗救助\n') });
    expect(u.year).toBeUndefined();
    expect(u.label).toBe('用户目录 kemu.csv（未注明年度）');
    expect(u.catalogue.lookup('expFunc', '21013', 2021).kind).toBe('found');
    expect(u.catalogue.lookup('expFunc', '21013', 2024).kind).toBe('found');
    expect(u.catalogue.lookup('expFunc', '21014', 2024)).toEqual({ kind: 'unknown', branch: '210' });
    expect(u.notes.some((n) => n.includes('未注明年度'))).toBe(true);
    const y = await loadUserCatalogue({ name: 'kemu.csv', bytes: utf8('编码,名称\n210,卫生健康支出\n') }, { year: 2022 });
    expect(y.year).toBe(2022);
    expect(y.catalogue.lookup('expFunc', '210', 2023).kind).toBe('found'); // 2023: the shipped catalogue
    expect(y.catalogue.basisFor?.('expFunc', 2023)).toBe('内置目录 2023 年');
  });
});

describe('layering over the shipped catalogue', () => {
  it('asks the table for the classifications and years it holds, the shipped catalogue otherwise', async () => {
    const u = await loadUserCatalogue({ name: '2024年科目.xlsx', bytes: await xlsx(yearSheets(2024)) });
    const c = u.catalogue;
    // 2023 is not in the table: the shipped catalogue (incomplete for 21004) answers.
    expect(c.lookup('expFunc', '2100488', 2023)).toEqual({ kind: 'uncovered', branch: '21004' });
    expect(c.lookup('expFunc', '2100488', 2024)).toEqual({ kind: 'unknown', branch: '21004' });
    expect(c.years).toContain(2018);
    expect(c.years).toContain(2024);
    expect(c.entries('expFunc', 2024)).toHaveLength(9);
    expect(c.entries('expFunc', 2023).length).toBe(shippedCatalogue().entries('expFunc', 2023).length);
    expect(c.findByName?.('expFunc', '城乡医疗救助', 2024).map((e) => e.confidence)).toEqual(['official']);
    expect(c.isComplete?.('expFunc', '210', 2024)).toBe(true);
    expect(c.isComplete?.('expFunc', '210', 2023)).toBe(false);
    // The table alone knows nothing of what it does not hold.
    expect(u.table.lookup('depEco', '30101', 2024)).toEqual({ kind: 'uncovered', branch: '(root)' });
    // A table of a year beyond the shipped one: other classifications use the shipped latest year, and say so.
    const v = await loadUserCatalogue({ name: '2025年科目.xlsx', bytes: await xlsx(yearSheets(2025)) });
    expect(v.catalogue.basisFor?.('depEco', 2025)).toBe('内置目录 2024 年（内置目录最新为 2024 年）');
    expect(v.catalogue.lookup('depEco', '30101', 2025).kind).toBe('found');
  });

  it('judges names by the official table, with the shipped names of other years as warnings', async () => {
    const u = await loadUserCatalogue({ name: '2023年科目.xlsx', bytes: await xlsx(yearSheets(2023)) });
    const c = u.catalogue;
    const r = c.lookup('revenue', '1100249', 2023);
    expect(r.kind).toBe('found');
    if (r.kind !== 'found') return;
    expect(c.judgeName(r.entry, '医疗卫生共同财政事权转移支付收入', 2023)).toEqual({ kind: 'exact' });
    // The 2019 name (shipped alias @2019): another year's name.
    expect(c.judgeName(r.entry, '卫生健康共同财政事权转移支付收入', 2023).kind).toBe('other-year');
    expect(c.judgeName(r.entry, '医疗卫生共同财政事权转移收入', 2023)).toEqual({ kind: 'different' });
    // An undated variant printed by notices does not override the official name.
    const e = c.lookup('expFunc', '2100409', 2023);
    if (e.kind === 'found') expect(c.judgeName(e.entry, '重大公共卫生专项', 2023)).toEqual({ kind: 'different' });
  });

  it('knows the names a code carried across the years of a multi-year table', async () => {
    const rows = [
      ['年度', '科目编码', '科目名称'],
      [2020, '21305', '扶贫'],
      [2021, '21305', '巩固脱贫衔接乡村振兴'],
      [2020, '213', '农林水支出'],
      [2021, '213', '农林水支出'],
    ];
    const u = await loadUserCatalogue({ name: 't.xlsx', bytes: await xlsx([{ name: '支出功能分类', rows }]) });
    expect(u.years).toEqual([2020, 2021]);
    expect(u.label).toBe('用户目录 t.xlsx（2020–2021 年）');
    const r = u.catalogue.lookup('expFunc', '21305', 2021);
    if (r.kind !== 'found') throw new Error(r.kind);
    expect(u.catalogue.judgeName(r.entry, '扶贫', 2021)).toEqual({ kind: 'other-year', alias: { name: '扶贫', fromYear: 2020, toYear: 2020 } });
  });
});

describe('splitCodeName', () => {
  it('splits the usual ways of writing code and name together', () => {
    expect(splitCodeName('2101301-城乡医疗救助')).toEqual({ code: '2101301', name: '城乡医疗救助' });
    expect(splitCodeName('2101301 城乡医疗救助')).toEqual({ code: '2101301', name: '城乡医疗救助' });
    expect(splitCodeName('2101301城乡医疗救助')).toEqual({ code: '2101301', name: '城乡医疗救助' });
    expect(splitCodeName('【2101301】城乡医疗救助')).toEqual({ code: '2101301', name: '城乡医疗救助' });
    expect(splitCodeName('2101301')).toBeUndefined();
    expect(splitCodeName('城乡医疗救助')).toBeUndefined();
  });
});

describe('XLSX written with prefixed elements (Open XML SDK)', () => {
  it('reads <x:row> / <x:c> parts like plain ones', async () => {
    const { readXlsx } = await import('../../server/src/catalogue/user/index');
    const bytes = await xlsx(yearSheets(2024));
    const plain = await readXlsx(bytes);
    // Rewrite every part with an x: prefix through exceljs's own zip (JSZip) to build the fixture.
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(bytes);
    for (const name of Object.keys(zip.files)) {
      if (!/^xl\/(workbook|sharedStrings|worksheets\/sheet\d+)\.xml$/.test(name)) continue;
      const xml = await zip.file(name)!.async('string');
      const prefixed = xml
        .replace(/<(\/?)(?!\?)([A-Za-z][\w]*)(?=[\s>/])/g, (m, slash: string, tag: string) => `<${slash}x:${tag}`)
        .replace(/xmlns="/, 'xmlns:x="');
      zip.file(name, prefixed);
    }
    const out = new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    const read = await readXlsx(out);
    expect(read.reader).toBe('fast');
    expect(read.sheets.map((s) => s.rows)).toEqual(plain.sheets.map((s) => s.rows));
  });
});

describe('layout details', () => {
  it('ignores export dates above the header, and titles naming two classifications', async () => {
    const u = await load('export.xlsx', [
      {
        name: 'Sheet1',
        rows: [['导出时间：2025年1月3日'], ['2024年一般公共预算收入和支出科目'], ['单位名称', '科目编码', '科目名称'], ['某局', '1100249', '医疗卫生共同财政事权转移支付收入'], ['某局', '2101301', '城乡医疗救助']],
      },
    ]);
    expect(u.year).toBe(2024);
    expect(u.classifications).toEqual(['revenue', 'expFunc']);
    expect(u.entries.map((e) => e.name)).toEqual(['医疗卫生共同财政事权转移支付收入', '城乡医疗救助']);
    expect(u.skipped).toEqual([]);
  });

  it('cannot tell the classification of a code with an unknown first digit in an unnamed sheet', async () => {
    const u = await load('2024.xlsx', [{ name: 'Sheet1', rows: [['编码', '名称'], ['210', '卫生健康支出'], ['410', '某科目']] }]);
    expect(u.skipped).toEqual([{ row: 3, reason: '无法判断科目 410 属于哪个分类（以 4 开头；收入分类以 1、支出功能分类以 2、部门经济分类以 3、政府经济分类以 5 开头）' }]);
  });
});

describe('sparse sheets', () => {
  it('a stray cell far below the table does not make a million rows', async () => {
    const sheets = yearSheets(2024);
    const rows: Cell[][] = [...sheets[1]!.rows.map((r) => [...r])];
    rows[999_999] = [null, '备注']; // a sparse array: the rows between are holes
    const t0 = performance.now();
    const u = await load('2024.xlsx', [{ name: '支出功能分类', rows }]);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(u.rows).toBe(9);
    expect(u.skipped).toEqual([{ row: 1_000_000, reason: '没有科目编码（名称“备注”）' }]);
  });
});
