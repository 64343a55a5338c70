/**
 * `from-above`: where the notice's `依据` cites a notice at hand (`CheckOptions.notices`) that
 * has a row for this notice's own region (the first 发文机关's city, county or province:
 * `南昌市财政局` → 南昌市; the row `南昌市`, `南昌市合计`, `南昌`, or `南昌市本级`), the money this
 * notice distributes (its table's 本次 total, per fund source) equals what that notice
 * allocated to the region, or that less what this notice's 已下达 column says was issued
 * before. A 依据 notice that is not at hand, or has no row for the region (a ministry's notice
 * lists provinces), is compared with nothing. No fix: only the official knows which is wrong.
 */
import { fromAboveLinks } from './chain.js';
import { figureText } from './chain-text.js';
import type { Check } from './context.js';

export const checkFromAbove: Check = ({ model, options }, report) => {
  const lookup = options.notices;
  if (!lookup) return;
  for (const n of model.notices) {
    const { figures } = fromAboveLinks(n, lookup);
    for (const f of figures) {
      if (f.agrees) continue;
      const t = f.table;
      const source = f.source ? `（${f.source}资金）` : '';
      const theirs = f.theirs.map((x) => `${x.number} 下达“${x.row.name}” ${figureText(x.value, t)}${t.unit}`).join('，');
      const already = f.alreadyIssued ? `；加上已下达的 ${figureText(f.alreadyIssued, t)}${t.unit} 也对不上` : '';
      report({
        code: 'from-above',
        severity: 'warning',
        span: f.oursSpan,
        message: `本通知${t.label ?? ''}“${f.issued.column.id}”合计 ${figureText(f.ours, t)}${t.unit}${source}，与依据的上级通知不符：${theirs}${already}`,
        related: f.theirs.map((x) => ({ file: x.cited.file, span: x.span, message: `${x.number} ${x.table.label ?? x.table.title}“${x.row.name}”：${figureText(x.value, t)}${t.unit}` })),
      });
    }
  }
};
