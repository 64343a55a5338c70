// The editor's numbers, measured through the bundled language server over stdio as a client
// sees them (issue 4): `node dist/server.cjs --stdio` spawned as a child process and spoken to
// with vscode-languageserver-protocol's node connection.
//
//   cold start   spawn → the `initialize` answer (median of 10 spawns) as VS Code starts it:
//                dist/server-launch.cjs with NOTICE_CODE_CACHE, the cache made by one first
//                start that ran long enough to write it (server/src/lsp/launch.ts); and
//                `node dist/server.cjs` without the cache (lsp-cold-start-no-code-cache)
//   The server is started as the VS Code extension starts it (node --max-semi-space-size=32,
//   see client/src/extension.ts); the edit series is also run on plain `node dist/server.cjs`
//   (the notice-language-server bin, other editors) as lsp-edit-to-diagnostics-plain-node.
//   edit         a one-character didChange in a 10,000-row notice (bench/generate.mjs) → the
//                publishDiagnostics of that version (median and 90th percentile of 50 edits
//                at 25 county rows spread over the table: a digit typed into the row's first
//                number, then deleted again)
//   hover        on a total's number (sums of its parts), median of 30
//   completion   at a county's name (region names under its city), median of 30
//   formatting   the whole document, median of 10
//
// Targets (issue 4, tightened by issue 11): edit → diagnostics median ≤ 20 ms and p90 ≤ 40 ms; hover and completion
// ≤ 20 ms; formatting ≤ 150 ms; cold start ≤ 200 ms. Entries are merged into
// bench/results.json by suite + rows (other suites' entries are kept).
//
// Peak heap: the server process is started with this file as an `--import` preload
// (NOTICE_LSP_BENCH_HEAP_FILE set), which samples `heapUsed` every 2 ms and writes the
// largest value seen when the server exits. Cold-start spawns run without it.
//
// Run: npm run build && node bench/lsp.mjs   (flags: --rows N, --edits N)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mergeResults } from './results.mjs';
import { SERVER_FLAGS } from './util.mjs';

const HEAP_FILE = process.env.NOTICE_LSP_BENCH_HEAP_FILE;

if (HEAP_FILE) {
  // ---- preload mode: inside the server process
  let peak = 0;
  const sample = () => {
    const h = process.memoryUsage().heapUsed;
    if (h > peak) peak = h;
  };
  setInterval(sample, 2).unref();
  process.on('exit', () => {
    sample();
    writeFileSync(HEAP_FILE, String(peak));
  });
} else {
  await main();
}

async function main() {
  const {
    createProtocolConnection,
    CompletionRequest,
    DidChangeTextDocumentNotification,
    DidOpenTextDocumentNotification,
    DocumentFormattingRequest,
    ExitNotification,
    HoverRequest,
    InitializedNotification,
    InitializeRequest,
    PublishDiagnosticsNotification,
    ShutdownRequest,
    StreamMessageReader,
    StreamMessageWriter,
  } = await import('vscode-languageserver-protocol/node');
  const { generate } = await import('./generate.mjs');

  const here = dirname(fileURLToPath(import.meta.url));
  const root = join(here, '..');
  const SERVER = join(root, 'dist', 'server.cjs');
  // What the VS Code extension starts: the same bundle loaded with V8's code cache (server/src/lsp/launch.ts).
  const LAUNCHER = join(root, 'dist', 'server-launch.cjs');
  if (!existsSync(SERVER)) {
    console.error('dist/server.cjs is missing: run `npm run build` first');
    process.exit(2);
  }
  const option = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
  };
  const ROWS = option('--rows', 10000);
  const VSCODE_FLAGS = SERVER_FLAGS;
  const EDITS = option('--edits', 50);
  const now = () => performance.now();

  const CAPABILITIES = {
    workspace: { configuration: true },
    textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, hover: { contentFormat: ['markdown'] } },
  };

  /** Starts a server; resolves when it answered `initialize`, with the time that took. */
  async function start(flags = [], env = {}, entry = SERVER) {
    const t0 = now();
    const child = spawn(process.execPath, [...flags, ...(env.NOTICE_LSP_BENCH_HEAP_FILE ? ['--import', pathToFileURL(fileURLToPath(import.meta.url)).href] : []), entry, '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const waiters = [];
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      for (const w of [...waiters]) w(p);
    });
    connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('window/showMessage', () => undefined);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: CAPABILITIES });
    const initMs = now() - t0;
    await connection.sendNotification(InitializedNotification.type, {});
    /** Resolves with the first publish for `uri` at `version` (or any version when undefined). */
    const published = (uri, version) =>
      new Promise((resolve) => {
        const w = (p) => {
          if (p.uri !== uri || (version !== undefined && p.version !== version)) return;
          waiters.splice(waiters.indexOf(w), 1);
          resolve(p);
        };
        waiters.push(w);
      });
    const stop = async () => {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
      } catch {
        child.kill();
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      connection.dispose();
      child.kill();
    };
    return { connection, initMs, published, stop };
  }

  const median = (xs) => quantile(xs, 0.5);
  function quantile(xs, q) {
    const s = [...xs].sort((a, b) => a - b);
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
  }
  const round = (x, places = 2) => (x === null ? null : Math.round(x * 10 ** places) / 10 ** places);
  const pause = (ms) => new Promise((r) => setTimeout(r, ms));

  // ---- cold start: as VS Code starts the server (the launcher, its code cache made by a first
  // start that ran long enough to write it), and the bundle alone (the bin, other editors).
  process.stderr.write('cold start … ');
  const cacheDir = mkdtempSync(join(tmpdir(), 'notice-lsp-code-cache-'));
  const asVsCode = { NOTICE_CODE_CACHE: cacheDir };
  {
    const s = await start(VSCODE_FLAGS, asVsCode, LAUNCHER);
    await pause(6500);
    await s.stop();
  }
  if (readdirSync(cacheDir).length === 0) console.error('warning: the first start wrote no code cache');
  const cold = [];
  const coldPlain = [];
  for (let i = 0; i < 10; i++) {
    const s = await start(VSCODE_FLAGS, asVsCode, LAUNCHER);
    cold.push(s.initMs);
    await s.stop();
    const p = await start(VSCODE_FLAGS);
    coldPlain.push(p.initMs);
    await p.stop();
  }
  rmSync(cacheDir, { recursive: true, force: true });
  process.stderr.write(`${median(cold).toFixed(1)} ms (without the code cache ${median(coldPlain).toFixed(1)} ms)\n`);

  // ---- a 10,000-row notice
  const gen = generate(ROWS);
  const text = gen.text;
  const lines = text.split('\n');
  const dir = mkdtempSync(join(tmpdir(), 'notice-lsp-bench-'));
  const heapFile = join(dir, 'heap');
  const uri = pathToFileURL(join(dir, 'generated.notice')).href;

  // County rows (8 spaces of indentation), 25 spread over the table; in each, the last digit of the first number.
  const county = [];
  for (let i = 0; i < lines.length; i++) if (/^ {8}\S/.test(lines[i])) county.push(i);
  const picks = [];
  const nRows = Math.max(1, Math.floor(EDITS / 2));
  for (let k = 0; k < nRows; k++) picks.push(county[Math.floor(((k + 0.5) * county.length) / nRows)]);
  const digitAt = (line) => {
    const m = /\s(-?[\d,]+\.\d+)/.exec(lines[line]);
    return m.index + m[0].length - 1;
  };

  /** A server with the notice open, after the edit series: the series' times, and the server for more requests. */
  async function editSession(flags, env = {}) {
    const s = await start(flags, env);
    const { connection } = s;
    let version = 1;
    const t0 = now();
    const first = s.published(uri, version);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'notice', version, text } });
    const opened = await first;
    const openMs = now() - t0;

    /** One change: `removed` characters at (line, character) replaced by `newText`. */
    async function edit(line, character, removed, newText) {
      version++;
      const v = version;
      const done = s.published(uri, v);
      const t = now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line, character }, end: { line, character: character + removed } }, rangeLength: removed, text: newText }],
      });
      await done;
      return now() - t;
    }
    // Typing: a digit typed into the row's first number (every total above it and its formula
    // cell no longer add up), then deleted again. Both are one-character edits that shift
    // everything after them, as typing does.
    const typeAndDelete = async (line) => {
      const c = digitAt(line);
      const a = await edit(line, c, 0, '7');
      await pause(15);
      const b = await edit(line, c, 1, '');
      await pause(15);
      return [a, b];
    };
    // Warm-up: a few edits the measurement does not count (the JIT's first compilations).
    for (let k = 0; k < 3; k++) await typeAndDelete(county[k * 7 + 1]);
    const editMs = [];
    for (const line of picks) editMs.push(...(await typeAndDelete(line)));
    return { s, connection, openMs, opened, editMs };
  }

  // The server as the VS Code extension starts it (client/src/extension.ts), and as plain `node dist/server.cjs` (the bin, other editors).
  process.stderr.write(`${gen.rows} rows, plain node: edits … `);
  const plain = await editSession([]);
  await plain.s.stop();
  process.stderr.write(`median ${median(plain.editMs).toFixed(1)} ms; as VS Code starts it: edits … `);
  const { s, connection, openMs, opened, editMs } = await editSession(VSCODE_FLAGS, { NOTICE_LSP_BENCH_HEAP_FILE: heapFile });
  process.stderr.write(`median ${median(editMs).toFixed(1)} ms; hover, completion, formatting … `);

  // ---- hover on a city total's first number; completion at a county's name
  const cityLine = lines.findIndex((l, i) => i > lines.length / 2 && /^ {6}\S/.test(l));
  const cityNumber = /\s(-?[\d,]+\.\d+)/.exec(lines[cityLine]);
  const hoverPos = { line: cityLine, character: cityNumber.index + 2 };
  // A county of the list's first pass (names without the `（2）` suffix) under a city that is not 市辖区, so there are regions to offer.
  const parentOf = (line) => {
    let p = line;
    while (p > 0 && !/^ {6}\S/.test(lines[p])) p--;
    return lines[p].trim().split(/\s+/)[0];
  };
  const countyLine =
    county.slice(Math.floor(county.length / 6)).find((l) => !lines[l].includes('（') && !/市辖区|（/.test(parentOf(l))) ?? county[Math.floor(county.length / 2)];
  const countyName = /^ {8}(\S+)/.exec(lines[countyLine]);
  const completionPos = { line: countyLine, character: 8 + Math.min(2, countyName[1].length) };
  const timed = async (n, f) => {
    const out = [];
    for (let i = 0; i < n + 3; i++) {
      const t = now();
      await f();
      if (i >= 3) out.push(now() - t);
    }
    return out;
  };
  let hoverAnswer;
  const hoverMs = await timed(30, async () => {
    hoverAnswer = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: hoverPos });
  });
  let completionAnswer;
  const completionMs = await timed(30, async () => {
    completionAnswer = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: completionPos });
  });
  let formatAnswer;
  const formatMs = await timed(10, async () => {
    formatAnswer = await connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  });
  process.stderr.write('done\n');
  await s.stop();
  const peakHeapMB = existsSync(heapFile) ? Number(readFileSync(heapFile, 'utf8')) / 2 ** 20 : null;
  rmSync(dir, { recursive: true, force: true });
  if (!hoverAnswer) console.error('warning: the hover answered nothing');
  if (!completionAnswer || (completionAnswer.items ?? completionAnswer).length === 0) console.error('warning: the completion offered nothing');

  // ---- table
  const rows = [
    { suite: 'lsp-edit-to-diagnostics', label: 'edit → diagnostics', xs: editMs, targets: [['median', 20], ['p90', 40]] },
    { suite: 'lsp-edit-to-diagnostics-plain-node', label: 'edit → diagnostics (plain node)', xs: plain.editMs, targets: [['median', 20], ['p90', 40]], noHeap: true },
    { suite: 'lsp-hover', label: 'hover', xs: hoverMs, targets: [['median', 20]] },
    { suite: 'lsp-completion', label: 'completion', xs: completionMs, targets: [['median', 20]] },
    { suite: 'lsp-formatting', label: 'formatting (whole document)', xs: formatMs, targets: [['median', 150]] },
    { suite: 'lsp-cold-start', label: 'cold start → initialize answer', xs: cold, targets: [['median', 200]] },
    { suite: 'lsp-cold-start-no-code-cache', label: 'cold start, no code cache', xs: coldPlain, targets: [['median', 200]], noHeap: true },
  ];
  console.log(`\nLanguage server over stdio, ${gen.rows}-row notice (${(text.length / 1e6).toFixed(2)} M characters); open → first diagnostics ${openMs.toFixed(0)} ms`);
  console.log(`(edits as the VS Code extension runs the server: node ${VSCODE_FLAGS.join(' ')} dist/server.cjs --stdio, which it starts through dist/server-launch.cjs with the code cache; "plain node": node dist/server.cjs --stdio, as the notice-language-server bin runs it)`);
  console.log(`${'measure'.padEnd(32)} ${'n'.padStart(3)} ${'median'.padStart(9)} ${'p90'.padStart(9)}  target                 result`);
  let missed = 0;
  for (const r of rows) {
    const m = median(r.xs);
    const p = quantile(r.xs, 0.9);
    const verdicts = r.targets.map(([k, limit]) => ({ k, limit, ok: (k === 'median' ? m : p) <= limit }));
    missed += verdicts.filter((v) => !v.ok).length;
    const target = verdicts.map((v) => `${v.k} ≤ ${v.limit} ms`).join(', ');
    const result = verdicts.map((v) => (v.ok ? 'PASS' : 'MISS')).join(', ');
    console.log(`${r.label.padEnd(32)} ${String(r.xs.length).padStart(3)} ${`${m.toFixed(1)} ms`.padStart(9)} ${`${p.toFixed(1)} ms`.padStart(9)}  ${target.padEnd(22)} ${result}`);
  }
  const offered = completionAnswer ? (completionAnswer.items ?? completionAnswer).length : 0;
  console.log(`(hover: ${hoverAnswer ? `${hoverAnswer.contents.value.length} characters` : 'nothing'}; completion: ${offered} items; formatting: ${formatAnswer?.length ?? 0} edits)`);
  console.log(`(server peak heap during the ${gen.rows}-row session: ${peakHeapMB === null ? 'n/a' : `${peakHeapMB.toFixed(1)} MB`}, sampled every 2 ms)`);

  // ---- bench/results.json: merge by suite + rows
  const results = rows.map((r) => ({
    suite: r.suite,
    rows: r.suite.startsWith('lsp-cold-start') ? 0 : gen.rows,
    medianMs: round(median(r.xs)),
    p90Ms: round(quantile(r.xs, 0.9)),
    jsonParseMedianMs: null,
    peakHeapMB: r.suite.startsWith('lsp-cold-start') || r.noHeap ? null : round(peakHeapMB, 1),
  }));
  mergeResults(results);
  console.log(`wrote ${join('bench', 'results.json')}${missed > 0 ? ` (${missed} target${missed > 1 ? 's' : ''} missed)` : ''}`);
}
