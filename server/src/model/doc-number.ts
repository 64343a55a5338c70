/**
 * Document numbers (文号) wherever they appear in the text: `赣财社指〔2022〕90号`,
 * `赣财社指[2021]100号`, or the shortened `、〔2022〕17号` that shares the agency of the
 * number before it. GB/T 9704-2012 7.2.5: 机关代字 + 〔四位年份〕 + 顺序号 + 号, the year in
 * six-sided brackets, the serial without 第 and without leading zeros, in Arabic digits.
 *
 * The search is broad on purpose: a number written with another bracket (including the
 * look-alike small brackets `﹝﹞`, `〈〉` and `《》`), `年` inside the brackets, full-width digits,
 * a serial in Chinese numerals (`〇四二`), spaces or a doubled 号 is still found, so that the check
 * can say what is wrong with it (`docNumberFaults`). A notice's own number, which is all of the
 * text after `通知`, is read by `readDocNumber`, which also says what is wrong with a number that
 * has no 号, no year, or cannot be read at all.
 */
import type { Span } from './span.js';

export interface DocNumber {
  readonly span: Span;
  /** The text as written. */
  readonly text: string;
  /** 机关代字, empty when shortened. */
  readonly agency: string;
  /** The year and the serial as written (full-width digits, Chinese numerals kept). */
  readonly year: string;
  readonly serial: string;
  readonly open: string;
  readonly close: string;
  readonly hasDi: boolean;
  /** `年` written inside the brackets: `〔2021年〕`. */
  readonly hasYearChar: boolean;
  /** Spaces between its parts. */
  readonly hasSpaces: boolean;
  /** `号号`. */
  readonly doubleHao: boolean;
  /** The year in ASCII digits (full-width ones converted). */
  readonly yearDigits: string;
  /** The serial as a number in ASCII digits, no leading zeros; undefined when its numerals cannot be read. */
  readonly serialDigits?: string;
  /** The number as GB/T 9704 writes it (with the serial as written when it cannot be read). */
  readonly normalized: string;
}

const OPEN = '〔[【(（［{｛﹝〈《';
const CLOSE = '〕]】)）］}｝﹞〉》';
const SPACE = '[ \\t\\u3000]*';
const DIGITS = '[0-9０-９]';
const CHINESE_NUMERALS = '〇零一二三四五六七八九十百';
const CANDIDATE = new RegExp(
  `([${OPEN.replace(/[[\]]/g, '\\$&')}])${SPACE}(${DIGITS}{2,4})${SPACE}(年)?${SPACE}([${CLOSE.replace(/[[\]]/g, '\\$&')}])${SPACE}(第)?${SPACE}(${DIGITS}+|[${CHINESE_NUMERALS}]+)${SPACE}(号(?:${SPACE}号)?)`,
  'g',
);
const AGENCY_CHAR = /[\u3400-\u9fffA-Za-z]/;
/**
 * Words that introduce a document number in running text (根据, 按照, 现以, 详见 …), and the
 * characters of such words, which no 机关代字 has: the agency is what follows the last of them
 * before the bracket (`现以广财社【2015】57号文` → 广财社).
 */
const LEAD_WORDS = ['转发', '印发', '下发', '下达', '通过', '根据', '依据', '按照', '参照', '对照', '详见', '以及', '关于'];
const LEAD_CHARS = new Set('以和及与的据按照见将由于在对并即为是把已达过称');

export function findDocNumbers(text: string, skip: readonly Span[] = [], marks?: readonly number[]): DocNumber[] {
  const out: DocNumber[] = [];
  let k = 0; // skip[k] is the first skipped span that does not end before the line
  // A number lies within one line (none of its characters is a line break) and ends in 号: only
  // the lines with a 号 are searched, one by one (a table's thousands of rows have none). With
  // `marks` (a parse's `SourceFile.marks`: where its lines' content has `{`, `｛` or `号`), the
  // 号 are taken from there instead of searched for.
  let m = 0;
  const nextHao = (from: number): number => {
    if (!marks) return text.indexOf('号', from);
    while (m < marks.length && (marks[m]! < from || text.charCodeAt(marks[m]!) !== 0x53f7)) m++;
    return m < marks.length ? marks[m]! : -1;
  };
  for (let hao = nextHao(0); hao >= 0; ) {
    let from = hao;
    while (from > 0 && !isLineBreak(text.charCodeAt(from - 1))) from--;
    let to = hao + 1;
    while (to < text.length && !isLineBreak(text.charCodeAt(to))) to++;
    k = findInLine(text, from, to, skip, k, out);
    hao = nextHao(to);
  }
  return out;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** Where the agency of a number whose bracket is at `at` starts (at most 12 characters before it, on the line from `from`). */
function agencyStart(text: string, from: number, at: number): number {
  let s = at;
  while (s > from && at - s < 12 && AGENCY_CHAR.test(text[s - 1]!)) s--;
  const run = text.slice(s, at);
  let cut = 0;
  for (const w of LEAD_WORDS) {
    const i = run.lastIndexOf(w);
    if (i >= 0 && i + w.length < run.length) cut = Math.max(cut, i + w.length);
  }
  for (let i = run.length - 2; i >= cut; i--) {
    if (LEAD_CHARS.has(run[i]!)) {
      cut = i + 1;
      break;
    }
  }
  return s + cut;
}

/** The numbers in the line `text[from, to)`, added to `out`; `k` as in `findDocNumbers`, returned for the next line. */
function findInLine(text: string, from: number, to: number, skip: readonly Span[], k: number, out: DocNumber[]): number {
  const line = text.slice(from, to);
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(line); m; m = CANDIDATE.exec(line)) {
    const at = from + m.index;
    while (k < skip.length && skip[k]!.end <= at) k++;
    if (k < skip.length && skip[k]!.start <= at) continue;
    out.push(docNumber(text, agencyStart(text, from, at), at, m));
  }
  return k;
}

function docNumber(text: string, s: number, at: number, m: RegExpExecArray): DocNumber {
  const [whole, open, year, yearChar, close, di, serial, hao] = m as unknown as [string, string, string, string | undefined, string, string | undefined, string, string];
  const agency = text.slice(s, at);
  const end = at + whole.length;
  const yearDigits = asciiDigits(year);
  const serialDigits = serialValue(serial);
  return {
    span: { start: s, end },
    text: text.slice(s, end),
    agency,
    year,
    serial,
    open,
    close,
    hasDi: di !== undefined,
    hasYearChar: yearChar !== undefined,
    hasSpaces: /[ \t\u3000]/.test(whole),
    doubleHao: hao.length > 1,
    yearDigits,
    ...(serialDigits !== undefined ? { serialDigits } : {}),
    normalized: `${agency}〔${yearDigits}〕${serialDigits ?? serial}号`,
  };
}

/** Full-width digits as ASCII ones. */
function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const NUMERAL: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/**
 * A serial as a number without leading zeros: digits (`042`, `４２`), Chinese numerals written
 * digit by digit (`〇四二`), or with 十 and 百 (`四十二`, `一百零五`); undefined when the numerals do
 * not make a number (`十十`).
 */
function serialValue(serial: string): string | undefined {
  if (/^[0-9０-９]+$/.test(serial)) return asciiDigits(serial).replace(/^0+(?=\d)/, '');
  if (!/[十百]/.test(serial)) return String(Number([...serial].map((c) => NUMERAL[c]).join('')));
  const m = /^(?:([一二三四五六七八九])百)?(?:([一二三四五六七八九])?十|(零|〇))?([一二三四五六七八九])?$/.exec(serial);
  if (!m || serial === '') return undefined;
  const [, hundreds, tens, zero, units] = m;
  const value = (hundreds ? NUMERAL[hundreds]! * 100 : 0) + (serial.includes('十') ? (tens ? NUMERAL[tens]! : 1) * 10 : 0) + (units ? NUMERAL[units]! : 0);
  if (zero && !hundreds) return undefined;
  return value > 0 ? String(value) : undefined;
}

/** What breaks GB/T 9704 in `d` (empty when nothing does), in the words a message uses. */
export function docNumberFaults(d: DocNumber): string[] {
  const faults: string[] = [];
  const brackets = `${d.open}${d.close}`;
  if (brackets === '﹝﹞') faults.push('年份应使用六角括号“〔〕”，而非形近的小六角括号“﹝﹞”');
  else if (brackets !== '〔〕') faults.push(`年份应使用六角括号“〔〕”，而非“${brackets}”`);
  if (d.hasYearChar) faults.push('括号内只写年份，不加“年”');
  if (d.yearDigits !== d.year) faults.push(`年份应使用半角阿拉伯数字，而非全角数字“${d.year}”`);
  if (d.year.length !== 4) faults.push(`年份应写全四位，实际是“${d.year}”`);
  if (d.hasDi) faults.push('顺序号前不加“第”');
  if (/^[0-9０-９]+$/.test(d.serial)) {
    if (asciiDigits(d.serial) !== d.serial) faults.push(`顺序号应使用半角阿拉伯数字，而非全角数字“${d.serial}”`);
    if (/^[0０][0-9０-９]/.test(d.serial)) faults.push(`顺序号不编虚位，实际是“${d.serial}”`);
  } else {
    faults.push(`顺序号应使用阿拉伯数字，而非汉字“${d.serial}”`);
  }
  if (d.hasSpaces) faults.push('文号中不应有空格');
  if (d.doubleHao) faults.push('多写了一个“号”');
  return faults;
}

/** The fix of `d`'s faults is certain: its year has four digits and its serial could be read. */
export function docNumberFixable(d: DocNumber): boolean {
  return d.yearDigits.length === 4 && d.serialDigits !== undefined;
}

/** What `readDocNumber` found in a notice's own number. */
export type HeadNumber =
  | { readonly kind: 'number'; readonly number: DocNumber; readonly trailing?: Span }
  | { readonly kind: 'fault'; readonly message: string; readonly fix?: string; /** The year, when the number has one. */ readonly year?: string };

/**
 * A notice's own number, `text[start, end)` (what follows `通知` on its line): one 文号, read
 * with the same search as running text; else what is wrong with it, and the corrected form
 * where it is certain (a missing 号; a year written without brackets, `浙财社2021-42号`).
 */
export function readDocNumber(text: string, start: number, end: number): HeadNumber {
  const written = text.slice(start, end);
  const t = written.trim();
  const from = start + (written.length - written.trimStart().length);
  const first = findDocNumbers(written).map((d) => shifted(d, start))[0];
  if (first) {
    // Letters before the number, apart from it by spaces (`某财社 〔2023〕1号`), are its agency.
    const prefix = text.slice(from, first.span.start);
    if (first.span.start === from || /^[\u3400-\u9fffA-Za-z\s]+$/.test(prefix)) {
      const number = first.span.start === from ? first : withAgency(first, text, from, prefix.replace(/\s+/g, '') + first.agency);
      const after = text.slice(number.span.end, end);
      const lead = after.length - after.trimStart().length;
      return after.trim() ? { kind: 'number', number, trailing: { start: number.span.end + lead, end: start + written.trimEnd().length } } : { kind: 'number', number };
    }
  }
  const bracketed = new RegExp(`^([\\u3400-\\u9fffA-Za-z]*)([${OPEN.replace(/[[\]]/g, '\\$&')}])(\\d{4})([${CLOSE.replace(/[[\]]/g, '\\$&')}])(\\d+)$`).exec(t);
  if (bracketed) {
    const fix = `${bracketed[1]}〔${bracketed[3]}〕${bracketed[5]!.replace(/^0+(?=\d)/, '')}号`;
    return { kind: 'fault', message: `文号“${t}”不合 GB/T 9704：顺序号后应加“号”；应为“${fix}”`, fix, year: bracketed[3]! };
  }
  const open = /^([\u3400-\u9fffA-Za-z]+)((?:19|20)\d{2})\s*[-－—–.]\s*(\d+)\s*号?$/.exec(t);
  if (open) {
    const fix = `${open[1]}〔${open[2]}〕${open[3]!.replace(/^0+(?=\d)/, '')}号`;
    return { kind: 'fault', message: `文号“${t}”不合 GB/T 9704：年份应写在六角括号“〔〕”中；应为“${fix}”`, fix, year: open[2]! };
  }
  if (/^[\u3400-\u9fffA-Za-z]+第?\s*\d+\s*号$/.test(t)) {
    return { kind: 'fault', message: `文号“${t}”缺少年份：期望“机关代字〔年份〕序号号”，如“赣财社指〔2023〕26号”` };
  }
  return { kind: 'fault', message: `无法识别文号“${t}”：期望“机关代字〔年份〕序号号”，如“赣财社指〔2023〕26号”` };
}

/** `d` with the agency `agency` starting at `from` (written apart from the bracket by spaces). */
function withAgency(d: DocNumber, text: string, from: number, agency: string): DocNumber {
  return { ...d, span: { start: from, end: d.span.end }, text: text.slice(from, d.span.end), agency, hasSpaces: true, normalized: `${agency}${d.normalized.slice(d.agency.length)}` };
}

function shifted(d: DocNumber, by: number): DocNumber {
  return { ...d, span: { start: d.span.start + by, end: d.span.end + by } };
}

/** Document numbers of a text, shortened ones (`、〔2022〕17号`) completed with the agency before them on the same line. */
export function resolvedDocNumbers(text: string): { dn: DocNumber; number: string }[] {
  const out: { dn: DocNumber; number: string }[] = [];
  let prev: DocNumber | undefined;
  for (const dn of findDocNumbers(text)) {
    let number = dn.normalized;
    if (dn.agency === '' && prev && prev.agency !== '' && !/[\r\n]/.test(text.slice(prev.span.end, dn.span.start))) {
      number = `${prev.agency}${dn.normalized}`;
    }
    if (dn.agency !== '') prev = dn;
    out.push({ dn, number });
  }
  return out;
}
