/**
 * `kpi-value`: a KPI value that cannot be read or is suspicious. Quantitative values are an
 * operator and a number with a unit (`≥70%`, `≤15天`, `≥ 200人次`) or a bare number;
 * anything else is qualitative text and is fine (`明显提高`). Reported: an operator without
 * a number, a percentage over 100, `≥100%` for a rate (a rate cannot exceed 100%, so it
 * means `=100%`), and KPI money fields that are neither an amount nor `详见附件N`.
 */
import type { Word } from '../../../grammar/index.js';
import { numberEnd } from '../../../grammar/number.js';
import { readAmount } from '../model/amount.js';
import { Decimal } from '../model/decimal.js';
import type { Check } from './context.js';
import type { Report } from './diagnostic.js';

const OPERATOR = /^(>=|<=|≥|≤|＞|＜|>|<|=|＝|≧|≦)\s*/;
/** What may follow a quantity's number: a percent sign and a unit, each optional. */
const QUANTITY_TAIL = /^\s*([%％]?)\s*([\u3400-\u9fffA-Za-z/·（）()]*)$/;
const MONEY_KEYS = ['年度金额', '项目金额', '资金总额', '中央资金', '中央补助', '省级资金', '地方资金', '其他资金', '市级资金', '县级资金'];
const HUNDRED = Decimal.parse('100')!;

export const checkKpiValue: Check = ({ model }, report) => {
  for (const t of model.kpiTables) {
    for (const ind of t.indicators) for (const v of ind.values) checkValue(ind.name, v, report);
    for (const [key, field] of t.fields) {
      if (!MONEY_KEYS.includes(key)) continue;
      const v = field.value.text.trim();
      if (v === '' || /^详见附件\d*$/.test(v) || readAmount(field.value.text, field.value.start)) continue;
      const lead = field.value.text.length - field.value.text.trimStart().length;
      const span = { start: field.value.start + lead, end: field.value.start + lead + v.length };
      report({
        code: 'kpi-value',
        severity: 'warning',
        span,
        message: Decimal.parse(v)
          ? `金额“${v}”缺少单位：期望如“${v}万元”`
          : `无法读懂的金额“${v}”：期望如“1,829万元”或“详见附件1”`,
      });
    }
  }
};

function checkValue(name: string, v: Word, report: Report): void {
  const text = v.text;
  if (text === '') return;
  const op = OPERATOR.exec(text);
  const rest = op ? text.slice(op[0].length) : text;
  const q = readQuantity(rest);
  if (op && !q) {
    report({
      code: 'kpi-value',
      severity: 'error',
      span: v,
      message: rest === '' ? `“${op[1]}”后缺少数值：期望如“${op[1]}70%”` : `无法读懂的指标值“${text}”：“${op[1]}”后期望数值和单位（如“≥70%”“≤15天”）`,
    });
    return;
  }
  if (!q) return; // qualitative
  const value = Decimal.parse(q.number)!;
  const percent = q.percent !== '' || (q.unit === '' && /[（(][%％][)）]/.test(name));
  if (!percent) return;
  const isRate = /率|比例|占比|覆盖/.test(name);
  if (value.cmp(HUNDRED) > 0 && isRate) {
    report({ code: 'kpi-value', severity: 'warning', span: v, message: `“${name}”是比率，指标值 ${text} 超过 100%` });
  } else if (op && (op[1] === '≥' || op[1] === '>=' || op[1] === '≧') && value.eq(HUNDRED) && isRate) {
    report({
      code: 'kpi-value',
      severity: 'warning',
      span: v,
      message: `“${text}”：比率不会超过 100%，“≥100%”即“=100%”，应写作“100%”或“=100%”`,
    });
  } else if (op && (op[1] === '>' || op[1] === '＞') && value.cmp(HUNDRED) >= 0 && isRate) {
    report({ code: 'kpi-value', severity: 'warning', span: v, message: `“${text}”：比率不可能大于 100%` });
  }
}

/**
 * A quantity: a number at the start of `text` (as grammar/number.ts reads it), then an
 * optional `%` and an optional unit, with whitespace between; undefined when `text` is not one.
 */
function readQuantity(text: string): { number: string; percent: string; unit: string } | undefined {
  const end = numberEnd(text, 0);
  if (end < 0) return undefined;
  const tail = QUANTITY_TAIL.exec(text.slice(end));
  return tail ? { number: text.slice(0, end), percent: tail[1]!, unit: tail[2]! } : undefined;
}
