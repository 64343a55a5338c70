/**
 * `missing-direct-fund-tag`: central (中央) or provincial (省级) money — named in the
 * notice's `资金来源` or a column's `来源` — with no direct-fund tag line for it. A tag line
 * with a scope (`直达资金（省级）`) covers that scope; one without covers 中央, or the only
 * source when there is just one. The fix inserts the usual tag line under the notice. A 公示
 * issues no money (the tag marks the budget indicator a 通知 issues), so it needs none.
 */
import type { FieldNode } from '../../../grammar/index.js';
import type { NoticeModel } from '../model/types.js';
import type { Check } from './context.js';

const TAGGED_SOURCES = ['中央', '省级'];

const TAG_LINE: Record<string, string> = {
  中央: '直达资金：01 中央直达资金',
  省级: '直达资金（省级）：直达资金省级对应安排',
};

export const checkMissingDirectFundTag: Check = ({ model }, report) => {
  for (const n of model.notices) {
    if (n.kind === '公示') continue;
    const names = [...new Set(n.sources.map((s) => s.name))];
    const only = names.length === 1;
    for (const source of TAGGED_SOURCES) {
      const first = n.sources.find((s) => s.name === source);
      if (!first) continue;
      const covered = n.directFund.some((t) => t.scope === source || (t.scope === undefined && (source === '中央' || only)));
      if (covered) continue;
      const line = TAG_LINE[source]!;
      report({
        code: 'missing-direct-fund-tag',
        severity: 'error',
        span: first.span,
        message: `资金来源有“${source}”，缺少${source}资金的直达资金标识：期望如“${line}”的一行`,
        ...insertFix(model.file.text, n, line),
      });
    }
  }
};

/** Inserts `line` after the notice's last tag, code or 资金来源 line, at its indentation. */
function insertFix(text: string, n: NoticeModel, line: string) {
  const anchors: FieldNode[] = [...n.directFund.map((t) => t.field), ...n.codes.map((c) => c.field)];
  const source = n.fields.get('资金来源');
  if (source) anchors.push(source);
  const anchor = anchors.sort((a, b) => b.end - a.end)[0] ?? n.node.fields[n.node.fields.length - 1];
  if (!anchor) return {};
  let lineStart = anchor.key.start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const indent = text.slice(lineStart, anchor.key.start);
  let end = anchor.end;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { fixes: [{ title: `插入“${line}”`, edits: [{ span: { start: end, end }, newText: `${eol}${indent}${line}` }] }] };
}
