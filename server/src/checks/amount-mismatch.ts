/**
 * `amount-mismatch`: an amount stated outside the table (the notice's `金额`, a KPI table's
 * `年度金额`/`项目金额`, or its `中央资金` when all the money is central) differs from the
 * table total it stands for, compared in 元 after exact unit conversion. The fix writes
 * the table's total in the stated unit. A `金额` tied to a column that is not money
 * (`单位：元/人`, `%`, `人`) is an error of its own: units are never converted for such a
 * column, and there is nothing to compare.
 */
import { convert, readAmount, toYuan } from '../model/amount.js';
import type { Decimal } from '../model/decimal.js';
import { formatNumber, GROUPED, PLAIN, showSigned } from '../model/number-display.js';
import type { Amount, KpiTableModel, NoticeModel, Unit } from '../model/types.js';
import type { Check } from './context.js';
import type { Report } from './diagnostic.js';
import { amountTie } from './references.js';

/** KPI header fields that state the whole amount of the notice. */
const WHOLE_AMOUNT_KEYS = ['年度金额', '项目金额', '资金总额', '金额'];
const CENTRAL_KEYS = ['中央资金', '中央补助'];

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
    const whole = noticeTotal(n);
    if (!whole) continue;
    for (const k of n.kpiTables) checkKpiAmounts(k, n, whole, report);
  }
};

/**
 * The notice's whole amount in 元, when it can be known: the total of the table column its
 * `金额` is tied to (the source of truth), else the stated `金额` itself.
 */
function noticeTotal(n: NoticeModel): { yuan: Decimal; describe: string } | undefined {
  const tie = amountTie(n);
  if (tie.kind === 'tied' && tie.total) {
    return {
      yuan: toYuan(tie.total, tie.table.unit),
      describe: `${tie.table.label ?? tie.table.title}“${tie.column.id}”合计 ${formatNumber(tie.total, GROUPED)}${tie.table.unit}`,
    };
  }
  if (n.amount) return { yuan: toYuan(n.amount.amount.value, n.amount.amount.unit), describe: `通知所述金额 ${n.amount.field.value.text.split(/[=＝]/)[0]!.trim()}` };
  return undefined;
}

function checkKpiAmounts(k: KpiTableModel, n: NoticeModel, whole: { yuan: Decimal; describe: string }, report: Report): void {
  const onlyCentral = n.sources.length > 0 && n.sources.every((s) => s.name === '中央');
  for (const [key, field] of k.fields) {
    const isWhole = WHOLE_AMOUNT_KEYS.includes(key);
    const isCentral = CENTRAL_KEYS.includes(key) && onlyCentral;
    if (!isWhole && !isCentral) continue;
    const amount = readAmount(field.value.text, field.value.start);
    if (!amount) continue; // 详见附件N, blank, or unreadable (kpi-value says so)
    compareYuan(amount, whole.yuan, whole.describe, report);
  }
}

function compare(stated: Amount, tableTotal: Decimal, tableUnit: Unit, where: string, report: Report): void {
  compareYuan(stated, toYuan(tableTotal, tableUnit), `${where} ${formatNumber(tableTotal, GROUPED)}${tableUnit}`, report);
}

function compareYuan(stated: Amount, expectedYuan: Decimal, where: string, report: Report): void {
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
    message: `金额 ${formatNumber(stated.value, GROUPED)}${stated.unit} ≠ ${where}（折合 ${formatNumber(expectedInUnit, GROUPED)}${stated.unit}，差 ${showSigned(diffInUnit)}${stated.unit}）`,
    fixes: [{ title: `改为 ${newText}`, edits: [{ span: stated.span, newText }] }],
  });
}
