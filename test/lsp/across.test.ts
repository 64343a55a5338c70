/**
 * The checks across notices in the language server: a notice is compared with the notices of
 * the workspace it cites, and editing a cited notice re-checks the notices that cite it, open
 * or never opened (workspace diagnostics).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, TestClient } from './harness.js';

const SET = join(ROOT, 'test', 'chain', 'nanchang');
let dir: string;
let client: TestClient;
let cityUri: string;
let earlierUri: string;
let earlier: string;

const across = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'already-issued' || d.code === 'from-above');

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'notice-across-'));
  for (const f of ['hcszh-2021-143.notice', 'hcszh-2022-27.notice', 'gcszh-2022-52.notice']) copyFileSync(join(SET, f), join(dir, f));
  copyFileSync(join(ROOT, 'examples', 'nanchang-hcszh-2022-67.notice'), join(dir, 'hcszh-2022-67.notice'));
  cityUri = pathToFileURL(join(dir, 'hcszh-2022-67.notice')).href;
  earlierUri = pathToFileURL(join(dir, 'hcszh-2022-27.notice')).href;
  earlier = readFileSync(join(dir, 'hcszh-2022-27.notice'), 'utf8');
  client = await TestClient.start({ workspaceFolders: [dir] });
});

afterAll(async () => {
  await client?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('checks across the notices of the workspace', () => {
  it('a never-opened notice that agrees with what it cites gets none; editing the cited notice re-checks it', async () => {
    // Workspace diagnostics of the closed 67号: its own (the published sum faults), none across notices.
    const first = await client.diagnostics(cityUri, (p) => p.diagnostics.some((d) => d.code === 'sum-mismatch'));
    expect(across(first)).toEqual([]);
    // 27号 gives 南昌县 500,000 元 instead of 480,000: 67号's 已下达 122 no longer holds.
    await client.open(earlierUri, earlier);
    await client.replace(earlierUri, 2, earlier.replace('480,000', '500,000'));
    const after = await client.diagnostics(cityUri, (p) => across(p).length > 0);
    const [d] = across(after);
    expect(d!.code).toBe('already-issued');
    expect(d!.message).toBe('“南昌县”已下达 122万元，与所引通知下达给它的 124万元 不符（差 -2）：洪财社指〔2021〕143号 74、洪财社指〔2022〕27号 50');
    expect(d!.relatedInformation!.map((r) => r.location.uri)).toEqual([pathToFileURL(join(dir, 'hcszh-2021-143.notice')).href, earlierUri]);
    expect(d!.relatedInformation![1]!.location.range.start.line).toBe(earlier.split('\n').findIndex((l) => l.includes('480,000')));
  });

  it('the open citing notice follows too, and the warning goes when the cited figure is put back', async () => {
    await client.open(cityUri, readFileSync(join(dir, 'hcszh-2022-67.notice'), 'utf8'));
    const open = await client.diagnostics(cityUri, (p) => p.version === 1 && across(p).length > 0);
    expect(across(open)[0]!.message).toContain('“南昌县”已下达 122万元');
    await client.replace(earlierUri, 3, earlier);
    const back = await client.diagnostics(cityUri, (p) => p.version === 1 && across(p).length === 0 && p !== open);
    expect(across(back)).toEqual([]);
  });
});

describe('notice/chain (the 资金链 view)', () => {
  it('answers the workspace\'s notices as a tree by 依据, with each link\'s figures', async () => {
    const roots = (await client.connection.sendRequest('notice/chain')) as { number?: string; children: { number?: string; above: { agrees: boolean }[]; already: { compared: number }[] }[] }[];
    const province = roots.find((r) => r.number === '赣财社指〔2022〕52号')!;
    expect(province.children.map((c) => c.number)).toEqual(['洪财社指〔2022〕67号']);
    expect(province.children[0]!.above.map((a) => a.agrees)).toEqual([true]);
    expect(province.children[0]!.already.map((a) => a.compared)).toEqual([13]);
  });
});

describe('notice.noticeFolders', () => {
  it('a folder of other notices outside the workspace is compared with, and its files\' own problems are not listed', async () => {
    const work = mkdtempSync(join(tmpdir(), 'notice-across-work-'));
    const others = mkdtempSync(join(tmpdir(), 'notice-across-others-'));
    const mismatch = join(ROOT, 'test', 'chain', 'mismatch');
    copyFileSync(join(mismatch, 'hcszh-2023-30.notice'), join(work, 'hcszh-2023-30.notice'));
    for (const f of ['hcszh-2023-5.notice', 'gcszh-2023-12.notice']) copyFileSync(join(mismatch, f), join(others, f));
    const c = await TestClient.start({ workspaceFolders: [work], settings: { noticeFolders: [others] } });
    try {
      const uri = pathToFileURL(join(work, 'hcszh-2023-30.notice')).href;
      const p = await c.diagnostics(uri, (x) => across(x).filter((d) => d.severity === 2).length === 2);
      expect(across(p).map((d) => d.code).sort()).toEqual(['already-issued', 'already-issued', 'from-above']);
      expect(c.published.some((x) => x.uri.startsWith(pathToFileURL(others).href))).toBe(false);
    } finally {
      await c.stop();
      rmSync(work, { recursive: true, force: true });
      rmSync(others, { recursive: true, force: true });
    }
  });
});
