/**
 * `reference-outside-body`: a `{本单位}`, `{本单位.栏}` or `{附件N.行.栏}` written anywhere but
 * a `正文` paragraph: in a field (`主送：{本单位}财政局`), a table's title or note, a KPI
 * table, `抄送`, `印发`.
 *
 * Why an official cares: only the 正文's references are filled in (per-recipient copies,
 * `notice render --per`, and the figures of `{附件1.合计.本次}`); anywhere else the braces are
 * printed as written, in every copy, in a document that goes out under the bureau's seal.
 * Filling them in there too was weighed and not done: `{本单位}` is a row's name (“南昌市”),
 * not an addressee (“南昌市财政局、医疗保障局”), and the copy for no recipient in particular
 * (the one filed and published) would print a blank where its 主送 lists every recipient.
 *
 * Wrong:
 *
 *     通知 赣财社〔2023〕26号
 *       主送：{本单位}财政局
 *
 * Right: the 主送 as the original prints it (`主送：各设区市财政局`), and the recipient's name or
 * figures in the 正文 (`下达你市{本单位.本次}万元`). No fix is offered: what the field should say
 * is the official's to write.
 */
import type { BlockNode, Word } from '../../../grammar/index.js';
import type { Check } from './context.js';
import { findBodyRefs, RECIPIENT } from '../model/body-refs.js';

/** A reference's first part that makes it one: the recipient, or an attachment label. */
const REFERENCE_HEAD = new RegExp(`^(?:${RECIPIENT}|附件[0-9０-９]*)$`);

export const checkReferenceOutsideBody: Check = ({ model }, report) => {
  const { text, blocks, comments, marks } = model.file;
  const bodies: Word[] = [];
  for (const b of blocks) if (b.kind === 'notice' && b.body) bodies.push(...b.body.paragraphs);
  const inside = (list: readonly Word[], at: number): boolean => list.some((w) => w.start <= at && at < w.end);
  // Only the lines that hold a brace are read (the parse noted where braces are): a national table has none.
  for (const lineStart of linesWithBraces(text, marks)) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    for (const ref of findBodyRefs(text.slice(lineStart, lineEnd), lineStart)) {
      const head = ref.recipient ? RECIPIENT : ref.table?.text ?? '';
      if (!REFERENCE_HEAD.test(head) || inside(bodies, ref.span.start) || inside(comments, ref.span.start)) continue;
      const where = placeOf(blocks, ref.span.start);
      report({
        code: 'reference-outside-body',
        severity: 'warning',
        span: ref.span,
        message: `“${ref.text}”写在${where}中不会填入，将照原样印在${ref.recipient ? '每一份通知' : '通知'}里：{…} 引用只在“正文”中填入；这里请照原件直接写出${ref.recipient ? '收文单位' : '数字'}`,
      });
    }
  }
};

/** The start of every line whose content holds `{` or `｛` (at `marks`, the parse's `SourceFile.marks`), in order. */
function linesWithBraces(text: string, marks: readonly number[]): number[] {
  const starts: number[] = [];
  for (const at of marks) {
    const c = text.charCodeAt(at);
    if (c !== 0x7b /* { */ && c !== 0xff5b /* ｛ */) continue;
    const start = text.lastIndexOf('\n', at) + 1;
    if (starts[starts.length - 1] !== start) starts.push(start);
  }
  return starts;
}

/** “主送”, “表的注”, “附件标题”: where the reference is, as the official named it. */
function placeOf(blocks: readonly BlockNode[], at: number): string {
  for (const b of blocks) {
    if (at < b.start || at >= b.end) continue;
    const field = b.fields.find((f) => f.start <= at && at < f.end);
    if (field) return `“${field.key.text}”`;
    if (b.kind !== 'notice') {
      if (b.notes.some((n) => n.start <= at && at < n.end)) return '表的注';
      if (b.title.start <= at && at < b.title.end) return '附件标题';
      return b.kind === 'kpi' ? '绩效目标表' : '分配表';
    }
    return '通知';
  }
  return '正文以外';
}
