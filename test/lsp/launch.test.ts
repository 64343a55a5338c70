/**
 * The server as the VS Code extension starts it: dist/server-launch.cjs, which loads
 * dist/server.cjs with V8's code cache in the folder NOTICE_CODE_CACHE names. The cache is
 * written once the server has run a while, used by the next start, and a cache that is not
 * V8's (damaged, or of another bundle) is replaced without the server noticing.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ROOT, TestClient, example, uriOf } from './harness.js';

const LAUNCHER = join(ROOT, 'dist', 'server-launch.cjs');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the launcher, checks the Nanchang example (its two published errors), and stops it after `runMs`. */
async function session(cache: string | undefined, runMs: number): Promise<void> {
  const client = await TestClient.start({ entry: LAUNCHER, ...(cache ? { env: { NOTICE_CODE_CACHE: cache } } : {}) });
  try {
    expect(client.initializeResult?.serverInfo?.name).toBe('notice-language-server');
    const uri = uriOf('launch-nanchang.notice');
    await client.open(uri, example('nanchang-hcszh-2022-67.notice'));
    const d = await client.diagnostics(uri);
    expect(d.diagnostics.filter((x) => x.code === 'sum-mismatch')).toHaveLength(2);
    await pause(runMs);
  } finally {
    await client.stop();
  }
}

describe('the launcher', () => {
  it('writes the code cache once the server has run a while, starts from it, and replaces a damaged one', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notice-code-cache-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const cache = join(dir, 'code-cache');
    // A server stopped at once writes nothing; one that ran for 6 s has written its cache.
    await session(cache, 0);
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
    await session(cache, 6000);
    const files = readdirSync(cache);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^server-[0-9a-f]{32}\.cache$/);
    expect(readFileSync(join(cache, files[0]!)).length).toBeGreaterThan(100_000);
    const made = statSync(join(cache, files[0]!)).mtimeMs;
    // The next start reads it (V8 accepts it: nothing is written again).
    await session(cache, 6000);
    expect(statSync(join(cache, files[0]!)).mtimeMs).toBe(made);
    // A damaged cache: V8 rejects it, the server runs as without one, and the cache is made again.
    writeFileSync(join(cache, files[0]!), 'not a code cache');
    await session(cache, 6000);
    expect(readFileSync(join(cache, files[0]!)).length).toBeGreaterThan(100_000);
  });

  it('without NOTICE_CODE_CACHE it starts the server as it is', { timeout: 30_000 }, async () => {
    await session(undefined, 0);
  });
});
