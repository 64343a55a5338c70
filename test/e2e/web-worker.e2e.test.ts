/**
 * The web extension's server: dist/server-browser.js in a dedicated web worker in headless
 * Chromium (a test page served from 127.0.0.1) publishes the same diagnostics for the
 * Nanchang example as the Node server (dist/server.cjs) does.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { launch, screenshot } from './support/browser.js';
import { CLIENT_CAPABILITIES, diagnosticKey, startNodeServer } from './support/lsp-node.js';
import { ROOT, SERVER_BROWSER, SERVER_NODE, need } from './support/paths.js';
import { lineIndexOf, nanchangText } from './support/text.js';

const URI = 'file:///workspace/nanchang-hcszh-2022-67.notice';
let http: Server;
let base: string;
let browser: Browser;
let page: Page;
let web: Diagnostic[];
let node: Diagnostic[];

beforeAll(async () => {
  need(SERVER_BROWSER, 'the browser bundle of the server (npm run build)');
  need(SERVER_NODE, 'the bundled language server (npm run build)');
  const files: Record<string, [string, string]> = {
    '/': [join(ROOT, 'test/e2e/web/index.html'), 'text/html; charset=utf-8'],
    '/server-browser.js': [SERVER_BROWSER, 'text/javascript; charset=utf-8'],
  };
  http = createServer((req, res) => {
    const f = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[1] }).end(readFileSync(f[0]));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  browser = await launch();
  page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base);
  const text = nanchangText();
  const t0 = Date.now();
  // runServer is defined by the test page (test/e2e/web/index.html).
  type RunServer = (uri: string, text: string, caps: unknown) => Promise<{ diagnostics: Diagnostic[] }>;
  const r = await page.evaluate(([uri, text, caps]) => (globalThis as unknown as { runServer: RunServer }).runServer(uri, text, caps), [URI, text, CLIENT_CAPABILITIES] as const);
  console.log(`web worker: diagnostics after ${Date.now() - t0} ms`);
  web = r.diagnostics;
  const server = await startNodeServer(SERVER_NODE);
  try {
    node = await server.diagnose(URI, text);
  } finally {
    await server.stop();
  }
});
afterEach(async (ctx) => {
  if (page) await screenshot(page, `web-worker-${ctx.task.name}`);
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => http?.close(r));
});

test('web worker: the browser bundle publishes the sum-mismatch', () => {
  const line = lineIndexOf(nanchangText(), '南昌市合计');
  const sums = web.filter((d) => d.code === 'sum-mismatch');
  expect(sums.length).toBeGreaterThan(0);
  for (const d of sums) expect(d.range.start.line).toBe(line);
});

test('web worker: the same diagnostics as the Node server', () => {
  expect(web.length).toBeGreaterThan(0);
  expect(web.map(diagnosticKey).sort()).toEqual(node.map(diagnosticKey).sort());
});
