/**
 * What peers give (beancount-language-server, hledger-lsp): over the protocol, a code lens
 * above each notice and table, a document link on a 文号 to the file that issues it, and the
 * highlight of a column id with the formulas that use it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest, DocumentHighlightKind, DocumentHighlightRequest, DocumentLinkRequest, PrepareRenameRequest, RenameRequest, SemanticTokensDeltaRequest, SemanticTokensRequest, type CodeLens, type DocumentHighlight, type DocumentLink, type SemanticTokens, type SemanticTokensDelta, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, positionOf, TestClient } from './harness.js';

const NANCHANG = example('nanchang-hcszh-2022-67.notice');
/** The provincial notice Nanchang's 依据 cites. */
const PROVINCE = `通知 赣财社指〔2022〕52号
  发文机关：江西省财政厅、江西省医疗保障局
  标题：关于下达2022年中央财政医疗服务与保障能力提升补助资金（第三批）的通知
  年度：2022
`;

let dir: string;
let client: TestClient;
let nanchangUri: string;
let provinceUri: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'notice-peers-'));
  writeFileSync(join(dir, 'province.notice'), PROVINCE);
  writeFileSync(join(dir, 'nanchang.notice'), NANCHANG);
  nanchangUri = pathToFileURL(join(dir, 'nanchang.notice')).href;
  provinceUri = pathToFileURL(join(dir, 'province.notice')).href;
  client = await TestClient.start({ workspaceFolders: [dir] });
  await client.open(nanchangUri, NANCHANG);
  await client.diagnostics(nanchangUri);
});

afterAll(async () => {
  await client?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('code lens, links, highlight', () => {
  it('a code lens above the notice and above each table: the total, the rows, the problems', async () => {
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: nanchangUri } })) as CodeLens[];
    const titles = lenses.map((l) => l.command!.title);
    expect(titles[0]).toMatch(/^2 张附件表 · \d+ 个错误/);
    const table = lenses.find((l) => l.command!.title.startsWith('合计'))!;
    expect(table.range.start.line).toBe(positionOf(NANCHANG, '附件1 分配表').line);
    expect(table.command!.title).toMatch(/^合计 全年 907 · 已下达 741 · 本次 166 \| \d+ 行 \| 2 个错误/);
  });

  it('a document link on a 文号 that another workspace file issues, to that notice’s line', async () => {
    // The workspace is scanned after initialisation; the server logs when it is done.
    while (!client.logs.some((l) => l.startsWith('已索引工作区'))) await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: nanchangUri } });
    const links = (await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: nanchangUri } })) as DocumentLink[];
    expect(links.every((l) => l.target === `${provinceUri}#L1`)).toBe(true);
    const first = positionOf(NANCHANG, '赣财社指〔2022〕52号');
    expect(links.map((l) => l.range.start)).toContainEqual(first);
  });

  it('highlights a column id: its declaration (write) and its uses in formulas (read)', async () => {
    const at = positionOf(NANCHANG, '栏 全年');
    const highlights = (await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri: nanchangUri }, position: { line: at.line, character: at.character + 2 } })) as DocumentHighlight[];
    expect(highlights.map((h) => h.kind)).toEqual([DocumentHighlightKind.Write, DocumentHighlightKind.Read]);
    expect(highlights[1]!.range.start.line).toBe(positionOf(NANCHANG, '栏 本次').line);
  });

  it('a 文号 that another notice of the workspace issues too: a warning naming the other file', async () => {
    while (!client.logs.some((l) => l.startsWith('已索引工作区'))) await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: nanchangUri } });
    const copyUri = pathToFileURL(join(dir, 'copy.notice')).href;
    await client.open(copyUri, PROVINCE.replace('（第三批）', '（第四批）'));
    const published = await client.diagnostics(copyUri, (p) => p.diagnostics.some((d) => d.code === 'duplicate-doc-number'));
    const d = published.diagnostics.find((x) => x.code === 'duplicate-doc-number')!;
    expect(d.message).toBe('文号 赣财社指〔2022〕52号 与工作区中另一份通知相同（province.notice 第 1 行）：两份通知不能用同一个文号');
    expect(d.range.start).toEqual({ line: 0, character: 3 });
    expect(d.relatedInformation![0]!.location.uri).toBe(provinceUri);
  });
});

describe('semantic tokens of a large file', () => {
  it('after an edit, a delta: one edit of the previous array, which then equals the full answer', async () => {
    const uri = pathToFileURL(join(dir, 'tokens.notice')).href;
    await client.open(uri, NANCHANG, 1);
    const full = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } })) as SemanticTokens;
    expect(full.resultId).toBeDefined();
    const edited = NANCHANG.replace(/(\n\s+南昌县\s+)148/, '$1149');
    expect(edited).not.toBe(NANCHANG);
    await client.replace(uri, 2, edited);
    const delta = (await client.connection.sendRequest(SemanticTokensDeltaRequest.type, { textDocument: { uri }, previousResultId: full.resultId! })) as SemanticTokensDelta;
    expect(delta.edits.length).toBeLessThanOrEqual(1);
    const data = [...full.data];
    for (const e of delta.edits) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
    const again = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } })) as SemanticTokens;
    expect(data).toEqual(again.data);
    expect(delta.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0)).toBeLessThan(full.data.length / 10);
  });
});

describe('rename a 文号', () => {
  it('renumbers the notice and every mention of it in the workspace, each written in full', async () => {
    await client.open(provinceUri, PROVINCE);
    await client.diagnostics(provinceUri);
    const at = positionOf(PROVINCE, '52号');
    const prepared = (await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: provinceUri }, position: at })) as { placeholder: string };
    expect(prepared.placeholder).toBe('赣财社指〔2022〕52号');
    const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: provinceUri }, position: at, newName: '赣财社指〔2022〕53号' })) as WorkspaceEdit;
    expect(edit.changes![provinceUri]!.map((e) => e.newText)).toEqual(['赣财社指〔2022〕53号']);
    // Nanchang cites it in 依据 and in its body.
    const nanchang = edit.changes![nanchangUri]!;
    expect(nanchang.length).toBeGreaterThanOrEqual(2);
    expect(nanchang.map((e) => e.range.start.line)).toContain(positionOf(NANCHANG, '赣财社指〔2022〕52号').line);
    const refused = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: provinceUri }, position: at, newName: '第53号' }).then(
      () => undefined,
      (e: Error) => e.message,
    );
    expect(refused).toContain('不是一个文号');
  });
});

describe('the whole folder', () => {
  it('publishes the problems of a workspace file that was never opened; none when the setting is off', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'notice-folder-'));
    writeFileSync(join(folder, 'never-opened.notice'), NANCHANG);
    const uri = pathToFileURL(join(folder, 'never-opened.notice')).href;
    const other = await TestClient.start({ workspaceFolders: [folder] });
    try {
      const p = await other.diagnostics(uri, (x) => x.diagnostics.length > 0);
      expect(p.diagnostics.filter((d) => d.code === 'sum-mismatch').length).toBe(2);
    } finally {
      await other.stop();
    }
    const quiet = await TestClient.start({ workspaceFolders: [folder], settings: { diagnostics: { workspace: false } } });
    try {
      // The scan is logged once done; by then the file's (empty) diagnostics were sent.
      while (!quiet.logs.some((l) => l.startsWith('已索引工作区'))) await quiet.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
      const p = await quiet.diagnostics(uri);
      expect(p.diagnostics).toEqual([]);
    } finally {
      await quiet.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
