/**
 * `doc-number-format`: a document number that breaks GB/T 9704-2012 — the year not in
 * six-sided brackets 〔〕, not written in full (four digits), a serial with 第 or leading
 * zeros. Checked wherever a number appears (the notice's own, 依据, column titles, body),
 * except in comments. The fix writes the number as the standard does, when that is certain.
 */
import { findDocNumbers } from '../model/doc-number.js';
import type { Check } from './context.js';

export const checkDocNumberFormat: Check = ({ model }, report) => {
  for (const d of findDocNumbers(model.file.text, model.file.comments)) {
    const faults: string[] = [];
    if (d.open !== '〔' || d.close !== '〕') faults.push(`年份应使用六角括号“〔〕”，而非“${d.open}${d.close}”`);
    if (d.year.length !== 4) faults.push(`年份应写全四位，实际是“${d.year}”`);
    if (d.hasDi) faults.push('顺序号前不加“第”');
    if (/^0\d/.test(d.serial)) faults.push(`顺序号不编虚位，实际是“${d.serial}”`);
    if (faults.length === 0) continue;
    const fixable = d.year.length === 4;
    report({
      code: 'doc-number-format',
      severity: 'warning',
      span: d.span,
      message: `文号“${d.text}”不合 GB/T 9704：${faults.join('；')}${fixable ? `；应为“${d.normalized}”` : ''}`,
      ...(fixable ? { fixes: [{ title: `改为“${d.normalized}”`, edits: [{ span: d.span, newText: d.normalized }] }] } : {}),
    });
  }
};
