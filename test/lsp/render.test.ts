/**
 * `notice/render` and `notice/preview` through the bundled server over stdio: the outputs are
 * read back (the workbook with exceljs, the HTML as text), a document with errors is refused
 * unless `force`, and the preview carries the client's nonce and `data-line` on table rows.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64 } from '../../server/src/lsp/features/render.js';
import { ensureBuilt, example, ROOT, TestClient, uriOf } from './harness.js';

interface RenderResult {
  files: { name: string; base64: string }[];
  errors: number;
  message?: string;
}
interface PreviewResult {
  html: string;
  body: string;
  title: string;
  errors: number;
  version: number;
}

const NANCHANG = example('nanchang-hcszh-2022-67.notice');
const JIANGMEN = example('jiangmen-jcs-2023-16.notice');
const HOSTILE = `通知 测财社〔2023〕5号
  标题：关于<script>alert("x")</script>&下达资金的通知
  年度：2023

附件1 分配表：测试表
  单位：万元
  栏 全年：全年

  合计   30
    甲县   10
    乙县   20
`;

const U = { nanchang: uriOf('render-nanchang.notice'), jiangmen: uriOf('render-jiangmen.notice'), hostile: uriOf('render-hostile.notice') };

let client: TestClient;

const render = (uri: string, format: string, force?: boolean): Promise<RenderResult> =>
  client.connection.sendRequest<RenderResult>('notice/render', force === undefined ? { uri, format } : { uri, format, force });
const bytes = (b64: string): Buffer => Buffer.from(b64, 'base64');

beforeAll(async () => {
  client = await TestClient.start();
  await client.open(U.nanchang, NANCHANG);
  await client.open(U.jiangmen, JIANGMEN);
  await client.open(U.hostile, HOSTILE);
});

afterAll(async () => {
  await client?.stop();
});

describe('notice/render', () => {
  it('xlsx of the Jiangmen example: one workbook per notice, named by document number, total rows as SUM formulas', async () => {
    const r = await render(U.jiangmen, 'xlsx');
    expect(r.errors).toBe(0);
    expect(r.files.map((f) => f.name)).toEqual(['江财社〔2023〕16号.xlsx', '江财社〔2023〕1号.xlsx', '江财社〔2023〕2号.xlsx', '江财社〔2023〕3号.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes(r.files[1]!.base64) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const sums = cells.filter((c) => c.type === ExcelJS.ValueType.Formula && /^SUM\(/i.test(c.formula));
    expect(sums.length).toBeGreaterThan(0);
    // The cached value of the total is the source's total (合计 76,780,000 元).
    expect(sums.map((c) => (c.value as ExcelJS.CellFormulaValue).result)).toContain(76780000);
  });

  it('the Nanchang example has errors: refused without force, with a Chinese message giving the count', async () => {
    const r = await render(U.nanchang, 'xlsx');
    expect(r.files).toEqual([]);
    expect(r.errors).toBeGreaterThan(0);
    expect(r.message).toContain(`${r.errors} 个错误`);
    expect(r.message).toContain('未导出');
  });

  it('with force the Nanchang workbook is written: the total row holds the SUM and its true result', async () => {
    const r = await render(U.nanchang, 'xlsx', true);
    expect(r.errors).toBeGreaterThan(0);
    expect(r.files.map((f) => f.name)).toEqual(['洪财社指〔2022〕67号.xlsx']);
    expect(r.message).toContain('照原样导出');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes(r.files[0]!.base64) as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const total = cells.find((c) => c.type === ExcelJS.ValueType.Formula && /^SUM\(/i.test(c.formula) && (c.value as ExcelJS.CellFormulaValue).result === 908);
    expect(total, 'the 全年 total =SUM(…) with cached 908').toBeDefined();
  });

  it('docx: a zip holding the document XML with the title', async () => {
    const r = await render(U.nanchang, 'docx', true);
    const b = bytes(r.files[0]!.base64);
    expect(b.subarray(0, 2).toString('latin1')).toBe('PK');
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(b)).file('word/document.xml')!.async('string');
    expect(xml).toContain('医疗服务与保障能力提升补助资金');
  });

  it('html: the title escaped', async () => {
    const r = await render(U.hostile, 'html');
    expect(r.errors).toBe(0);
    expect(r.files.map((f) => f.name)).toEqual(['测财社〔2023〕5号.html']);
    const html = bytes(r.files[0]!.base64).toString('utf8');
    expect(html).toContain('关于&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;下达资金的通知');
    expect(html).not.toContain('<script>');
  });

  it('answers an error for a document the server does not have open, and for a bad format', async () => {
    await expect(render(uriOf('not-open.notice'), 'xlsx')).rejects.toThrow(/没有打开/);
    await expect(render(U.jiangmen, 'pdf')).rejects.toThrow(/format/);
  });
});

describe('notice/preview', () => {
  it('returns the page with the nonce and CSP, table rows carrying data-line', async () => {
    const csp = "default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123'; img-src data:";
    const p = await client.connection.sendRequest<PreviewResult>('notice/preview', { uri: U.nanchang, nonce: 'abc123', csp });
    expect(p.html).toContain('<style nonce="abc123">');
    expect(p.html).toContain('http-equiv="Content-Security-Policy"');
    expect(p.html).not.toMatch(/ style="/);
    expect(p.errors).toBeGreaterThan(0);
    expect(p.title).toBe('洪财社指〔2022〕67号');
    // The 南昌市合计 row points at its source line (0-based).
    const line = NANCHANG.split('\n').findIndex((l) => l.trim().startsWith('南昌市合计'));
    expect(p.html).toMatch(new RegExp(`<tr data-line="${line}"[^>]*>.*南昌市合计`));
    expect(p.body.startsWith('<article')).toBe(true);
    expect(p.body).not.toContain('<body>');
  });

  it('follows edits: the preview of the new version shows the new text, escaped', async () => {
    await client.replace(U.hostile, 2, HOSTILE.replace('测试表', '新<表>'));
    const p = await client.connection.sendRequest<PreviewResult>('notice/preview', { uri: U.hostile });
    expect(p.version).toBe(2);
    expect(p.body).toContain('新&lt;表&gt;');
    expect(p.html).toContain('关于&lt;script&gt;');
    expect(p.html).not.toContain('<script>');
  });
});

describe('base64 without Buffer (the web worker)', () => {
  it('encodes as Buffer does, for every length modulo 3', () => {
    const saved = globalThis.Buffer;
    try {
      for (const n of [0, 1, 2, 3, 4, 5, 255, 1000]) {
        const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
        (globalThis as { Buffer?: unknown }).Buffer = undefined;
        const ours = toBase64(bytes);
        (globalThis as { Buffer?: unknown }).Buffer = saved;
        expect(ours).toBe(saved.from(bytes).toString('base64'));
      }
    } finally {
      globalThis.Buffer = saved;
    }
  });
});

describe('in the web-worker bundle (no Buffer, no file system)', () => {
  const BUNDLE = join(ROOT, 'dist', 'server-browser.js');
  // A browser-like `self` over the thread's port; Node's Buffer and process hidden from the bundle.
  const SHIM = `
const { parentPort } = require('node:worker_threads');
const listeners = [];
globalThis.self = {
  postMessage: (m) => parentPort.postMessage(m),
  addEventListener: (type, f) => { if (type === 'message') listeners.push(f); },
  removeEventListener: () => {},
  set onmessage(f) { listeners.push(f); },
  importScripts: () => {}, // as in a real worker (polyfills look for it)
};
parentPort.on('message', (data) => { for (const f of listeners) if (typeof f === 'function') f({ data }); });
const code = require('node:fs').readFileSync(${JSON.stringify(BUNDLE)}, 'utf8');
globalThis.Buffer = undefined;
require('node:vm').runInThisContext(code);
`;
  let worker: Worker;
  const answers = new Map<number, { result?: unknown; error?: { message: string } }>();
  const ask = async (id: number, method: string, params: unknown): Promise<{ result?: unknown; error?: { message: string } }> => {
    worker.postMessage({ jsonrpc: '2.0', id, method, params });
    for (let i = 0; i < 3000 && !answers.has(id); i++) await new Promise((r) => setTimeout(r, 10));
    const a = answers.get(id);
    if (!a) throw new Error(`no answer to ${method}`);
    return a;
  };

  beforeAll(() => {
    ensureBuilt();
    worker = new Worker(SHIM, { eval: true });
    worker.on('message', (m: { id?: number; result?: unknown; error?: { message: string } }) => {
      if (typeof m.id === 'number') answers.set(m.id, m);
    });
  });
  afterAll(async () => {
    await worker?.terminate();
  });

  it('renders xlsx, docx and the preview', async () => {
    await ask(1, 'initialize', { processId: null, rootUri: null, capabilities: {} });
    worker.postMessage({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const uri = 'memfs:/jiangmen.notice';
    worker.postMessage({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'notice', version: 1, text: JIANGMEN } } });
    const x = await ask(2, 'notice/render', { uri, format: 'xlsx' });
    expect(x.error).toBeUndefined();
    const files = (x.result as RenderResult).files;
    expect(files).toHaveLength(4);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes(files[1]!.base64) as unknown as ArrayBuffer);
    const formulas: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && formulas.push(c.formula))));
    expect(formulas.some((f) => /^SUM\(/i.test(f))).toBe(true);
    const d = await ask(3, 'notice/render', { uri, format: 'docx' });
    expect(d.error).toBeUndefined();
    expect(bytes((d.result as RenderResult).files[0]!.base64).subarray(0, 2).toString('latin1')).toBe('PK');
    const p = await ask(4, 'notice/preview', { uri, nonce: 'n1' });
    expect((p.result as PreviewResult).html).toContain('<style nonce="n1">');
    expect((p.result as PreviewResult).body).toContain('data-line=');
  });
});
