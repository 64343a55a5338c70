/**
 * The published notices of test/import/seeds/ (text extracted from their PDFs, copied from the
 * project's shared seeds so that a clean clone has them) imported and
 * compared with the same notices written by hand in examples/: every allocation table's
 * row names, nesting and numbers, the notice's fields, the same arithmetic diagnostics.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../server/src/import/index.js';
import { summarize } from './support.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SEEDS = ['nanchang-hcszh-2022-67', 'jiangxi-gcszh-2023-26', 'jiangmen-jcs-2023-16'];

async function imported(seed: string): Promise<string> {
  const r = await importFile(`${seed}.txt`, new Uint8Array(readFileSync(join(ROOT, 'test', 'import', 'seeds', `${seed}.txt`))));
  if (!r.ok) throw new Error(r.message);
  return r.text;
}

describe.each(SEEDS)('import of the seed %s', (seed) => {
  const expected = summarize(readFileSync(join(ROOT, 'examples', `${seed}.notice`), 'utf8'));

  it('reads without syntax errors, and the summary counts what it wrote', async () => {
    const r = await importFile(`${seed}.txt`, new Uint8Array(readFileSync(join(ROOT, 'test', 'import', 'seeds', `${seed}.txt`))));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(summarize(r.text).syntax).toEqual([]);
    expect(r.summary).toMatch(/^导入了 \d+ 张表、\d+ 行；\d+ 处推断/);
    expect((r.text.match(/^\s*# 导入：/gm) ?? []).length).toBe(r.guesses);
  });

  it('gives every allocation table: title, unit, row names, nesting and every number', async () => {
    const got = summarize(await imported(seed));
    expect(got.tables.map((t) => ({ label: t.label, title: t.title, unit: t.unit, rows: t.rows }))).toEqual(
      expected.tables.map((t) => ({ label: t.label, title: t.title, unit: t.unit, rows: t.rows })),
    );
  });

  it('gives the formulas the 栏次 row prints', async () => {
    const got = summarize(await imported(seed));
    // FIXME: the Nanchang example declares 本次 = 全年 - 已下达 from the body's wording; the table prints no 栏次 row, so the import declares none.
    const want = expected.tables.map((t) => (seed.startsWith('nanchang') ? t.formulas.map(() => '') : t.formulas));
    expect(got.tables.map((t) => t.formulas)).toEqual(want);
  });

  it('finds the notice fields', async () => {
    const got = summarize(await imported(seed));
    const pick = (n: (typeof got.notices)[number]) => ({ docNumber: n.docNumber, organs: n.organs, title: n.title, recipients: n.recipients, year: n.year, codes: n.codes, directFund: n.directFund, printed: n.printed });
    expect(got.notices.map(pick)).toEqual(expected.notices.map(pick));
    expect(got.notices.map((n) => n.basis)).toEqual(expected.notices.map((n) => n.basis));
  });

  it('gives every KPI indicator with its value', async () => {
    const got = summarize(await imported(seed));
    const names = (k: (typeof got.kpi)[number]) => k.indicators.map((i) => i.slice(i.lastIndexOf(' › ') + 3));
    expect(got.kpi.map(names)).toEqual(expected.kpi.map(names));
  });

  it('reports the same arithmetic diagnostics when checked', async () => {
    const got = summarize(await imported(seed));
    expect(got.arithmetic).toEqual(expected.arithmetic);
    expect(got.codes).toEqual(expected.codes);
  });
});
