/**
 * A whole document: the blocks a reader gives, cut into notices (each starts at its 文号 line,
 * with the 紧急程度 and 版头 lines before it) and their attachments (each table with the
 * paragraphs printed above it: `附件1`, the table's title, `单位：万元`, `（2023年度）`, and the
 * notes printed under it).
 */
import { readAllocation, type AllocationDraft } from './allocation.js';
import { isKpiTable, readKpi, type KpiDraft } from './kpi.js';
import { isDocNumberLine, readNotice, type NoticeDraft } from './notice.js';
import { joinBroken } from './text-clean.js';
import type { SourceBlock, SourceDocument, SourceTable } from './types.js';

export interface AttachmentDraft {
  label?: string;
  labelGuessed?: boolean;
  title: string;
  unit?: string;
  year?: string;
  notes: string[];
  /** The sheet the table came from. */
  sheet?: string;
  readonly table: AllocationDraft | KpiDraft;
}

export interface NoticePart {
  readonly notice?: NoticeDraft;
  readonly attachments: AttachmentDraft[];
}

const LABEL = /^附\s*件\s*(\d*)\s*[:：]?$/;
const UNIT = /^(?:单\s*位|金额单位)\s*[:：]\s*(元|万元|亿元)\s*$/;
const UNIT_IN = /(?:单\s*位|金额单位)\s*[:：]\s*(元|万元|亿元)/;
const YEAR_LINE = /^[（(]\s*(\d{4})\s*年度?\s*[）)]$/;
const NOTE = /^(?:注|备注)\s*[:：]/;
const URGENCY = /^(?:特\s*急|加\s*急|特\s*提|平\s*急)$/;
const MASTHEAD = /文\s*件$|\s文件\s/;

/** Cuts the document into notices and attachments. */
export function assemble(doc: SourceDocument): NoticePart[] {
  const blocks = doc.blocks.flatMap(layoutAsParagraphs).filter((b) => b.kind === 'table' || b.text.trim() !== '');
  // Where each notice starts: its 文号 line, less the urgency and masthead lines above it.
  const starts: number[] = [];
  blocks.forEach((b, i) => {
    if (b.kind !== 'paragraph' || !isDocNumberLine(b.text)) return;
    let s = i;
    while (s > 0 && blocks[s - 1]!.kind === 'paragraph' && (URGENCY.test(text(blocks[s - 1]!)) || MASTHEAD.test(text(blocks[s - 1]!)))) s--;
    // A number cited alone in an attachment list is not a notice's head: a title must follow.
    if (blocks.slice(i + 1, i + 4).some((n) => n.kind === 'paragraph' && /关于|通知|公示/.test(n.text))) starts.push(s);
  });
  if (starts.length === 0 || starts[0]! > 0) starts.unshift(0);
  const parts: NoticePart[] = [];
  starts.forEach((s, k) => {
    const seg = blocks.slice(s, starts[k + 1] ?? blocks.length);
    parts.push(readPart(seg, k > 0 || (seg[0]?.kind === 'paragraph' && starts.length > 0)));
  });
  return parts.filter((p) => p.notice !== undefined || p.attachments.length > 0);
}

/** A line of the 版记: `抄送：…`, or the printing office and date ending in 印发. */
const COLOPHON = /^抄\s*送\s*[:：]|印\s*发$/;

function text(b: SourceBlock): string {
  return b.kind === 'paragraph' ? b.text.trim() : '';
}

function readPart(seg: readonly SourceBlock[], _isNotice: boolean): NoticePart {
  void _isNotice;
  // The notice's own text ends at its first attachment label alone on a line, or its first table.
  let end = seg.findIndex((b, i) => b.kind === 'table' || (LABEL.test(text(b)) && i > 0));
  if (end < 0) end = seg.length;
  // Title lines of the first table (no label) are not part of the notice: walk back over them.
  if (end < seg.length && seg[end]!.kind === 'table') {
    while (end > 0 && isTableHeadLine(text(seg[end - 1]!))) end--;
    if (end > 0 && seg[end - 1]!.kind === 'paragraph' && looksLikeTableTitle(text(seg[end - 1]!))) end--;
  }
  // The 版记 (抄送, 印发) may follow the attachments, at the foot of the last page (GB/T 9704 7.4):
  // it is the notice's, wherever it stands.
  const colophon = seg.slice(end).filter((b) => b.kind === 'paragraph' && COLOPHON.test(text(b)));
  const head = [...seg.slice(0, end), ...colophon].map(text).filter((t) => t !== '');
  const hasNotice = head.some((t) => isDocNumberLine(t)) || head.some((t) => /关于.*(?:通知|公示)$/.test(t));
  const notice = hasNotice ? readNotice(head) : undefined;
  const attachments: AttachmentDraft[] = [];
  let pending: string[] = hasNotice ? [] : head;
  for (const b of seg.slice(end)) {
    if (hasNotice && colophon.includes(b)) continue;
    if (b.kind === 'paragraph') {
      const t = b.text.trim();
      const last = attachments[attachments.length - 1];
      if (NOTE.test(t) && last && pending.length === 0) {
        last.notes.push(t);
        continue;
      }
      pending.push(t);
      continue;
    }
    const a = attachmentOf(b.table, pending);
    pending = [];
    if (a) attachments.push(a);
  }
  // Tables without a label, in a notice whose attachment list counts them: numbered by order.
  if (notice && attachments.some((a) => a.label === undefined) && attachments.some((a) => a.label !== undefined || notice.attachmentList.length >= attachments.length)) {
    attachments.forEach((a, i) => {
      if (a.label !== undefined) return;
      const prev = attachments[i - 1]?.label;
      const n = prev !== undefined && /\d+$/.test(prev) ? Number(/\d+$/.exec(prev)![0]) + 1 : i + 1;
      if (notice.attachmentList.length >= n || prev !== undefined) {
        a.label = `附件${n}`;
        a.labelGuessed = true;
      }
    });
  }
  return { ...(notice ? { notice } : {}), attachments };
}

function isTableHeadLine(t: string): boolean {
  return UNIT.test(t) || YEAR_LINE.test(t) || LABEL.test(t);
}

function looksLikeTableTitle(t: string): boolean {
  return /表$/.test(t.replace(/\s+/g, ''));
}

/** A table with the paragraphs printed above it (label, title, unit, year). */
function attachmentOf(table: SourceTable, above: readonly string[]): AttachmentDraft | undefined {
  let label: string | undefined;
  let unit: string | undefined;
  let year: string | undefined;
  const titleParts: string[] = [];
  for (const p of above) {
    const l = LABEL.exec(p);
    if (l) {
      label = `附件${l[1]}`;
      titleParts.length = 0;
      continue;
    }
    const u = UNIT.exec(p) ?? (titleParts.length > 0 ? UNIT_IN.exec(p) : null);
    if (u) {
      unit = u[1];
      const rest = p.replace(UNIT_IN, '').trim();
      if (rest !== '' && titleParts.length === 0) titleParts.push(rest);
      continue;
    }
    const y = YEAR_LINE.exec(p);
    if (y) {
      year = y[1];
      continue;
    }
    if (/^[\s\u00a0]*$/.test(p)) continue;
    titleParts.push(p);
  }
  const title = joinBroken(titleParts.join(' '));
  const kpi = isKpiTable(table);
  const draft = kpi ? readKpi(table) : readAllocation(table);
  if (!draft) return undefined;
  return {
    ...(label !== undefined ? { label } : {}),
    title,
    ...(unit ? { unit } : {}),
    ...(year ? { year } : {}),
    notes: [],
    ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
    table: draft,
  };
}

/**
 * Tables used for layout rather than data (a Word masthead `XX财政局 | 文件`, the 抄送/印发
 * box at the end): no number in any cell and no indicator heading. Each row becomes a
 * paragraph of its cells' texts.
 */
function layoutAsParagraphs(b: SourceBlock): SourceBlock[] {
  if (b.kind !== 'table' || isKpiTable(b.table)) return [b];
  const numeric = b.table.rows.some((r) => r.cells.some((c, i) => i > 0 && /^[-－]?[\d,]+(?:\.\d+)?$/.test(c.text.trim())));
  if (numeric) return [b];
  return b.table.rows.map((r) => ({
    kind: 'paragraph' as const,
    text: r.cells
      .filter((c) => !c.covered)
      .map((c) => c.text.replace(/\s*\n\s*/g, ' ').trim())
      .filter((t) => t !== '')
      .join(' '),
  }));
}
