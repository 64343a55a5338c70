/**
 * `indentation`: a tab, a full-width space or another odd blank in indentation, a dedent
 * to a depth never opened, or nesting deeper than the reader allows. Each comes with the
 * replacement indentation as its fix (the layout pass already read the line at that depth).
 * Also a table's note (`注：…`) indented under a row or a 一级指标, where no note can be: the
 * grammar reads it as the table's note and says where it belongs; no fix is offered, since
 * moving it out would make the lines after it its paragraphs.
 */
import type { Check } from './context.js';

export const checkIndentation: Check = ({ model }, report) => {
  for (const p of model.file.problems) {
    if (p.code !== 'indentation') continue;
    const span = { start: p.start, end: p.end };
    report({
      code: 'indentation',
      severity: 'error',
      span,
      message: p.message,
      ...(p.fix ? { fixes: [{ title: p.fix.title, edits: [{ span, newText: p.fix.replacement }] }] } : {}),
    });
  }
};
