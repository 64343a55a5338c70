/**
 * `unknown-reference` for `正文` references: a `{附件1.合计.本次}` or `{本单位.本次}` whose
 * table, row or column is not there. Called from ./unknown-reference.ts; the resolving
 * itself is in ../model/body-refs.ts, shared with the renderers.
 */
import type { Report } from './diagnostic.js';
import type { DocumentModel } from '../model/types.js';
import { findBodyRefs, resolveBodyRef } from '../model/body-refs.js';

export function checkBodyReferences(model: DocumentModel, report: Report): void {
  for (const n of model.notices) {
    for (const p of n.node.body?.paragraphs ?? []) {
      for (const ref of findBodyRefs(p.text, p.start)) {
        const r = resolveBodyRef(ref, n);
        if (r.kind === 'unresolved') report({ code: 'unknown-reference', severity: 'error', span: r.span, message: r.message });
      }
    }
  }
}
