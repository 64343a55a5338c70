/**
 * `unknown-reference`: something names a column, table or attachment that is not there —
 * a formula's column, the table column a `金额` is tied to, a KPI money field's `详见附件N` or
 * `= 附件N.栏`.
 */
import type { Check } from './context.js';
import { amountTie, kpiAmountTie } from './references.js';
import { checkBodyReferences } from './body-reference.js';

export const checkUnknownReference: Check = ({ model }, report) => {
  checkBodyReferences(model, report);
  for (const p of model.problems) {
    if (p.code === 'unknown-reference') report({ code: 'unknown-reference', severity: 'error', span: p.span, message: p.message });
  }
  for (const n of model.notices) {
    const tie = amountTie(n);
    if (tie.kind === 'unresolved' && n.amount) {
      report({ code: 'unknown-reference', severity: 'error', span: n.amount.ref?.span ?? n.amount.field.value, message: tie.message });
    }
    const labels = new Set([...n.tables.map((t) => t.label), ...n.kpiTables.map((k) => k.label)].filter((l): l is string => !!l));
    for (const k of n.kpiTables) {
      for (const a of k.amounts) {
        if (a.ref?.see && !labels.has(a.ref.table)) {
          report({ code: 'unknown-reference', severity: 'error', span: a.ref.span, message: `本通知没有“${a.ref.table}”：有 ${[...labels].join('、') || '（无带编号的附件）'}` });
          continue;
        }
        const tie = kpiAmountTie(n, a);
        if (tie.kind === 'unresolved') report({ code: 'unknown-reference', severity: 'error', span: a.ref?.span ?? a.field.value, message: tie.message });
      }
    }
  }
};
