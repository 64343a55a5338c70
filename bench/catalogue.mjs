// The user-catalogue benchmark: `node bench/catalogue.mjs` (options: --runs 15 --per 5000).
//
// Generates a year's 《政府收支分类科目》 table of full size (5,000 rows per classification,
// 20,000 in all: 收入 and 支出功能 as 类/款/项, the two economic classifications as 类/款),
// written as an XLSX workbook with exceljs (one sheet per classification, a title row above
// the header, codes stored as numbers) and as a UTF-8 CSV with a classification column.
// For each, in a fresh child process: `loadUserCatalogue` (bytes → catalogue layered over the
// shipped one, lookups ready) timed as the median of timed runs after warm-ups, a forced GC
// between runs; the peak heap during those runs (largest heap V8 reports before a GC,
// `--trace-gc`, or the heap at the end of a run with its result alive, whichever is larger)
// and the heap the loaded catalogue keeps (after a GC, minus the heap before loading);
// JSON.parse of the same rows as JSON as the machine-independent yardstick.
// Targets: load ≤ 200 ms, ≤ 20 MB. Merges its entries into bench/results.json
// (`suite: "catalogue-load"`, keyed by suite + rows + format; other entries are kept).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mergeResults } from './results.mjs';
import { bundle, median, options, round } from './util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const SUITE = 'catalogue-load';
const args = process.argv.slice(2);
const option = options(args);
const WARM = 5;
const TIMED = Number(option('--runs', 15));

// ---------------------------------------------------------------- child: load
if (args[0] === '--child-load') {
  const [, loaderPath, filePath, rowsArg] = args;
  const { loadUserCatalogue, shippedCatalogue } = await import(pathToFileURL(loaderPath).href);
  shippedCatalogue(); // built once per process by the core anyway: not the table's cost
  const bytes = new Uint8Array(readFileSync(filePath));
  const name = filePath.split('/').pop();
  let result = await loadUserCatalogue({ name, bytes });
  if (result.rows !== Number(rowsArg) || result.skipped.length > 0) {
    process.stdout.write(JSON.stringify({ error: `read ${result.rows} rows, ${result.skipped.length} skipped (expected ${rowsArg})` }) + '\n');
    process.exit(2);
  }
  // A lookup on every classification, so that lazily built indexes count.
  const probe = (r) => ['revenue', 'expFunc', 'govEco', 'depEco'].map((c) => r.catalogue.lookup(c, c === 'revenue' ? '1010101' : c === 'expFunc' ? '2010101' : c === 'govEco' ? '50101' : '30101', 2024).kind);
  if (probe(result).some((k) => k !== 'found')) {
    process.stdout.write(JSON.stringify({ error: `lookups failed: ${probe(result)}` }) + '\n');
    process.exit(2);
  }
  result = null;
  for (let i = 0; i < WARM; i++) probe(await loadUserCatalogue({ name, bytes }));
  globalThis.gc();
  const baseline = process.memoryUsage().heapUsed;
  process.stdout.write('TIMED-START\n');
  const times = [];
  let endHeap = 0;
  for (let i = 0; i < TIMED; i++) {
    result = null;
    globalThis.gc();
    const t0 = performance.now();
    result = await loadUserCatalogue({ name, bytes });
    probe(result);
    times.push(performance.now() - t0);
    endHeap = Math.max(endHeap, process.memoryUsage().heapUsed);
  }
  process.stdout.write('TIMED-END\n');
  // What a loaded table keeps: five kept alive at once, the heap growth divided by five
  // (one alone is within the noise of a single GC's accounting).
  result = null;
  globalThis.gc();
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const kept = [];
  for (let i = 0; i < 5; i++) {
    kept.push(await loadUserCatalogue({ name, bytes }));
    probe(kept[i]);
  }
  globalThis.gc();
  globalThis.gc();
  const retained = (process.memoryUsage().heapUsed - before) / kept.length;
  result = kept[0];
  process.stdout.write(JSON.stringify({ times, endHeap, baseline, retained, reader: result.format }) + '\n');
}
// ---------------------------------------------------------------- child: JSON.parse
else if (args[0] === '--child-json') {
  const json = readFileSync(args[1], 'utf8');
  for (let i = 0; i < WARM; i++) JSON.parse(json);
  const times = [];
  let data;
  for (let i = 0; i < TIMED; i++) {
    data = null;
    globalThis.gc();
    const t0 = performance.now();
    data = JSON.parse(json);
    times.push(performance.now() - t0);
  }
  if (!Array.isArray(data)) throw new Error('JSON yardstick: not an array');
  process.stdout.write(JSON.stringify({ times }) + '\n');
}
// ---------------------------------------------------------------- parent
else {
  const ExcelJS = (await import('exceljs')).default;
  const per = Number(option('--per', 5000));
  const dir = mkdtempSync(join(tmpdir(), 'notice-bench-cat-'));
  const loaderPath = join(dir, 'loader.mjs');
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `export { loadUserCatalogue } from ${JSON.stringify(join(root, 'server/src/catalogue/user/index.ts'))};\nexport { shippedCatalogue } from ${JSON.stringify(join(root, 'server/src/catalogue/budget.ts'))};\n`,
  );
  await bundle(entry, loaderPath, root);

  // ---- the generated table
  const WORDS = ['一般公共服务', '教育', '科学技术', '文化旅游', '社会保障', '卫生健康', '节能环保', '城乡社区', '农林水', '交通运输', '资源勘探', '商业服务', '金融', '自然资源', '住房保障', '粮油物资', '灾害防治', '债务付息'];
  const name = (i, level) => `${WORDS[i % WORDS.length]}${['类', '款', '项'][level]}科目${i}${level === 2 ? '支出' : ''}`;
  const CLASSES = [
    ['revenue', '收入分类', '1', 3],
    ['expFunc', '支出功能分类', '2', 3],
    ['govEco', '政府预算支出经济分类', '5', 2],
    ['depEco', '部门预算支出经济分类', '3', 2],
  ];
  /** rows of one classification: [code, name, level] */
  function table(first, depth) {
    const out = [];
    let n = 0;
    if (depth === 3) {
      // 50 类 × 9 款 × 10 项 + 50 + 450 = 5,000
      for (let l = 1; l <= 99 && out.length < per; l++) {
        const lei = first + String(l).padStart(2, '0');
        out.push([lei, name(n++, 0), 1]);
        for (let k = 1; k <= 9 && out.length < per; k++) {
          const kuan = lei + String(k).padStart(2, '0');
          out.push([kuan, name(n++, 1), 2]);
          for (let x = 1; x <= 10 && out.length < per; x++) out.push([kuan + String(x).padStart(2, '0'), name(n++, 2), 3]);
        }
      }
    } else {
      for (let l = 1; l <= 99 && out.length < per; l++) {
        const lei = first + String(l).padStart(2, '0');
        out.push([lei, name(n++, 0), 1]);
        for (let k = 1; k <= 99 && out.length < per; k++) out.push([lei + String(k).padStart(2, '0'), name(n++, 1), 2]);
      }
    }
    return out;
  }
  const wb = new ExcelJS.Workbook();
  const csv = ['科目类别,科目编码,科目名称,级次'];
  const json = [];
  let total = 0;
  for (const [, sheet, first, depth] of CLASSES) {
    const rows = table(first, depth);
    total += rows.length;
    const ws = wb.addWorksheet(sheet);
    ws.addRow(['2024年政府收支分类科目']);
    ws.addRow(['科目编码', '科目名称', '级次']);
    for (const [code, n, level] of rows) {
      ws.addRow([Number(code), n, level]);
      csv.push(`${sheet},${code},${n},${level}`);
      json.push([sheet, code, n, level]);
    }
  }
  const xlsxPath = join(dir, '2024年政府收支分类科目.xlsx');
  const csvPath = join(dir, '2024年政府收支分类科目.csv');
  const jsonPath = join(dir, 'rows.json');
  await wb.xlsx.writeFile(xlsxPath);
  writeFileSync(csvPath, csv.join('\r\n') + '\r\n');
  writeFileSync(jsonPath, JSON.stringify(json));

  const child = (childArgs, nodeFlags) => {
    const r = spawnSync(process.execPath, [...nodeFlags, fileURLToPath(import.meta.url), ...childArgs, '--runs', String(TIMED)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const lines = (r.stdout ?? '').split('\n');
    const line = lines.find((l) => l.startsWith('{'));
    if (!line) throw new Error(`benchmark child failed (${r.status}):\n${r.stderr}\n${(r.stdout ?? '').slice(-2000)}`);
    return { result: JSON.parse(line), lines };
  };

  const results = [];
  let failed = false;
  try {
    const yard = child(['--child-json', jsonPath], ['--expose-gc']);
    const jsonMs = median(yard.result.times);
    for (const [format, file] of [['xlsx', xlsxPath], ['csv', csvPath]]) {
      process.stderr.write(`${total} rows, ${format} (${(readFileSync(file).length / 1e6).toFixed(2)} MB): load … `);
      const run = child(['--child-load', loaderPath, file, String(total)], ['--expose-gc', '--trace-gc']);
      process.stderr.write('done\n');
      if (run.result.error) {
        console.error(`FAIL: ${run.result.error}`);
        failed = true;
        continue;
      }
      let gcPeak = 0;
      const from = run.lines.indexOf('TIMED-START');
      const to = run.lines.indexOf('TIMED-END');
      for (const l of run.lines.slice(from, to)) {
        const m = /: (?:Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact|Minor Mark-Sweep)[^\d]*([\d.]+) \([\d.]+\) -> /.exec(l);
        if (m) gcPeak = Math.max(gcPeak, Number(m[1]));
      }
      results.push({
        suite: SUITE,
        rows: total,
        format,
        medianMs: round(median(run.result.times), 2),
        jsonParseMedianMs: round(jsonMs, 2),
        peakHeapMB: round(Math.max(gcPeak, run.result.endHeap / 2 ** 20), 1),
        baselineHeapMB: round(run.result.baseline / 2 ** 20, 1),
        retainedMB: round(run.result.retained / 2 ** 20, 1),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log('\ncatalogue-load   rows   median ms   JSON.parse ms   peak heap MB   (before loading)   retained MB');
  for (const r of results) {
    console.log(`${r.format.padStart(14)}  ${String(r.rows).padStart(6)}  ${r.medianMs.toFixed(2).padStart(10)}  ${r.jsonParseMedianMs.toFixed(2).padStart(14)}  ${r.peakHeapMB.toFixed(1).padStart(13)}  ${r.baselineHeapMB.toFixed(1).padStart(17)}  ${r.retainedMB.toFixed(1).padStart(12)}`);
  }
  console.log('\ntargets:');
  for (const r of results) {
    const ok = r.medianMs <= 200;
    console.log(`  ${ok ? 'met   ' : 'MISSED'}  ${r.format} load ≤ 200 ms: ${r.medianMs} ms`);
    const okMem = r.retainedMB <= 20;
    console.log(`  ${okMem ? 'met   ' : 'MISSED'}  ${r.format} catalogue ≤ 20 MB: ${r.retainedMB} MB kept (peak heap during loads ${r.peakHeapMB} MB, ${round(r.peakHeapMB - r.baselineHeapMB, 1)} MB above the heap before loading)`);
    if (!ok || !okMem) failed = true;
  }

  mergeResults(results);
  console.log(`\nwrote ${join('bench', 'results.json')}`);
  if (failed) process.exitCode = 1;
}
