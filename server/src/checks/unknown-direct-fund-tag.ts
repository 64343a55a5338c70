/**
 * `unknown-direct-fund-tag`: a direct-fund tag that is not in the tag catalogue (an error),
 * or a known tag code written with another name (a warning, with the catalogue's name as
 * the fix; published notices write `01 直达资金` for `01 中央直达资金`).
 */
import type { Check } from './context.js';

export const checkUnknownDirectFundTag: Check = ({ model, directFundTags }, report) => {
  const known = directFundTags.filter((t) => t.code).map((t) => `${t.code} ${t.name}`).join('、');
  for (const n of model.notices) {
    for (const ref of n.directFund) {
      if (ref.code) {
        const tag = directFundTags.find((t) => t.code === ref.code!.text);
        if (!tag) {
          report({
            code: 'unknown-direct-fund-tag',
            severity: 'error',
            span: ref.code,
            message: `未知的直达资金标识代码“${ref.code.text}”：标识有 ${known}`,
          });
          continue;
        }
        if (ref.name && ref.name.text !== tag.name && !tag.aliases.includes(ref.name.text)) {
          report({
            code: 'unknown-direct-fund-tag',
            severity: 'warning',
            span: ref.name,
            message: `直达资金标识 ${tag.code} 的名称应为“${tag.name}”，实际是“${ref.name.text}”`,
            fixes: [{ title: `改为“${tag.name}”`, edits: [{ span: ref.name, newText: tag.name }] }],
          });
        }
        continue;
      }
      if (!ref.name) {
        report({
          code: 'unknown-direct-fund-tag',
          severity: 'error',
          span: ref.field.key,
          message: `缺少直达资金标识：期望如“01 中央直达资金”`,
        });
        continue;
      }
      const byName = directFundTags.find((t) => t.name === ref.name!.text || t.aliases.includes(ref.name!.text));
      if (!byName) {
        const names = directFundTags.map((t) => (t.code ? `${t.code} ${t.name}` : t.name)).join('、');
        report({
          code: 'unknown-direct-fund-tag',
          severity: 'error',
          span: ref.name,
          message: `未知的直达资金标识“${ref.name.text}”：标识有 ${names}`,
        });
      }
    }
  }
};
