/**
 * Combining a user's official table with the shipped catalogue.
 *
 * The rule: for a classification and a year, the first user table that holds that
 * classification in that year decides, alone and completely (a code it lacks does not
 * exist); for any other classification or year the base catalogue (the shipped one)
 * decides, with its own coverage (a code missing from a branch it does not list completely
 * is only "not covered"). A table with no year anywhere (no 年度 column, no year in a title,
 * sheet or file name) holds its classifications in every year. Every answer says which
 * catalogue gave it (`basisFor`).
 */
import type { BudgetCatalogue, CatalogueEntry, Classification, CodeLookup, NameVerdict } from '../types';

/** The year given to the rows of a table that names no year. */
export const ANY_YEAR = 0;

export interface CatalogueLayer {
  readonly catalogue: BudgetCatalogue;
  /** For each classification the table holds: the years it holds it in, or `any` for a table that names no year. */
  readonly holdings: ReadonlyMap<Classification, readonly number[] | 'any'>;
  /** Shown in messages: `用户目录 FILE（2024 年）`. */
  readonly label: string;
}

interface Pick {
  readonly catalogue: BudgetCatalogue;
  readonly year: number;
  readonly basis: string;
  readonly layer?: CatalogueLayer;
}


const EMPTY: BudgetCatalogue = {
  label: '未加载目录',
  years: [],
  lookup: () => ({ kind: 'uncovered', branch: '(root)' }),
  judgeName: () => ({ kind: 'different' }),
  parentChain: (e) => [e],
  entries: () => [],
  findByName: () => [],
  isComplete: () => false,
};

export function layerCatalogues(layers: readonly CatalogueLayer[], base?: BudgetCatalogue): BudgetCatalogue {
  const baseCat = base ?? EMPTY;
  const baseYears = baseCat.years;
  const baseMin = baseYears.length ? Math.min(...baseYears) : undefined;
  const baseMax = baseYears.length ? Math.max(...baseYears) : undefined;
  const clamp = (y: number): number => (baseMin === undefined || baseMax === undefined ? y : Math.min(baseMax, Math.max(baseMin, y)));

  const basePick = (y: number): Pick => {
    const cy = clamp(y);
    const note = cy === y ? '' : `（${baseCat.label}${cy < y ? '最新' : '最早'}为 ${cy} 年）`;
    return { catalogue: baseCat, year: cy, basis: `${baseCat.label} ${cy} 年${note}` };
  };

  const pick = (c: Classification, y: number): Pick => {
    for (const layer of layers) {
      const h = layer.holdings.get(c);
      if (!h) continue;
      if (h === 'any') return { catalogue: layer.catalogue, year: ANY_YEAR, basis: layer.label, layer };
      if (h.includes(y)) return { catalogue: layer.catalogue, year: y, basis: layer.label, layer };
    }
    return basePick(y);
  };

  /** The layer an entry came from (entries are the objects the layers' lookups return). */
  const owner = (entry: CatalogueEntry, y: number): Pick => {
    for (const layer of layers) {
      const h = layer.holdings.get(entry.classification);
      if (!h) continue;
      const r = layer.catalogue.lookup(entry.classification, entry.code, entry.fromYear);
      if (r.kind === 'found' && r.entry === entry) {
        return { catalogue: layer.catalogue, year: h === 'any' ? ANY_YEAR : y, basis: layer.label, layer };
      }
    }
    return basePick(y);
  };

  const years = new Set<number>(baseYears);
  for (const l of layers) for (const h of l.holdings.values()) if (h !== 'any') for (const y of h) years.add(y);

  const lookup = (c: Classification, code: string, y: number): CodeLookup => {
    const p = pick(c, y);
    return p.catalogue.lookup(c, code, p.year);
  };

  const judgeName = (entry: CatalogueEntry, name: string, y: number): NameVerdict => {
    const p = owner(entry, y);
    const verdict = p.catalogue.judgeName(entry, name, p.year);
    if (verdict.kind !== 'different' || !p.layer || !base) return verdict;
    // The official table has one name per year; a name the shipped catalogue knows as this
    // code's name in other years is reported as such (a warning naming the year) rather than
    // as a plain wrong name. Undated variants do not override an official table.
    const b = basePick(y);
    const found = base.lookup(entry.classification, entry.code, b.year);
    const rows = found.kind === 'found' ? [found.entry] : (found.otherYears ?? []);
    for (const row of rows) {
      const v = base.judgeName(row, name, b.year);
      if (v.kind === 'other-year') return v;
      if (v.kind === 'alias' && v.alias.fromYear !== undefined && !(v.alias.fromYear <= y && y <= (v.alias.toYear ?? Infinity))) {
        return { kind: 'other-year', alias: v.alias };
      }
      if (v.kind === 'exact' && row.toYear < y) return { kind: 'other-year', alias: { name: row.name, fromYear: row.fromYear, toYear: row.toYear } };
    }
    return verdict;
  };

  const label = [...layers.map((l) => l.label), ...(base ? [`其余分类用${base.label}`] : [])].join('；');

  return {
    label,
    years: [...years].sort((a, b) => a - b),
    lookup,
    judgeName,
    parentChain: (entry, y) => {
      const p = owner(entry, y);
      return p.catalogue.parentChain(entry, p.year);
    },
    entries: (c, y) => {
      const p = pick(c, y);
      return p.catalogue.entries(c, p.year);
    },
    findByName: (c, name, y) => {
      const p = pick(c, y);
      return p.catalogue.findByName?.(c, name, p.year) ?? [];
    },
    isComplete: (c, branch, y) => {
      const p = pick(c, y);
      return p.catalogue.isComplete?.(c, branch, p.year) ?? false;
    },
    basisFor: (c, y) => pick(c, y).basis,
    userTables: layers.map((l) => l.label),
    answeredByUser: (c, y) => pick(c, y).layer !== undefined,
    heldByUser: (c) => layers.some((l) => l.holdings.has(c)),
  };
}
