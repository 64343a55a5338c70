/**
 * The 政府收支分类科目 catalogue: code lookups by year, name verdicts, parent chains.
 *
 * `createBudgetCatalogue` is generic: it serves the shipped best-effort catalogue and a
 * user's official table alike. What makes the checks honest is the coverage: a code the
 * catalogue lacks is reported as not existing (`unknown`) only where the coverage says the
 * branch is listed completely; elsewhere it is `uncovered` (cannot be confirmed either way).
 */

import { BUDGET_ROWS } from './generated/budget-classification';
import { BUDGET_COVERAGE } from './generated/budget-coverage';
import type {
  Alias,
  BudgetCatalogue,
  CatalogueEntry,
  Classification,
  CodeLookup,
  Confidence,
  Level,
  NameVerdict,
} from './types';

/** Coverage branch meaning "every 类 of the classification is listed". */
export const ROOT_BRANCH = '(root)';
/** Coverage branch meaning "every branch of the classification is listed" (an official table). */
export const ALL_BRANCHES = '*';

/** One row to build a catalogue from; `level` and `parent` are derived from the code when absent. */
export interface BudgetRowInput {
  readonly classification: Classification;
  readonly code: string;
  readonly name: string;
  readonly level?: Level;
  readonly parent?: string;
  readonly fromYear: number;
  readonly toYear: number;
  readonly aliases?: readonly Alias[];
  readonly confidence: Confidence;
  readonly source: string;
}

/** Which branch the catalogue lists completely, and in which years. */
export interface CoverageInput {
  readonly classification: Classification;
  /** `(root)` (every 类), `*` (every branch) or a 类/款 code (every direct child of it). */
  readonly branch: string;
  readonly fromYear: number;
  readonly toYear: number;
  readonly complete: boolean;
  readonly source?: string;
  readonly note?: string;
}

const BRACKETS = /[（）［］｛｝]/;

/**
 * Names compare equal after full-width/half-width brackets are unified and surrounding
 * spaces dropped; nothing else is forgiven (其它 for 其他 stays a different name).
 */
export function normaliseName(name: string): string {
  if (!BRACKETS.test(name)) return name.trim();
  return name
    .trim()
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/［/g, '[')
    .replace(/］/g, ']')
    .replace(/｛/g, '{')
    .replace(/｝/g, '}');
}

function levelOf(code: string): Level {
  if (code.length <= 3) return '类';
  if (code.length <= 5) return '款';
  return '项';
}

function derivedParent(code: string): string | undefined {
  if (code.length === 7) return code.slice(0, 5);
  if (code.length === 5) return code.slice(0, 3);
  return undefined;
}

/** The ancestors a code would sit under, nearest first, ending with `(root)`. */
function ancestorBranches(code: string): string[] {
  const out: string[] = [];
  for (const len of [5, 3]) if (code.length > len) out.push(code.slice(0, len));
  out.push(ROOT_BRANCH);
  return out;
}

function holds(row: { readonly fromYear: number; readonly toYear: number }, year: number): boolean {
  return row.fromYear <= year && year <= row.toYear;
}

function aliasHolds(alias: Alias, year: number): boolean {
  return (alias.fromYear ?? -Infinity) <= year && year <= (alias.toYear ?? Infinity);
}

/** Distance in years from `year` to a row's range (0 inside it). */
function yearDistance(row: CatalogueEntry, year: number): number {
  if (year < row.fromYear) return row.fromYear - year;
  if (year > row.toYear) return year - row.toYear;
  return 0;
}


/** Builds a catalogue. Later rows of the same code and year lose to earlier ones. */
export function createBudgetCatalogue(
  rows: readonly BudgetRowInput[],
  coverage: readonly CoverageInput[],
  label: string,
): BudgetCatalogue {
  // Two-level indexes (classification, then code or name): no concatenated keys to hash.
  const byCode = new Index();
  const byName = new Index();
  const byClassification = new Map<Classification, CatalogueEntry[]>();
  const yearSet = new Set<number>();

  let lastFrom = NaN;
  let lastTo = NaN;
  for (const r of rows) {
    const code = r.code.trim();
    const parent = r.parent ?? derivedParent(code);
    const entry: CatalogueEntry =
      parent !== undefined && parent !== ''
        ? {
            classification: r.classification,
            code,
            name: r.name,
            level: r.level ?? levelOf(code),
            parent,
            fromYear: r.fromYear,
            toYear: r.toYear,
            aliases: r.aliases ?? NO_ALIASES,
            confidence: r.confidence,
            source: r.source,
          }
        : {
            classification: r.classification,
            code,
            name: r.name,
            level: r.level ?? levelOf(code),
            fromYear: r.fromYear,
            toYear: r.toYear,
            aliases: r.aliases ?? NO_ALIASES,
            confidence: r.confidence,
            source: r.source,
          };
    byCode.push(r.classification, code, entry);
    const own = normaliseName(entry.name);
    byName.push(r.classification, own, entry);
    if (entry.aliases.length > 0) {
      const names = new Set([own]);
      for (const a of entry.aliases) {
        const n = normaliseName(a.name);
        if (!names.has(n)) {
          names.add(n);
          byName.push(r.classification, n, entry);
        }
      }
    }
    let list = byClassification.get(r.classification);
    if (!list) byClassification.set(r.classification, (list = []));
    list.push(entry);
    if (r.fromYear !== lastFrom || r.toYear !== lastTo) {
      for (let y = r.fromYear; y <= r.toYear; y++) yearSet.add(y);
      lastFrom = r.fromYear;
      lastTo = r.toYear;
    }
  }
  const years = [...yearSet].sort((a, b) => a - b);

  const completeRows = coverage.filter((c) => c.complete);
  const isComplete = (classification: Classification, branch: string, year: number): boolean =>
    completeRows.some(
      (c) =>
        c.classification === classification &&
        (c.branch === branch || c.branch === ALL_BRANCHES) &&
        holds(c, year),
    );

  const rowFor = (classification: Classification, code: string, year: number): CatalogueEntry | undefined =>
    byCode.get(classification, code)?.find((e) => holds(e, year));

  const lookup = (classification: Classification, code: string, year: number): CodeLookup => {
    const c = code.trim();
    const all = byCode.get(classification, c) ?? [];
    const entry = all.find((e) => holds(e, year));
    if (entry) return { kind: 'found', entry };
    const otherYears = all.length ? { otherYears: all } : {};
    // The nearest ancestor the catalogue has a row for decides: if its children are all
    // listed, the code does not exist; otherwise nothing can be said.
    for (const branch of ancestorBranches(c)) {
      if (branch !== ROOT_BRANCH && !rowFor(classification, branch, year)) continue;
      return isComplete(classification, branch, year)
        ? { kind: 'unknown', branch, ...otherYears }
        : { kind: 'uncovered', branch, ...otherYears };
    }
    return { kind: 'uncovered', branch: ROOT_BRANCH, ...otherYears };
  };

  const judgeName = (entry: CatalogueEntry, name: string, year: number): NameVerdict => {
    const written = normaliseName(name);
    if (written === normaliseName(entry.name)) return { kind: 'exact' };
    let outOfYear: Alias | undefined;
    for (const alias of entry.aliases) {
      if (normaliseName(alias.name) !== written) continue;
      if (aliasHolds(alias, year)) return { kind: 'alias', alias };
      outOfYear ??= alias;
    }
    if (outOfYear) return { kind: 'other-year', alias: outOfYear };
    // Another row of the same code (another year range) may carry the written name.
    for (const other of byCode.get(entry.classification, entry.code) ?? []) {
      if (other === entry || normaliseName(other.name) !== written) continue;
      const alias: Alias = { name: other.name, fromYear: other.fromYear, toYear: other.toYear };
      return holds(other, year) ? { kind: 'alias', alias } : { kind: 'other-year', alias };
    }
    return { kind: 'different' };
  };

  const parentChain = (entry: CatalogueEntry, year: number): CatalogueEntry[] => {
    const chain: CatalogueEntry[] = [entry];
    const seen = new Set<string>([entry.code]);
    let parent = entry.parent;
    while (parent !== undefined && !seen.has(parent)) {
      seen.add(parent);
      const candidates = byCode.get(entry.classification, parent);
      if (!candidates || candidates.length === 0) break;
      // Prefer the row valid in the year; otherwise the one nearest to it.
      let best = candidates[0]!;
      for (const c of candidates) if (yearDistance(c, year) < yearDistance(best, year)) best = c;
      chain.unshift(best);
      parent = best.parent;
    }
    return chain;
  };

  const entriesCache = new Map<string, readonly CatalogueEntry[]>();
  const entries = (classification: Classification, year: number): readonly CatalogueEntry[] => {
    const k = `${classification}\u0000${year}`;
    let cached = entriesCache.get(k);
    if (!cached) {
      cached = (byClassification.get(classification) ?? []).filter((e) => holds(e, year));
      entriesCache.set(k, cached);
    }
    return cached;
  };

  const findByName = (classification: Classification, name: string, year: number): readonly CatalogueEntry[] =>
    (byName.get(classification, normaliseName(name)) ?? []).filter((e) => holds(e, year));

  return { label, years, lookup, judgeName, parentChain, entries, findByName, isComplete };
}

const NO_ALIASES: readonly Alias[] = [];

class Index {
  private readonly maps = new Map<Classification, Map<string, CatalogueEntry[]>>();
  get(c: Classification, k: string): CatalogueEntry[] | undefined {
    return this.maps.get(c)?.get(k);
  }
  push(c: Classification, k: string, v: CatalogueEntry): void {
    let m = this.maps.get(c);
    if (!m) this.maps.set(c, (m = new Map()));
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  }
}

/**
 * Coverage for an official table: every classification it holds is complete in every year
 * its rows hold.
 */
export function completeCoverage(rows: readonly BudgetRowInput[], source = ''): CoverageInput[] {
  const span = new Map<Classification, { fromYear: number; toYear: number }>();
  for (const r of rows) {
    const s = span.get(r.classification);
    span.set(
      r.classification,
      s ? { fromYear: Math.min(s.fromYear, r.fromYear), toYear: Math.max(s.toYear, r.toYear) } : { fromYear: r.fromYear, toYear: r.toYear },
    );
  }
  return [...span].map(([classification, s]) => ({
    classification,
    branch: ALL_BRANCHES,
    fromYear: s.fromYear,
    toYear: s.toYear,
    complete: true,
    source,
  }));
}

let shipped: BudgetCatalogue | undefined;

/** The catalogue shipped with the checker (data/budget-classification.csv), built once on first use. */
export function shippedCatalogue(): BudgetCatalogue {
  shipped ??= createBudgetCatalogue(BUDGET_ROWS, BUDGET_COVERAGE, '内置目录');
  return shipped;
}

/** The coverage rows of the shipped catalogue, with the reasoning for each (for hover and docs). */
export function shippedCoverage(): readonly CoverageInput[] {
  return BUDGET_COVERAGE;
}
