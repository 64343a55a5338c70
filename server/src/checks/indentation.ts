/**
 * `indentation`: a tab, a full-width space or another odd blank in indentation, a dedent
 * to a depth never opened, or nesting deeper than the reader allows. Each comes with the
 * replacement indentation as its fix (the layout pass already read the line at that depth).
 * Also a table's note (`注：…`) indented under a row or a 一级指标, where no note can be: the
 * grammar reads it as the table's note and says where it belongs; no fix is offered, since
 * moving it out would make the lines after it its paragraphs.
 *
 * A block indented with tabs throughout (pasted from a word processor) would give one error
 * per line: the same blank in more than `FLOOD` lines of a block is reported once, on its first
 * line, with the count and one fix for all of them.
 */
import type { SyntaxProblem } from '../../../grammar/index.js';
import type { Check } from './context.js';

const FLOOD = 3;
const BLANK = /^缩进中有(.+?)：/;

export const checkIndentation: Check = ({ model }, report) => {
  const problems = model.file.problems.filter((p) => p.code === 'indentation');
  // The blank-character problems of each block, by the blank they name.
  const blocks = model.file.blocks;
  const grouped = new Map<string, SyntaxProblem[]>();
  let b = 0;
  for (const p of problems) {
    const blank = BLANK.exec(p.message)?.[1];
    if (!blank || !p.fix) continue;
    while (b < blocks.length - 1 && blocks[b]!.end < p.start) b++;
    const key = `${b}\u0000${blank}`;
    const list = grouped.get(key);
    if (list) list.push(p);
    else grouped.set(key, [p]);
  }
  const folded = new Set<SyntaxProblem>();
  for (const [key, list] of grouped) {
    if (list.length <= FLOOD) continue;
    const blank = key.split('\u0000')[1]!;
    const [first] = list;
    for (const p of list) folded.add(p);
    report({
      code: 'indentation',
      severity: 'error',
      span: { start: first!.start, end: first!.end },
      message: `缩进中有${blank}：这一块共有 ${list.length} 行如此；缩进只能用半角空格，各行按相应的空格数读入`,
      fixes: [{ title: `把这 ${list.length} 行缩进中的${blank}都换成空格`, edits: list.map((p) => ({ span: { start: p.start, end: p.end }, newText: p.fix!.replacement })) }],
    });
  }
  for (const p of problems) {
    if (folded.has(p)) continue;
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
