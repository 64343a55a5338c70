/**
 * `code-name-mismatch`: a known code written with a name that is not its name in the
 * notice's year. A name the code carried in another year is a warning that says which
 * year; any other name is an error when the catalogue row is confirmed (official or high
 * confidence) and a warning otherwise. The fix writes the catalogue's name.
 *
 * The same holds for a code printed at the start of a column or group title (`栏组
 * 2082502—其他农村生活救助`), where the title may add a bracketed note after the name; a
 * title may also shorten the name, so there a wrong name is a warning, never an error.
 *
 * When the name written is another code's name in the same classification (`2101506
 * 医疗保障政策管理`: 2101505's name), the code is as likely to be the slip as the name (one
 * digit off books the money to the wrong 科目), so the message says whose name it is and the
 * first fix changes the code to that one, the second the name.
 */
import type { Word } from '../../../grammar/index.js';
import type { Check } from './context.js';
import { codeFacts } from './codes.js';

function years(a: { fromYear?: number; toYear?: number }): string {
  if (a.fromYear !== undefined && a.toYear !== undefined) return a.fromYear === a.toYear ? `${a.fromYear} 年` : `${a.fromYear}–${a.toYear} 年`;
  if (a.toYear !== undefined) return `${a.toYear} 年及以前`;
  if (a.fromYear !== undefined) return `${a.fromYear} 年起`;
  return '其他年份';
}

/** `name` without a bracketed note at its end, when it has one and something before it. */
function withoutNote(name: Word): Word | undefined {
  const m = /\s*[（(][^（）()]*[）)]$/.exec(name.text);
  if (!m || m.index === 0) return undefined;
  return { text: name.text.slice(0, m.index), start: name.start, end: name.start + m.index };
}

export const checkCodeNameMismatch: Check = (ctx, report) => {
  for (const f of codeFacts(ctx)) {
    const name = f.ref.name;
    if (!name || f.lookup?.kind !== 'found') continue;
    const entry = f.lookup.entry;
    const verdict = ctx.catalogue.judgeName(entry, name.text, f.year);
    if (verdict.kind === 'exact' || verdict.kind === 'alias') continue;
    // A column title may add a note in brackets after the name (`2101301 城乡医疗救助（万元）`):
    // the name is what comes before it, and the fix keeps the note.
    const noted = 'field' in f.ref ? undefined : withoutNote(name);
    if (noted) {
      const v = ctx.catalogue.judgeName(entry, noted.text, f.year);
      if (v.kind === 'exact' || v.kind === 'alias') continue;
    }
    // The name as written, without a note the catalogue's name does not have.
    const written = noted && !entry.name.endsWith(name.text.slice(noted.text.length)) ? noted : name;
    const fix = { title: `改为目录名称“${entry.name}”`, edits: [{ span: written, newText: entry.name }] };
    if (verdict.kind === 'other-year') {
      report({
        code: 'code-name-mismatch',
        severity: 'warning',
        span: written,
        message: `“${written.text}”是 ${entry.code} 在${years(verdict.alias)}的名称，${f.year} 年应为“${entry.name}”${f.basis}`,
        fixes: [fix],
      });
      continue;
    }
    const confirmed = entry.confidence === 'official' || entry.confidence === 'high';
    // A column title may shorten or reword the name, so there it is never more than a warning.
    const sure = confirmed && 'field' in f.ref;
    const owners = (ctx.catalogue.findByName?.(f.expected, written.text, f.year) ?? []).filter((e) => e.code !== entry.code);
    const owner = owners.length === 1 ? owners[0] : undefined;
    report({
      code: 'code-name-mismatch',
      severity: sure ? 'error' : 'warning',
      span: owner ? { start: f.ref.code.start, end: written.end } : written,
      message: `科目 ${entry.code} 的名称应为“${entry.name}”，实际是“${written.text}”${owner ? `：该名称属于 ${owner.code}，请核对代码与名称哪个写错了` : ''}${f.basis}${confirmed ? '' : `（此行目录可信度：${entry.confidence === 'medium' ? '中' : '低'}）`}`,
      fixes: owner ? [{ title: `改为代码 ${owner.code}（“${written.text}”的代码）`, edits: [{ span: f.ref.code, newText: owner.code }] }, fix] : [fix],
    });
  }
};
