// The benchmark: `npm run bench` (options: --sizes 1000,10000 --runs 15 --rounds 3 --core bundle.mjs).
//
// For each size (1,000, 10,000 and 100,000 table rows, from bench/generate.mjs):
// - verifies the generated text checks with zero diagnostics (exits non-zero if not);
// - times parse + check (`checkText`, the core's front door) in a fresh child process:
//   warm-up runs, then the median of timed runs, in steady state (as an editor re-checks a
//   document: each run drops the previous result, and pays for the GC its garbage causes);
// - records the peak heap of one run in another fresh child (`--expose-gc --trace-gc`):
//   the code is warmed up on a small document, the heap collected, then one run of the
//   full text; the peak is the largest heap V8 reports before any GC during it, or the heap
//   at its end (result alive), whichever is larger, the input text (one string) included;
// - times `JSON.parse` of the same rows as JSON (an array of rows of strings and numbers)
//   in a third fresh child, the same way, as a yardstick that does not depend on the machine;
// the timings in rounds (every size, then again), each number the median over the rounds;
// then prints a table with the targets met or missed and merges the numbers into
// bench/results.json (entries of other suites, and of sizes not run, are kept).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mergeResults } from './results.mjs';
import { SERVER_FLAGS, bundle, median, options, round } from './util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const SUITE = 'parse+check';

const args = process.argv.slice(2);
const option = options(args);

/**
 * Runs per size: [warm-up, timed]. The warm-up is long enough for V8 to have grown its young
 * generation to the size it keeps: before that (the first 20–30 runs at 10,000 rows) a run
 * writes fresh pages and is about twice as slow, and the median said more about the warm-up
 * than about the steady state an editor re-checks in (bench/README.md, 2026-12-04).
 */
function runsFor(rows) {
  const timed = Number(option('--runs', 0));
  if (rows <= 1000) return [20, timed || 31];
  if (rows <= 10000) return [40, timed || 61];
  return [8, timed || 21];
}


// ---------------------------------------------------------------- child: parse+check time
if (args[0] === '--child-check') {
  const [, corePath, textPath, rowsArg] = args;
  const rows = Number(rowsArg);
  const { checkText } = await import(pathToFileURL(corePath).href);
  const text = readFileSync(textPath, 'utf8');
  let result = checkText(text);
  if (result.diagnostics.length > 0) {
    const shown = result.diagnostics.slice(0, 5).map((d) => `  ${d.code} @${d.span.start}: ${d.message}`).join('\n');
    process.stdout.write(JSON.stringify({ error: `${result.diagnostics.length} diagnostics on the generated ${rows}-row text:\n${shown}` }) + '\n');
    process.exitCode = 2;
  } else {
    // Steady state, as an editor re-checks a document: the previous result is dropped
    // before each run, and each run pays for the garbage collection it causes.
    const [warm, timed] = runsFor(rows);
    for (let i = 0; i < warm; i++) {
      result = null;
      result = checkText(text);
    }
    const times = [];
    for (let i = 0; i < timed; i++) {
      result = null;
      const t0 = performance.now();
      result = checkText(text);
      times.push(performance.now() - t0);
    }
    process.stdout.write(JSON.stringify({ times, diagnostics: result.diagnostics.length }) + '\n');
  }
}
// ---------------------------------------------------------------- child: parse+check heap
else if (args[0] === '--child-heap') {
  // One run from a collected heap, after warming the code up on a small document (so
  // that V8 has compiled it, and the warm-up's own heap stays far below the run's).
  const [, corePath, textPath] = args;
  const { checkText } = await import(pathToFileURL(corePath).href);
  const { generate } = await import('./generate.mjs');
  const small = generate(1000).text;
  for (let i = 0; i < 20; i++) checkText(small);
  const text = readFileSync(textPath, 'utf8');
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const result = checkText(text);
  const after = process.memoryUsage().heapUsed;
  globalThis.gc();
  const retained = process.memoryUsage().heapUsed;
  process.stdout.write(JSON.stringify({ before, after, retained, diagnostics: result.diagnostics.length }) + '\n');
}
// ---------------------------------------------------------------- child: JSON.parse
else if (args[0] === '--child-json') {
  const [, jsonPath, rowsArg] = args;
  const rows = Number(rowsArg);
  const json = readFileSync(jsonPath, 'utf8');
  const [warm, timed] = runsFor(rows);
  let data = JSON.parse(json);
  if (!Array.isArray(data) || data.length !== rows) throw new Error('JSON yardstick: wrong row count');
  // The same steady state as parse+check.
  for (let i = 0; i < warm; i++) {
    data = null;
    data = JSON.parse(json);
  }
  const times = [];
  for (let i = 0; i < timed; i++) {
    data = null;
    const t0 = performance.now();
    data = JSON.parse(json);
    times.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify({ times }) + '\n');
}
// ---------------------------------------------------------------- parent
else {
  const { generate } = await import('./generate.mjs');
  const sizes = option('--sizes', '1000,3400,10000,100000').split(',').map(Number);
  const rounds = Number(option('--rounds', 3));
  const dir = mkdtempSync(join(tmpdir(), 'notice-bench-'));
  // `--core bundle.mjs` measures another build of the core (one exporting `checkText`),
  // e.g. an older commit's, for a before/after comparison; results.json is then left alone.
  const otherCore = option('--core', undefined);
  const corePath = otherCore ? resolve(otherCore) : join(dir, 'core.mjs');
  // The core exactly as the CLI and the language server bundle it.
  if (!otherCore) await bundle(join(root, 'server/src/checks/index.ts'), corePath, root);

  const child = (childArgs, nodeFlags) => {
    const r = spawnSync(process.execPath, [...nodeFlags, fileURLToPath(import.meta.url), ...childArgs], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const lines = (r.stdout ?? '').split('\n');
    const resultLine = lines.find((l) => l.startsWith('{'));
    if (!resultLine) throw new Error(`benchmark child failed (${r.status}):\n${r.stderr}\n${(r.stdout ?? '').slice(-2000)}`);
    return { result: JSON.parse(resultLine), lines };
  };

  const results = [];
  /** Not in results.json: the result's own size, and the input's. */
  const extra = new Map();
  /** Per size: the text and JSON files, the peak heap, and each round's medians. */
  const runs = new Map();
  let failed = false;
  try {
    for (const rows of sizes) {
      const gen = generate(rows);
      const textPath = join(dir, `rows-${rows}.notice`);
      const jsonPath = join(dir, `rows-${rows}.json`);
      writeFileSync(textPath, gen.text);
      writeFileSync(jsonPath, gen.json);
      process.stderr.write(`${rows} rows (${(gen.text.length / 1e6).toFixed(2)} M characters): peak heap … `);
      const heap = child(['--child-heap', corePath, textPath], ['--expose-gc', '--trace-gc']);
      // `[pid:addr]  123 ms: Scavenge 12.3 (15.0) -> 11.1 (16.0) MB, …`: the heap used before
      // each GC. The largest is the run's (the warm-up's heap is a fraction of it).
      let gcPeak = 0;
      for (const l of heap.lines) {
        const m = /: (?:Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact|Minor Mark-Sweep)[^\d]*([\d.]+) \([\d.]+\) -> /.exec(l);
        if (m) gcPeak = Math.max(gcPeak, Number(m[1]));
      }
      process.stderr.write('done\n');
      runs.set(rows, { textPath, jsonPath, peakHeapMB: Math.max(gcPeak, heap.result.after / 2 ** 20), check: [], json: [], plain: [] });
      extra.set(rows, { retainedMB: (heap.result.retained - heap.result.before) / 2 ** 20, chars: gen.text.length });
    }
    // Rounds: every size's parse+check and JSON.parse, one after the other, each in a fresh
    // child, the whole sequence repeated. The ratios (×JSON.parse, growth) are then of numbers
    // measured close together in time, and a slow spell of the machine moves one round only.
    for (let k = 0; k < rounds && !failed; k++) {
      for (const rows of sizes) {
        const r = runs.get(rows);
        process.stderr.write(`round ${k + 1}/${rounds}, ${rows} rows: parse+check … `);
        // As the language server re-checks a document (its V8 flags); the yardstick with the
        // same flags. And once with Node's defaults, as a one-off `notice check` runs (printed only).
        const check = child(['--child-check', corePath, r.textPath, String(rows)], SERVER_FLAGS);
        if (check.result.error) {
          process.stderr.write('\n');
          console.error(`FAIL: ${check.result.error}`);
          failed = true;
          break;
        }
        process.stderr.write('JSON.parse … ');
        const json = child(['--child-json', r.jsonPath, String(rows)], SERVER_FLAGS);
        process.stderr.write('default flags … ');
        const plain = child(['--child-check', corePath, r.textPath, String(rows)], []);
        process.stderr.write('done\n');
        r.plain.push(median(plain.result.times));
        r.check.push(median(check.result.times));
        r.json.push(median(json.result.times));
      }
    }
    for (const rows of sizes) {
      const r = runs.get(rows);
      if (r.check.length === 0) continue;
      results.push({
        suite: SUITE,
        rows,
        medianMs: round(median(r.check), 2),
        jsonParseMedianMs: round(median(r.json), 2),
        defaultFlagsMedianMs: round(median(r.plain), 2),
        peakHeapMB: round(r.peakHeapMB, 1),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exit(1);

  // ---- report
  const by = new Map(results.map((r) => [r.rows, r]));
  console.log('');
  console.log(`parse+check (checkText) on ${process.version}, ${process.arch}`);
  console.log('   rows   characters   median ms   JSON.parse ms   ×JSON.parse   peak heap MB   result MB   default flags ms');
  for (const r of results) {
    const x = extra.get(r.rows);
    console.log(
      `${String(r.rows).padStart(7)}  ${String(x.chars).padStart(11)}  ${r.medianMs.toFixed(2).padStart(10)}  ${r.jsonParseMedianMs.toFixed(2).padStart(14)}  ${(r.medianMs / r.jsonParseMedianMs).toFixed(1).padStart(12)}  ${r.peakHeapMB.toFixed(1).padStart(13)}  ${x.retainedMB.toFixed(1).padStart(10)}  ${r.defaultFlagsMedianMs.toFixed(2).padStart(17)}`,
    );
  }
  console.log(`(median over ${rounds} rounds of each round's median of steady-state runs; peak heap: one run from a collected heap, input text included;`);
  console.log(' result MB: what the returned file, model and diagnostics keep alive; parse+check and JSON.parse run with the language server\'s');
  console.log(` V8 flags (${SERVER_FLAGS.join(' ')}); default flags ms: parse+check with Node\'s defaults, as a one-off notice check runs)`);
  for (const [rows, r] of runs) {
    if (r.check.length > 1) console.log(`  ${rows} rows, each round: parse+check ${r.check.map((x) => x.toFixed(2)).join(' / ')} ms, JSON.parse ${r.json.map((x) => x.toFixed(2)).join(' / ')} ms, default flags ${r.plain.map((x) => x.toFixed(2)).join(' / ')} ms`);
  }
  const r10 = by.get(10000);
  const r100 = by.get(100000);
  if (r10 && r100) {
    console.log(`growth 10k → 100k: time ×${(r100.medianMs / r10.medianMs).toFixed(1)} for ×10 rows (JSON.parse ×${(r100.jsonParseMedianMs / r10.jsonParseMedianMs).toFixed(1)})`);
  }
  console.log('');
  console.log('targets (measured, not asserted):');
  const target = (label, value, ok) => console.log(`  ${ok === undefined ? 'n/a ' : ok ? 'PASS' : 'MISS'}  ${label}: ${value}`);
  if (r10) {
    target('10,000 rows median ≤ 25 ms', `${r10.medianMs} ms`, r10.medianMs <= 25);
    target('10,000 rows within 2.5× JSON.parse', `${(r10.medianMs / r10.jsonParseMedianMs).toFixed(1)}×`, r10.medianMs <= 2.5 * r10.jsonParseMedianMs);
  }
  if (r100) {
    target('100,000 rows median ≤ 150 ms', `${r100.medianMs} ms`, r100.medianMs <= 150);
    target('100,000 rows peak heap ≤ 100 MB', `${r100.peakHeapMB} MB`, r100.peakHeapMB <= 100);
  }
  if (r10 && r100) {
    const g = r100.medianMs / r10.medianMs;
    target('linear growth: 10× rows ≤ 12× time', `${g.toFixed(1)}×`, g <= 12);
  }

  // ---- bench/results.json: merge by suite + rows
  if (otherCore) process.exit(0);
  mergeResults(results);
  console.log(`\nwrote ${join('bench', 'results.json')}`);
}

