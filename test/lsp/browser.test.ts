/**
 * The web-worker server bundle (dist/server-browser.js) runs with nothing but a worker's
 * `self` (postMessage / onmessage): started in a Node worker thread with such a `self`, it
 * answers `initialize` and publishes the example's diagnostics.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, example, ROOT } from './harness.js';

const BUNDLE = join(ROOT, 'dist', 'server-browser.js');

/** Worker code: a browser-like `self` over the thread's port, then the bundle itself. */
const SHIM = `
const { parentPort } = require('node:worker_threads');
const listeners = [];
globalThis.self = {
  postMessage: (m) => parentPort.postMessage(m),
  addEventListener: (type, f) => { if (type === 'message') listeners.push(f); },
  removeEventListener: () => {},
  set onmessage(f) { listeners.push(f); },
};
parentPort.on('message', (data) => { for (const f of listeners) f({ data }); });
require('node:vm').runInThisContext(require('node:fs').readFileSync(${JSON.stringify(BUNDLE)}, 'utf8'));
`;

interface Message {
  id?: number;
  method?: string;
  params?: { uri?: string; diagnostics?: { code: string }[] };
  result?: { capabilities?: Record<string, unknown> };
}

let worker: Worker;
const messages: Message[] = [];

async function waitFor(pred: (m: Message) => boolean): Promise<Message> {
  for (let i = 0; i < 500; i++) {
    const hit = messages.find(pred);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no such message; got ${JSON.stringify(messages.map((m) => m.method ?? m.id))}`);
}

beforeAll(() => {
  ensureBuilt();
  worker = new Worker(SHIM, { eval: true });
  worker.on('message', (m: Message) => messages.push(m));
});

afterAll(async () => {
  await worker?.terminate();
});

describe('browser server bundle', () => {
  it('uses no Node built-ins', () => {
    const text = readFileSync(BUNDLE, 'utf8');
    expect(text).not.toMatch(/require\(["'](node:)?(fs|path|child_process|net|os)["']\)/);
  });

  it('answers initialize and publishes diagnostics in a worker', async () => {
    worker.postMessage({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    const init = await waitFor((m) => m.id === 1);
    expect(init.result?.capabilities?.['hoverProvider']).toBe(true);
    worker.postMessage({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const uri = 'memfs:/nanchang.notice';
    worker.postMessage({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'notice', version: 1, text: example('nanchang-hcszh-2022-67.notice') } } });
    const pub = await waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri);
    expect(pub.params!.diagnostics!.filter((d) => d.code === 'sum-mismatch').length).toBe(2);
  });

  it('completes by pinyin initials in a worker (the pinyin dictionary loads lazily there too)', async () => {
    const uri = 'memfs:/completion.notice';
    worker.postMessage({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'notice', version: 1, text: '通知\n  支出功能科目：cxyl\n' } } });
    worker.postMessage({ jsonrpc: '2.0', id: 2, method: 'textDocument/completion', params: { textDocument: { uri }, position: { line: 1, character: 13 } } });
    const answer = (await waitFor((m) => m.id === 2)) as unknown as { result: { items: { label: string }[] } };
    expect(answer.result.items.map((i) => i.label)).toContain('2101301 城乡医疗救助');
  });
});
