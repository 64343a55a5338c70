/**
 * Every amount of every table, whole, in the printed page (issue 15): each example (and the
 * Jiangxi table in 元, the widest amounts) rendered to Word, Excel and HTML, converted to PDF
 * as an office would print it (LibreOffice headless for Word and Excel, Chromium for HTML),
 * and the PDF's text read back with pdftotext: every amount the table prints is found there as
 * one word, as many times as the table has it. An amount broken across lines ("993,040,00 / 0")
 * or cut off at the page's edge is missing.
 *
 * LibreOffice, poppler-utils and the CJK fonts are installed by scripts/e2e/setup.sh.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkText } from '../../server/src/checks/index.js';
import { renderDocx } from '../../server/src/render/docx.js';
import { renderHtml } from '../../server/src/render/html.js';
import { columnStyles, formatNumber } from '../../server/src/model/number-display.js';
import { workbookValues } from '../../server/src/model/table-arithmetic.js';
import { noticeLayout, printStyles } from '../../server/src/render/layout.js';
import { renderXlsx } from '../../server/src/render/xlsx.js';
import { EXAMPLES, jiangxiInYuan } from '../render/fixtures.js';
import { readFileSync } from 'node:fs';

const dir = mkdtempSync(join(tmpdir(), 'notice-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The fonts the outputs name are not on Linux: map them to Noto CJK, as `npm run render:look` does.
const serif = ['方正小标宋简体', '仿宋_GB2312', '仿宋', '楷体_GB2312', '楷体', '宋体'];
const alias = (names: string[], to: string): string => names.map((n) => `<alias binding="same"><family>${n}</family><prefer><family>${to}</family></prefer></alias>`).join('');
writeFileSync(join(dir, 'fonts.conf'), `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>${alias(serif, 'Noto Serif CJK SC')}${alias(['黑体'], 'Noto Sans CJK SC')}</fontconfig>`);
const env = { ...process.env, FONTCONFIG_FILE: join(dir, 'fonts.conf') };

function toPdf(file: string): string {
  const outDir = join(dir, `pdf-${readdirSync(dir).length}`);
  mkdirSync(outDir);
  if (file.endsWith('.html')) {
    const pdf = join(outDir, 'out.pdf');
    const r = spawnSync('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(outDir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${file}`], { encoding: 'utf8', timeout: 120_000, env });
    if (r.status !== 0) throw new Error(`chromium: ${r.stderr}`);
    return pdf;
  }
  const r = spawnSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', outDir, file], { encoding: 'utf8', timeout: 180_000, env });
  if (r.status !== 0) throw new Error(`soffice: ${r.stderr}`);
  const pdf = readdirSync(outDir).find((f) => f.endsWith('.pdf'));
  if (!pdf) throw new Error(`soffice wrote no PDF: ${r.stdout} ${r.stderr}`);
  return join(outDir, pdf);
}

function pdfWords(pdf: string): Map<string, number> {
  const r = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`pdftotext: ${r.stderr}`);
  const words = new Map<string, number>();
  for (const w of r.stdout.split(/\s+/)) if (w) words.set(w, (words.get(w) ?? 0) + 1);
  return words;
}

const sources: [string, string][] = [
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.notice')).sort().map((f): [string, string] => [f.replace(/\.notice$/, ''), readFileSync(join(EXAMPLES, f), 'utf8')]),
  ['jiangxi-in-yuan', jiangxiInYuan()],
];

describe('every amount of every table is whole in the printed PDF', () => {
  for (const [name, text] of sources) {
    for (const format of ['docx', 'xlsx', 'html'] as const) {
      it(`${name}, ${format}`, async () => {
        const { model } = checkText(text);
        for (const [i, n] of model.notices.entries()) {
          // The amounts as the tables print them, with how often each is printed.
          const expected = new Map<string, number>();
          for (const a of noticeLayout(model, n).attachments) {
            if (a.kind !== 'allocation') continue;
            // A workbook shows what its formulas compute: where the source's total is wrong
            // (Nanchang's 907, rendered with --force), the true sum (docs/render.md, Excel).
            const computed = format === 'xlsx' ? workbookValues(a.table, a.table.tolerance?.value).values : undefined;
            const print = printStyles(columnStyles(a.table));
            for (const row of a.body) {
              row.cells.forEach((c, k) => {
                if (c.role !== 'num' || !c.text) return;
                const index = a.columns[k]!.column!.index!;
                const v = computed?.get(row.row!)?.[index];
                const text = v ? formatNumber(v, print[index], 'rounded') : c.text;
                expected.set(text, (expected.get(text) ?? 0) + 1);
              });
            }
          }
          if (expected.size === 0) continue;
          const file = join(dir, `${name}-${i}.${format}`);
          const bytes = format === 'docx' ? await renderDocx(model, n) : format === 'xlsx' ? await renderXlsx(model, n) : renderHtml(model, n);
          writeFileSync(file, bytes);
          const words = pdfWords(toPdf(file));
          const missing = [...expected].filter(([amount, times]) => (words.get(amount) ?? 0) < times).map(([amount, times]) => `${amount} (${words.get(amount) ?? 0} of ${times})`);
          expect(missing, `amounts not found whole in the PDF of ${name} ${format}`).toEqual([]);
        }
      });
    }
  }
});
