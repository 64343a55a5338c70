/**
 * The forms of a line, decided by its first words (./scan.ts reads them): a keyword first
 * (`通知`, `分配表`, `绩效目标表`, `栏组`, `栏`, `正文`, or an attachment label and then a table
 * keyword), a word and a colon (`键：值`), `注：…` / `备注：…` (a note, which is a `键：值` line too), one word alone, or anything else. Which forms a
 * block takes is the parser's business (./parser.ts); what a line of each form says is read
 * by that form's reader (./build.ts).
 */
import type { TokenType } from 'chevrotain';
import { Kind, isNoteKey } from './keywords.js';
import type { TextTokens } from './scan.js';
import { AllocationHead, BodyLine, ColumnGroupLine, ColumnLine, FieldLine, KpiHead, NoteLine, NoticeHead, OtherLine, WordLine } from './tokens.js';

/** The form of the line whose words are `[from, to)` of `words` (at least one), read from `text`. */
export function lineForm(text: string, words: TextTokens, from: number, to: number): TokenType {
  const first = words.kind[from]!;
  const second = to - from > 1 ? words.kind[from + 1]! : -1;
  switch (first) {
    case Kind.Notice:
      return NoticeHead;
    case Kind.AllocationTable:
      return AllocationHead;
    case Kind.KpiTable:
      return KpiHead;
    case Kind.ColumnGroup:
      return ColumnGroupLine;
    case Kind.Column:
      return ColumnLine;
    case Kind.Body:
      return BodyLine;
    case Kind.Attachment:
      if (second === Kind.AllocationTable) return AllocationHead;
      if (second === Kind.KpiTable) return KpiHead;
      // (`附件：…` is a field whose key is the word 附件; `附件1：…` is no form.)
      return second === Kind.Colon && words.end[from]! - words.start[from]! === 2 ? FieldLine : OtherLine;
    case Kind.Text:
      if (second === Kind.Colon) return isNoteKey(text, words.start[from]!, words.end[from]!) ? NoteLine : FieldLine;
      return second === -1 ? WordLine : OtherLine;
    default:
      return OtherLine;
  }
}
