/**
 * `kpi-value`: a KPI value that cannot be read or is suspicious. Quantitative values are an
 * operator and a number with a unit (`≥70%`, `≤15天`, `≥ 200人次`) or a bare number;
 * anything else is qualitative text and is fine (`明显提高`). The health sector's values are
 * quantities too: per mille (`≤5‰`), per population (`≤15/10万`), with a word after the unit
 * (`≤1.5‰以下`). Reported: an operator without a number; for a rate bounded by 100% (合格率,
 * 覆盖率, 满意度, 比例 …, never a growth rate such as 增长率) a percentage over 100, or `≥100%`
 * (it cannot exceed 100%, so it means `=100%`); a negative count or duration (`≥-1次`); a time
 * limit of at most 0 (`≤0天`); and KPI money fields that are neither an amount nor `详见附件N`.
 */
import type { Word } from '../../../grammar/index.js';
import { numberEnd } from '../../../grammar/number.js';
import { Decimal } from '../model/decimal.js';
import type { Check } from './context.js';
import type { Report } from './diagnostic.js';

const OPERATOR = /^(>=|<=|≥|≤|＞|＜|>|<|=|＝|≧|≦)\s*/;
/**
 * What may follow a quantity's number: a percent or per-mille sign and a unit, each optional; a
 * unit may be per a number of something (`/10万`, `/万人`).
 */
const QUANTITY_TAIL = /^\s*([%％‰‱]?)\s*((?:[\u3400-\u9fffA-Za-z·（）()]|\/\s*[0-9.]*)*)$/;
/** Rates that cannot exceed 100%: shares, coverage, satisfaction. */
const BOUNDED = /率|比例|占比|满意度|知晓度|认可度/;
/** Rates of change, and rates that may exceed 100% (over-fulfilment): not bounded. */
const UNBOUNDED = /增长|增幅|增速|增加|提高|提升|上升|下降|降低|减少|变化|比上年|同比|环比|完成率|倍/;
/** Units of a duration: a limit of at most 0 of them leaves no time. */
const DURATION = /^(?:天|日|个工作日|工作日|小时|分钟|周|个月|月|年)/;
const HUNDRED = Decimal.parse('100')!;

export const checkKpiValue: Check = ({ model }, report) => {
  for (const t of model.kpiTables) {
    for (const ind of t.indicators) for (const v of ind.values) checkValue(ind.name, v, report);
    for (const a of t.amounts) {
      const w = a.unreadable;
      if (!w) continue;
      report({
        code: 'kpi-value',
        severity: 'warning',
        span: w,
        message: Decimal.parse(w.text)
          ? `金额“${w.text}”缺少单位：期望如“${w.text}万元”`
          : `无法读懂的金额“${w.text}”：期望如“1,829万元”或“详见附件1”`,
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
  const percent = q.percent === '%' || q.percent === '％' || (q.percent === '' && q.unit === '' && /[（(][%％][)）]/.test(name));
  if (!percent) {
    if (q.percent === '' && q.unit !== '') checkCountOrDuration(name, text, op?.[1], value, q.unit, v, report);
    return;
  }
  const isRate = BOUNDED.test(name) && !UNBOUNDED.test(name);
  if (value.cmp(HUNDRED) > 0 && isRate) {
    report({ code: 'kpi-value', severity: 'warning', span: v, message: `“${name}”是比率，指标值 ${text} 超过 100%` });
  } else if (op && (op[1] === '≥' || op[1] === '>=' || op[1] === '≧') && value.eq(HUNDRED) && isRate) {
    report({
      code: 'kpi-value',
      severity: 'warning',
      span: v,
      message: `“${text}”：比率不会超过 100%，“≥100%”即“=100%”，应写作“100%”或“=100%”`,
      fixes: [{ title: `改为“=${rest}”`, edits: [{ span: v, newText: `=${rest}` }] }],
    });
  } else if (op && (op[1] === '>' || op[1] === '＞') && value.cmp(HUNDRED) >= 0 && isRate) {
    report({ code: 'kpi-value', severity: 'warning', span: v, message: `“${text}”：比率不可能大于 100%` });
  }
}

/** A count or a duration is never negative, and a time limit of at most 0 leaves no time. */
function checkCountOrDuration(name: string, text: string, op: string | undefined, value: Decimal, unit: string, v: Word, report: Report): void {
  if (value.isNegative()) {
    report({ code: 'kpi-value', severity: 'warning', span: v, message: `“${name}”的指标值 ${text} 是负数：以“${unit}”计的数量不会小于 0` });
  } else if ((op === '≤' || op === '<=' || op === '≦' || op === '<' || op === '＜') && value.isZero() && DURATION.test(unit)) {
    report({ code: 'kpi-value', severity: 'warning', span: v, message: `“${name}”的指标值 ${text} 不留时间：时限应大于 0（如“≤15${unit}”）` });
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
