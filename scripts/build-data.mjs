#!/usr/bin/env node
// Turns the reference CSVs in data/ into TypeScript modules under
// server/src/catalogue/generated/, so that tsc, vitest, esbuild and web workers read the
// catalogues as plain constants without CSV loaders.
//
//   node scripts/build-data.mjs          validate data/*.csv and (re)write the modules
//   node scripts/build-data.mjs --check  validate and exit 1 if a module is out of date
//
// No dependencies: the CSV reader below follows RFC 4180 (quoted fields, doubled quotes,
// commas and line breaks inside quotes, CRLF or LF line ends, an optional BOM).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'data');
const OUT = path.join(ROOT, 'server', 'src', 'catalogue', 'generated');

/** The newest year any row may hold: the notices the checker reads are 2021–2024. */
const MAX_YEAR = 2024;
const MIN_YEAR = 2000;

// ---------------------------------------------------------------------------------------
// CSV reading

/**
 * Parses RFC-4180 CSV text into records (arrays of fields) with the 1-based line each
 * record starts on. Throws on an unterminated quoted field or a quote inside an unquoted one.
 */
export function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = [];
  let fields = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field started with a quote
  const endField = () => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    // A record that is one empty unquoted field is a blank line: skip it.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new Error(`line ${line}: text after a closing quote`);
        }
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== '' || wasQuoted) throw new Error(`line ${line}: quote inside an unquoted field`);
      quoted = true;
      wasQuoted = true;
      i++;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    i++;
  }
  if (quoted) throw new Error(`line ${recordLine}: unterminated quoted field`);
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();
  return records;
}

/** Reads data/<file> and returns its rows as objects keyed by the header, checking the header. */
function readTable(file, header, errors) {
  const text = fs.readFileSync(path.join(DATA, file), 'utf8');
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    errors.push(`${file}: ${e.message}`);
    return [];
  }
  const [head, ...rest] = records;
  if (!head || head.fields.join(',') !== header.join(',')) {
    errors.push(`${file}: header must be ${header.join(',')}`);
    return [];
  }
  const rows = [];
  for (const r of rest) {
    if (r.fields.length !== header.length) {
      errors.push(`${file}:${r.line}: ${r.fields.length} fields, expected ${header.length}`);
      continue;
    }
    const row = { $line: r.line };
    header.forEach((h, j) => (row[h] = r.fields[j].trim()));
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// Validation and conversion

const CLASSIFICATIONS = ['revenue', 'expFunc', 'govEco', 'depEco'];
const CONFIDENCES = ['high', 'medium', 'low'];

function year(s, where, errors) {
  if (!/^\d{4}$/.test(s)) {
    errors.push(`${where}: year "${s}" is not four digits`);
    return MIN_YEAR;
  }
  const y = Number(s);
  if (y < MIN_YEAR || y > MAX_YEAR) errors.push(`${where}: year ${y} outside ${MIN_YEAR}–${MAX_YEAR}`);
  return y;
}

/** Level a code of this length has: 功能/收入 分类 go down to 项, the economic ones to 款. */
function levelOf(classification, code) {
  const eco = classification === 'govEco' || classification === 'depEco';
  if (code.length === 3) return '类';
  if (code.length === 5) return '款';
  if (code.length === 7 && !eco) return '项';
  return undefined;
}

/** `name@2019-2019|name2|name3@-2018|name4@2020-`: names with optional inclusive year ranges. */
function parseAliases(text, where, errors) {
  if (text === '') return [];
  return text.split('|').map((part) => {
    const at = part.indexOf('@');
    const name = (at < 0 ? part : part.slice(0, at)).trim();
    if (name === '') errors.push(`${where}: empty alias name in "${text}"`);
    if (at < 0) return { name };
    const m = /^(\d{4})?-(\d{4})?$/.exec(part.slice(at + 1).trim());
    const single = /^(\d{4})$/.exec(part.slice(at + 1).trim());
    const alias = { name };
    if (single) {
      alias.fromYear = year(single[1], where, errors);
      alias.toYear = alias.fromYear;
    } else if (m && (m[1] || m[2])) {
      if (m[1]) alias.fromYear = year(m[1], where, errors);
      if (m[2]) alias.toYear = year(m[2], where, errors);
      if (alias.fromYear !== undefined && alias.toYear !== undefined && alias.fromYear > alias.toYear) {
        errors.push(`${where}: alias ${name} has an empty year range`);
      }
    } else {
      errors.push(`${where}: alias "${part}" must be name, name@YYYY, name@YYYY-YYYY, name@-YYYY or name@YYYY-`);
    }
    return alias;
  });
}

const BUDGET_HEADER = ['classification', 'code', 'name', 'level', 'parent', 'from_year', 'to_year', 'aliases', 'confidence', 'source', 'note'];

function budgetRows(errors) {
  const file = 'budget-classification.csv';
  const out = [];
  for (const r of readTable(file, BUDGET_HEADER, errors)) {
    const where = `${file}:${r.$line}`;
    if (!CLASSIFICATIONS.includes(r.classification)) errors.push(`${where}: classification "${r.classification}"`);
    if (!/^\d+$/.test(r.code)) errors.push(`${where}: code "${r.code}" is not digits`);
    const level = levelOf(r.classification, r.code);
    if (!level) errors.push(`${where}: code ${r.code} has no level in ${r.classification}`);
    else if (r.level !== level) errors.push(`${where}: level ${r.level} but a ${r.code.length}-digit code is ${level}`);
    if (r.name === '') errors.push(`${where}: empty name`);
    const expectedParent = r.code.length > 3 ? r.code.slice(0, r.code.length - 2) : '';
    if (r.parent !== expectedParent) errors.push(`${where}: parent "${r.parent}" should be "${expectedParent}"`);
    if (!CONFIDENCES.includes(r.confidence)) errors.push(`${where}: confidence "${r.confidence}"`);
    if (r.source === '') errors.push(`${where}: empty source`);
    const fromYear = year(r.from_year, where, errors);
    const toYear = year(r.to_year, where, errors);
    if (fromYear > toYear) errors.push(`${where}: from_year after to_year`);
    const row = {
      classification: r.classification,
      code: r.code,
      name: r.name,
      level: r.level,
      ...(r.parent ? { parent: r.parent } : {}),
      fromYear,
      toYear,
      aliases: parseAliases(r.aliases, where, errors),
      confidence: r.confidence,
      source: r.source,
    };
    out.push({ row, where });
  }
  // Rows of one code must not overlap in years, and every parent must hold its children's years.
  const byCode = new Map();
  for (const o of out) {
    const k = `${o.row.classification}:${o.row.code}`;
    const list = byCode.get(k) ?? [];
    for (const other of list) {
      if (o.row.fromYear <= other.row.toYear && other.row.fromYear <= o.row.toYear) {
        errors.push(`${o.where}: ${o.row.code} overlaps the row at ${other.where}`);
      }
    }
    list.push(o);
    byCode.set(k, list);
  }
  for (const o of out) {
    if (!o.row.parent) continue;
    const parents = byCode.get(`${o.row.classification}:${o.row.parent}`) ?? [];
    for (let y = o.row.fromYear; y <= o.row.toYear; y++) {
      if (!parents.some((p) => p.row.fromYear <= y && y <= p.row.toYear)) {
        errors.push(`${o.where}: parent ${o.row.parent} of ${o.row.code} has no row for ${y}`);
        break;
      }
    }
  }
  return out.map((o) => o.row);
}

const COVERAGE_HEADER = ['classification', 'branch', 'from_year', 'to_year', 'complete', 'source', 'note'];

function coverageRows(errors, budget) {
  const file = 'budget-coverage.csv';
  const out = [];
  for (const r of readTable(file, COVERAGE_HEADER, errors)) {
    const where = `${file}:${r.$line}`;
    if (!CLASSIFICATIONS.includes(r.classification)) errors.push(`${where}: classification "${r.classification}"`);
    if (r.branch !== '(root)' && r.branch !== '*' && !/^\d{3}(\d{2})?$/.test(r.branch)) {
      errors.push(`${where}: branch "${r.branch}" must be (root), * or a 类/款 code`);
    }
    if (r.complete !== 'yes' && r.complete !== 'no') errors.push(`${where}: complete must be yes or no`);
    if (r.complete === 'yes' && r.note === '') errors.push(`${where}: a complete branch needs the reasoning in note`);
    if (r.source === '') errors.push(`${where}: empty source`);
    const fromYear = year(r.from_year, where, errors);
    const toYear = year(r.to_year, where, errors);
    if (fromYear > toYear) errors.push(`${where}: from_year after to_year`);
    if (/^\d+$/.test(r.branch)) {
      const rows = budget.filter((b) => b.classification === r.classification && b.code === r.branch);
      for (let y = fromYear; y <= toYear; y++) {
        if (!rows.some((b) => b.fromYear <= y && y <= b.toYear)) {
          errors.push(`${where}: branch ${r.branch} has no catalogue row for ${y}`);
          break;
        }
      }
    }
    out.push({
      classification: r.classification,
      branch: r.branch,
      fromYear,
      toYear,
      complete: r.complete === 'yes',
      source: r.source,
      note: r.note,
    });
  }
  return out;
}

const DIRECT_HEADER = ['code', 'name', 'aliases', 'scope', 'meaning', 'confidence', 'source'];

function directFundRows(errors) {
  const file = 'direct-fund-tags.csv';
  const seen = new Set();
  return readTable(file, DIRECT_HEADER, errors).map((r) => {
    const where = `${file}:${r.$line}`;
    if (r.code !== '' && !/^\d{2}$/.test(r.code)) errors.push(`${where}: code "${r.code}" must be two digits or empty`);
    if (!['中央', '省级', '其他'].includes(r.scope)) errors.push(`${where}: scope "${r.scope}"`);
    if (!CONFIDENCES.includes(r.confidence)) errors.push(`${where}: confidence "${r.confidence}"`);
    if (r.name === '' || r.meaning === '' || r.source === '') errors.push(`${where}: name, meaning and source are required`);
    const aliases = r.aliases === '' ? [] : r.aliases.split('|').map((a) => a.trim());
    for (const n of [r.name, ...aliases, ...(r.code ? [`#${r.code}`] : [])]) {
      if (seen.has(n)) errors.push(`${where}: ${n} appears twice`);
      seen.add(n);
    }
    return {
      ...(r.code ? { code: r.code } : {}),
      name: r.name,
      aliases,
      scope: r.scope,
      meaning: r.meaning,
      confidence: r.confidence,
      source: r.source,
    };
  });
}

const KPI_HEADER = ['level1', 'level2', 'source', 'confidence', 'note'];
const SYNONYM_HEADER = ['written', 'standard', 'note'];

function kpiRows(errors) {
  const file = 'kpi-framework.csv';
  const seen = new Set();
  return readTable(file, KPI_HEADER, errors).map((r) => {
    const where = `${file}:${r.$line}`;
    if (r.level1 === '' || r.level2 === '') errors.push(`${where}: level1 and level2 are required`);
    if (!CONFIDENCES.includes(r.confidence)) errors.push(`${where}: confidence "${r.confidence}"`);
    if (seen.has(`${r.level1}/${r.level2}`)) errors.push(`${where}: ${r.level1} › ${r.level2} appears twice`);
    seen.add(`${r.level1}/${r.level2}`);
    return { level1: r.level1, level2: r.level2, confidence: r.confidence, source: r.source };
  });
}

function synonymRows(errors, kpi) {
  const file = 'kpi-synonyms.csv';
  const names = new Set(kpi.flatMap((k) => [k.level1, k.level2]));
  const seen = new Set();
  return readTable(file, SYNONYM_HEADER, errors).map((r) => {
    const where = `${file}:${r.$line}`;
    if (!names.has(r.standard)) errors.push(`${where}: ${r.standard} is not in kpi-framework.csv`);
    if (names.has(r.written)) errors.push(`${where}: ${r.written} is itself a standard name`);
    if (seen.has(r.written)) errors.push(`${where}: ${r.written} appears twice`);
    seen.add(r.written);
    return { written: r.written, standard: r.standard };
  });
}

// ---------------------------------------------------------------------------------------
// Writing

/** A TypeScript literal for plain data: JSON for strings (keeps Chinese unescaped), unquoted keys. */
function literal(v) {
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const parts = Object.entries(v).map(([k, x]) => `${k}: ${literal(x)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  return JSON.stringify(v);
}

function tsModule(sources, imports, types, constName, typeName, rows) {
  return [
    `// generated by scripts/build-data.mjs from ${sources.map((s) => `data/${s}`).join(', ')}; do not edit.`,
    '// Edit the CSV and run `npm run data`.',
    '',
    ...(imports ? [imports, ''] : []),
    ...(types ? [types, ''] : []),
    `export const ${constName}: readonly ${typeName}[] = [`,
    ...rows.map((r) => `  ${literal(r)},`),
    '];',
    '',
  ].join('\n');
}

function buildModules() {
  const errors = [];
  const budget = budgetRows(errors);
  const coverage = coverageRows(errors, budget);
  const direct = directFundRows(errors);
  const kpi = kpiRows(errors);
  const synonyms = synonymRows(errors, kpi);
  if (errors.length) return { errors, files: [] };

  const files = [
    {
      name: 'budget-classification.ts',
      text: tsModule(
        ['budget-classification.csv'],
        "import type { Alias, Classification, Level } from '../types';",
        [
          '/** One row of the shipped 政府收支分类科目 catalogue, as the CSV holds it. */',
          'export interface RawBudgetRow {',
          '  readonly classification: Classification;',
          '  readonly code: string;',
          '  readonly name: string;',
          '  readonly level: Level;',
          '  readonly parent?: string;',
          '  readonly fromYear: number;',
          '  readonly toYear: number;',
          '  readonly aliases: readonly Alias[];',
          "  readonly confidence: 'high' | 'medium' | 'low';",
          '  readonly source: string;',
          '}',
        ].join('\n'),
        'BUDGET_ROWS',
        'RawBudgetRow',
        budget,
      ),
    },
    {
      name: 'budget-coverage.ts',
      text: tsModule(
        ['budget-coverage.csv'],
        "import type { Classification } from '../types';",
        [
          '/**',
          ' * Which branches the shipped catalogue lists completely: `(root)` = every 类, a code =',
          ' * every direct child of that code, `*` = every branch of the classification.',
          ' */',
          'export interface RawCoverageRow {',
          '  readonly classification: Classification;',
          '  readonly branch: string;',
          '  readonly fromYear: number;',
          '  readonly toYear: number;',
          '  readonly complete: boolean;',
          '  readonly source: string;',
          '  readonly note: string;',
          '}',
        ].join('\n'),
        'BUDGET_COVERAGE',
        'RawCoverageRow',
        coverage,
      ),
    },
    {
      name: 'direct-fund-tags.ts',
      text: tsModule(
        ['direct-fund-tags.csv'],
        "import type { DirectFundTag } from '../types';",
        '',
        'DIRECT_FUND_ROWS',
        'DirectFundTag',
        direct,
      ),
    },
    {
      name: 'kpi-framework.ts',
      text: [
        tsModule(
          ['kpi-framework.csv', 'kpi-synonyms.csv'],
          "import type { KpiPair } from '../types';",
          '',
          'KPI_ROWS',
          'KpiPair',
          kpi,
        ),
        '/** A non-standard 指标 name seen in published tables and the standard one it stands for. */',
        'export interface RawKpiSynonym {',
        '  readonly written: string;',
        '  readonly standard: string;',
        '}',
        '',
        'export const KPI_SYNONYMS: readonly RawKpiSynonym[] = [',
        ...synonyms.map((r) => `  ${literal(r)},`),
        '];',
        '',
      ].join('\n'),
    },
  ];
  return { errors, files };
}

function main(argv) {
  const check = argv.includes('--check');
  const { errors, files } = buildModules();
  if (errors.length) {
    for (const e of errors) console.error(e);
    console.error(`build-data: ${errors.length} error(s) in data/`);
    return 1;
  }
  const stale = [];
  for (const f of files) {
    const target = path.join(OUT, f.name);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current === f.text) continue;
    stale.push(path.relative(ROOT, target));
    if (!check) {
      fs.mkdirSync(OUT, { recursive: true });
      fs.writeFileSync(target, f.text);
    }
  }
  const expected = new Set(files.map((f) => f.name));
  const extra = fs.existsSync(OUT) ? fs.readdirSync(OUT).filter((n) => n.endsWith('.ts') && !expected.has(n)) : [];
  if (check) {
    if (stale.length || extra.length) {
      for (const s of stale) console.error(`out of date: ${s}`);
      for (const x of extra) console.error(`not generated from data/: ${path.join('server/src/catalogue/generated', x)}`);
      console.error('build-data: run `npm run data` and commit the result');
      return 1;
    }
    console.log('build-data: generated modules are up to date');
    return 0;
  }
  for (const x of extra) console.warn(`warning: ${x} in generated/ is not produced by this script`);
  console.log(stale.length ? `build-data: wrote ${stale.join(', ')}` : 'build-data: nothing to do');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
