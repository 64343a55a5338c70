/**
 * `notice catalogue diff OLD NEW`: what changed between two years' tables, the question
 * every finance bureau asks in January. Per classification: codes added, removed, renamed
 * (same code, another name) and moved (a name that left one code and appeared under
 * another, when that name is unique on both sides).
 */
import { normaliseName } from '../budget';
import type { Classification } from '../types';
import { CLASSIFICATION_NAMES } from '../types';
import type { ReadRow } from './layout';
import type { UserCatalogue } from './load';

export interface CodeRow {
  readonly code: string;
  readonly name: string;
}

export interface ClassificationDiff {
  readonly classification: Classification;
  /** Set when only one of the two tables holds this classification: nothing is compared. */
  readonly onlyIn?: 'old' | 'new';
  readonly added: readonly CodeRow[];
  readonly removed: readonly CodeRow[];
  readonly renamed: readonly { readonly code: string; readonly oldName: string; readonly newName: string }[];
  readonly moved: readonly { readonly name: string; readonly oldCode: string; readonly newCode: string; readonly oldName: string }[];
  readonly unchanged: number;
}

export interface CatalogueDiff {
  readonly old: { readonly label: string; readonly year?: number };
  readonly new: { readonly label: string; readonly year?: number };
  readonly classifications: readonly ClassificationDiff[];
  readonly notes: readonly string[];
}

const ORDER: readonly Classification[] = ['revenue', 'expFunc', 'govEco', 'depEco'];

/** The rows of a table's latest year (all rows for a table that names no year). */
function rowsOf(t: UserCatalogue): Map<Classification, Map<string, ReadRow>> {
  const out = new Map<Classification, Map<string, ReadRow>>();
  for (const r of t.entries) {
    if (t.year !== undefined && r.year !== undefined && r.year !== t.year) continue;
    let m = out.get(r.classification);
    if (!m) out.set(r.classification, (m = new Map()));
    if (!m.has(r.code)) m.set(r.code, r);
  }
  return out;
}

const byCode = (a: { code: string }, b: { code: string }): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function diffCatalogues(oldT: UserCatalogue, newT: UserCatalogue): CatalogueDiff {
  const notes: string[] = [];
  if (oldT.years.length > 1) notes.push(`旧表含 ${oldT.years.join('、')} 年，按 ${oldT.year} 年比较`);
  if (newT.years.length > 1) notes.push(`新表含 ${newT.years.join('、')} 年，按 ${newT.year} 年比较`);
  const a = rowsOf(oldT);
  const b = rowsOf(newT);
  const classifications: ClassificationDiff[] = [];
  for (const c of ORDER) {
    const ra = a.get(c);
    const rb = b.get(c);
    if (!ra && !rb) continue;
    if (!ra || !rb) {
      classifications.push({ classification: c, onlyIn: ra ? 'old' : 'new', added: [], removed: [], renamed: [], moved: [], unchanged: 0 });
      continue;
    }
    const added: CodeRow[] = [];
    const removed: CodeRow[] = [];
    const renamed: { code: string; oldName: string; newName: string }[] = [];
    let unchanged = 0;
    for (const [code, r] of ra) {
      const n = rb.get(code);
      if (!n) removed.push({ code, name: r.name });
      else if (normaliseName(n.name) !== normaliseName(r.name)) renamed.push({ code, oldName: r.name, newName: n.name });
      else unchanged++;
    }
    for (const [code, r] of rb) if (!ra.has(code)) added.push({ code, name: r.name });
    // A name removed under one code and added under another (and unique on both sides): moved.
    const count = (list: readonly CodeRow[]): Map<string, CodeRow[]> => {
      const m = new Map<string, CodeRow[]>();
      for (const r of list) {
        const k = `${r.code.length}\u0000${normaliseName(r.name)}`;
        m.set(k, [...(m.get(k) ?? []), r]);
      }
      return m;
    };
    const rem = count(removed);
    const add = count(added);
    const moved: { name: string; oldCode: string; newCode: string; oldName: string }[] = [];
    const movedCodes = new Set<string>();
    for (const [k, rs] of rem) {
      const as = add.get(k);
      if (rs.length !== 1 || as?.length !== 1) continue;
      moved.push({ name: as[0]!.name, oldName: rs[0]!.name, oldCode: rs[0]!.code, newCode: as[0]!.code });
      movedCodes.add(`-${rs[0]!.code}`).add(`+${as[0]!.code}`);
    }
    classifications.push({
      classification: c,
      added: added.filter((r) => !movedCodes.has(`+${r.code}`)).sort(byCode),
      removed: removed.filter((r) => !movedCodes.has(`-${r.code}`)).sort(byCode),
      renamed: renamed.sort(byCode),
      moved: moved.sort((x, y) => (x.oldCode < y.oldCode ? -1 : 1)),
      unchanged,
    });
  }
  return {
    old: { label: oldT.label, ...(oldT.year !== undefined ? { year: oldT.year } : {}) },
    new: { label: newT.label, ...(newT.year !== undefined ? { year: newT.year } : {}) },
    classifications,
    notes,
  };
}

/** The diff as the CLI prints it: one block per classification, counts first. */
export function formatDiff(d: CatalogueDiff): string {
  const out: string[] = [`比较：${d.old.label} → ${d.new.label}`];
  for (const n of d.notes) out.push(`（${n}）`);
  let added = 0;
  let removed = 0;
  let renamed = 0;
  let moved = 0;
  for (const c of d.classifications) {
    const name = CLASSIFICATION_NAMES[c.classification];
    out.push('');
    if (c.onlyIn) {
      out.push(`${name}：只有${c.onlyIn === 'old' ? '旧' : '新'}表有此分类，未比较`);
      continue;
    }
    added += c.added.length;
    removed += c.removed.length;
    renamed += c.renamed.length;
    moved += c.moved.length;
    if (c.added.length + c.removed.length + c.renamed.length + c.moved.length === 0) {
      out.push(`${name}：没有变化（${c.unchanged} 个科目）`);
      continue;
    }
    out.push(`${name}：新增 ${c.added.length}，删除 ${c.removed.length}，更名 ${c.renamed.length}，改编码 ${c.moved.length}（未变 ${c.unchanged}）`);
    if (c.added.length) {
      out.push(`  新增 ${c.added.length}：`);
      for (const r of c.added) out.push(`    + ${r.code} ${r.name}`);
    }
    if (c.removed.length) {
      out.push(`  删除 ${c.removed.length}：`);
      for (const r of c.removed) out.push(`    - ${r.code} ${r.name}`);
    }
    if (c.renamed.length) {
      out.push(`  更名 ${c.renamed.length}：`);
      for (const r of c.renamed) out.push(`    ~ ${r.code} ${r.oldName} → ${r.newName}`);
    }
    if (c.moved.length) {
      out.push(`  改编码 ${c.moved.length}：`);
      for (const r of c.moved) out.push(`    > ${r.oldCode} → ${r.newCode} ${r.name}`);
    }
  }
  out.push('');
  out.push(`合计：新增 ${added}，删除 ${removed}，更名 ${renamed}，改编码 ${moved}`);
  return out.join('\n');
}
