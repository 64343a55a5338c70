/**
 * `syntax`: the text does not read as the language. The parser recovers, so every other
 * check still runs on what was read; this reports what could not be (from the reader and
 * from values the model could not read, such as a year or an amount).
 */
import type { Check } from './context.js';

export const checkSyntax: Check = ({ model }, report) => {
  for (const p of model.file.problems) {
    if (p.code !== 'syntax') continue;
    report({
      code: 'syntax',
      severity: 'error',
      span: { start: p.start, end: p.end },
      message: p.message,
      ...(p.fix ? { fixes: [{ title: p.fix.title, edits: [{ span: { start: p.start, end: p.end }, newText: p.fix.replacement }] }] } : {}),
    });
  }
  for (const p of model.problems) {
    if (p.code === 'syntax') report({ code: 'syntax', severity: p.severity, span: p.span, message: p.message });
  }
};
