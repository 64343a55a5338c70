/** Outline, folding, semantic tokens, inlay hints, cross-file navigation, rename and settings, over the protocol. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DocumentOnTypeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
  WorkspaceSymbolRequest,
  type CompletionList,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type InlayHint,
  type Location,
  type MarkupContent,
  type SemanticTokens,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol/node';
import { applyLspEdits, example, positionOf, TestClient } from './harness.js';

const NANCHANG = example('nanchang-hcszh-2022-67.notice');
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
  dir = mkdtempSync(join(tmpdir(), 'notice-ws-'));
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

async function until<T>(fn: () => Promise<T>, ok: (t: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const t = await fn();
    if (ok(t) || i > 200) return t;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('outline, folding, tokens', () => {
  it('gives the outline notice › attachment › rows', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: nanchangUri } })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['洪财社指〔2022〕67号']);
    const attachments = symbols[0]!.children!;
    expect(attachments.map((s) => s.name)).toEqual(['附件1 分配表：2022年中央财政医疗服务与保障能力提升补助资金分配表', '附件2 绩效目标表：区域绩效目标表']);
    const total = attachments[0]!.children![0]!;
    expect(total.name).toBe('南昌市合计');
    expect(total.children!.length).toBe(13);
    expect(attachments[1]!.children!.map((s) => s.name)).toEqual(['产出指标', '效益指标', '满意度指标']);
  });

  it('folds blocks, row groups and comment runs', async () => {
    const ranges = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: nanchangUri } })) as FoldingRange[];
    const totalLine = positionOf(NANCHANG, '南昌市合计').line;
    expect(ranges.some((r) => r.startLine === totalLine && r.endLine === totalLine + 13)).toBe(true);
    expect(ranges.some((r) => r.startLine === 0 && r.kind === 'comment')).toBe(true);
  });

  it('returns well-formed semantic tokens', async () => {
    const tokens = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: nanchangUri } })) as SemanticTokens;
    expect(tokens.data.length % 5).toBe(0);
    expect(tokens.data.length).toBeGreaterThan(100);
    for (let i = 0; i < tokens.data.length; i += 5) {
      expect(tokens.data[i]!).toBeGreaterThanOrEqual(0);
      expect(tokens.data[i + 2]!).toBeGreaterThan(0);
    }
  });

  it('shows the sum beside a total that does not match', async () => {
    const hints = (await client.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: nanchangUri },
      range: { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } },
    })) as InlayHint[];
    // One hint, at the end of the line (no cell moves), the columns that are off named.
    expect(hints.map((h) => h.label)).toEqual(['≠∑ 第1栏 908 · 第2栏 742']);
    const total = positionOf(NANCHANG, '南昌市合计');
    expect(hints[0]!.position).toEqual({ line: total.line, character: NANCHANG.split('\n')[total.line]!.length });
  });
});

describe('on Enter', () => {
  it('indents the new line under a row with parts, not under a row without', async () => {
    const total = positionOf(NANCHANG, '南昌市合计');
    const lines = NANCHANG.split('\n');
    // Enter at the end of the total row, and at the end of a part row; the new line starts at column 0.
    for (const [line, want] of [[total.line, '    '], [total.line + 2, null]] as const) {
      const text = [...lines.slice(0, line + 1), '', ...lines.slice(line + 1)].join('\n');
      const uri = pathToFileURL(join(dir, `enter-${line}.notice`)).href;
      await client.open(uri, text);
      const edits = (await client.connection.sendRequest(DocumentOnTypeFormattingRequest.type, {
        textDocument: { uri },
        position: { line: line + 1, character: 0 },
        ch: '\n',
        options: { tabSize: 2, insertSpaces: true },
      })) as TextEdit[];
      if (want === null) expect(edits).toEqual([]);
      else expect(edits).toEqual([{ range: { start: { line: line + 1, character: 0 }, end: { line: line + 1, character: 0 } }, newText: want }]);
      await client.close(uri);
    }
  });
});

describe('document numbers across the workspace', () => {
  it('goes to the notice a 依据 number names, in another workspace file, and hovers it', async () => {
    const at = positionOf(NANCHANG, '赣财社指〔2022〕52号', 3);
    const defs = await until(
      async () => (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: nanchangUri }, position: at })) as Location[],
      (l) => l.length > 0,
    );
    expect(defs).toEqual([{ uri: provinceUri, range: { start: { line: 0, character: 3 }, end: { line: 0, character: 16 } } }]);
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: nanchangUri }, position: at })) as Hover;
    expect((hover.contents as MarkupContent).value).toContain('《关于下达2022年中央财政医疗服务与保障能力提升补助资金（第三批）的通知》');
  });

  it('finds every reference to a notice, and workspace symbols by number', async () => {
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: nanchangUri },
      position: positionOf(NANCHANG, '赣财社指〔2022〕52号', 3),
      context: { includeDeclaration: true },
    })) as Location[];
    expect(refs.filter((r) => r.uri === nanchangUri).length).toBe(2); // 依据 and the body
    expect(refs.filter((r) => r.uri === provinceUri).length).toBe(1);
    const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '52' })) as WorkspaceSymbol[];
    expect(symbols.map((s) => s.name)).toContain('赣财社指〔2022〕52号');
  });

  it('indexes a file that appears on disk when the client reports it', async () => {
    const path = join(dir, 'later.notice');
    writeFileSync(path, '通知 财社〔2022〕86号\n  标题：关于下达2022年医疗服务与保障能力提升补助资金预算的通知\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path).href, type: FileChangeType.Created }] });
    const found = await until(
      async () => (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '财社〔2022〕86号' })) as WorkspaceSymbol[],
      (l) => l.length > 0,
    );
    expect(found.map((s) => s.name)).toEqual(['财社〔2022〕86号']);
  });
});

describe('body references and 依据', () => {
  it('hovers a body reference with its value and goes to its row', async () => {
    const at = positionOf(NANCHANG, '{附件1.合计.本次}', 3);
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: nanchangUri }, position: at })) as Hover;
    expect((hover.contents as MarkupContent).value).toContain('= 166');
    const defs = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: nanchangUri }, position: at })) as Location[];
    expect(defs[0]!.range.start).toEqual(positionOf(NANCHANG, '南昌市合计'));
  });

  it('completes 依据 with the notices of the workspace and body references with the tables', async () => {
    const text = '通知 洪财社指〔2022〕98号\n  依据：\n  正文\n    现下达{\n\n附件1 分配表：表\n  栏 本次：本次\n  合计  1\n';
    const uri = pathToFileURL(join(dir, 'new.notice')).href;
    await client.open(uri, text);
    const basis = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 5 } })) as CompletionList;
    expect(basis.items.map((i) => i.label)).toContain('赣财社指〔2022〕52号');
    const refs = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 3, character: 8 } })) as CompletionList;
    expect(refs.items.map((i) => i.label)).toEqual(['附件1.合计.本次']);
  });
});

describe('columns', () => {
  it('goes from a column id in a formula to its declaration, and finds its uses', async () => {
    const inFormula = positionOf(NANCHANG, '= 全年 - 已下达', 3);
    const start = positionOf(NANCHANG, '= 全年 - 已下达', 2);
    const defs = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: nanchangUri }, position: inFormula })) as Location[];
    expect(defs).toEqual([{ uri: nanchangUri, range: { start: positionOf(NANCHANG, '栏 全年', 2), end: positionOf(NANCHANG, '栏 全年', 4) } }]);
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: nanchangUri }, position: inFormula, context: { includeDeclaration: false } })) as Location[];
    expect(refs).toEqual([{ uri: nanchangUri, range: { start, end: { line: start.line, character: start.character + 2 } } }]);
  });
});

describe('rename a column', () => {
  it('renames a column id and every formula and reference using it', async () => {
    const at = positionOf(NANCHANG, '栏 全年', 2);
    const prep = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: nanchangUri }, position: at });
    expect(prep).toMatchObject({ placeholder: '全年' });
    const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: nanchangUri }, position: at, newName: '全年资金' })) as WorkspaceEdit;
    const out = applyLspEdits(NANCHANG, edit.changes![nanchangUri]!);
    expect(out).toContain('栏 全年资金：2022年下达资金');
    expect(out).toContain('栏 本次：此次下达资金 = 全年资金 - 已下达');
    const bad = client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: nanchangUri }, position: at, newName: '已下达' });
    await expect(bad).rejects.toThrow('本表已有栏');
  });
});

describe('settings', () => {
  it('applies severity overrides and the default tolerance', async () => {
    client.settings = { diagnostics: { severity: { 'doc-number-format': 'off' } }, tolerance: 1 };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    const pub = await client.diagnostics(nanchangUri, (p) => !p.diagnostics.some((d) => d.code === 'doc-number-format'));
    const sums = pub.diagnostics.filter((d) => d.code === 'sum-mismatch');
    expect(sums.map((d) => d.severity)).toEqual([3, 3]);
    expect(sums[0]!.message).toContain('在默认容差 1 以内');
    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await client.diagnostics(nanchangUri, (p) => p.diagnostics.some((d) => d.code === 'doc-number-format'));
  });

  it('uses notice.catalogueYear for a notice without a year', async () => {
    const text = '通知\n  支出功能科目：2101301 城乡医疗救助\n';
    const uri = pathToFileURL(join(dir, 'no-year.notice')).href;
    await client.open(uri, text);
    const ask = async (): Promise<string> => {
      const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 12 } })) as Hover;
      return (hover.contents as MarkupContent).value;
    };
    expect(await ask()).toContain('2024 年');
    client.settings = { catalogueYear: 2021 };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    expect(await until(ask, (v) => v.includes('2021 年'))).toContain('2021 年');
    client.settings = {};
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await client.close(uri);
  });
});
