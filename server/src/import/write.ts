/**
 * Writing the drafts as `.notice` text, in the order and forms docs/language.md gives, with a
 * `# 导入：…` comment above every line the import guessed; then the formatter aligns it.
 * Names and text cells are kept as printed except where a character would change how the
 * line reads (a `：` or `=` in a row name, brackets in a text cell); those are replaced by
 * their look-alikes and the comment says so.
 */
import { formatText } from '../format/index.js';
import type { AllocationDraft, AllocationRow } from './allocation.js';
import type { AttachmentDraft, NoticePart } from './document.js';
import type { KpiDraft } from './kpi.js';
import type { NoticeDraft } from './notice.js';

export interface Written {
  readonly text: string;
  readonly tables: number;
  readonly rows: number;
  readonly guesses: number;
}

class Out {
  readonly lines: string[] = [];
  guesses = 0;
  rows = 0;
  tables = 0;
  /** One line of the source: a line break inside what it says (a heading printed on two lines, quoted in a comment) would end it, so it becomes a space. */
  line(depth: number, s: string): void {
    const one = s.includes('\n') || s.includes('\r') ? s.replace(/\s*[\r\n]+\s*/g, ' ') : s;
    this.lines.push('  '.repeat(depth) + one);
  }
  /** A comment the import wrote because it guessed (counted in the summary). */
  guess(depth: number, s: string): void {
    this.guesses++;
    this.line(depth, `# 导入：${s}`);
  }
  /** A remark that is not a guess (what the source said). */
  remark(depth: number, s: string): void {
    this.line(depth, `# ${s}`);
  }
  blank(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
  }
}

/** One line of text as a field value or paragraph: line breaks become spaces. */
function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').trim();
}

/** The characters `safeName` replaces, and the blanks it may remove. */
const STRUCTURAL = /[：:=＝|｜[［\]］\s]/;

/** A row name that reads as a name: characters the line's reader would take as structure replaced. */
function safeName(name: string): { name: string; changed: boolean } {
  // Most names have none of the characters replaced below, and no blank.
  if (!STRUCTURAL.test(name) && !name.startsWith('#')) return { name, changed: false };
  let s = name.replace(/[：:]/g, '∶').replace(/[=＝]/g, '〓').replace(/[|｜]/g, '丨').replace(/[[［]/g, '〔').replace(/[\]］]/g, '〕');
  // A word that is a number or a dash would end the name: it is glued to the word before it.
  s = s.replace(/\s+(?=(?:[-－—–]?[\d,]+(?:\.\d+)?|[-－—–])(?:\s|$))/g, '');
  if (s.startsWith('#')) s = `＃${s.slice(1)}`;
  return { name: s, changed: s !== name };
}

function writeNotice(o: Out, n: NoticeDraft, tables: readonly AttachmentDraft[]): void {
  o.line(0, `通知${n.docNumber ? ` ${n.docNumber}` : ''}`);
  const field = (key: string, value: string | undefined): void => {
    if (value === undefined || value === '') return;
    for (const c of n.comments.get(key) ?? []) o.guess(1, c);
    o.line(1, `${key}：${oneLine(value)}`);
  };
  if (!n.docNumber) o.guess(1, '原件中没有找到文号，请在“通知”后补上。');
  field('紧急程度', n.urgency === '加急' || n.urgency === '特急' ? n.urgency : n.urgency);
  if (n.organs.length > 0) field('发文机关', n.organs.join('、'));
  field('标题', n.title);
  field('主送', n.recipients);
  if (n.basis.length > 0) {
    o.guess(1, '依据取自正文开头“根据……”所引的文号。');
    field('依据', n.basis.join('、'));
  }
  if (n.year) field('年度', n.year);
  if (n.amount) {
    o.guess(1, '金额取自正文第一段所写的总金额，与分配表唯一的数字栏的合计相核。');
    field('金额', n.amount);
  }
  if (n.sources.length > 0) {
    o.guess(1, `资金来源按标题和正文的用词推断（${n.sources.map((s) => (s === '中央' ? '“中央财政”“中央直达”等' : '“省级资金”“省级补助”等')).join('，')}）。`);
    field('资金来源', n.sources.join('、'));
  }
  field('项目代码', n.projectCode);
  if (n.codes.length > 0) o.guess(1, '科目取自正文中引号内的代码和名称，按其前面的“收入”“支出功能”“支出经济”等字样归类。');
  for (const c of n.codes) field(c.key, c.value);
  for (const t of n.tags) field(t.key, t.value);
  field('三保标识', n.sanbao);
  for (const p of n.publicity) field(p.key, p.value);
  field('抄送', n.cc);
  field('印发', n.printed);
  if (tables.length === 0 && n.attachmentList.length > 0) {
    o.line(1, '附件说明：');
    for (const a of n.attachmentList) o.line(2, oneLine(a));
  }
  if (n.body.length > 0) {
    o.line(1, '正文');
    for (const p of n.body) o.line(2, oneLine(p).replace(/^#/, '＃'));
  }
}

function writeAllocation(o: Out, a: AttachmentDraft, t: AllocationDraft): void {
  o.tables++;
  for (const c of t.nesting.comments) o.guess(0, c);
  if (a.labelGuessed) o.guess(0, `原表没有印“${a.label}”，按附件说明和表的顺序编号。`);
  o.line(0, `${a.label ? `${a.label} ` : ''}分配表：${oneLine(a.title) || '（原表无表题）'}`);
  const unit = a.unit ?? t.headerUnit;
  if (!unit) o.guess(1, '原表没有印单位，按万元写；请核对。');
  else if (!a.unit) o.guess(1, `单位取自栏头中的“（${unit}）”。`);
  o.line(1, `单位：${unit ?? '万元'}`);
  if (t.seq) o.line(1, '序号：自动');
  if (t.labelTitles.length > 0) o.line(1, `行标题：${t.labelTitles.map((s) => oneLine(s).replace(/[|｜]/g, '丨')).join(' | ')}`);
  if (t.nesting.totalLast) o.line(1, '合计位置：末行');
  for (const c of t.comments) o.guess(1, c);
  // Columns, with their groups as 栏组 lines.
  let open: string[] = [];
  for (const col of t.columns) {
    let k = 0;
    while (k < open.length && k < col.groups.length && open[k] === col.groups[k]) k++;
    open = open.slice(0, k);
    for (; k < col.groups.length; k++) {
      o.line(1 + k, `栏组 ${oneLine(col.groups[k]!)}`);
      open.push(col.groups[k]!);
    }
    const title = oneLine(col.title).replace(/[=＝]/g, '〓');
    const text = col.kind === 'text' ? (/（文字）$/.test(title) ? '' : '（文字）') : '';
    const formula = col.formula ? ` = ${col.formula}` : '';
    o.line(1 + col.groups.length, `栏 ${col.id}：${title}${text}${formula}`);
  }
  o.blank();
  // Rows: a total before its parts; with the total printed last, parts are the rows before it.
  const order = writtenOrder(t.rows, t.nesting.totalLast);
  for (const r of order) {
    const depth = 1 + r.depth;
    for (const c of r.comments) o.guess(depth, c);
    const { name, changed } = safeName(r.name);
    if (changed) o.guess(depth, `行名原为“${r.name}”，其中的符号换成形近字，以免读作别的写法。`);
    o.rows++;
    const shown = r.breakdown ? `其中：${name.replace(/^其中\s*[:：∶]?\s*/, '')}` : name;
    if (r.group) {
      o.line(depth, shown);
      continue;
    }
    let texts = [...r.texts];
    while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
    texts = texts.map((x) => `[${oneLine(x)}]`);
    o.line(depth, [shown || '', ...texts, ...r.cells].join('  '));
  }
  for (const n of a.notes) o.line(1, oneLine(n));
}

/** The rows as the language writes them: each total before its parts, parts in print order. */
function writtenOrder(rows: readonly AllocationRow[], totalLast: boolean): AllocationRow[] {
  if (!totalLast) return [...rows];
  // Attach 其中 rows to the row above them (in print order) so they move with it.
  const units: AllocationRow[][] = [];
  for (const r of rows) {
    if (r.breakdown && units.length > 0) units[units.length - 1]!.push(r);
    else units.push([r]);
  }
  // Build the tree from the end: a total printed after its parts comes first when read backwards.
  interface Node {
    unit: AllocationRow[];
    children: Node[];
  }
  const root: Node = { unit: [], children: [] };
  const stack: { node: Node; depth: number }[] = [{ node: root, depth: -1 }];
  for (const u of [...units].reverse()) {
    const d = u[0]!.depth;
    while (stack.length > 1 && stack[stack.length - 1]!.depth >= d) stack.pop();
    const node: Node = { unit: u, children: [] };
    stack[stack.length - 1]!.node.children.push(node);
    stack.push({ node, depth: d });
  }
  const out: AllocationRow[] = [];
  const walk = (n: Node): void => {
    out.push(...n.unit);
    for (const c of [...n.children].reverse()) walk(c);
  };
  for (const c of [...root.children].reverse()) walk(c);
  return out;
}

function writeKpi(o: Out, a: AttachmentDraft, k: KpiDraft): void {
  o.tables++;
  if (a.labelGuessed) o.guess(0, `原表没有印“${a.label}”，按附件说明和表的顺序编号。`);
  o.line(0, `${a.label ? `${a.label} ` : ''}绩效目标表：${oneLine(a.title) || '（原表无表题）'}`);
  if (a.year) o.line(1, `年度：${a.year}`);
  for (const f of k.fields) {
    if (f.comment) o.guess(1, f.comment);
    const [first, ...rest] = f.paragraphs;
    o.line(1, `${f.key.replace(/[：:]/g, '')}：${first ?? ''}`.trimEnd());
    for (const p of rest) o.line(2, p);
  }
  if (k.valueColumns.length > 1) o.line(1, `指标值栏：${k.valueColumns.join(' | ')}`);
  let l1: string | undefined;
  let l2: string | undefined;
  for (const ind of k.indicators) {
    if (ind.level1 !== l1) {
      l1 = ind.level1;
      l2 = undefined;
      o.line(1, l1 || '（原表未印一级指标）');
    }
    if (ind.level2 !== l2) {
      l2 = ind.level2;
      o.line(2, l2 || '（原表未印二级指标）');
    }
    if (ind.comment) o.guess(3, ind.comment);
    o.rows++;
    const name = ind.name.replace(/[：:]/g, '∶');
    o.line(3, `${name}：${ind.values.map(oneLine).join(' | ')}`.trimEnd());
  }
  for (const n of a.notes) o.line(1, oneLine(n));
}

/** The notices and attachments as one formatted `.notice` text. */
export function writeNoticeText(parts: readonly NoticePart[], header: readonly string[]): Written {
  const o = new Out();
  for (const h of header) o.remark(0, h);
  o.blank();
  parts.forEach((p, i) => {
    if (i > 0) o.blank();
    if (p.notice) writeNotice(o, p.notice, p.attachments);
    else if (i === 0) {
      o.line(0, '通知');
      o.guess(1, '原件只有表，没有通知的正文；文号、标题等请补写。');
      const t = p.attachments.find((a) => a.title !== '')?.title;
      if (t) o.line(1, `标题：${oneLine(t)}`);
    }
    for (const a of p.attachments) {
      o.blank();
      if (a.sheet !== undefined) o.remark(0, `工作表“${a.sheet}”`);
      if (a.table.kind === 'allocation') writeAllocation(o, a, a.table);
      else writeKpi(o, a, a.table);
    }
  });
  // The text ends in one line break, whatever blank lines the writer left at its end.
  while (o.lines.length > 0 && o.lines[o.lines.length - 1] === '') o.lines.pop();
  const text = o.lines.join('\n') + '\n';
  return { text: formatText(text), tables: o.tables, rows: o.rows, guesses: o.guesses };
}

/**
 * Just the rows of a table (for a paste into a table the document already declares),
 * aligned by the formatter inside a table made for the purpose and cut out again.
 */
export function writePastedRows(t: AllocationDraft): string {
  const o = new Out();
  o.line(0, '分配表：粘贴');
  for (const c of t.columns) o.line(1, `栏 ${c.id}：${oneLine(c.title).replace(/[=＝]/g, '〓')}${c.kind === 'text' ? '（文字）' : ''}`);
  o.blank();
  const start = o.lines.length;
  for (const r of writtenOrder(t.rows, t.nesting.totalLast)) {
    const depth = 1 + r.depth;
    for (const c of r.comments) o.guess(depth, c);
    const { name } = safeName(r.name);
    const shown = r.breakdown ? `其中：${name.replace(/^其中\s*[:：∶]?\s*/, '')}` : name;
    const texts = [...r.texts];
    while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
    o.line(depth, r.group ? shown : [shown, ...texts.map((x) => `[${oneLine(x)}]`), ...r.cells].join('  '));
  }
  const formatted = formatText(o.lines.join('\n') + '\n').split('\n');
  return formatted.slice(start, formatted.length - 1).map((l) => l.slice(2)).join('\n') + '\n';
}
