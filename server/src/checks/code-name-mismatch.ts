/**
 * `code-name-mismatch`: a known code written with a name that is not its name in the
 * notice's year. A name the code carried in another year is a warning that says which
 * year; any other name is an error when the catalogue row is confirmed (official or high
 * confidence) and a warning otherwise. The fix writes the catalogue's name.
 */
import type { Check } from './context.js';
import { codeFacts } from './codes.js';

function years(a: { fromYear?: number; toYear?: number }): string {
  if (a.fromYear !== undefined && a.toYear !== undefined) return a.fromYear === a.toYear ? `${a.fromYear} 年` : `${a.fromYear}–${a.toYear} 年`;
  if (a.toYear !== undefined) return `${a.toYear} 年及以前`;
  if (a.fromYear !== undefined) return `${a.fromYear} 年起`;
  return '其他年份';
}

export const checkCodeNameMismatch: Check = (ctx, report) => {
  for (const f of codeFacts(ctx)) {
    const name = f.ref.name;
    if (!name || f.lookup?.kind !== 'found') continue;
    const entry = f.lookup.entry;
    const verdict = ctx.catalogue.judgeName(entry, name.text, f.year);
    if (verdict.kind === 'exact' || verdict.kind === 'alias') continue;
    const fix = { title: `改为目录名称“${entry.name}”`, edits: [{ span: name, newText: entry.name }] };
    if (verdict.kind === 'other-year') {
      report({
        code: 'code-name-mismatch',
        severity: 'warning',
        span: name,
        message: `“${name.text}”是 ${entry.code} 在${years(verdict.alias)}的名称，${f.year} 年应为“${entry.name}”${f.basis}`,
        fixes: [fix],
      });
      continue;
    }
    const sure = entry.confidence === 'official' || entry.confidence === 'high';
    report({
      code: 'code-name-mismatch',
      severity: sure ? 'error' : 'warning',
      span: name,
      message: `科目 ${entry.code} 的名称应为“${entry.name}”，实际是“${name.text}”${f.basis}${sure ? '' : `（此行目录可信度：${entry.confidence === 'medium' ? '中' : '低'}）`}`,
      fixes: [fix],
    });
  }
};
