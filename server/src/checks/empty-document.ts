/** `empty-document`: the file holds nothing to check (empty, blank or only comments). */
import type { Check } from './context.js';

export const checkEmptyDocument: Check = ({ model }, report) => {
  if (model.file.blocks.length > 0 || model.file.problems.length > 0) return;
  report({
    code: 'empty-document',
    severity: 'information',
    span: { start: 0, end: 0 },
    message: '文件中没有内容：期望“通知 文号”“附件N 分配表：标题”或“附件N 绩效目标表：标题”',
  });
};
