/**
 * `doc-number-format`: a document number that breaks GB/T 9704-2012 (7.2.5: 机关代字, the year
 * in full in six-sided brackets 〔〕, the serial in Arabic digits without 第 or leading zeros,
 * then 号). Checked wherever a number appears (the notice's own, 依据, column titles, body),
 * except in comments; a notice's own number, all of the text after `通知`, is also reported
 * when it has no 号, no year or cannot be read at all. The fix writes the number as the
 * standard does, when that is certain (never when the year has two digits).
 */
import { docNumberFaults, docNumberFixable, findDocNumbers, readDocNumber, type DocNumber } from '../model/doc-number.js';
import type { Span } from '../model/span.js';
import type { Check } from './context.js';
import type { Report } from './diagnostic.js';

export const checkDocNumberFormat: Check = ({ model }, report) => {
  const heads: Span[] = [];
  for (const n of model.notices) {
    const dn = n.node.docNumber;
    if (!dn || !dn.text.trim()) continue;
    heads.push(dn);
    const read = readDocNumber(model.file.text, dn.start, dn.end);
    if (read.kind === 'number') {
      reportFaults(read.number, report);
      continue;
    }
    const lead = dn.text.length - dn.text.trimStart().length;
    const span = { start: dn.start + lead, end: dn.start + lead + dn.text.trim().length };
    report({
      code: 'doc-number-format',
      severity: 'warning',
      span,
      message: read.message,
      ...(read.fix ? { fixes: [{ title: `改为“${read.fix}”`, edits: [{ span, newText: read.fix }] }] } : {}),
    });
  }
  const skip = [...model.file.comments, ...heads].sort((a, b) => a.start - b.start);
  for (const d of findDocNumbers(model.file.text, skip, model.file.marks)) reportFaults(d, report);
};

function reportFaults(d: DocNumber, report: Report): void {
  const faults = docNumberFaults(d);
  if (faults.length === 0) return;
  const fixable = docNumberFixable(d);
  report({
    code: 'doc-number-format',
    severity: 'warning',
    span: d.span,
    message: `文号“${d.text}”不合 GB/T 9704：${faults.join('；')}${fixable ? `；应为“${d.normalized}”` : ''}`,
    ...(fixable ? { fixes: [{ title: `改为“${d.normalized}”`, edits: [{ span: d.span, newText: d.normalized }] }] } : {}),
  });
}
