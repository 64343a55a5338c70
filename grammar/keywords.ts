/**
 * The words of the language: what each run of text on a line is (./scan.ts reads the runs).
 * This is the one keyword table: the scanner, the line forms (./lines.ts) and the editor's
 * completion all read it.
 */

/** What a token on a line is. */
export const Kind = {
  Text: 0,
  Colon: 1,
  Equals: 2,
  Pipe: 3,
  LBracket: 4,
  RBracket: 5,
  Number: 6,
  Amount: 7,
  Dash: 8,
  /** `附件1`, `附件2` …, or `附件` alone: an attachment's label. */
  Attachment: 9,
  Notice: 10,
  AllocationTable: 11,
  KpiTable: 12,
  ColumnGroup: 13,
  Column: 14,
  Breakdown: 15,
  Body: 16,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

/** The keywords: a run of text that is exactly one of these words is that keyword. */
export const KEYWORDS: ReadonlyMap<string, Kind> = new Map([
  ['通知', Kind.Notice],
  // A 公示 (a public announcement of an allocation) is read as a notice block of another kind.
  ['公示', Kind.Notice],
  ['分配表', Kind.AllocationTable],
  ['绩效目标表', Kind.KpiTable],
  ['栏组', Kind.ColumnGroup],
  ['栏', Kind.Column],
  ['其中', Kind.Breakdown],
  ['正文', Kind.Body],
]);

/** The longest keyword, in UTF-16 units (a longer run is never one). */
const LONGEST = Math.max(...[...KEYWORDS.keys()].map((k) => k.length));

/** 1 at each code unit some keyword or the attachment label (`附件`) starts with (looked up for every word of every line). */
const KEYWORD_START = new Uint8Array(0x10000);
for (const k of KEYWORDS.keys()) KEYWORD_START[k.charCodeAt(0)] = 1;
KEYWORD_START[0x9644 /* 附 */] = 1;

/** A word starting with the code unit `c` may be a keyword or an attachment label (false: it is neither). */
export function mayStartKeyword(c: number): boolean {
  return KEYWORD_START[c] === 1;
}

/** The keyword `text[from, to)` is, if it is one. */
export function keywordAt(text: string, from: number, to: number): Kind | undefined {
  if (to - from > LONGEST || KEYWORD_START[text.charCodeAt(from)] !== 1) return undefined;
  return KEYWORDS.get(text.slice(from, to));
}

/**
 * `text[from, to)` is an attachment label: `附件` and its number (`附件1`), or `附件` alone, as a
 * notice with a single attachment labels it.
 */
export function isAttachmentLabel(text: string, from: number, to: number): boolean {
  if (to - from < 2 || text.charCodeAt(from) !== 0x9644 /* 附 */ || text.charCodeAt(from + 1) !== 0x4ef6 /* 件 */) return false;
  for (let i = from + 2; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * `text[from, to)` is the key of a note under a table: `注` or `备注`, as the tables print them
 * (`注：本表中央资金按因素法分配。`). A `键：值` line with this key is a note (./lines.ts), not a
 * field; a row or a column may still be named so (`备注 10 20`, `栏 备注：备注（文字）`).
 */
export function isNoteKey(text: string, from: number, to: number): boolean {
  const length = to - from;
  if (length === 1) return text.charCodeAt(from) === 0x6ce8; /* 注 */
  return length === 2 && text.charCodeAt(from) === 0x5907 /* 备 */ && text.charCodeAt(from + 1) === 0x6ce8; /* 注 */
}

/** How a token kind is named in a message that says what was expected. */
export const KIND_LABEL: Readonly<Record<Kind, string>> = {
  [Kind.Text]: '文字',
  [Kind.Colon]: '冒号“：”',
  [Kind.Equals]: '等号“=”',
  [Kind.Pipe]: '分隔符“|”',
  [Kind.LBracket]: '左方括号“[”',
  [Kind.RBracket]: '右方括号“]”',
  [Kind.Number]: '数字',
  [Kind.Amount]: '金额',
  [Kind.Dash]: '“-”',
  [Kind.Attachment]: '附件编号（如“附件1”，只有一个附件时写“附件”）',
  [Kind.Notice]: '关键字“通知”或“公示”',
  [Kind.AllocationTable]: '关键字“分配表”',
  [Kind.KpiTable]: '关键字“绩效目标表”',
  [Kind.ColumnGroup]: '关键字“栏组”',
  [Kind.Column]: '关键字“栏”',
  [Kind.Breakdown]: '关键字“其中”',
  [Kind.Body]: '关键字“正文”',
};
