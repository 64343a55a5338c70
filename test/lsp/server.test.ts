/** Protocol-level tests of the bundled language server: each feature through a real JSON-RPC client over stdio. */
import { MAX_RELATED } from '../../server/src/lsp/features/diagnostics.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DocumentFormattingRequest,
  HoverRequest,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { applyLspEdits, example, positionOf, TestClient, uriOf } from './harness.js';

const NANCHANG = example('nanchang-hcszh-2022-67.notice');

const SMALL = `通知 测财社〔2023〕5号
  年度：2023
  资金来源：中央
  收入科目：1100249 医疗卫生共同财政事权转移支付收入
  支出功能科目：2101301 城乡医疗救助
  直达资金：01 中央直达资金

附件1 分配表：测试表
  单位：万元
  栏 全年：全年
  栏 已下达：已下达
  栏 本次：本次 = 全年 - 已下达

  合计   30   20   10
    甲县   10   5    5
    乙县   20   15   5
`;

let client: TestClient;

beforeAll(async () => {
  client = await TestClient.start();
});

afterAll(async () => {
  await client?.stop();
});

const sumMismatch = (d: Diagnostic): boolean => d.code === 'sum-mismatch';

describe('diagnostics and quick fixes', () => {
  it('publishes the sum mismatches of the Nanchang example with related information, and a quick fix removes them', async () => {
    const uri = uriOf('nanchang.notice');
    await client.open(uri, NANCHANG, 1);
    const pub = await client.diagnostics(uri, (p) => p.version === 1);
    const mismatches = pub.diagnostics.filter(sumMismatch);
    expect(mismatches.length).toBe(2);
    for (const d of mismatches) {
      expect(d.source).toBe('资金下达通知'); // What VS Code prints before the code in Problems: Chinese, not the tool's id.
      expect(d.message).toMatch(/合计 \d+ ≠ 各项之和 \d+/);
      // The 13 parts, as at most MAX_RELATED locations (issue 13: they crowded out the hover's sums table).
      expect(d.relatedInformation?.length).toBe(MAX_RELATED);
      expect(d.relatedInformation!.at(-1)!.message).toContain(`另有 ${13 - MAX_RELATED} 处未列出`);
    }
    const first = mismatches[0]!;
    expect(first.message).toContain('合计 907 ≠ 各项之和 908（差 -1）');

    // Ask for the code actions at the wrong total, as VS Code does: the range and the diagnostic.
    let text = NANCHANG;
    let version = 1;
    for (const d of mismatches) {
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d] },
      })) as CodeAction[];
      const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.some((x) => x.code === 'sum-mismatch'));
      expect(fix, JSON.stringify(actions)).toBeDefined();
      expect(fix!.isPreferred).toBe(true);
      text = applyLspEdits(text, fix!.edit!.changes![uri]!);
      version++;
      await client.replace(uri, version, text);
      // Only the fixed one is gone; ranges of the other have not moved (same width).
      const after = await client.diagnostics(uri, (p) => p.version === version);
      expect(after.diagnostics.filter(sumMismatch).length).toBe(mismatches.length - (version - 1));
    }
    expect(text).toContain('南昌市合计                 908   742   166');
    const final = await client.diagnostics(uri, (p) => p.version === version);
    expect(final.diagnostics.filter(sumMismatch)).toEqual([]);
  });

  it('offers the fix for every fixable diagnostic kind in the example, and "fix all" for the repeated ones', async () => {
    const uri = uriOf('nanchang-fixall.notice');
    await client.open(uri, NANCHANG, 1);
    const pub = await client.diagnostics(uri, (p) => p.version === 1);
    const docFormat = pub.diagnostics.filter((d) => d.code === 'doc-number-format');
    expect(docFormat.length).toBeGreaterThan(1);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: docFormat[0]!.range,
      context: { diagnostics: [docFormat[0]!] },
    })) as CodeAction[];
    const single = actions.find((a) => a.title.includes('〔'));
    expect(single).toBeDefined();
    const all = actions.find((a) => a.title.startsWith('修正本文件中全部'));
    expect(all).toBeDefined();
    const fixed = applyLspEdits(NANCHANG, all!.edit!.changes![uri]!);
    await client.replace(uri, 2, fixed);
    const after = await client.diagnostics(uri, (p) => p.version === 2);
    expect(after.diagnostics.filter((d) => d.code === 'doc-number-format')).toEqual([]);
    expect(fixed).toContain('赣财社指〔2021〕100号');

    const source = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    expect(source.map((a) => a.kind)).toEqual(['source.fixAll.notice']);
    await client.close(uri);
  });
});

describe('hover', () => {
  it('shows the parent chain of an expenditure and a revenue code for the notice year', async () => {
    const uri = uriOf('small-hover.notice');
    await client.open(uri, SMALL);
    const exp = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(SMALL, '2101301', 2) })) as Hover;
    const expText = (exp.contents as MarkupContent).value;
    expect(expText).toContain('支出功能分类 › 210 卫生健康支出 › 21013 医疗救助 › 2101301 城乡医疗救助');
    expect(expText).toContain('2023 年');
    expect(expText).toContain('可信度');
    const rev = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(SMALL, '1100249', 3) })) as Hover;
    expect((rev.contents as MarkupContent).value).toContain('收入分类 › 110 转移性收入 › 11002 一般性转移支付收入 › 1100249 医疗卫生共同财政事权转移支付收入');
  });

  it('shows the sums of the parts on a total row, the formula of a column, a tag meaning', async () => {
    const uri = uriOf('nanchang-hover.notice');
    await client.open(uri, NANCHANG);
    const total = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(NANCHANG, '南昌市合计', 1) })) as Hover;
    const totalText = (total.contents as MarkupContent).value;
    expect(totalText).toContain('| 1 全年 | 907 | 908 | -1 |');
    expect(totalText).toContain('| 3 本次 | 166 | 166 | 0 |');
    const formula = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(NANCHANG, '栏 本次', 2) })) as Hover;
    expect((formula.contents as MarkupContent).value).toContain('公式：= ');
    const tag = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(NANCHANG, '01 中央直达资金', 4) })) as Hover;
    expect((tag.contents as MarkupContent).value).toContain('直达资金标识 01 中央直达资金');
  });
});

describe('completion', () => {
  it('finds 城乡医疗救助 by pinyin initials after 支出功能科目：', async () => {
    const text = '通知 测财社〔2023〕6号\n  年度：2023\n  支出功能科目：cxyl\n';
    const uri = uriOf('completion.notice');
    await client.open(uri, text);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, 'cxyl', 4) })) as CompletionList;
    const labels = list.items.map((i) => i.label);
    expect(labels).toContain('2101301 城乡医疗救助');
    const item = list.items.find((i) => i.label === '2101301 城乡医疗救助')!;
    const edited = applyLspEdits(text, [item.textEdit as TextEdit]);
    expect(edited).toContain('支出功能科目：2101301 城乡医疗救助\n');
    // Only expenditure codes after an expenditure key.
    expect(labels.every((l) => l.startsWith('2'))).toBe(true);
  });

  it('completes code prefixes, field keys, units, tags, regions and formula columns', async () => {
    const text = [
      '通知 洪财社指〔2022〕99号',
      '  发文机关：南昌市财政局',
      '  年度：2022',
      '  收入科目：11002',
      '  直达资金：',
      '  ',
      '附件1 分配表：表',
      '  单位：',
      '  栏 全年：全年',
      '  栏 已下达：已下达',
      '  栏 本次：本次 = 全年 - ',
      '',
      '  南昌市合计  1  1  0',
      '    ',
      '    其中：',
      '',
      '附件2 绩效目标表：表',
      '  产出指标',
      '    ',
      '',
    ].join('\n');
    const uri = uriOf('completion2.notice');
    await client.open(uri, text);
    const at = async (line: number, character: number): Promise<string[]> => {
      const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } })) as CompletionList;
      return list.items.map((i) => i.label);
    };
    expect(await at(3, 12)).toContain('1100249 医疗卫生共同财政事权转移支付收入');
    expect(await at(4, 7)).toContain('01 中央直达资金');
    const keys = await at(5, 2);
    expect(keys).toContain('标题：');
    expect(keys).not.toContain('年度：');
    expect(await at(7, 5)).toEqual(['元', '万元', '亿元']);
    const cols = await at(10, 20);
    expect(cols).toEqual(expect.arrayContaining(['全年', '已下达']));
    expect(cols).not.toContain('本次');
    const regions = await at(13, 4);
    expect(regions).toEqual(expect.arrayContaining(['南昌县', '新建区', '东湖区']));
    // Among a row's numbers nothing is offered.
    expect(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 12, character: 10 } })).toBeNull();
    expect(await at(14, 7)).toEqual(expect.arrayContaining(['南昌县', '新建区']));
    const level2 = await at(18, 4);
    expect(level2).toEqual(expect.arrayContaining(['数量指标', '质量指标', '时效指标']));
    expect(level2).not.toContain('社会效益指标');
  });
});

describe('formatting', () => {
  it('returns edits whose result is stable when formatted again', async () => {
    const messy = SMALL.replace('  合计   30   20   10', '  合计 30 20 10').replace('    甲县   10   5    5', '      甲县 10 5 5').replace('    乙县   20   15   5', '      乙县    20  15 5');
    const uri = uriOf('format.notice');
    await client.open(uri, messy);
    const edits = (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    expect(edits.length).toBeGreaterThan(0);
    const once = applyLspEdits(messy, edits);
    expect(once).toContain('  合计    30  20  10\n    甲县  10   5   5\n    乙县  20  15   5\n');
    await client.replace(uri, 2, once);
    const again = (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    expect(applyLspEdits(once, again)).toBe(once);
  });
});
