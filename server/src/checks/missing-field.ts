/**
 * `missing-field`: a field the checks need is absent, so they fall back to a default and
 * say which (a table without `单位`, a notice with budget codes, in its 科目 lines or its
 * tables' headers, but no year), or that the outputs leave something out: a 通知 written out
 * to its 版记 (`印发`) but without `成文日期` is printed without one (its 印发 date is when the
 * 版记 was printed, not the date it was signed).
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
    if (n.kind !== '公示' && n.fields.has('印发') && !n.fields.has('成文日期')) {
      report({
        code: 'missing-field',
        severity: 'information',
        span: n.node.keyword,
        message: '通知没有“成文日期：”：输出时署名下不印成文日期（“印发”的日期是印发日期，不能代替成文日期）',
      });
    }
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
