/**
 * `already-issued`: a column of money already issued (`已下达`, `已提前下达（赣财社指[2022]90号…）`)
 * whose title cites the earlier notices by 文号: each row equals the sum of the same region's
 * 本次 in those notices (of the same fund source, converted to this table's unit), when the
 * caller has them (`CheckOptions.notices`). Where the title cites notices of this notice's
 * own issuer and of others (`赣财社指[2021]100号下达 (洪财社指[2021]143号)`), the own issuer's
 * are the ones that issued the money to these rows. A cited notice that is not at hand, or
 * whose 本次 column cannot be told, is information: nothing is compared. No fix: which of the
 * two notices is wrong, only the official knows.
 */
import type { CitedNumber } from '../model/issued.js';
import { alreadyIssuedLinks, type AlreadyIssuedLink } from './chain.js';
import type { Check } from './context.js';
import type { Report } from './diagnostic.js';
import { figureText, figuresLabel } from './chain-text.js';

export const checkAlreadyIssued: Check = ({ model, options }, report) => {
  const lookup = options.notices;
  if (!lookup) return;
  for (const t of model.tables) {
    const links = alreadyIssuedLinks(t, lookup);
    reportUnavailable(links, report);
    for (const link of links) reportLink(link, report);
  }
};

/**
 * A cited notice that is not at hand (or is there twice), once where it is cited: a group's
 * title (`已提前下达（赣财社指[2022]90号…）`) cites it for each of its columns.
 */
function reportUnavailable(links: readonly AlreadyIssuedLink[], report: Report): void {
  const bySpan = new Map<number, { cite: CitedNumber; columns: string[]; duplicated: boolean }>();
  for (const link of links) {
    for (const [list, duplicated] of [[link.missing, false], [link.duplicated, true]] as const) {
      for (const cite of list) {
        const seen = bySpan.get(cite.span.start);
        if (seen) seen.columns.push(link.column.column.id);
        else bySpan.set(cite.span.start, { cite, columns: [link.column.column.id], duplicated });
      }
    }
  }
  for (const { cite, columns, duplicated } of bySpan.values()) {
    const label = columns.map((c) => `“${c}”`).join('、') + '栏';
    const message = duplicated
      ? `所引通知 ${cite.number} 有不止一份（文号重复），${label}未与它核对`
      : `没有找到所引通知 ${cite.number}，${label}未与它核对：把它所在的文件夹加入工作区或设置“notice.noticeFolders”，命令行用 notice check --with 目录`;
    report({ code: 'already-issued', severity: 'information', span: cite.span, message });
  }
}

function reportLink(link: AlreadyIssuedLink, report: Report): void {
  const { column } = link;
  const label = `“${column.column.id}”栏`;
  for (const u of link.unclear) {
    const source = column.source ? `（来源：${column.source}）` : '';
    report({ code: 'already-issued', severity: 'information', span: u.span, message: `所引通知 ${u.number} 的表中看不出哪一栏是它下达的数${source}，${label}未与它核对` });
  }
  const table = column.column;
  for (const r of link.rows) {
    if (r.agrees) continue;
    const unit = r.row.table.unit;
    const diff = r.stated.sub(r.expected);
    report({
      code: 'already-issued',
      severity: 'warning',
      span: r.row.node.cells[table.index!] ?? r.row.node.name,
      message: `“${r.row.name}”${column.column.id} ${figureText(r.stated, r.row.table)}${unit}，与所引通知下达给它的 ${figureText(r.expected, r.row.table)}${unit} 不符（差 ${figureText(diff, r.row.table, true)}）：${figuresLabel(r.figures, r.row.table)}`,
      related: r.figures.map((f) => ({ file: f.cited.file, span: f.span, message: `${f.number} ${f.table.label ?? f.table.title}“${f.row.name}”：${figureText(f.value, r.row.table)}${unit}` })),
    });
  }
  if (link.unmatched.length > 0) {
    const names = link.unmatched.slice(0, 5).map((r) => `“${r.name}”`).join('、');
    const more = link.unmatched.length > 5 ? `等 ${link.unmatched.length} 行` : '';
    const these = link.unmatched.length > 1 ? '这些行' : '这一行';
    report({
      code: 'already-issued',
      severity: 'information',
      span: column.column.node.title,
      message: `所引通知（${link.summed.map((c) => c.number).join('、')}）中找不到 ${names}${more}，${these}的“${column.column.id}”未核对：如是同一地区的不同写法，请统一名称`,
    });
  }
}
