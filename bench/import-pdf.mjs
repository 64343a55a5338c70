// The PDF import benchmark (`npm run bench` runs it; alone: node bench/import-pdf.mjs [--sizes 3400,10000] [--runs 3]).
//
// For each size, the generated national table (bench/generate.mjs) is rendered to HTML by our
// renderer and printed to PDF by Chromium (the PDF a browser's 打印 gives: ruled table, names
// indented, a few hundred pages). Then, each in a fresh child process:
// - *import*: `importFile(name, bytes)` (pdfjs reading every page's text and drawing, the
//   grids, the table and its nesting, the formatted .notice text), one warm-up run, then the
//   median of timed runs;
// - *yardstick*: pdfjs alone reading the same file's text layer and operator list of every
//   page (what any reader of a ruled PDF table must get from it), timed the same way.
// Target, printed not asserted: import within 2× the yardstick. Without Chromium the suite
// says so and measures nothing. Merges the `import` entries of format `pdf` into bench/results.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mergeResults } from './results.mjs';
import { bundle, median, options, runChild } from './util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const option = options(args);

if (args[0] === '--child-import' || args[0] === '--child-yardstick') {
  const [mode, corePath, file, runs] = args;
  const bytes = new Uint8Array(readFileSync(file));
  const { importFile, readPages } = await import(pathToFileURL(corePath).href);
  const once = async () => (mode === '--child-import' ? importFile('bench.pdf', bytes) : readPages(bytes));
  let result = await once();
  if (mode === '--child-import' && !result.ok) throw new Error(result.message);
  const times = [];
  for (let i = 0; i < Number(runs); i++) {
    result = null;
    const t0 = performance.now();
    result = await once();
    times.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify({ times, rows: mode === '--child-import' ? result.rows : result }) + '\n');
} else {
  const which = (cmd) => {
    const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : undefined;
  };
  const chrome = process.env.CHROME ?? which('chromium') ?? which('chromium-browser') ?? which('google-chrome');
  if (!chrome) {
    console.log('import (pdf): Chromium is not installed (apt-get install chromium fonts-noto-cjk): nothing measured');
    process.exit(0);
  }
  const { generate } = await import('./generate.mjs');
  const sizes = option('--sizes', '3400,10000').split(',').map(Number);
  const runs = Number(option('--runs', 3));
  const dir = mkdtempSync(join(tmpdir(), 'notice-bench-import-pdf-'));
  const entry = join(dir, 'entry.ts');
  // The importer as the CLI bundles it, the HTML renderer to make the pages, and the
  // yardstick's reading with the same pdfjs.
  writeFileSync(
    entry,
    [
      `export { importFile } from ${JSON.stringify(join(root, 'server/src/import/index.ts'))};`,
      `export { checkText } from ${JSON.stringify(join(root, 'server/src/checks/index.ts'))};`,
      `export { renderHtml } from ${JSON.stringify(join(root, 'server/src/render/html.ts'))};`,
      `export async function readPages(bytes) {`,
      // Loaded as server/src/import/pdf.ts loads it: a DOMMatrix stand-in first, the worker's code
      // in this thread, the built-ins its core-js replaces put back (the same speed for both).
      `  globalThis.DOMMatrix ??= class DOMMatrixUnused {};`,
      `  const push = Object.getOwnPropertyDescriptor(Array.prototype, 'push');`,
      `  const parse = Object.getOwnPropertyDescriptor(JSON, 'parse');`,
      `  const stringify = Object.getOwnPropertyDescriptor(JSON, 'stringify');`,
      `  const pdfjs = await import(${JSON.stringify(join(root, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs'))});`,
      `  globalThis.pdfjsWorker ??= await import(${JSON.stringify(join(root, 'node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs'))});`,
      `  Object.defineProperty(Array.prototype, 'push', push);`,
      `  Object.defineProperty(JSON, 'parse', parse);`,
      `  Object.defineProperty(JSON, 'stringify', stringify);`,
      `  const doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;`,
      `  let items = 0;`,
      `  for (let p = 1; p <= doc.numPages; p++) {`,
      `    const page = await doc.getPage(p);`,
      `    items += (await page.getTextContent()).items.length + (await page.getOperatorList()).fnArray.length;`,
      `  }`,
      `  await doc.destroy();`,
      `  return items;`,
      `}`,
    ].join('\n'),
  );
  const corePath = join(dir, 'core.mjs');
  await bundle(entry, corePath, root);
  const core = await import(pathToFileURL(corePath).href);
  const files = new Map();
  for (const rows of sizes) {
    const { text } = generate(rows);
    const { model } = core.checkText(text);
    const html = join(dir, `t${rows}.html`);
    const pdf = join(dir, `t${rows}.pdf`);
    writeFileSync(html, core.renderHtml(model, model.notices[0]));
    const t0 = performance.now();
    const r = spawnSync(chrome, ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, pathToFileURL(html).href], { encoding: 'utf8', timeout: 1_200_000 });
    if (r.status !== 0 || !existsSync(pdf)) throw new Error(`Chromium did not print the ${rows}-row table:\n${r.stderr}`);
    console.log(`${String(rows).padStart(6)} rows printed by Chromium in ${((performance.now() - t0) / 1000).toFixed(0)} s (${(readFileSync(pdf).length / 2 ** 20).toFixed(1)} MB)`);
    files.set(rows, pdf);
  }
  const child = (childArgs) => runChild(fileURLToPath(import.meta.url), childArgs);
  const results = [];
  for (const rows of sizes) {
    const imp = child(['--child-import', corePath, files.get(rows), String(runs)]);
    const yard = child(['--child-yardstick', corePath, files.get(rows), String(runs)]);
    console.log(`${String(rows).padStart(6)} rows: import ${median(imp.times).toFixed(0)} ms (${imp.rows} rows written), yardstick ${median(yard.times).toFixed(0)} ms`);
    results.push({ suite: 'import', rows, format: 'pdf', medianMs: +median(imp.times).toFixed(1), yardstickMs: +median(yard.times).toFixed(1) });
  }
  console.log('\nimport (pdf)    rows   import ms   pdfjs ms   ratio (≤ 2×)');
  for (const r of results) {
    const ratio = r.medianMs / r.yardstickMs;
    console.log(`${String(r.rows).padStart(20)}  ${r.medianMs.toFixed(0).padStart(10)}  ${r.yardstickMs.toFixed(0).padStart(9)}  ${ratio.toFixed(2).padStart(6)} ${ratio <= 2 ? 'PASS' : 'MISS'}`);
  }
  mergeResults(results);
  rmSync(dir, { recursive: true, force: true });
  console.log(`\nwrote ${join('bench', 'results.json')}`);
}
