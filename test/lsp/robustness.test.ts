/** The server survives what real clients send, and answers the next ordinary request correctly. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CancellationTokenSource,
  CompletionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  SemanticTokensRequest,
  type Hover,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { join } from 'node:path';
import { example, positionOf, ROOT, TestClient, uriOf } from './harness.js';

const NANCHANG = example('nanchang-hcszh-2022-67.notice');
let client: TestClient;
const okUri = uriOf('robust-ok.notice');

beforeAll(async () => {
  client = await TestClient.start();
  await client.open(okUri, NANCHANG);
});

afterAll(async () => {
  await client?.stop();
});

/** The ordinary request that must still work after each abuse. */
async function stillAnswers(): Promise<void> {
  const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: okUri }, position: positionOf(NANCHANG, '南昌市合计', 1) })) as Hover;
  expect((hover.contents as MarkupContent).value).toContain('| 1 全年 | 907 | 908 | -1 |');
}

describe('the notice-language-server command', () => {
  it('starts the bundled server over stdio', async () => {
    const other = await TestClient.start({ entry: join(ROOT, 'bin', 'notice-language-server.js') });
    try {
      expect(other.initializeResult?.serverInfo?.name).toBe('notice-language-server');
      expect(other.initializeResult?.capabilities.textDocumentSync).toMatchObject({ change: 2 });
    } finally {
      await other.stop();
    }
  });
});

describe('robustness', () => {
  it('answers requests for positions outside the document', async () => {
    for (const position of [
      { line: 100000, character: 5 },
      { line: 3, character: 100000 },
      { line: -1, character: -1 },
    ]) {
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: okUri }, position });
      await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: okUri }, position });
    }
    await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: okUri }, range: { start: { line: 0, character: 0 }, end: { line: 99999, character: 0 } } });
    await stillAnswers();
  });

  it('answers requests for a closed or never opened document with empty results', async () => {
    const uri = uriOf('robust-closed.notice');
    await client.open(uri, NANCHANG);
    await client.diagnostics(uri);
    await client.close(uri);
    const cleared = await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    expect(cleared.diagnostics).toEqual([]);
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } })).toBeNull();
    expect(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })).toEqual([]);
    expect(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: uriOf('never.notice') }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    await stillAnswers();
  });

  it('handles cancelled requests', async () => {
    const results: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      const source = new CancellationTokenSource();
      results.push(
        client.connection
          .sendRequest(SemanticTokensRequest.type, { textDocument: { uri: okUri } }, source.token)
          .then(
            () => 'answered',
            (e: { code?: number }) => e.code,
          ),
      );
      source.cancel();
    }
    const settled = await Promise.all(results);
    // Each one either was answered before the cancellation arrived or was cancelled (-32800).
    for (const r of settled) expect(['answered', -32800]).toContain(r);
    await stillAnswers();
  });

  it('reads a file of random bytes without dying', async () => {
    const uri = uriOf('robust-random.notice');
    const bytes = randomBytes(20000).toString('latin1') + randomBytes(5000).toString('utf8');
    await client.open(uri, bytes);
    const pub = await client.diagnostics(uri);
    expect(Array.isArray(pub.diagnostics)).toBe(true);
    for (const type of [DocumentSymbolRequest.type, FoldingRangeRequest.type] as const) {
      await client.connection.sendRequest(type as typeof DocumentSymbolRequest.type, { textDocument: { uri } });
    }
    await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
    await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 3 } });
    await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 3, character: 3 } });
    await stillAnswers();
  });

  it('publishes only the last version after a burst of 100 changes', async () => {
    const uri = uriOf('robust-burst.notice');
    await client.open(uri, NANCHANG, 1);
    await client.diagnostics(uri, (p) => p.version === 1);
    const before = client.published.length;
    // One keystroke per version, typed at the end of the 标题 line, all sent in one write.
    const at = positionOf(NANCHANG, '的通知\n  主送', 3);
    client.burst(
      Array.from({ length: 100 }, (_, i) => ({
        method: 'textDocument/didChange',
        params: { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: { line: at.line, character: at.character + i }, end: { line: at.line, character: at.character + i } }, text: 'a' }] },
      })),
    );
    const last = await client.diagnostics(uri, (p) => p.version === 101);
    expect(last.diagnostics.filter((d) => d.code === 'sum-mismatch').length).toBe(2);
    const burst = client.published.slice(before).filter((p) => p.uri === uri);
    expect(burst.map((p) => p.version)).toEqual([101]);
    await stillAnswers();
  });
});
