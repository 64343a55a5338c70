/**
 * The user's official 科目 table in the editor (issue 7): `.notice-catalogue.*` at a
 * workspace folder's root and the `notice.catalogue.file` setting, over the protocol with
 * a small generated CSV table in a temporary workspace.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  type CompletionList,
  type Hover,
  type MarkupContent,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { candidateUris, isAutoCatalogue } from '../../server/src/lsp/user-catalogue.js';
import { readSettings } from '../../server/src/lsp/settings.js';
import { positionOf, TestClient } from './harness.js';

/** A 2024 table holding part of 210 卫生健康支出, with one row that cannot be read. */
const TABLE = ['2024年政府收支分类科目', '科目编码,科目名称', '210,卫生健康支出', '21004,公共卫生', '2100401,疾病预防控制机构', '21013,医疗救助', '2101301,城乡医疗救助', '2101302,疾病应急救助', '2101X,坏行', ''].join('\n');

const NOTICE = `通知 测财社〔2024〕1号
  发文机关：测试市财政局
  标题：关于下达测试资金的通知
  年度：2024
  支出功能科目：2100409 重大公共卫生服务
  政府经济科目：51301 上下级政府间转移性支出
`;

const KNOWN = `通知 测财社〔2024〕2号
  发文机关：测试市财政局
  标题：关于下达测试资金的通知
  年度：2024
  支出功能科目：2101301 城乡医疗救助
`;

let dir: string;
let client: TestClient;
let noticeUri: string;
let knownUri: string;
const tableUri = (): string => pathToFileURL(join(dir, '.notice-catalogue.csv')).href;

const unknownCode = (p: PublishDiagnosticsParams): PublishDiagnosticsParams['diagnostics'] => p.diagnostics.filter((d) => d.code === 'unknown-code');

async function until(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Diagnostics for `uri` published after `from` (an index into `client.published`) that satisfy `ok`. */
async function publishedAfter(from: number, uri: string, ok: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
  let hit: PublishDiagnosticsParams | undefined;
  await until(`diagnostics for ${uri}`, () => (hit = client.published.slice(from).find((p) => p.uri === uri && ok(p))) !== undefined);
  return hit!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'notice-cat-'));
  writeFileSync(join(dir, '.notice-catalogue.csv'), TABLE);
  writeFileSync(join(dir, 'a.notice'), NOTICE);
  writeFileSync(join(dir, 'b.notice'), KNOWN);
  noticeUri = pathToFileURL(join(dir, 'a.notice')).href;
  knownUri = pathToFileURL(join(dir, 'b.notice')).href;
  client = await TestClient.start({
    workspaceFolders: [dir],
    capabilities: {
      workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
    },
  });
  await client.open(noticeUri, NOTICE);
  await client.open(knownUri, KNOWN);
});

afterAll(async () => {
  await client?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a .notice-catalogue.csv at the workspace root', () => {
  it('decides the codes: one the table lacks is an unknown-code error naming the file', async () => {
    const p = await client.diagnostics(noticeUri, (x) => unknownCode(x).length > 0);
    const [d] = unknownCode(p);
    expect(d!.severity).toBe(1);
    expect(d!.message).toContain('2100409');
    expect(d!.message).toContain('用户目录 .notice-catalogue.csv（2024 年）');
    // The code the table holds is fine; the very first publish already used the table.
    expect(client.published.filter((x) => x.uri === noticeUri).every((x) => unknownCode(x).length === 1)).toBe(true);
    const k = await client.diagnostics(knownUri);
    expect(unknownCode(k)).toEqual([]);
  });

  it('says which file was loaded, its year, its rows and the rows it could not read', async () => {
    await until('the load message', () => client.messages.some((m) => m.message.includes('已载入用户目录 .notice-catalogue.csv')));
    const m = client.messages.find((x) => x.message.includes('已载入用户目录 .notice-catalogue.csv'))!;
    expect(m.message).toContain('（2024 年）');
    expect(m.message).toContain('6 个科目');
    expect(m.message).toContain('1 行未读取');
    expect(m.type).toBe(2); // a warning: some rows were not read
    expect(client.logs.some((l) => l.includes('第 9 行未读取') && l.includes('2101X'))).toBe(true);
  });

  it('hover and completion name the user table as the source of its rows', async () => {
    const h = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: knownUri }, position: positionOf(KNOWN, '2101301', 2) })) as Hover;
    const value = (h.contents as MarkupContent).value;
    expect(value).toContain('2101301 城乡医疗救助');
    expect(value).toContain('来源：用户目录 .notice-catalogue.csv（2024 年），第 7 行');
    const missing = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: noticeUri }, position: positionOf(NOTICE, '2100409', 2) })) as Hover;
    expect((missing.contents as MarkupContent).value).toContain('2024 年支出功能分类中没有此科目（依据：用户目录 .notice-catalogue.csv（2024 年））');
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: knownUri }, position: positionOf(KNOWN, '2101301', 5) })) as CompletionList;
    const item = list.items.find((i) => i.label.startsWith('2101301'));
    expect(item?.detail).toContain('用户目录');
    expect(String(item?.documentation)).toContain('来源：用户目录 .notice-catalogue.csv');
  });

  it('removing the file restores the shipped catalogue', async () => {
    const from = client.published.length;
    unlinkSync(join(dir, '.notice-catalogue.csv'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: tableUri(), type: FileChangeType.Deleted }] });
    const p = await publishedAfter(from, noticeUri, () => true);
    expect(unknownCode(p)).toEqual([]);
    await until('the restore message', () => client.messages.some((m) => m.message.includes('恢复按内置目录核对科目')));
  });

  it('putting it back (a watched file created) loads it again', async () => {
    const from = client.published.length;
    writeFileSync(join(dir, '.notice-catalogue.csv'), TABLE);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: tableUri(), type: FileChangeType.Created }] });
    const p = await publishedAfter(from, noticeUri, () => true);
    expect(unknownCode(p)).toHaveLength(1);
    unlinkSync(join(dir, '.notice-catalogue.csv'));
    const from2 = client.published.length;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: tableUri(), type: FileChangeType.Deleted }] });
    expect(unknownCode(await publishedAfter(from2, noticeUri, () => true))).toEqual([]);
  });
});

describe('the notice.catalogue.file setting', () => {
  it('loads a path relative to the workspace folder', async () => {
    mkdirSync(join(dir, 'tables'), { recursive: true });
    writeFileSync(join(dir, 'tables', '本级科目表.csv'), TABLE.replace('2024年政府收支分类科目\n', '').replace('科目编码,科目名称', '年度,科目编码,科目名称').replace(/\n(\d|2101X)/g, '\n2024,$1'));
    const from = client.published.length;
    client.settings = { catalogue: { file: 'tables/本级科目表.csv' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { notice: client.settings } });
    const p = await publishedAfter(from, noticeUri, (x) => unknownCode(x).length > 0);
    expect(unknownCode(p)[0]!.message).toContain('用户目录 本级科目表.csv（2024 年）');
    await until('the load message', () => client.messages.some((m) => m.message.includes('已载入用户目录 本级科目表.csv（2024 年）')));
  });

  it('a file that cannot be loaded gives a Chinese error and the shipped catalogue stays', async () => {
    writeFileSync(join(dir, 'broken.csv'), '这不是科目表\n只是一段文字\n');
    const from = client.published.length;
    const messages = client.messages.length;
    client.settings = { catalogue: { file: ['missing.csv', join(dir, 'broken.csv')] } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { notice: client.settings } });
    const p = await publishedAfter(from, noticeUri, () => true);
    expect(unknownCode(p)).toEqual([]);
    await until('two error messages', () => client.messages.slice(messages).filter((m) => m.type === 1).length >= 2);
    const errors = client.messages.slice(messages).filter((m) => m.type === 1).map((m) => m.message);
    expect(errors.some((e) => e.includes('missing.csv') && e.includes('文件不存在') && e.includes('仍按内置目录核对科目'))).toBe(true);
    expect(errors.some((e) => e.includes('broken.csv') && e.includes('仍按内置目录核对科目'))).toBe(true);
  });

  it('an empty setting goes back to the shipped catalogue', async () => {
    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { notice: client.settings } });
    const from = client.published.length;
    const p = await publishedAfter(from, noticeUri, () => true);
    expect(unknownCode(p)).toEqual([]);
  });
});

describe('catalogue paths', () => {
  it('reads notice.catalogue.file as a path or a list', () => {
    expect(readSettings({ catalogue: { file: 'a.csv' } }).catalogueFiles).toEqual(['a.csv']);
    expect(readSettings({ catalogue: { file: ['a.csv', ' ', 3, 'b.xlsx', 'a.csv'] } }).catalogueFiles).toEqual(['a.csv', 'b.xlsx']);
    expect(readSettings({}).catalogueFiles).toEqual([]);
  });

  it('resolves relative paths against each workspace folder, absolute ones as they are', () => {
    expect(candidateUris('tables/科目 2024.csv', ['file:///ws/a', 'file:///ws/b/'])).toEqual(['file:///ws/a/tables/%E7%A7%91%E7%9B%AE%202024.csv', 'file:///ws/b/tables/%E7%A7%91%E7%9B%AE%202024.csv']);
    expect(candidateUris('../shared/t.csv', ['file:///ws/a'])).toEqual(['file:///ws/shared/t.csv']);
    expect(candidateUris('/data/t.csv', ['file:///ws/a'])).toEqual(['file:///data/t.csv']);
    expect(candidateUris('C:\\数据\\t.xlsx', [])).toEqual(['file:///C:/%E6%95%B0%E6%8D%AE/t.xlsx']);
    expect(candidateUris('t.csv', [])).toEqual([]);
    expect(isAutoCatalogue('file:///ws/a/.notice-catalogue.xlsx', ['file:///ws/a'])).toBe(true);
    expect(isAutoCatalogue('file:///ws/a/sub/.notice-catalogue.xlsx', ['file:///ws/a'])).toBe(false);
    expect(isAutoCatalogue('file:///c%3A/ws/.notice-catalogue.csv', ['file:///C:/ws'])).toBe(true);
  });
});
