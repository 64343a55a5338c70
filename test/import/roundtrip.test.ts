/**
 * Round trips: every example rendered by our own renderers to Excel and Word (and, through
 * LibreOffice, to PDF) and imported back gives its tables again (names, nesting, every number,
 * formulas), its KPI indicators, and from Word its notice fields.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../server/src/checks/index.js';
import { importFile } from '../../server/src/import/index.js';
import { renderDocx } from '../../server/src/render/docx.js';
import { renderXlsx } from '../../server/src/render/xlsx.js';
import { summarize } from './support.js';

const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.notice'));

async function back(name: string, bytes: Uint8Array): Promise<ReturnType<typeof summarize>> {
  const r = await importFile(name, bytes);
  if (!r.ok) throw new Error(r.message);
  return summarize(r.text);
}

const tablesOf = (s: ReturnType<typeof summarize>) => s.tables.map((t) => ({ title: t.title, unit: t.unit, rows: t.rows, formulas: t.formulas }));
const indicatorsOf = (s: ReturnType<typeof summarize>) => s.kpi.map((k) => k.indicators);
/**
 * A PDF's text layer cannot tell a space typed between Chinese and Latin text from the gap
 * Word and LibreOffice print there, so the PDF comparisons leave such spaces out on both sides.
 */
const looseIndicators = (s: ReturnType<typeof summarize>) =>
  indicatorsOf(s).map((list) => list.map((t) => t.replace(/(?<=[\u3400-\u9fff])\s+(?=[\x21-\x7e≥≤])|(?<=[\x21-\x7e])\s+(?=[\u3400-\u9fff])/g, '')));
const fieldsOf = (s: ReturnType<typeof summarize>) =>
  s.notices.map((n) => ({ docNumber: n.docNumber, organs: n.organs, title: n.title, recipients: n.recipients, year: n.year, codes: n.codes, directFund: n.directFund, printed: n.printed }));

describe.each(EXAMPLES)('round trip of %s', (file) => {
  const text = readFileSync(join(ROOT, 'examples', file), 'utf8');
  const { model } = checkText(text);

  it('Excel: each notice’s workbook gives its tables and KPI indicators again', async () => {
    for (const n of model.notices) {
      const want = summarize(text);
      const got = await back('x.xlsx', await renderXlsx(model, n));
      const mine = (t: { title: string }) => n.tables.some((x) => x.title === t.title);
      expect(tablesOf(got)).toEqual(tablesOf(want).filter(mine));
      expect(got.syntax).toEqual([]);
      const kpi = want.kpi.filter((_, i) => model.kpiTables[i]!.notice === n);
      expect(indicatorsOf(got)).toEqual(kpi.map((k) => k.indicators));
    }
  });

  it('Word: each notice’s document gives its fields, tables and KPI indicators again', async () => {
    const want = summarize(text);
    for (const [i, n] of model.notices.entries()) {
      const got = await back('x.docx', await renderDocx(model, n));
      expect(got.syntax).toEqual([]);
      expect(fieldsOf(got)).toEqual([fieldsOf(want)[i]]);
      const mine = (t: { title: string }) => n.tables.some((x) => x.title === t.title);
      expect(tablesOf(got)).toEqual(tablesOf(want).filter(mine));
      expect(indicatorsOf(got)).toEqual(want.kpi.filter((_, k) => model.kpiTables[k]!.notice === n).map((k) => k.indicators));
    }
  });
});

function soffice(): string | undefined {
  for (const name of ['soffice', 'libreoffice']) {
    const r = spawnSync('which', [name], { encoding: 'utf8' });
    if (r.status === 0) return r.stdout.trim();
  }
  return undefined;
}

describe('round trip through PDF', () => {
  it('a PDF LibreOffice made from our Word output gives the allocation table again', async () => {
    const want = summarize(readFileSync(join(ROOT, 'examples', 'nanchang-hcszh-2022-67.notice'), 'utf8'));
    const got = await back('x.pdf', new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'nanchang-hcszh-2022-67.pdf'))));
    expect(got.syntax).toEqual([]);
    expect(got.tables.map((t) => t.rows)).toEqual(want.tables.map((t) => t.rows));
    expect(fieldsOf(got).map((n) => ({ docNumber: n.docNumber, title: n.title, year: n.year, directFund: n.directFund }))).toEqual(
      fieldsOf(want).map((n) => ({ docNumber: n.docNumber, title: n.title, year: n.year, directFund: n.directFund })),
    );
    expect(got.arithmetic).toEqual(want.arithmetic);
    // The KPI table, ruled, over two pages: merged 一级/二级 cells, names wrapped over three lines.
    expect(looseIndicators(got)).toEqual(looseIndicators(want));
    expect(got.kpi[0]!.indicators).toHaveLength(want.kpi[0]!.indicators.length);
  });

  it('a PDF Chromium printed from our HTML (another producer: borders as filled rectangles) gives the tables and KPI indicators again', async () => {
    const text = readFileSync(join(ROOT, 'examples', 'jiangmen-jcs-2023-16.notice'), 'utf8');
    const { model } = checkText(text);
    const notice = model.notices.find((n) => n.docNumber?.text === '江财社〔2023〕2号')!;
    const want = summarize(text);
    const got = await back('x.pdf', new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'jiangmen-jcs-2023-2-chromium.pdf'))));
    expect(got.syntax).toEqual([]);
    const mine = (t: { title: string }) => notice.tables.some((x) => x.title === t.title);
    expect(got.tables.map((t) => t.rows)).toEqual(want.tables.filter(mine).map((t) => t.rows));
    const kpi = want.kpi.filter((_, k) => model.kpiTables[k]!.notice === notice);
    expect(kpi.length).toBeGreaterThan(0);
    expect(looseIndicators(got)).toEqual(looseIndicators({ ...want, kpi }));
  });

  it('a national table Chromium printed over five pages gives its hierarchy again from the names’ indents alone', async () => {
    // 全国合计 › 省 › 市 › 县, names wrapped in a narrow column, 市辖区 under several provinces:
    // a PDF prints the hierarchy only as each name's offset from the cell's left rule.
    const text = readFileSync(join(import.meta.dirname, 'fixtures', 'national-60.notice'), 'utf8');
    const want = summarize(text);
    const got = await back('x.pdf', new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'national-60-chromium.pdf'))));
    expect(got.syntax).toEqual([]);
    expect(got.codes).toEqual([]);
    expect(new Set(want.tables[0]!.rows.map((r) => r.depth))).toEqual(new Set([0, 1, 2, 3]));
    expect(got.tables[0]!.rows).toEqual(want.tables[0]!.rows);
  });

  // LibreOffice converts in the test when it is installed (CI installs it: .ci/run); without it
  // the committed PDF above still runs the PDF reader.
  const office = soffice();
  it(`the Jiangxi table rendered to Word and converted to PDF now${office ? '' : ' (LibreOffice is not installed here: CI must have it)'}`, { timeout: 180_000 }, async () => {
    if (!office) {
      expect(process.env['CI'], 'CI must install LibreOffice (see .ci/run)').toBeFalsy();
      return;
    }
    const text = readFileSync(join(ROOT, 'examples', 'jiangxi-gcszh-2023-26.notice'), 'utf8');
    const { model } = checkText(text);
    const dir = mkdtempSync(join(tmpdir(), 'notice-pdf-'));
    writeFileSync(join(dir, 'n.docx'), await renderDocx(model, model.notices[0]!));
    const r = spawnSync(office, ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'n.docx')], { encoding: 'utf8', timeout: 170_000 });
    expect(r.status, r.stderr).toBe(0);
    const got = await back('n.pdf', new Uint8Array(readFileSync(join(dir, 'n.pdf'))));
    expect(got.syntax).toEqual([]);
    expect(got.tables.map((t) => t.rows)).toEqual(summarize(text).tables.map((t) => t.rows));
    // The ruled heading of three rows (栏组 over 栏, the 栏次 row) gives the columns' formulas.
    expect(got.tables.map((t) => t.formulas)).toEqual(summarize(text).tables.map((t) => t.formulas));
  });

  it(`a Word table indented with full-width spaces, converted to PDF, gives its nesting and keeps a wrong total as printed${office ? '' : ' (LibreOffice is not installed here: CI must have it)'}`, { timeout: 180_000 }, async () => {
    if (!office) {
      expect(process.env['CI'], 'CI must install LibreOffice (see .ci/run)').toBeFalsy();
      return;
    }
    // No place names and a published total that does not add up (第一组 600, its parts 550):
    // only the names' offsets in the PDF say what is under what.
    const printed = [['项目', '金额'], ['合计', '1050'], ['第一组', '600'], ['　　项目甲', '250'], ['　　项目乙', '300'], ['第二组', '450'], ['　　项目丙', '200'], ['　　项目丁', '250']];
    const cell = (text: string) => new TableCell({ children: [new Paragraph({ children: [new TextRun(text)] })] });
    const table = new Table({ width: { size: 60, type: WidthType.PERCENTAGE }, rows: printed.map((r) => new TableRow({ children: r.map(cell) })) });
    const doc = new Document({ sections: [{ children: [new Paragraph('附件1'), new Paragraph('2024年补助资金分配表'), new Paragraph('单位：万元'), table] }] });
    const dir = mkdtempSync(join(tmpdir(), 'notice-pdf-'));
    writeFileSync(join(dir, 't.docx'), await Packer.toBuffer(doc));
    const r = spawnSync(office, ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 't.docx')], { encoding: 'utf8', timeout: 170_000 });
    expect(r.status, r.stderr).toBe(0);
    const got = await back('t.pdf', new Uint8Array(readFileSync(join(dir, 't.pdf'))));
    expect(got.syntax).toEqual([]);
    expect(got.tables[0]!.rows.map((row) => `${row.depth} ${row.name} ${row.values.join(' ')}`)).toEqual([
      '0 合计 1050',
      '1 第一组 600',
      '2 项目甲 250',
      '2 项目乙 300',
      '1 第二组 450',
      '2 项目丙 200',
      '2 项目丁 250',
    ]);
    expect(got.arithmetic).toEqual([expect.stringMatching(/^sum-mismatch: 合计 600 ≠ 各项之和 550/)]);
  });
});
