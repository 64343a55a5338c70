/**
 * `missing-field`: a field the checks need is absent, so they fall back to a default and
 * say which (a table without `单位`, a notice with budget codes, in its 科目 lines or its
 * tables' headers, but no year).
 */
import { codeFacts } from './codes.js';
import type { Check } from './context.js';
import { noticeYear } from './year.js';

export const checkMissingField: Check = (ctx, report) => {
  for (const p of ctx.model.problems) {
    if (p.code === 'missing-field') report({ code: 'missing-field', severity: p.severity, span: p.span, message: p.message });
  }
  // The notices with codes the code checks look up: 科目 lines, and codes in their tables' headers.
  const withCodes = new Set(codeFacts(ctx).map((f) => f.notice));
  for (const n of ctx.model.notices) {
    if (n.year !== undefined || !withCodes.has(n)) continue;
    const { year } = noticeYear(ctx, n);
    report({
      code: 'missing-field',
      severity: 'warning',
      span: n.node.keyword,
      message: n.kind === '公示' ? `公示缺少“年度：”：科目按 ${year} 年的目录核对` : `通知缺少“年度：”，文号中也没有年份：科目按 ${year} 年的目录核对`,
    });
  }
};
