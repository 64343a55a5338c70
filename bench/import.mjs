// The import benchmark (`npm run bench` runs it; alone: node bench/import.mjs [--sizes 1000,3400,10000] [--runs 5]).
//
// For each size, the generated national table (bench/generate.mjs) is checked, rendered to
// .xlsx by our Excel renderer (totals as SUM formulas with cached values, 栏组, the 栏次 row,
// indented names), and written to a temporary file. Then, each in a fresh child process:
// - *import*: `importFile(name, bytes)` (exceljs reading the workbook, the table, nesting
//   and formatting the .notice text), warm-up runs, then the median of timed runs;
// - *yardstick*: exceljs reading the same workbook into plain arrays of cell values
//   (`workbook.xlsx.load`, then every row's `values`), no inference, timed the same way;
// - *peak heap*: one import from a collected heap (`--expose-gc`), the largest heap seen by a
//   sampler plus the heap at the end, whichever is larger.
// Timings in rounds (every size, then again), each number the median of the rounds. Targets,
// printed not asserted: import within 2× the yardstick, peak heap ≤ 400 MB, growth from
// 1,000 to 10,000 rows ≤ 12×. Merges the `import` entries into bench/results.json.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mergeResults } from './results.mjs';
import { median, options, runChild } from './util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const SUITE = 'import';
const args = process.argv.slice(2);
const option = options(args);
const runsFor = (rows) => {
  const timed = Number(option('--runs', 0));
  return rows <= 1000 ? [3, timed || 9] : rows <= 3400 ? [2, timed || 7] : [1, timed || 5];
};

if (args[0] === '--child-import' || args[0] === '--child-yardstick') {
  const [mode, corePath, file, rowsArg] = args;
  const bytes = new Uint8Array(readFileSync(file));
  const { importFile, readValues } = await import(pathToFileURL(corePath).href);
  const once = async () => (mode === '--child-import' ? importFile('bench.xlsx', bytes) : readValues(bytes));
  const [warm, timed] = runsFor(Number(rowsArg));
  let result = await once();
  if (mode === '--child-import' && !result.ok) throw new Error(result.message);
  for (let i = 0; i < warm; i++) {
    result = null;
    result = await once();
  }
  const times = [];
  for (let i = 0; i < timed; i++) {
    result = null;
    const t0 = performance.now();
    result = await once();
    times.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify({ times, rows: mode === '--child-import' ? result.rows : result.length }) + '\n');
} else if (args[0] === '--child-heap') {
  const [, corePath, file] = args;
  const bytes = new Uint8Array(readFileSync(file));
  const { importFile } = await import(pathToFileURL(corePath).href);
  globalThis.gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  // The import awaits (inflating the zip, exceljs's streams), so a sampler sees its heap between steps.
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const result = await importFile('bench.xlsx', bytes);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  process.stdout.write(JSON.stringify({ peak, base, ok: result.ok }) + '\n');
} else {
  const { build } = await import('esbuild');
  const { generate } = await import('./generate.mjs');
  const sizes = option('--sizes', '1000,3400,10000').split(',').map(Number);
  const rounds = Number(option('--rounds', 3));
  const dir = mkdtempSync(join(tmpdir(), 'notice-bench-import-'));
  const entry = join(dir, 'entry.ts');
  // The importer as the CLI bundles it, the renderer to make the workbooks, and the
  // yardstick's reading with the same exceljs.
  writeFileSync(
    entry,
    [
      `export { importFile } from ${JSON.stringify(join(root, 'server/src/import/index.ts'))};`,
      `export { checkText } from ${JSON.stringify(join(root, 'server/src/checks/index.ts'))};`,
      `export { renderXlsx } from ${JSON.stringify(join(root, 'server/src/render/xlsx.ts'))};`,
      `import ExcelJS from 'exceljs';`,
      `export async function readValues(bytes) {`,
      `  const wb = new ExcelJS.Workbook();`,
      `  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));`,
      `  const out = [];`,
      `  for (const ws of wb.worksheets) ws.eachRow({ includeEmpty: true }, (row) => out.push(row.values.map((v) => (v && typeof v === 'object' && 'result' in v ? v.result : v))));`,
      `  return out;`,
      `}`,
    ].join('\n'),
  );
  const corePath = join(dir, 'core.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: corePath,
    absWorkingDir: root,
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const core = await import(pathToFileURL(corePath).href);
  const files = new Map();
  for (const rows of sizes) {
    const { text } = generate(rows);
    const { model } = core.checkText(text);
    const file = join(dir, `t${rows}.xlsx`);
    writeFileSync(file, await core.renderXlsx(model, model.notices[0]));
    files.set(rows, file);
  }
  const child = (childArgs, flags = []) => runChild(fileURLToPath(import.meta.url), childArgs, flags);
  const timings = new Map(sizes.map((s) => [s, { imp: [], yard: [] }]));
  for (let round = 1; round <= rounds; round++) {
    for (const rows of sizes) {
      const imp = child(['--child-import', corePath, files.get(rows), String(rows)]);
      const yard = child(['--child-yardstick', corePath, files.get(rows), String(rows)]);
      timings.get(rows).imp.push(median(imp.times));
      timings.get(rows).yard.push(median(yard.times));
      console.log(`round ${round}  ${String(rows).padStart(6)} rows: import ${median(imp.times).toFixed(0)} ms (${imp.rows} rows written), yardstick ${median(yard.times).toFixed(0)} ms`);
    }
  }
  const results = [];
  for (const rows of sizes) {
    const heap = child(['--child-heap', corePath, files.get(rows)], ['--expose-gc']);
    const t = timings.get(rows);
    results.push({ suite: SUITE, rows, format: 'xlsx', medianMs: +median(t.imp).toFixed(1), yardstickMs: +median(t.yard).toFixed(1), peakHeapMB: +(heap.peak / 2 ** 20).toFixed(1) });
  }
  console.log('\nimport (xlsx)   rows   import ms   exceljs ms   ratio (≤ 2×)   peak heap MB (≤ 400)');
  for (const r of results) {
    const ratio = r.medianMs / r.yardstickMs;
    console.log(
      `${String(r.rows).padStart(20)}  ${r.medianMs.toFixed(0).padStart(10)}  ${r.yardstickMs.toFixed(0).padStart(11)}  ${ratio.toFixed(2).padStart(6)} ${ratio <= 2 ? 'PASS' : 'MISS'}   ${r.peakHeapMB.toFixed(0).padStart(8)} ${r.peakHeapMB <= 400 ? 'PASS' : 'MISS'}`,
    );
  }
  const a = results.find((r) => r.rows === 1000);
  const b = results.find((r) => r.rows === 10000);
  if (a && b) console.log(`growth 1,000 → 10,000 rows: ${(b.medianMs / a.medianMs).toFixed(1)}× (≤ 12×) ${b.medianMs / a.medianMs <= 12 ? 'PASS' : 'MISS'}`);
  mergeResults(results);
  rmSync(dir, { recursive: true, force: true });
  console.log(`\nwrote ${join('bench', 'results.json')}`);
}
