/**
 * Shared reading of the budget codes against the catalogue, computed once per check run and
 * used by `code-kind-mismatch`, `unknown-code` and `code-name-mismatch`: a notice's `科目`
 * lines, and the codes its tables print at the start of column and group titles.
 *
 * A code in a header is read as a 支出功能分类 item, the kind tables print over their columns,
 * checked against the catalogue year of the table's notice. A header says no classification,
 * so one whose digits belong to another classification (`30201 办公费`) is not reported at all:
 * there is no declared kind for it to contradict, and a number that only looks like another
 * classification's code must not be flagged.
 */
import type { CatalogueEntry, Classification, CodeLookup } from '../catalogue/types.js';
import { CLASSIFICATION_NAMES, classificationOfCode } from '../catalogue/types.js';
import type { CodeRef, HeaderCodeRef, NoticeModel } from '../model/types.js';
import { CODE_FIELD_CLASSIFICATION } from '../model/types.js';
import type { CheckContext } from './context.js';
import { noticeYear } from './year.js';

export interface CodeFact {
  /** A `科目` line, or a code in a column or group title. */
  readonly ref: CodeRef | HeaderCodeRef;
  /** The notice it belongs to (absent for a table with no notice above it). */
  readonly notice?: NoticeModel;
  readonly expected: Classification;
  /** The classification the code's digits belong to. */
  readonly actual?: Classification;
  readonly year: number;
  /** Appended to messages: which catalogue and year decided. */
  readonly basis: string;
  readonly lookup?: CodeLookup;
}


export const CODE_LEVEL_LENGTHS = [3, 5, 7];

/** The classification a code in a column or group title is checked as: 支出功能分类 when its digits are of it, none otherwise. */
export function headerCodeClassification(ref: HeaderCodeRef): Classification | undefined {
  return classificationOfCode(ref.code.text) === 'expFunc' ? 'expFunc' : undefined;
}

const cache = new WeakMap<CheckContext, CodeFact[]>();

export function codeFacts(ctx: CheckContext): CodeFact[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const facts: CodeFact[] = [];
  for (const notice of ctx.model.notices) {
    const { year, note } = noticeYear(ctx, notice);
    for (const ref of notice.codes) {
      const expected = CODE_FIELD_CLASSIFICATION[ref.kind];
      // Which catalogue decided: a user's table for the classifications it holds, else the shipped one.
      const basis = `（依据：${ctx.catalogue.basisFor?.(expected, year) ?? `${ctx.catalogue.label} ${year} 年`}${note}）`;
      const actual = classificationOfCode(ref.code.text);
      const lookable = actual === expected && CODE_LEVEL_LENGTHS.includes(ref.code.text.length);
      facts.push({
        ref,
        notice,
        expected,
        ...(actual ? { actual } : {}),
        year,
        basis,
        ...(lookable ? { lookup: ctx.catalogue.lookup(expected, ref.code.text, year) } : {}),
      });
    }
  }
  for (const table of ctx.model.tables) {
    if (table.codes.length === 0) continue;
    const { year, note } = noticeYear(ctx, table.notice);
    for (const ref of table.codes) {
      const expected = headerCodeClassification(ref);
      if (!expected) continue;
      const basis = `（依据：${ctx.catalogue.basisFor?.(expected, year) ?? `${ctx.catalogue.label} ${year} 年`}${note}）`;
      facts.push({
        ref,
        ...(table.notice ? { notice: table.notice } : {}),
        expected,
        actual: expected,
        year,
        basis,
        lookup: ctx.catalogue.lookup(expected, ref.code.text, year),
      });
    }
  }
  cache.set(ctx, facts);
  return facts;
}

export function describeEntry(e: CatalogueEntry): string {
  return `${e.code} ${e.name}`;
}

export { CLASSIFICATION_NAMES };
