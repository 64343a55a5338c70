/**
 * `unknown-code`: a code the catalogue of the notice's year does not have. Honest about
 * coverage: where the catalogue lists a branch completely, a missing code is an error;
 * where it does not, the code cannot be confirmed either way and the diagnostic is only
 * information, saying which branch is incomplete. Every message names the catalogue.
 *
 * A user's table loaded that holds the file's classifications but in other years, so that it
 * answers for none of the file's codes, is said once, as information on the first code: the codes were checked
 * against the shipped catalogue, not the table the user meant.
 */
import { CLASSIFICATION_NAMES } from '../catalogue/types.js';
import type { Check } from './context.js';
import { CODE_LEVEL_LENGTHS, codeFacts } from './codes.js';

export const checkUnknownCode: Check = (ctx, report) => {
  const facts = codeFacts(ctx);
  const cat = ctx.catalogue;
  // (Only a table that holds the codes' classifications, in other years: one that holds none
  // of them is simply not about them.)
  if (cat.userTables?.length && cat.answeredByUser && facts.length > 0 && !facts.some((f) => cat.answeredByUser!(f.expected, f.year)) && facts.some((f) => cat.heldByUser?.(f.expected))) {
    const first = facts[0]!;
    const years = [...new Set(facts.map((f) => f.year))].sort().join('、');
    report({
      code: 'unknown-code',
      severity: 'information',
      span: first.ref.code,
      message: `已加载的用户目录（${cat.userTables.join('；')}）不含本文件科目的年度（${years} 年），本文件的科目都按内置目录核对`,
    });
  }
  for (const f of facts) {
    if (f.actual !== f.expected) continue;
    const code = f.ref.code.text;
    const cls = CLASSIFICATION_NAMES[f.expected];
    if (!CODE_LEVEL_LENGTHS.includes(code.length)) {
      report({
        code: 'unknown-code',
        severity: 'error',
        span: f.ref.code,
        message: `科目编码应为 3 位（类）、5 位（款）或 7 位（项），实际是 ${code.length} 位“${code}”`,
      });
      continue;
    }
    const l = f.lookup;
    if (!l || l.kind === 'found') continue;
    // The code exists in other years of the catalogue: say which, and under what name.
    const other = l.otherYears?.length
      ? `；${l.otherYears.map((e) => `${e.fromYear === e.toYear ? `${e.fromYear} 年` : `${e.fromYear}–${e.toYear} 年`}有“${e.code} ${e.name}”`).join('，')}`
      : '';
    if (l.kind === 'unknown') {
      report({
        code: 'unknown-code',
        severity: 'error',
        span: f.ref.code,
        message: `${f.year} 年${cls}中没有科目 ${code}${other}${f.basis}`,
      });
    } else {
      // Never an error: the catalogue does not list this branch completely.
      const branch = l.branch === '(root)' ? cls : l.branch.length === 3 ? `${l.branch} 类` : `${l.branch} 以下的科目`;
      report({
        code: 'unknown-code',
        severity: 'information',
        span: f.ref.code,
        message: `目录未完整收录 ${branch}，无法确认 ${code}${other}${f.basis}`,
      });
    }
  }
};
