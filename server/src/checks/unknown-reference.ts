/**
 * `unknown-reference`: something names a column, table or attachment that is not there —
 * a formula's column, the table column a `金额` is tied to, a KPI table's `详见附件N`.
 */
import type { Check } from './context.js';
import { amountTie } from './references.js';
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
      for (const field of k.fields.values()) {
        const re = /详见(附件\d+)/g;
        for (let m = re.exec(field.value.text); m; m = re.exec(field.value.text)) {
          if (labels.has(m[1]!)) continue;
          const start = field.value.start + m.index + 2;
          report({
            code: 'unknown-reference',
            severity: 'error',
            span: { start, end: start + m[1]!.length },
            message: `本通知没有“${m[1]}”：有 ${[...labels].join('、') || '（无带编号的附件）'}`,
          });
        }
      }
    }
  }
};
