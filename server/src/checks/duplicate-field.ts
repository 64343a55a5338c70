/**
 * `duplicate-field`: a field written twice in one block (`年度：2023` and later `年度：2019`).
 * The checks read the first, so a second that says something else is silently ignored: that is
 * an error naming both values; a repeat of the same value is a warning whose fix deletes the
 * repeated line (it changes nothing the checks read). Keys that may be written more than once
 * are not counted: 科目 lines, direct-fund tags (by scope), a table's `核对` relations, notes.
 */
import type { FieldNode } from '../../../grammar/index.js';
import type { Check } from './context.js';
import type { Report } from './diagnostic.js';

const REPEATABLE = /^(?:收入科目|支出功能科目|政府经济科目|部门经济科目|直达资金(?:标识)?)(?:[（(][^）)]*[）)])?$|^(?:核对|注|备注)$/;

export const checkDuplicateField: Check = ({ model }, report) => {
  const text = model.file.text;
  for (const n of model.notices) fields(n.node.fields, '通知', text, report);
  for (const t of model.tables) fields(t.node.fields, '表', text, report);
  for (const k of model.kpiTables) fields(k.node.fields, '表', text, report);
};

function fields(list: readonly FieldNode[], where: string, text: string, report: Report): void {
  const first = new Map<string, FieldNode>();
  for (const f of list) {
    const key = f.key.text;
    if (REPEATABLE.test(key)) continue;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, f);
      continue;
    }
    const was = value(earlier);
    const now = value(f);
    const related = [{ span: earlier.key, message: `第一处“${key}”` }];
    if (was === now) {
      report({
        code: 'duplicate-field',
        severity: 'warning',
        span: f.key,
        message: `${where}中“${key}”写了两次，值相同（“${now}”）：删去重复的一行`,
        related,
        fixes: [{ title: `删去重复的“${key}”`, edits: [{ span: lineOf(text, f), newText: '' }] }],
      });
    } else {
      report({
        code: 'duplicate-field',
        severity: 'error',
        span: f.key,
        message: `${where}中“${key}”写了两次，值不同：第一处是“${was}”，这里是“${now}”；检查按第一处，请删去错的一行`,
        related,
      });
    }
  }
}

/** A field's value and its continuation lines, as one text. */
function value(f: FieldNode): string {
  return [f.value.text.trim(), ...f.continuation.map((c) => c.text.trim())].filter((s) => s).join('\n');
}

/** The field's whole lines, from the start of its first line to the start of the line after it. */
function lineOf(text: string, f: FieldNode): { start: number; end: number } {
  let start = f.key.start;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = f.end;
  while (end < text.length && text[end] !== '\n') end++;
  return { start, end: end < text.length ? end + 1 : end };
}
