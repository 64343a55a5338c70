/**
 * `amount-mismatch`: an amount stated outside the table differs from the table total it is
 * tied to, compared in 元 after exact unit conversion: the notice's `金额` (tied by `= 附件N.栏`,
 * or to its only table's only amount column), and a KPI table's money field where the source
 * ties it (`年度金额：2,716万元 = 附件1.金额`, `中央资金：15261万元（详见附件1）`). A KPI amount
 * with no tie is compared with nothing: it is often the whole year's money or an advance
 * figure, not this notice's batch. The message names the field; the fix writes the table's
 * total in the stated unit. A `金额` tied to a column that is not money (`单位：元/人`, `%`,
 * `人`) is an error of its own: units are never converted for such a column, and there is
 * nothing to compare.
 */
import { convert, toYuan } from '../model/amount.js';
import type { Decimal } from '../model/decimal.js';
import { formatNumber, GROUPED, PLAIN, showSigned } from '../model/number-display.js';
import type { Amount, KpiTableModel, NoticeModel, Unit } from '../model/types.js';
import type { Check } from './context.js';
import type { Report } from './diagnostic.js';
import { amountTie, kpiAmountTie } from './references.js';


export const checkAmountMismatch: Check = ({ model }, report) => {
  for (const n of model.notices) {
    const tie = amountTie(n);
    if (n.amount && tie.kind === 'not-amount') {
      report({ code: 'amount-mismatch', severity: 'error', span: n.amount.ref?.span ?? n.amount.field.value, message: `金额无法核对：${tie.message}` });
    }
    if (n.amount && tie.kind === 'tied' && tie.total) {
      const where = `${tie.table.label ?? tie.table.title}“${tie.column.id}”合计`;
      compare(n.amount.amount, tie.total, tie.table.unit, where, report);
    }
    for (const k of n.kpiTables) checkKpiAmounts(k, n, report);
  }
};

function checkKpiAmounts(k: KpiTableModel, n: NoticeModel, report: Report): void {
  for (const a of k.amounts) {
    if (!a.amount) continue; // 详见附件N alone, blank, or unreadable (kpi-value says so)
    const tie = kpiAmountTie(n, a);
    if (tie.kind === 'not-amount') {
      report({ code: 'amount-mismatch', severity: 'error', span: a.ref?.span ?? a.field.value, message: `${a.key}无法核对：${tie.message}` });
    } else if (tie.kind === 'ambiguous') {
      report({ code: 'amount-mismatch', severity: 'information', span: a.ref?.span ?? a.field.value, message: tie.message });
    } else if (tie.kind === 'tied' && tie.total) {
      compare(a.amount, tie.total, tie.table.unit, `${tie.table.label ?? tie.table.title}“${tie.column.id}”合计`, report, a.key);
    }
  }
}

/** `key`: the field the amount is written in, as the message names it. */
function compare(stated: Amount, tableTotal: Decimal, tableUnit: Unit, where: string, report: Report, key = '金额'): void {
  compareYuan(stated, toYuan(tableTotal, tableUnit), `${where} ${formatNumber(tableTotal, GROUPED)}${tableUnit}`, report, key);
}

function compareYuan(stated: Amount, expectedYuan: Decimal, where: string, report: Report, key: string): void {
  const statedYuan = toYuan(stated.value, stated.unit);
  const diff = statedYuan.sub(expectedYuan);
  if (diff.isZero()) return;
  const expectedInUnit = convert(expectedYuan, '元', stated.unit);
  const diffInUnit = convert(diff, '元', stated.unit);
  // Grouped when `where` shows a number with separators (a table's total is always shown
  // grouped there, so any total from 1,000 up). FIXME: the stated amount's own writing
  // (`1829万元` or `1,829万元`) would be the better guide; kept so that fixes do not change.
  const grouped = /\d,\d/.test(where);
  const newText = `${formatNumber(expectedInUnit, grouped ? GROUPED : PLAIN)}${stated.unit}`;
  report({
    code: 'amount-mismatch',
    severity: 'error',
    span: stated.span,
    message: `${key} ${formatNumber(stated.value, GROUPED)}${stated.unit} ≠ ${where}（折合 ${formatNumber(expectedInUnit, GROUPED)}${stated.unit}，差 ${showSigned(diffInUnit)}${stated.unit}）`,
    fixes: [{ title: `改为 ${newText}`, edits: [{ span: stated.span, newText }] }],
  });
}
