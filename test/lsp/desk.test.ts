/**
 * What an official meets in the first hour (issue 13), in the server's answers: hovers and
 * completion details without maintainers' notes, skeletons only where a block starts, no
 * name a sibling already has, the fix menu and codes in Chinese with links, a file read in
 * the wrong encoding, related locations that do not crowd the hover.
 */
import { CodeActionKind, CompletionItemKind, InsertTextFormat, type CompletionItem, type MarkupContent } from 'vscode-languageserver-protocol';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../server/src/checks/index.js';
import { analyse } from '../../server/src/lsp/analysis.js';
import { codeDocLinks } from '../../server/src/lsp/code-docs.js';
import { codeActions, REOPEN_WITH_ENCODING } from '../../server/src/lsp/features/code-actions.js';
import { completion } from '../../server/src/lsp/features/completion.js';
import { loadPinyin } from '../../server/src/lsp/features/pinyin.js';
import { MAX_RELATED, toLspDiagnostics } from '../../server/src/lsp/features/diagnostics.js';
import { hover } from '../../server/src/lsp/features/hover.js';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings.js';
import { WorkspaceIndex } from '../../server/src/lsp/workspace-index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { example, ROOT } from './harness.js';

const NANCHANG = example('nanchang-hcszh-2022-67.notice');
const JIANGXI = example('jiangxi-gcszh-2023-26.notice');
const JIANGMEN = example('jiangmen-jcs-2023-16.notice');

function hoverText(text: string, at: string, nth = 0, delta = 1): string {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(at, offset + 1);
  expect(offset, at).toBeGreaterThanOrEqual(0);
  const h = hover(analyse('file:///w/a.notice', 1, text, DEFAULT_SETTINGS), offset + delta, DEFAULT_SETTINGS, new WorkspaceIndex());
  return h ? (h.contents as MarkupContent).value : '';
}

function itemsAt(withCursor: string, snippetSupport = true): CompletionItem[] {
  const offset = withCursor.indexOf('|');
  const text = withCursor.replace('|', '');
  return completion(analyse('file:///w/c.notice', 1, text, DEFAULT_SETTINGS), offset, DEFAULT_SETTINGS, undefined, { snippetSupport, today: new Date(2024, 0, 2) })?.items ?? [];
}

/** What no user should read in a hover or a completion's detail. */
const MAINTAINERS = /github|https?:|\.vue|\.js\b|任务说明|mirror|S\d+ |find_string|commit/i;

describe('hover and completion details', () => {
  it('show the chain, the year, the confidence in words and one short source line; no maintainers’ notes', async () => {
    await loadPinyin();
    for (const code of ['2101505', '21015 ', '1100249']) {
      const text = hoverText(NANCHANG, code);
      expect(text).not.toMatch(MAINTAINERS);
      expect(text.split('\n').filter((l) => /来源|见于|整理者/.test(l)).length, text).toBeLessThanOrEqual(1);
    }
    expect(hoverText(NANCHANG, '2101505')).toContain('见于已公开通知：洪财社指〔2022〕67号');
    const items = itemsAt('通知 某财社〔2023〕1号\n  年度：2023\n  支出功能科目：cxyl|');
    const item = items.find((i) => i.label.includes('城乡医疗救助'))!;
    expect(`${item.detail} ${(item.documentation as string) ?? ''}`).not.toMatch(MAINTAINERS);
  });

  it('a row whose 其中 exceeds it: the 其中 sum per column', () => {
    const text = '附件1 分配表：表\n  单位：万元\n  栏 本次：本次\n\n  浙江省 100\n    其中：杭州市本级 115\n';
    const h = hoverText(text, '浙江省');
    expect(h).toContain('其中 1 项');
    expect(h).toMatch(/\| 1 本次 \| 100 \| 115 \| 15 \|/);
  });

  it('a region row: its chain of divisions', () => {
    expect(hoverText(NANCHANG, '南昌县')).toContain('行政区划：江西省 › 南昌市 › 南昌县');
  });

  it('KPI names: the level, the standard name, where it belongs', () => {
    expect(hoverText(JIANGMEN, '  数量指标', 0, 3)).toContain('二级指标，属于一级指标“产出指标”');
    expect(hoverText(JIANGMEN, '  产出指标', 0, 3)).toContain('一级指标');
  });

  it('a notice’s own 文号: its title, issuer and year', () => {
    const h = hoverText(JIANGXI, '赣财社指〔2023〕26号', 1);
    expect(h).toContain('《江西省财政厅 江西省医疗保障局关于下达2023年城乡医疗救助补助资金的通知》');
    expect(h).toContain('年度：2023');
  });
});

describe('completion where officials type', () => {
  it('offers the notice skeleton first at the top level, as a snippet, and its plain text to clients without snippets', () => {
    const items = itemsAt('通|');
    expect(items[0]).toMatchObject({ label: '通知', kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, preselect: true });
    const plain = itemsAt('通|', false)[0]!;
    const text = (plain.textEdit as { newText: string }).newText;
    expect(plain.insertTextFormat).toBe(InsertTextFormat.PlainText);
    expect(checkText(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('offers no snippet among a table’s rows or in a KPI block', () => {
    for (const at of [
      '附件1 分配表：表\n  单位：万元\n  栏 本次：本次\n\n  合计 1\n    |',
      '附件1 绩效目标表：表\n  产出指标\n    |',
      '附件1 绩效目标表：表\n  |',
    ]) {
      expect(itemsAt(at).filter((i) => i.kind === CompletionItemKind.Snippet), at).toEqual([]);
    }
  });

  it('does not offer a region or a KPI name its siblings already have', () => {
    const regions = itemsAt('通知 洪财社指〔2022〕1号\n  发文机关：南昌市财政局\n\n附件1 分配表：表\n  单位：万元\n  栏 本次：本次\n\n  南昌市 1\n    南昌县 1\n    |').map((i) => i.label);
    expect(regions).toContain('新建区');
    expect(regions).not.toContain('南昌县');
    const kpi = itemsAt('附件1 绩效目标表：表\n  产出指标\n    数量指标\n      a：1\n    |').map((i) => i.label);
    expect(kpi).toContain('质量指标');
    expect(kpi).not.toContain('数量指标');
  });

  it('offers the 公开方式 values and today’s date after the 印发 office', () => {
    expect(itemsAt('通知 某财社〔2023〕1号\n  公开方式：|').map((i) => i.label)).toEqual(['主动公开', '依申请公开', '不予公开']);
    expect(itemsAt('通知 某财社〔2023〕1号\n  印发：某财政局办公室 |').map((i) => i.label)).toEqual(['2024-01-02']);
  });
});

describe('diagnostics and fixes in Chinese', () => {
  const docs = codeDocLinks('file:///docs/language.md', readFileSync(join(ROOT, 'docs', 'language.md'), 'utf8'));

  it('links every code to its row in docs/language.md', () => {
    const a = analyse('file:///w/n.notice', 1, NANCHANG, DEFAULT_SETTINGS);
    const lsp = toLspDiagnostics(a, DEFAULT_SETTINGS, { codeDocs: docs });
    expect(lsp.length).toBeGreaterThan(0);
    const lines = readFileSync(join(ROOT, 'docs', 'language.md'), 'utf8').split('\n');
    for (const d of lsp) {
      const href = d.codeDescription?.href ?? '';
      const line = Number(/#L(\d+)$/.exec(href)?.[1]);
      expect(lines[line - 1], href).toContain(`\`${String(d.code)}\``);
      expect(d.source).toBe('资金下达通知');
    }
  });

  it('names the kind of problem in Chinese in “fix all of them”', () => {
    const text = '附件1 分配表：表\n  单位：万元\n  栏 本次：本次\n\n  合计  3\n    甲市  2\n      a  1\n    乙市  2\n      b  1\n';
    const a = analyse('file:///w/n.notice', 1, text, DEFAULT_SETTINGS);
    const at = a.index.position(text.indexOf('甲市  2') + 4);
    const titles = codeActions(a, DEFAULT_SETTINGS, { textDocument: { uri: a.uri }, range: { start: at, end: at }, context: { diagnostics: [], only: [CodeActionKind.QuickFix] } }).map((x) => x.title);
    expect(titles.some((t) => /^修正本文件中全部 \d+ 处“合计不符”问题$/.test(t)), titles.join(' | ')).toBe(true);
    expect(titles.join(' ')).not.toContain('sum-mismatch');
  });

  it('a GB18030 file opened as UTF-8: one diagnostic that says so, and the command to reopen it', () => {
    const mojibake = NANCHANG.replace(/南昌/g, '\uFFFD\uFFFD');
    const a = analyse('file:///w/gbk.notice', 1, mojibake, DEFAULT_SETTINGS);
    const lsp = toLspDiagnostics(a, DEFAULT_SETTINGS);
    expect(lsp.map((d) => [d.code, String(d.message).slice(0, 16)])).toEqual([['encoding', '文件似乎是 GB18030 编码']]);
    const at = lsp[0]!.range.start;
    const params = { textDocument: { uri: a.uri }, range: { start: at, end: at }, context: { diagnostics: lsp } };
    expect(codeActions(a, DEFAULT_SETTINGS, params)).toEqual([]);
    const [action] = codeActions(a, DEFAULT_SETTINGS, params, { clientCommands: [REOPEN_WITH_ENCODING] });
    expect(action).toMatchObject({ title: '以 GB18030 编码重新打开', command: { command: REOPEN_WITH_ENCODING, arguments: [a.uri, 'gb18030'] } });
  });

  it('keeps at most a few related locations, saying how many more there are', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `    县${i}  1`);
    const text = ['附件1 分配表：表', '  单位：万元', '  栏 本次：本次', '', '  合计  31', ...rows, ''].join('\n');
    const [d] = toLspDiagnostics(analyse('file:///w/r.notice', 1, text, DEFAULT_SETTINGS), DEFAULT_SETTINGS).filter((x) => x.code === 'sum-mismatch');
    expect(d!.relatedInformation!.length).toBeLessThanOrEqual(MAX_RELATED);
    expect(d!.relatedInformation!.at(-1)!.message).toMatch(/另有 \d+ 处未列出/);
  });
});
