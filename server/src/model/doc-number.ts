/**
 * Document numbers (文号) wherever they appear in the text: `赣财社指〔2022〕90号`,
 * `赣财社指[2021]100号`, or the shortened `、〔2022〕17号` that shares the agency of the
 * number before it. GB/T 9704-2012 7.2.5: 机关代字 + 〔四位年份〕 + 顺序号 + 号, the year in
 * six-sided brackets, the serial without 第 and without leading zeros.
 */
import type { Span } from './span.js';

export interface DocNumber {
  readonly span: Span;
  /** The text as written. */
  readonly text: string;
  /** 机关代字, empty when shortened. */
  readonly agency: string;
  readonly year: string;
  readonly serial: string;
  readonly open: string;
  readonly close: string;
  readonly hasDi: boolean;
  /** The number as GB/T 9704 writes it. */
  readonly normalized: string;
}

const CANDIDATE = /([〔[【(（［{｛])[ \t]*(\d{2,4})[ \t]*([〕\]】)）］}｝])[ \t]*(第)?[ \t]*(\d+)[ \t]*号/g;
const AGENCY_CHAR = /[\u3400-\u9fffA-Za-z]/;
/** Words that introduce a document number in running text (根据, 按照, 详见 …). */
const LEAD_WORD = /^(?:根据|依据|按照|参照|对照|详见|以及|和|及|与|见|的)(?=[\u3400-\u9fffA-Za-z]{2,})/;

export function findDocNumbers(text: string, skip: readonly Span[] = []): DocNumber[] {
  const out: DocNumber[] = [];
  let k = 0; // skip[k] is the first skipped span that does not end before the line
  // A number lies within one line (none of its characters is a line break) and ends in 号: only
  // the lines with a 号 are searched, one by one (a table's thousands of rows have none).
  for (let hao = text.indexOf('号'); hao >= 0; ) {
    let from = hao;
    while (from > 0 && !isLineBreak(text.charCodeAt(from - 1))) from--;
    let to = hao + 1;
    while (to < text.length && !isLineBreak(text.charCodeAt(to))) to++;
    k = findInLine(text, from, to, skip, k, out);
    hao = text.indexOf('号', to);
  }
  return out;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** The numbers in the line `text[from, to)`, added to `out`; `k` as in `findDocNumbers`, returned for the next line. */
function findInLine(text: string, from: number, to: number, skip: readonly Span[], k: number, out: DocNumber[]): number {
  const line = text.slice(from, to);
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(line); m; m = CANDIDATE.exec(line)) {
    const at = from + m.index;
    while (k < skip.length && skip[k]!.end <= at) k++;
    if (k < skip.length && skip[k]!.start <= at) continue;
    // The agency: CJK or Latin letters right before the bracket (at most 12).
    let s = at;
    while (s > from && at - s < 12 && AGENCY_CHAR.test(text[s - 1]!)) s--;
    // Running text puts words before the number with no punctuation (`根据赣财社指〔2022〕52号`):
    // such a leading word is not part of the 机关代字.
    const lead = LEAD_WORD.exec(text.slice(s, at));
    if (lead) s += lead[0].length;
    const agency = text.slice(s, at);
    const [, open, year, close, di, serial] = m as unknown as [string, string, string, string, string | undefined, string];
    const end = at + m[0].length;
    const cleanSerial = serial.replace(/^0+(?=\d)/, '');
    out.push({
      span: { start: s, end },
      text: text.slice(s, end),
      agency,
      year,
      serial,
      open,
      close,
      hasDi: di !== undefined,
      normalized: `${agency}〔${year}〕${cleanSerial}号`,
    });
  }
  return k;
}
