// bench/results.json: every suite merges its entries into the one file, replacing an entry
// with the same suite, rows and format (if any), and keeping all others.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'results.json');

export function mergeResults(results) {
  let all = [];
  if (existsSync(RESULTS_FILE)) {
    try {
      const parsed = JSON.parse(readFileSync(RESULTS_FILE, 'utf8'));
      if (Array.isArray(parsed)) all = parsed;
    } catch {
      console.error('bench/results.json was not valid JSON; rewriting it');
    }
  }
  const same = (e, r) => e && e.suite === r.suite && e.rows === r.rows && (e.format ?? null) === (r.format ?? null);
  for (const r of results) {
    const i = all.findIndex((e) => same(e, r));
    if (i >= 0) all[i] = r;
    else all.push(r);
  }
  writeFileSync(RESULTS_FILE, JSON.stringify(all, null, 2) + '\n');
}
