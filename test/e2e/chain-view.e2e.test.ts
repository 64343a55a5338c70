/**
 * The 资金链 view (client/src/chain.ts) as an official uses it, in code-server with the
 * packaged extension: a workspace holding a set of notices whose figures agree (province →
 * city → county, test/chain/nanchang with the Nanchang example) and one whose do not
 * (test/chain/mismatch). The tests open the view in the Explorer, read the tree it shows,
 * click its rows, edit a cited notice's figure in the editor and on disk, and read the tree
 * again; and open the view in a folder without notices. They share one window and run in order.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launch, screenshot } from './support/browser.js';
import { startCodeServer, type CodeServer, type WorkspaceCopy } from './support/code-server.js';
import { EXAMPLES, LANGPACK_VSIX, NANCHANG, ROOT, findVsix } from './support/paths.js';
import { pollUntil } from './support/poll.js';
import { SEL, gotoLine, openExplorerView, openWorkbench, quickOpen, runCommand, treeMessage, treeRows, type TreeRow } from './support/workbench.js';

const vsix = findVsix();
const VIEW = '资金链';
const SETS = join(ROOT, 'test/chain');
const CITED = 'gcszh-2023-12.notice';
const COUNTY = 'jxczs-2022-41.notice';

/** The first row whose label starts with `label`, else a failure listing what the view shows. */
function row(rows: TreeRow[], label: string): TreeRow {
  const found = rows.find((r) => r.label.startsWith(label));
  if (!found) throw new Error(`no row “${label}” in the view: ${JSON.stringify(rows, null, 1)}`);
  return found;
}

/** Polls the view until `ok` holds for its rows and message; returns the rows. */
async function waitForTree(pane: Locator, what: string, ok: (rows: TreeRow[], message: string) => boolean, timeoutMs = 30_000): Promise<TreeRow[]> {
  let last: { rows: TreeRow[]; message: string } = { rows: [], message: '' };
  try {
    return await pollUntil(what, timeoutMs, async () => {
      last = { rows: await treeRows(pane), message: await treeMessage(pane) };
      return ok(last.rows, last.message) && last.rows;
    }, 200);
  } catch (e) {
    throw new Error(`${(e as Error).message}\nthe view: ${JSON.stringify(last, null, 1)}`);
  }
}

/** The row of `label` in the view (a click target). */
function rowLocator(pane: Locator, label: string): Locator {
  return pane.locator('.monaco-list-row', { has: pane.page().locator('.label-name', { hasText: label }) }).first();
}

/**
 * Rests the mouse on a row until its tooltip (holding `showing`) shows, and returns the tooltip. A mouse already
 * resting there fires no new move: each try moves off the tree first, then onto the row.
 */
async function hoverRow(pane: Locator, label: string, showing = label): Promise<Locator> {
  const page = pane.page();
  const tip = page.locator('.monaco-hover').filter({ hasText: showing }).first();
  await pollUntil(`the tooltip of ${label}`, 30_000, async () => {
    const box = (await rowLocator(pane, label).locator('.label-name').boundingBox())!;
    await page.mouse.move(box.x + 900, box.y + box.height / 2);
    await page.mouse.move(box.x + Math.min(box.width, 120) / 2, box.y + box.height / 2, { steps: 3 });
    return tip.waitFor({ state: 'visible', timeout: 4_000 }).then(() => true, () => false);
  });
  return tip;
}

interface Session {
  cs: CodeServer;
  page: Page;
}

/**
 * One code-server with the packaged extension and one browser for the tests of a describe
 * block, over a workspace of `contents` (`prepare` adds to it before the window opens); a
 * screenshot after each test.
 */
function session(name: string, contents: WorkspaceCopy[], prepare?: (cs: CodeServer) => void): Session {
  const s = {} as Session & { browser: Browser };
  beforeAll(async () => {
    [s.cs, s.browser] = await Promise.all([startCodeServer({ name, extensions: [LANGPACK_VSIX, vsix!], locale: 'zh-cn', contents }), launch()]);
    prepare?.(s.cs);
    s.page = await openWorkbench(s.browser, s.cs.url);
  });
  afterEach(async (ctx) => {
    if (s.page) await screenshot(s.page, `${name}-${ctx.task.name}`);
  });
  afterAll(async () => {
    await s.browser?.close();
    await s.cs?.stop();
  });
  return s;
}

describe.skipIf(!vsix)('VS Code: the 资金链 view over a workspace of notices', () => {
  const s = session('vscode-chain', [
    { from: join(SETS, 'nanchang'), to: '相符' },
    { from: join(EXAMPLES, NANCHANG), to: `相符/${NANCHANG}` },
    { from: join(SETS, 'mismatch'), to: '不符' },
  ]);
  let pane: Locator;

  test('the view shows province → city → county, each link\'s figures, and marks what does not agree', async () => {
    pane = await openExplorerView(s.page, VIEW);
    // Above the tree, the summary `notice chain` prints for a folder.
    const rows = await waitForTree(pane, 'the tree of both sets and its summary', (rs, message) => rs.some((r) => r.label.startsWith('进财社〔2022〕41号')) && rs.some((r) => r.label.startsWith('洪财社指〔2023〕30号')) && message === '9 份通知，6 条链：2 处不相符');
    // The chains side by side: by 年度, then province before city, then by 文号.
    expect(rows.filter((r) => r.level === 1).map((r) => r.label)).toEqual(['洪财社指〔2021〕143号', '赣财社指〔2022〕52号', '洪财社指〔2022〕27号', '赣财社指〔2023〕12号', '洪财社指〔2023〕5号', '洪财社指〔2023〕31号']);

    // Province → city → county, each with its region and year; every link agrees.
    const province = row(rows, '赣财社指〔2022〕52号');
    const city = row(rows, '洪财社指〔2022〕67号');
    const county = row(rows, '进财社〔2022〕41号');
    expect([province, city, county].map((r) => [r.level, r.description])).toEqual([[1, '江西省 2022年'], [2, '南昌市 2022年'], [3, '进贤县 2022年']]);
    expect(rows.indexOf(province) < rows.indexOf(city) && rows.indexOf(city) < rows.indexOf(county)).toBe(true);
    expect([province.icon, city.icon, county.icon]).toEqual(['file', 'file', 'file']);
    // Each link: the verdict first (the side bar cuts off the end of long labels), then its figures.
    expect(row(rows, '相符：本级下达（中央） 166万元，上级下达本地区 赣财社指〔2022〕52号 166万元')).toMatchObject({ level: 3, icon: 'pass' });
    expect(row(rows, '相符：“已下达”与 洪财社指〔2021〕143号、洪财社指〔2022〕27号 相符（13 行）')).toMatchObject({ level: 3, icon: 'pass' });
    expect(row(rows, '相符：本级下达（中央） 20万元，上级下达本地区 洪财社指〔2022〕67号 20万元')).toMatchObject({ level: 4, icon: 'pass' });

    // The set that does not agree: the city's notice and both its links marked, the province's too.
    expect(row(rows, '赣财社指〔2023〕12号')).toMatchObject({ level: 1, description: '江西省 2023年 下级 2 处不符', icon: 'warning' });
    expect(row(rows, '洪财社指〔2023〕30号')).toMatchObject({ level: 2, description: '南昌市 2023年 2 处不符', icon: 'warning' });
    expect(row(rows, '不符：本级下达（中央） 130万元，上级下达本地区 赣财社指〔2023〕12号 125万元')).toMatchObject({ level: 3, icon: 'error' });
    expect(row(rows, '不符：“已下达”与 洪财社指〔2023〕5号 有 1 行不符：南昌县 70（应为 72）')).toMatchObject({ level: 3, icon: 'error' });
    expect(row(rows, '未核对：“已下达”：所引 洪财社指〔2023〕8号 不在工作区中，未核对')).toMatchObject({ level: 2, icon: 'question' });

    // The end of a long label is cut off in the side bar; its tooltip holds it whole.
    const tip = await hoverRow(pane, '不符：本级下达（中央） 130万元');
    expect(await tip.innerText()).toContain('不符：本级下达（中央） 130万元，上级下达本地区 赣财社指〔2023〕12号 125万元');
    // A notice's tooltip: its title, issuer and state, and where its file is.
    const noticeTip = await hoverRow(pane, '洪财社指〔2023〕30号', '南昌市财政局，2 处不符');
    expect((await noticeTip.innerText()).split('\n').map((l) => l.trim()).filter(Boolean)).toEqual(['南昌市财政局关于下达2023年医疗救助补助资金的通知', '南昌市财政局，2 处不符', '不符/hcszh-2023-30.notice']);
  });

  test('a click on a notice, or on one of its links, opens that notice', async () => {
    await rowLocator(pane, '洪财社指〔2023〕30号').click();
    await s.page.locator(SEL.activeTab, { hasText: 'hcszh-2023-30.notice' }).waitFor({ state: 'visible' });
    await rowLocator(pane, '相符：本级下达（中央） 20万元').click();
    await s.page.locator(SEL.activeTab, { hasText: COUNTY }).waitFor({ state: 'visible' });
    await s.page.locator(`${SEL.editor} .view-line`, { hasText: '进财社〔2022〕41号' }).first().waitFor({ state: 'visible' });
  });

  test('editing the cited notice\'s figure: the link agrees as soon as the edit is checked, and after saving', async () => {
    await quickOpen(s.page, CITED);
    const text = readFileSync(join(s.cs.workspace, '不符', CITED), 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /^\s+南昌市\s+125$/.test(l)) + 1;
    // Select 125 and type 130 over it, as an official corrects the province's figure.
    await gotoLine(s.page, line, lines[line - 1]!.indexOf('125') + 1);
    await s.page.keyboard.press('Shift+End');
    await s.page.keyboard.type('130');
    const agreed = (rs: TreeRow[], message: string) =>
      rs.some((r) => r.label === '相符：本级下达（中央） 130万元，上级下达本地区 赣财社指〔2023〕12号 130万元' && r.icon === 'pass') && message === '9 份通知，6 条链：1 处不相符';
    let rows = await waitForTree(pane, 'the corrected link agreeing (unsaved)', agreed);
    expect(row(rows, '洪财社指〔2023〕30号').description).toBe('南昌市 2023年 1 处不符');
    await s.page.keyboard.press('Control+S');
    await pollUntil('the file saved', 10_000, () => readFileSync(join(s.cs.workspace, '不符', CITED), 'utf8').includes('南昌市      130'));
    // The title button asks again; the tree stays as it is on disk now.
    await pane.hover();
    await pane.locator('.pane-header .action-label.codicon-refresh').click();
    rows = await waitForTree(pane, 'the corrected link agreeing (saved, refreshed)', agreed);
    expect(row(rows, '赣财社指〔2023〕12号').description).toBe('江西省 2023年 下级 1 处不符');
  });

  test('a notice changed on disk (not open): the view shows its new figure and that it no longer agrees', async () => {
    await runCommand(s.page, 'View: Close All Editors');
    const file = join(s.cs.workspace, '相符', COUNTY);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(合计\s+)20/, '$121').replace(/(县医疗保障局\s+)8/, '$19'));
    const rows = await waitForTree(pane, 'the county\'s link not agreeing', (rs, message) => rs.some((r) => r.label === '不符：本级下达（中央） 21万元，上级下达本地区 洪财社指〔2022〕67号 20万元' && r.icon === 'error') && message === '9 份通知，6 条链：2 处不相符');
    expect(row(rows, '进财社〔2022〕41号')).toMatchObject({ level: 3, description: '进贤县 2022年 1 处不符', icon: 'warning' });
    expect(row(rows, '赣财社指〔2022〕52号')).toMatchObject({ description: '江西省 2022年 下级 1 处不符', icon: 'warning' });
  });
});

describe.skipIf(!vsix)('VS Code: the 资金链 view in a folder without notices', () => {
  // A folder with something in it, but no notice (the Explorer lists the workspace once it has a file).
  const s = session('vscode-chain-empty', [], (cs) => writeFileSync(join(cs.workspace, '说明.txt'), '本文件夹用于存放通知。\n'));

  test('the view says there is no notice, and shows the first one written into the folder', async () => {
    const pane = await openExplorerView(s.page, VIEW);
    await waitForTree(pane, 'the message of an empty workspace', (rs, message) => rs.length === 0 && message === '工作区中没有通知（.notice 文件）');
    writeFileSync(join(s.cs.workspace, CITED), readFileSync(join(SETS, 'mismatch', CITED), 'utf8'));
    const rows = await waitForTree(pane, 'the new notice in the view, and the summary above it', (rs, message) => rs.some((r) => r.label === '赣财社指〔2023〕12号') && message === '1 份通知，1 条链：各环都相符（或无可核对的数）');
    expect(row(rows, '赣财社指〔2023〕12号')).toMatchObject({ level: 1, description: '江西省 2023年', icon: 'file' });
  });
});
