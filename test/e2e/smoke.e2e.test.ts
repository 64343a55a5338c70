/**
 * The harness itself: code-server starts, the workbench loads in headless Chromium, a file
 * of the examples workspace opens. Needs no extension.
 */
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, screenshot } from './support/browser.js';
import { startCodeServer, type CodeServer } from './support/code-server.js';
import { LANGPACK_VSIX, NANCHANG } from './support/paths.js';
import { lineText, gotoLine, openWorkbench, quickOpen } from './support/workbench.js';

let cs: CodeServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [cs, browser] = await Promise.all([startCodeServer({ name: 'smoke', extensions: [LANGPACK_VSIX], locale: 'zh-cn' }), launch()]);
});
afterEach(async (ctx) => {
  if (page) await screenshot(page, `smoke-${ctx.task.name}`);
});
afterAll(async () => {
  await browser?.close();
  await cs?.stop();
});

test('code-server shows the examples workspace and opens a file', async () => {
  const t0 = Date.now();
  page = await openWorkbench(browser, cs.url);
  const up = Date.now() - t0;
  await quickOpen(page, NANCHANG);
  await gotoLine(page, 43, 1);
  expect(await lineText(page, 43)).toMatch(/^\s*南昌市合计\s+907\s+741\s+166$/);
  console.log(`workbench up in ${up} ms, file open after ${Date.now() - t0} ms`);
});
