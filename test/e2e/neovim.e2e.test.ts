/**
 * Neovim (Debian's 0.7, headless, no user config) with its built-in LSP client started on
 * the bundled server over stdio (`node bin/notice-language-server.js --stdio`, which loads
 * dist/server.cjs): the Nanchang example gets its sum-mismatch at the 南昌市合计
 * line, and textDocument/formatting returns edits that align the table.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { E2E, EXAMPLES, NANCHANG, RESULTS, ROOT, SERVER_BIN, SERVER_NODE, need } from './support/paths.js';
import { cellRightEdges, lineIndexOf, nanchangText } from './support/text.js';

interface NvimDiagnostic { lnum: number; col: number; end_lnum: number; end_col: number; severity: number; message: string; code?: string; source?: string }
interface NvimResult {
  diagnostics: NvimDiagnostic[];
  formatting?: { edits: { range: unknown; newText: string }[] | null };
  formatted?: string[];
  error?: string;
  log: string[];
}

const dir = join(E2E, 'run', 'neovim');
let result: NvimResult;
let elapsed = 0;

function runNvim(server: string): NvimResult {
  rmSync(dir, { recursive: true, force: true });
  const ws = join(dir, 'workspace');
  mkdirSync(ws, { recursive: true });
  // The example with one row pushed out of line (as an edit leaves it), so formatting has work to do.
  const source = readFileSync(join(EXAMPLES, NANCHANG), 'utf8').replace(/^(\s+南昌县\s+)148/m, '$1   148');
  writeFileSync(join(ws, NANCHANG), source);
  const out = join(dir, 'out.json');
  const xdg = (k: string) => join(dir, 'xdg', k);
  const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(ROOT, 'test/e2e/neovim/lsp-check.lua')}`], {
    cwd: ws,
    encoding: 'utf8',
    timeout: 90_000,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: xdg('config'), XDG_DATA_HOME: xdg('data'), XDG_STATE_HOME: xdg('state'), XDG_CACHE_HOME: xdg('cache'),
      NOTICE_SERVER: server, NOTICE_FILE: join(ws, NANCHANG), NOTICE_OUT: out, NOTICE_ROOT: ws,
    },
  });
  if (r.error) throw r.error;
  let text: string;
  try {
    text = readFileSync(out, 'utf8');
  } catch {
    throw new Error(`nvim wrote no result (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'neovim-result.json'), text);
  return JSON.parse(text) as NvimResult;
}

beforeAll(() => {
  need(SERVER_NODE, 'the bundled language server (npm run build)');
  const t0 = Date.now();
  // The server as README tells other editors to start it: notice-language-server --stdio.
  result = runNvim(need(SERVER_BIN, 'the notice-language-server bin'));
  elapsed = Date.now() - t0;
});
afterAll(() => console.log(`neovim session: ${elapsed} ms`));

test('neovim: the server starts and nothing failed', () => {
  expect(result.error).toBeUndefined();
});

test('neovim: sum-mismatch at the 南昌市合计 line', () => {
  const text = nanchangText();
  const line = lineIndexOf(text, '南昌市合计');
  const lineText = text.split('\n')[line]!;
  const sums = result.diagnostics.filter((d) => d.code === 'sum-mismatch');
  expect(sums.length).toBeGreaterThan(0);
  for (const d of sums) {
    expect(d.lnum).toBe(line);
    expect(d.severity).toBe(1); // vim.diagnostic.severity.ERROR
    expect(d.message).toMatch(/合计 .* ≠ 各项之和/);
  }
  // The first column's total, 907: Neovim counts columns in bytes.
  const first = sums.find((d) => /907/.test(d.message))!;
  expect(first.col).toBe(Buffer.byteLength(lineText.slice(0, lineText.indexOf('907'))));
  expect(first.end_col - first.col).toBe(3);
});

test('neovim: textDocument/formatting returns whitespace edits that align the table', () => {
  const edits = result.formatting?.edits ?? [];
  expect(edits.length).toBeGreaterThan(0);
  // Each edit is a run of blanks (Neovim, too, keeps the cursor where the text did not move).
  for (const e of edits) expect(e.newText).toMatch(/^ *$/);
  const rows = cellRightEdges(result.formatted!, '南昌市合计');
  expect(rows.length).toBe(14);
  for (const r of rows) expect(r).toEqual(rows[0]);
});
