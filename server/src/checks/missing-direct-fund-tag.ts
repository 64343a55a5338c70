/**
 * `missing-direct-fund-tag`: central (中央) or provincial (省级) money — named in the
 * notice's `资金来源` or a column's `来源` — with no direct-fund tag line for it. A tag line
 * with a scope (`直达资金（省级）`) covers that scope; one without covers 中央, or the only
 * source when there is just one. The fix inserts the usual tag line under the notice. A 公示
 * issues no money (the tag marks the budget indicator a 通知 issues), so it needs none.
 *
 * The tags exist since the direct-fund mechanism: set up in 2020 for the special transfer
 * payments and the anti-epidemic bonds, made the rule for transfers from 2021 (国发〔2021〕5号,
 * 《国务院关于进一步深化预算管理制度改革的意见》). So a notice of 2021 or later needs the tag (an
 * error), one of 2020 may (an information note), one of an earlier year does not. The year is
 * the notice's (`年度`, else its 文号's); a notice with neither is checked as one of today.
 */
import type { FieldNode } from '../../../grammar/index.js';
import type { NoticeModel } from '../model/types.js';
import type { Check } from './context.js';

const TAGGED_SOURCES = ['中央', '省级'];

const TAG_LINE: Record<string, string> = {
  中央: '直达资金：01 中央直达资金',
  省级: '直达资金（省级）：直达资金省级对应安排',
};

/** The first year whose notices carry direct-fund tags, and the first in which every one must. */
export const DIRECT_FUND_FROM = 2020;
export const DIRECT_FUND_RULE_FROM = 2021;

export const checkMissingDirectFundTag: Check = ({ model }, report) => {
  for (const n of model.notices) {
    if (n.kind === '公示') continue;
    if (n.year !== undefined && n.year < DIRECT_FUND_FROM) continue;
    const early = n.year !== undefined && n.year < DIRECT_FUND_RULE_FROM;
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
        severity: early ? 'information' : 'error',
        span: first.span,
        message: early
          ? `资金来源有“${source}”，没有${source}资金的直达资金标识：${n.year} 年的资金只有纳入直达机制的（特殊转移支付等）才有标识，是的话应有如“${line}”的一行`
          : `资金来源有“${source}”，缺少${source}资金的直达资金标识：期望如“${line}”的一行`,
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
