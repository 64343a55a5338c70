/**
 * Shared reading of a notice's `科目` lines against the catalogue, computed once per check
 * run and used by `code-kind-mismatch`, `unknown-code` and `code-name-mismatch`.
 */
import type { CatalogueEntry, Classification, CodeLookup } from '../catalogue/types.js';
import { CLASSIFICATION_NAMES, classificationOfCode } from '../catalogue/types.js';
import type { CodeRef, NoticeModel } from '../model/types.js';
import { CODE_FIELD_CLASSIFICATION } from '../model/types.js';
import type { CheckContext } from './context.js';
import { noticeYear } from './year.js';

export interface CodeFact {
  readonly ref: CodeRef;
  readonly notice: NoticeModel;
  readonly expected: Classification;
  /** The classification the code's digits belong to. */
  readonly actual?: Classification;
  readonly year: number;
  /** Appended to messages: which catalogue and year decided. */
  readonly basis: string;
  readonly lookup?: CodeLookup;
}


export const CODE_LEVEL_LENGTHS = [3, 5, 7];

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
  cache.set(ctx, facts);
  return facts;
}

export function describeEntry(e: CatalogueEntry): string {
  return `${e.code} ${e.name}`;
}

export { CLASSIFICATION_NAMES };
