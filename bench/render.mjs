// The renderers at national scale (issue 15): `node bench/render.mjs` (part of `npm run bench`;
// options: --sizes 3400,10000 --runs N --big 200000 --edits N).
//
// For each size (bench/generate.mjs's national table: 3,400 rows, one a county, and 10,000) and
// each format (docx, xlsx, html), in a fresh child process each:
//   ours        the notice rendered as `notice render` renders it (layout + renderer) and the
//               bytes written to disk; the model is built once before the timed runs (parse and
//               check are the `parse+check` suite's);
//   yardstick   the same library writing a bare table of the same cells and writing it to
//               disk: `docx` a Table of plain cells (one paragraph, one run each), exceljs a
//               worksheet of `addRow`s, for HTML a plain string join of `<tr><td>…`; no styles,
//               no merged cells, no header;
// a warm-up run, then the median of the timed runs, and the peak memory of the child over its
// timed runs (the growth of its resident set above what it held before them, `maxRSS`).
// Ours and the yardstick run one after the other for each format and size, in rounds, so a
// ratio compares numbers measured close together in time.
//
// Then the editor's preview: the bundled language server (dist/server.cjs, as VS Code starts it)
// with the 3,400-row notice open; a one-character edit (a digit typed into a county's number,
// then deleted) followed at once by `notice/preview`, the time from the edit to the page's
// body's arrival (`bodyOnly`, as the client asks for an update), median over the edits (the
// client's own 250 ms debounce is not counted).
//
// And 200,000 rows, once per format: it must render, or be refused with a message, never crash.
//
// Targets (printed, never asserted): at 10,000 rows Word and Excel within 2× their yardstick's
// time and memory, HTML within 5×; growth 3,400 → 10,000 ≤ 3.5×; preview update ≤ 150 ms median.
// Results are merged into bench/results.json (suite `render`, with `format`; suite
// `render-preview`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mergeResults } from './results.mjs';
import { SERVER_FLAGS, bundle, median, options, round } from './util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const option = options(args);
const FORMATS = ['docx', 'xlsx', 'html'];

// ---------------------------------------------------------------- child: one format, ours or the yardstick
if (args[0] === '--child') {
  const [, corePath, textPath, jsonPath, format, kind, runsArg, outDir] = args;
  const runs = Number(runsArg);
  const core = await import(pathToFileURL(corePath).href);
  const require = createRequire(join(root, 'package.json'));
  const out = join(outDir, `${kind}.${format}`);
  let job;
  if (kind === 'ours') {
    const { model } = core.checkText(readFileSync(textPath, 'utf8'));
    const notice = model.notices[0];
    job = async () => writeFileSync(out, await core.renderNotice(model, notice, format));
  } else {
    const rows = JSON.parse(readFileSync(jsonPath, 'utf8')).map((r) => r.map((c) => String(c)));
    if (format === 'docx') {
      const { Document, Packer, Paragraph, Table, TableRow, TableCell, TextRun } = require('docx');
      job = async () => {
        const table = new Table({ rows: rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun(c)] })] })) })) });
        writeFileSync(out, new Uint8Array(await Packer.toArrayBuffer(new Document({ sections: [{ children: [table] }] }))));
      };
    } else if (format === 'xlsx') {
      const ExcelJS = require('exceljs');
      job = async () => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('表');
        for (const r of rows) ws.addRow(r);
        writeFileSync(out, new Uint8Array(await wb.xlsx.writeBuffer()));
      };
    } else {
      const e = (s) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
      job = async () => writeFileSync(out, `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n')}</table>`);
    }
  }
  await job(); // warm-up
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await job();
    times.push(performance.now() - t0);
  }
  const peakMB = Math.max(0, process.resourceUsage().maxRSS * 1024 - base) / 2 ** 20;
  process.stdout.write(JSON.stringify({ times, peakMB }) + '\n');
}
// ---------------------------------------------------------------- child: 200,000 rows, once
else if (args[0] === '--child-big') {
  const [, corePath, textPath, format, outDir] = args;
  const core = await import(pathToFileURL(corePath).href);
  const { model } = core.checkText(readFileSync(textPath, 'utf8'));
  const t0 = performance.now();
  try {
    const bytes = await core.renderNotice(model, model.notices[0], format);
    writeFileSync(join(outDir, `big.${format}`), bytes);
    process.stdout.write(JSON.stringify({ ok: true, ms: performance.now() - t0, bytes: bytes.length }) + '\n');
  } catch (err) {
    process.stdout.write(JSON.stringify({ ok: false, refused: err instanceof core.RenderRefusal, message: String(err?.message ?? err) }) + '\n');
  }
}
// ---------------------------------------------------------------- parent
else {
  const { generate } = await import('./generate.mjs');
  const sizes = option('--sizes', '3400,10000').split(',').map(Number);
  const rounds = Number(option('--rounds', 2));
  const big = Number(option('--big', 200000));
  const dir = mkdtempSync(join(tmpdir(), 'notice-render-bench-'));
  const corePath = join(dir, 'core.mjs');
  // The core and the renderers as the CLI bundles them, with the CLI's own renderNotice.
  writeFileSync(
    join(dir, 'entry.ts'),
    [
      `export { checkText } from ${JSON.stringify(join(root, 'server/src/checks/index.ts'))};`,
      `export { renderNotice } from ${JSON.stringify(join(root, 'server/src/cli/render.ts'))};`,
      `export { RenderRefusal } from ${JSON.stringify(join(root, 'server/src/render/limits.ts'))};`,
    ].join('\n'),
  );
  await bundle(join(dir, 'entry.ts'), corePath, root);
  const child = (childArgs, flags = ['--expose-gc']) => {
    const r = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), ...childArgs], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('{'));
    if (!line) return { crashed: true, status: r.status, signal: r.signal, stderr: (r.stderr ?? '').split('\n').slice(-6).join('\n') };
    return JSON.parse(line);
  };

  const results = [];
  const measured = new Map();
  try {
    const files = new Map();
    for (const rows of sizes) {
      const gen = generate(rows);
      const textPath = join(dir, `rows-${rows}.notice`);
      const jsonPath = join(dir, `rows-${rows}.json`);
      writeFileSync(textPath, gen.text);
      writeFileSync(jsonPath, gen.json);
      files.set(rows, { textPath, jsonPath });
    }
    for (let k = 0; k < rounds; k++) {
      for (const rows of sizes) {
        const { textPath, jsonPath } = files.get(rows);
        const runs = String(Number(option('--runs', 0)) || (rows <= 4000 ? 5 : 3));
        for (const format of FORMATS) {
          const key = `${format}:${rows}`;
          if (!measured.has(key)) measured.set(key, { ours: [], yard: [], oursMB: [], yardMB: [] });
          const m = measured.get(key);
          for (const kind of ['ours', 'yardstick']) {
            process.stderr.write(`round ${k + 1}/${rounds}, ${rows} rows, ${format} ${kind} … `);
            const r = child(['--child', corePath, textPath, jsonPath, format, kind, runs, dir]);
            if (r.crashed) throw new Error(`${format} ${kind} at ${rows} rows crashed (${r.status ?? r.signal}):\n${r.stderr}`);
            process.stderr.write(`${median(r.times).toFixed(0)} ms\n`);
            m[kind === 'ours' ? 'ours' : 'yard'].push(median(r.times));
            m[kind === 'ours' ? 'oursMB' : 'yardMB'].push(r.peakMB);
          }
        }
      }
    }
    for (const [key, m] of measured) {
      const [format, rows] = key.split(':');
      results.push({
        suite: 'render',
        format,
        rows: Number(rows),
        medianMs: round(median(m.ours), 1),
        yardstickMs: round(median(m.yard), 1),
        peakMB: round(median(m.oursMB), 1),
        yardstickPeakMB: round(median(m.yardMB), 1),
      });
    }

    // ---- 200,000 rows: renders or is refused with a message
    const bigResults = [];
    if (big > 0) {
      const textPath = join(dir, `rows-${big}.notice`);
      writeFileSync(textPath, generate(big).text);
      for (const format of FORMATS) {
        process.stderr.write(`${big} rows, ${format} … `);
        const r = child(['--child-big', corePath, textPath, format, dir], ['--max-old-space-size=4096']);
        const outcome = r.crashed ? `CRASHED (${r.status ?? r.signal}) ${r.stderr}` : r.ok ? `rendered in ${(r.ms / 1000).toFixed(1)} s (${(r.bytes / 2 ** 20).toFixed(1)} MB)` : r.refused ? `refused: ${r.message}` : `FAILED: ${r.message}`;
        process.stderr.write(`${outcome}\n`);
        bigResults.push({ format, outcome, ok: !r.crashed && (r.ok || r.refused) });
        results.push({ suite: 'render-200k', format, rows: big, outcome: r.crashed ? 'crashed' : r.ok ? 'rendered' : r.refused ? 'refused' : 'failed', ...(r.ok ? { ms: Math.round(r.ms) } : {}), ...(r.message ? { message: r.message } : {}) });
      }
    }

    // ---- the preview through the language server
    const preview = await previewBench(generate(3400).text, Number(option('--edits', 20)));
    results.push({ suite: 'render-preview', rows: 3400, medianMs: round(preview.median, 1), p90Ms: round(preview.p90, 1), openMs: round(preview.open, 1) });

    // ---- report
    console.log('');
    console.log(`render (layout + renderer + write to disk) on ${process.version}, ${process.arch}; median over ${rounds} rounds of each child's median`);
    console.log('format     rows   ours ms   yardstick ms   ×time   ours MB   yardstick MB   ×memory');
    for (const r of results.filter((x) => x.suite === 'render')) {
      console.log(
        `${r.format.padEnd(6)} ${String(r.rows).padStart(8)}  ${r.medianMs.toFixed(0).padStart(8)}  ${r.yardstickMs.toFixed(0).padStart(13)}  ${(r.medianMs / r.yardstickMs).toFixed(2).padStart(6)}  ${r.peakMB.toFixed(0).padStart(8)}  ${r.yardstickPeakMB.toFixed(0).padStart(13)}  ${(r.peakMB / Math.max(1, r.yardstickPeakMB)).toFixed(2).padStart(8)}`,
      );
    }
    for (const b of bigResults) console.log(`${big} rows ${b.format}: ${b.outcome}`);
    console.log(`preview update after a one-character edit, 3,400 rows: median ${preview.median.toFixed(1)} ms, p90 ${preview.p90.toFixed(1)} ms (open: ${preview.open.toFixed(0)} ms)`);
    console.log('');
    console.log('targets (measured, not asserted):');
    const target = (label, value, ok) => console.log(`  ${ok ? 'PASS' : 'MISS'}  ${label}: ${value}`);
    const at = (format, rows) => results.find((x) => x.suite === 'render' && x.format === format && x.rows === rows);
    for (const format of FORMATS) {
      const r = at(format, 10000);
      const s = at(format, 3400);
      const limit = format === 'html' ? 5 : 2;
      if (r) {
        target(`${format} 10,000 rows within ${limit}× the yardstick's time`, `${(r.medianMs / r.yardstickMs).toFixed(2)}×`, r.medianMs <= limit * r.yardstickMs);
        // Memory is compared where the yardstick's own peak is measurable (a plain join needs next to none).
        if (format !== 'html') target(`${format} 10,000 rows within ${limit}× the yardstick's memory`, `${(r.peakMB / Math.max(1, r.yardstickPeakMB)).toFixed(2)}×`, r.peakMB <= limit * Math.max(1, r.yardstickPeakMB));
      }
      if (r && s) target(`${format} growth 3,400 → 10,000 rows ≤ 3.5×`, `${(r.medianMs / s.medianMs).toFixed(2)}×`, r.medianMs / s.medianMs <= 3.5);
    }
    for (const b of bigResults) target(`${big} rows ${b.format} renders or is refused with a message`, b.outcome.slice(0, 80), b.ok);
    target('preview update at 3,400 rows ≤ 150 ms median', `${preview.median.toFixed(1)} ms`, preview.median <= 150);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  mergeResults(results);
  console.log(`\nwrote ${join('bench', 'results.json')}`);
}

/** `notice/preview` right after a one-character edit, through the bundled language server over stdio. */
async function previewBench(text, edits) {
  const SERVER = join(root, 'dist', 'server.cjs');
  if (!existsSync(SERVER)) throw new Error('dist/server.cjs is missing: run `npm run build` first');
  const { createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter } = await import('vscode-languageserver-protocol/node');
  // As the VS Code extension starts it (SERVER_NODE_FLAGS in client/src/extension.ts).
  const server = spawn(process.execPath, [...SERVER_FLAGS, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.onRequest('workspace/semanticTokens/refresh', () => null);
  connection.onNotification('textDocument/publishDiagnostics', () => undefined);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
  await connection.sendNotification(InitializedNotification.type, {});
  const uri = pathToFileURL(join(tmpdir(), 'notice-preview-bench.notice')).href;
  const lines = text.split('\n');
  const county = [];
  for (let i = 0; i < lines.length; i++) if (/^ {8}\S/.test(lines[i])) county.push(i);
  let version = 1;
  const t0 = performance.now();
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'notice', version, text } });
  const first = await connection.sendRequest('notice/preview', { uri, nonce: 'bench' });
  if (!first || typeof first.html !== 'string') throw new Error('notice/preview gave no page');
  const open = performance.now() - t0;
  const times = [];
  for (let k = 0; k < edits; k++) {
    const line = county[Math.floor(((k + 0.5) * county.length) / edits)];
    const m = /\s(-?[\d,]+\.\d+)/.exec(lines[line]);
    const character = m.index + m[0].length;
    for (const change of [{ removed: 0, text: '7' }, { removed: 1, text: '' }]) {
      version++;
      const t = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character: character + change.removed } }, rangeLength: change.removed, text: change.text }],
      });
      const r = await connection.sendRequest('notice/preview', { uri, nonce: 'bench', bodyOnly: true });
      if (r.version !== version) throw new Error(`preview of version ${r.version}, expected ${version}`);
      times.push(performance.now() - t);
    }
  }
  try {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  } catch {
    // The server is killed below either way.
  }
  connection.dispose();
  server.kill();
  const s = [...times].sort((a, b) => a - b);
  return { median: median(times), p90: s[Math.floor(0.9 * (s.length - 1))], open };
}
