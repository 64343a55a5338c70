/**
 * `code-kind-mismatch`: a code of one classification written as another (an expenditure
 * code as 收入科目). The classification is told by the code's first digit: 收入分类 1,
 * 支出功能分类 2, 部门预算经济分类 3, 政府预算经济分类 5.
 */
import type { Check } from './context.js';
import { CLASSIFICATION_NAMES, codeFacts } from './codes.js';

const FIRST_DIGIT: Record<string, string> = { revenue: '1', expFunc: '2', depEco: '3', govEco: '5' };

export const checkCodeKindMismatch: Check = (ctx, report) => {
  for (const f of codeFacts(ctx)) {
    // Only a `科目` line declares a kind; a code in a header declares none.
    if (f.actual === f.expected || !('field' in f.ref)) continue;
    const code = f.ref.code.text;
    report({
      code: 'code-kind-mismatch',
      severity: 'error',
      span: f.ref.code,
      message: f.actual
        ? `${code} 是${CLASSIFICATION_NAMES[f.actual]}的编码，不能作${f.ref.kind}：${f.ref.kind}应为${CLASSIFICATION_NAMES[f.expected]}编码（以 ${FIRST_DIGIT[f.expected]} 开头）`
        : `${code} 不是任何分类的科目编码：${f.ref.kind}应为${CLASSIFICATION_NAMES[f.expected]}编码（以 ${FIRST_DIGIT[f.expected]} 开头）`,
    });
  }
};
