/**
 * Group rows and two label columns: a 市州 written as a name with no numbers over its 县市区
 * (no subtotal row), and `行标题：市州 | 县市区`. Each is read, checked, referenced, copied per
 * recipient, rendered (HTML, Word, Excel, read back) and formatted as a user sees it.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parse, type RowNode } from '../grammar/index.js';
import { checkText } from '../server/src/checks/index.js';
import { fillParagraph } from '../server/src/model/body-refs.js';
import { formatEdits } from '../server/src/format/index.js';
import { analyse } from '../server/src/lsp/analysis.js';
import { hover } from '../server/src/lsp/features/hover.js';
import { inlayHints } from '../server/src/lsp/features/inlay-hints.js';
import { DEFAULT_SETTINGS } from '../server/src/lsp/settings.js';
import { WorkspaceIndex } from '../server/src/lsp/workspace-index.js';
import { renderDocx } from '../server/src/render/docx.js';
import { renderHtml } from '../server/src/render/html.js';
import { recipientsAt } from '../server/src/render/per.js';
import { renderXlsx } from '../server/src/render/xlsx.js';
import { annotationsOf } from './support/annotations.js';
import { applyEdits } from './support/fixes.js';
import { readDocx } from './render/read-back.js';

const NOTICE = `通知 湘财社指〔2023〕41号
  发文机关：湖南省财政厅
  标题：关于下达2023年城乡医疗救助补助资金的通知
  年度：2023
  金额：150万元 = 附件1.本次
  资金来源：中央
  收入科目：1100249 医疗卫生共同财政事权转移支付收入
  直达资金：01 中央直达资金
  正文
    现下达{附件1.合计.本次}万元，其中长沙市{附件1.长沙市.本次}万元，长沙县{附件1.长沙市.长沙县.本次}万元；下达你市{本单位.本次}万元。

附件1 分配表：2023年城乡医疗救助补助资金分配表
  单位：万元
  行标题：市州 | 县市区
  栏 全年：全年
  栏 本次：本次下达

  合计            250   150
    长沙市
      长沙县       60    40
      浏阳市       40    20
    株洲市        150    90
      醴陵市      150    90
`;

function rowsOf(text: string): RowNode[] {
  const t = parse(text).blocks.find((b) => b.kind === 'allocation');
  const out: RowNode[] = [];
  const walk = (rows: readonly RowNode[]): void => {
    for (const r of rows) {
      out.push(r);
      walk(r.children);
    }
  };
  if (t?.kind === 'allocation') walk(t.rows);
  return out;
}

function filled(text: string, recipient?: string): string {
  const { model } = checkText(text);
  const n = model.notices[0]!;
  const p = n.node.body!.paragraphs[0]!;
  const row = recipient ? n.tables[0]!.allRows.find((r) => r.name === recipient) : undefined;
  return fillParagraph(p.text, p.start, n, row ? { recipient: row } : {}).map((x) => x.text).join('');
}

async function sheet(text: string): Promise<ExcelJS.Worksheet> {
  const { model } = checkText(text);
  const bytes = await renderXlsx(model, model.notices[0]!);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** The sheet's rows from `from` on, as the cell values of the first `width` columns (a formula as `=…`). */
function values(ws: ExcelJS.Worksheet, from: number, width: number): unknown[][] {
  const out: unknown[][] = [];
  for (let r = from; r <= ws.rowCount; r++) {
    const row: unknown[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(r, c);
      row.push(cell.formula ? `=${cell.formula}` : cell.isMerged && cell.master.address !== cell.address ? '↑' : (cell.value ?? ''));
    }
    out.push(row);
  }
  return out;
}

describe('a group row', () => {
  it('is a name with no numbers and rows under it; the notice checks clean', () => {
    expect(parse(NOTICE).problems).toEqual([]);
    expect(rowsOf(NOTICE).map((r) => [r.name.text, r.group])).toEqual([
      ['合计', false],
      ['长沙市', true],
      ['长沙县', false],
      ['浏阳市', false],
      ['株洲市', false],
      ['醴陵市', false],
    ]);
    expect(checkText(NOTICE).diagnostics).toEqual([]);
  });

  it('may carry text cells', () => {
    const text = NOTICE.replace('  栏 全年：全年\n', '  栏 类别：类别（文字）\n  栏 全年：全年\n').replace('    长沙市\n', '    长沙市 [省会]\n');
    expect(rowsOf(text).find((r) => r.name.text === '长沙市')!.group).toBe(true);
    expect(checkText(text).diagnostics).toEqual([]);
  });

  it('without rows under it, or with only 其中 rows, is a row whose cells are missing', () => {
    const bare = NOTICE.replace('    株洲市        150    90\n      醴陵市      150    90\n', '    株洲市\n');
    const breakdown = NOTICE.replace('    株洲市        150    90\n      醴陵市      150    90\n', '    株洲市\n      其中：醴陵市 150 90\n');
    for (const text of [bare, breakdown]) {
      expect(rowsOf(text).find((r) => r.name.text === '株洲市')!.group).toBe(false);
      const notes = annotationsOf(text, checkText(text).diagnostics);
      expect(notes.map((a) => `${a.code}: ${a.message}`)).toEqual(['cell-count: 期望 2 个数字格（全年、本次），实际是 0 个：没有数的格每格写一个“-”，此行应为“株洲市 - -”']);
    }
  });

  it('is never sum-checked; the total above it is checked over its rows, the fix naming their sum', () => {
    const wrong = NOTICE.replace('  合计            250   150', '  合计            251   150');
    const diagnostics = checkText(wrong).diagnostics;
    expect(diagnostics.map((d) => d.message)).toEqual(['合计 251 ≠ 各项之和 250（差 +1）：合计 第1栏“全年”']);
    expect(diagnostics[0]!.related!.map((r) => r.message)).toEqual(['长沙县 60', '浏阳市 40', '株洲市 150']);
    expect(diagnostics[0]!.fixes![0]!.edits[0]!.newText).toBe('250');
  });

  it('is looked through at any depth, and a broken row under it leaves the total above unchecked', () => {
    const nested = NOTICE.replace('    长沙市\n', '    长株潭\n      长沙市\n').replace(/^      (长沙县|浏阳市)/gm, '        $1');
    expect(rowsOf(nested).filter((r) => r.group).map((r) => r.name.text)).toEqual(['长株潭', '长沙市']);
    expect(checkText(nested).diagnostics).toEqual([]);
    expect(checkText(nested.replace('  合计            250', '  合计            260')).diagnostics.map((d) => d.code)).toEqual(['sum-mismatch']);
    const broken = NOTICE.replace('      长沙县       60    40', '      长沙县       60    4x').replace('  合计            250', '  合计            260');
    expect(checkText(broken).diagnostics.map((d) => d.code)).toEqual(['syntax']);
  });

  it('makes the rows under it siblings: the same name under two groups is no duplicate, twice under one is', () => {
    const twoGroups = NOTICE.replace('      醴陵市      150    90', '      浏阳市      150    90');
    expect(checkText(twoGroups).diagnostics).toEqual([]);
    const oneGroup = NOTICE.replace('      浏阳市       40    20', '      长沙县       40    20');
    const duplicates = checkText(oneGroup).diagnostics.filter((d) => d.code === 'duplicate-row');
    expect(duplicates.map((d) => [oneGroup.slice(d.span.start, d.span.end), d.message])).toEqual([['长沙县', '同级已有名为“长沙县”的行：同一合计下的行名称不能重复']]);
  });

  it('gives no 其中 row under it a number to exceed', () => {
    const text = NOTICE.replace('      浏阳市       40    20\n', '      浏阳市       40    20\n      其中：长沙县城区 500 500\n');
    expect(checkText(text).diagnostics).toEqual([]);
  });

  it('at the top of a table without a total row: the table total is the sum of the rows under the groups', () => {
    const top = NOTICE.slice(0, NOTICE.indexOf('  合计')) + ['  长沙市', '    长沙县       60    40', '    浏阳市       40    20', '  株洲市        150    90', '    醴陵市      150    90', ''].join('\n');
    expect(checkText(top).diagnostics).toEqual([]);
    expect(filled(top)).toContain('现下达150万元，其中长沙市60万元');
    const wrongAmount = top.replace('金额：150万元', '金额：160万元');
    expect(checkText(wrongAmount).diagnostics.map((d) => d.code)).toEqual(['amount-mismatch']);
  });
});

describe('a group row in references and per-recipient copies', () => {
  it('is the sum of its rows, computed', () => {
    expect(filled(NOTICE)).toBe('现下达150万元，其中长沙市60万元，长沙县40万元；下达你市\u3000\u3000万元。');
  });

  it('cannot be trusted when a row under it is broken', () => {
    const broken = NOTICE.replace('      浏阳市       40    20', '      浏阳市       40    2x');
    expect(filled(broken)).toContain('其中长沙市{附件1.长沙市.本次}万元');
  });

  it('is a recipient of --per 市, its copy filled with its rows’ sum', () => {
    const { model } = checkText(NOTICE);
    const per = recipientsAt(model.notices[0]!, '市');
    expect(per.ok && per.rows.map((r) => r.name)).toEqual(['长沙市', '株洲市']);
    expect(filled(NOTICE, '长沙市')).toContain('下达你市60万元');
    expect(filled(NOTICE, '株洲市')).toContain('下达你市90万元');
    const html = renderHtml(model, model.notices[0]!, { recipient: per.ok ? per.rows[0]! : undefined });
    expect(html).toContain('下达你市<span class="ref">60</span>万元');
  });
});

describe('two label columns (行标题：市州 | 县市区)', () => {
  it('prints the group’s name merged down its rows, a subtotal with 小计, and the total across both (HTML)', () => {
    const { model } = checkText(NOTICE);
    const html = renderHtml(model, model.notices[0]!);
    expect(html).toContain('<th>市州</th><th>县市区</th>');
    expect(html).toContain('<td colspan="2" class="number-row">栏次</td>');
    const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    expect(body.match(/<tr[^>]*>.*<\/tr>/g)!.map((tr) => tr.replace(/<tr[^>]*>/, '').replace(/<\/tr>/, ''))).toEqual([
      '<td colspan="2" class="stub bold">合计</td><td class="num bold">250</td><td class="num bold">150</td>',
      '<td rowspan="2" class="stub">长沙市</td><td class="stub">长沙县</td><td class="num">60</td><td class="num">40</td>',
      '<td class="stub">浏阳市</td><td class="num">40</td><td class="num">20</td>',
      '<td rowspan="2" class="stub bold">株洲市</td><td class="stub bold">小计</td><td class="num bold">150</td><td class="num bold">90</td>',
      '<td class="stub">醴陵市</td><td class="num">150</td><td class="num">90</td>',
    ]);
  });

  it('merges the 市州 cells vertically in Word', async () => {
    const { model } = checkText(NOTICE);
    const docx = await readDocx(await renderDocx(model, model.notices[0]!));
    const table = docx.tables.find((t) => t[0]!.some((c) => c.text === '市州'))!;
    expect(table.map((r) => r.map((c) => (c.vMerge === 'continue' ? '↑' : `${c.text}${c.gridSpan > 1 ? `×${c.gridSpan}` : ''}`)))).toEqual([
      ['市州', '县市区', '全年', '本次下达'],
      ['栏次×2', '1', '2'],
      ['合计×2', '250', '150'],
      ['长沙市', '长沙县', '60', '40'],
      ['↑', '浏阳市', '40', '20'],
      ['株洲市', '小计', '150', '90'],
      ['↑', '醴陵市', '150', '90'],
    ]);
    expect(table[3]![0]!.vMerge).toBe('restart');
    expect(table[5]![0]!.vMerge).toBe('restart');
  });

  it('merges them in Excel, and writes the total as a SUM over the rows under the groups', async () => {
    const ws = await sheet(NOTICE);
    expect(values(ws, 4, 4)).toEqual([
      ['市州', '县市区', '全年', '本次下达'],
      ['栏次', '↑', '1', '2'],
      ['合计', '↑', '=SUM(C7:C9)', '=SUM(D7:D9)'],
      ['长沙市', '长沙县', 60, 40],
      ['↑', '浏阳市', 40, 20],
      ['株洲市', '小计', '=SUM(C10)', '=SUM(D10)'],
      ['↑', '醴陵市', 150, 90],
    ]);
    expect((ws.getCell('C6').value as ExcelJS.CellFormulaValue).result).toBe(250);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2 });
  });

  it('numbers the rows with 序号：自动 and puts the total last with 合计位置：末行, merges intact', () => {
    const text = NOTICE.replace('  行标题：市州 | 县市区\n', '  行标题：市州 | 县市区\n  序号：自动\n  合计位置：末行\n');
    const { model } = checkText(text);
    const html = renderHtml(model, model.notices[0]!);
    const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    expect(body.match(/<tr[^>]*>.*?<\/td><td[^>]*>[^<]*<\/td>/g)!.map((tr) => tr.replace(/<tr[^>]*>/, ''))).toEqual([
      '<td class="seq">1</td><td rowspan="2" class="stub">长沙市</td>',
      '<td class="seq">2</td><td class="stub">浏阳市</td>',
      '<td class="seq">3</td><td rowspan="2" class="stub bold">株洲市</td>',
      '<td class="seq">4</td><td class="stub">醴陵市</td>',
      '<td class="seq"></td><td colspan="2" class="stub bold">合计</td>',
    ]);
  });
});

describe('a group row with one label column', () => {
  const ONE = NOTICE.replace('  行标题：市州 | 县市区\n', '  行标题：地区\n');

  it('prints as its own row: its name, blank number cells', async () => {
    const { model } = checkText(ONE);
    const html = renderHtml(model, model.notices[0]!);
    expect(html).toContain('<td class="stub indent-1">长沙市</td><td class="num"></td><td class="num"></td>');
    const ws = await sheet(ONE);
    expect(values(ws, 6, 3)).toEqual([
      ['合计', '=SUM(B8:B10)', '=SUM(C8:C10)'],
      ['长沙市', '', ''],
      ['长沙县', 60, 40],
      ['浏阳市', 40, 20],
      ['株洲市', '=SUM(B11)', '=SUM(C11)'],
      ['醴陵市', 150, 90],
    ]);
  });
});

describe('the editor on a group row', () => {
  const a = analyse('file:///group.notice', 1, NOTICE, DEFAULT_SETTINGS);

  it('hovers it with the sums of its rows, as references read them', () => {
    const h = hover(a, NOTICE.indexOf('长沙市\n') + 1, DEFAULT_SETTINGS, new WorkspaceIndex());
    const md = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    expect(md).toContain('**长沙市**：分组行，不是合计，不核对；引用它时取其下 2 项之和（单位：万元）');
    expect(md).toContain('| 1 全年 | 100 |');
    expect(md).toContain('| 2 本次 | 60 |');
  });

  it('shows the sums through it beside the total, none beside it', () => {
    const all = { ...DEFAULT_SETTINGS, inlayHints: { enabled: true, allTotals: true } };
    const hints = inlayHints(analyse('file:///group.notice', 1, NOTICE, all), { start: 0, end: NOTICE.length }, all);
    const lineOf = (offset: number): number => NOTICE.slice(0, offset).split('\n').length - 1;
    // One hint per total, at the end of its line (issue 13: hints must not move the columns).
    expect(hints.map((h) => [h.position.line, h.label])).toEqual([
      [lineOf(NOTICE.indexOf('  合计')), '∑ 第1栏 250 · 第2栏 150'],
      [lineOf(NOTICE.indexOf('    株洲市')), '∑ 第1栏 150 · 第2栏 90'],
    ]);
  });
});

describe('the formatter and group rows', () => {
  it('aligns the rows around them and re-indents them, changing no diagnostic; twice changes nothing', () => {
    const messy = NOTICE.replace('    长沙市\n', '    长沙市  # 无小计行\n').replace('      长沙县       60    40', '      长沙县 60 40').replace('  合计            250   150', '  合计 250   150');
    const formatted = applyEdits(messy, formatEdits(messy));
    expect(formatted.split('\n').filter((l) => /长沙|合计/.test(l) && !l.includes('正文') && !l.includes('{'))).toEqual([
      '  合计        250  150',
      '    长沙市  # 无小计行',
      '      长沙县   60   40',
    ]);
    expect(applyEdits(formatted, formatEdits(formatted))).toBe(formatted);
    expect(checkText(formatted).diagnostics).toEqual([]);
  });
});
