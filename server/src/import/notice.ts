/**
 * A notice's fields read from its paragraphs, as GB/T 9704 lays a notice out: 紧急程度 and the
 * 版头 (`XX财政局文件`), the 文号 alone on its line, the 标题 (`关于…的通知`, maybe broken over
 * lines), the 主送 ending in a colon, the 正文, 附件说明, the disclosure line, 抄送 and 印发.
 * The 正文 gives the rest: the document numbers it cites as its basis (依据), the budget
 * codes in quotes with the classification the sentence names (收入 / 支出功能 / 支出经济 /
 * 部门支出经济, a 市级 scope), the direct-fund and 三保 tags, the project code, the amount it
 * announces, whose money it is.
 */
import { findDocNumbers } from '../model/doc-number.js';
import { cleanText, joinBroken } from './text-clean.js';

export interface NoticeDraft {
  docNumber?: string;
  urgency?: string;
  organs: string[];
  title?: string;
  recipients?: string;
  basis: string[];
  year?: string;
  amount?: string;
  sources: string[];
  projectCode?: string;
  codes: { key: string; value: string }[];
  tags: { key: string; value: string }[];
  sanbao?: string;
  publicity: { key: string; value: string }[];
  cc?: string;
  printed?: string;
  attachmentList: string[];
  body: string[];
  comments: Map<string, string[]>;
}

const DOC_ALONE = (s: string): string | undefined => {
  const t = s.replace(/\s+/g, '');
  const found = findDocNumbers(t);
  return found.length === 1 && found[0]!.span.start === 0 && found[0]!.span.end === t.length ? found[0]!.text : undefined;
};

export function isDocNumberLine(s: string): boolean {
  return DOC_ALONE(s) !== undefined;
}

const URGENCY = /^(?:特\s*急|加\s*急|特\s*提|平\s*急)$/;
const MASTHEAD = /文\s*件$|^.*(?:局|厅|部|委|府|办)\s+文件\s+.*$/;
const PUBLICITY = /^(公开方式|信息公开选项|信息公开类别|信息公开属性|公开属性)\s*[:：]\s*(.+)$/;
const CC = /^抄\s*送\s*[:：]\s*(.+?)[。.]?$/;
const PRINTED = /^(.*?)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*印\s*发$/;
const DATE_ALONE = /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;
const ATTACHMENTS = /^附\s*件\s*[:：]\s*(.*)$/;
const ITEM = /^\d+\s*[.．、]/;
const HEADING = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.．、](?!\d))/;
const SENTENCE_END = /[。；;：:！？!?」』”]$/;

/** Reads one notice from its paragraphs (those before its attachments). */
export function readNotice(paragraphs: readonly string[]): NoticeDraft {
  const n: NoticeDraft = { organs: [], basis: [], sources: [], codes: [], tags: [], publicity: [], attachmentList: [], body: [], comments: new Map() };
  const paras = paragraphs.map((p) => p.replace(/^[-•·]\s+/, '').trim()).filter((p) => p !== '');
  let i = 0;
  const comment = (field: string, text: string): void => {
    const list = n.comments.get(field) ?? [];
    list.push(text);
    n.comments.set(field, list);
  };
  // The head: urgency, masthead, number.
  for (; i < paras.length; i++) {
    const p = paras[i]!;
    if (URGENCY.test(p)) n.urgency = p.replace(/\s+/g, '');
    else if (MASTHEAD.test(p) && n.docNumber === undefined) n.organs = organsOf(p);
    else if (DOC_ALONE(p) !== undefined && n.docNumber === undefined) n.docNumber = DOC_ALONE(p);
    else break;
  }
  // The title: up to the line that ends in 通知 (or 公示, 决定, 函).
  const titleParts: string[] = [];
  for (let k = i; k < Math.min(paras.length, i + 4); k++) {
    titleParts.push(paras[k]!);
    if (/(?:通知|公示|决定|函|批复)$/.test(paras[k]!)) {
      i = k + 1;
      n.title = titleOf(titleParts.join(' '));
      break;
    }
  }
  if (n.title !== undefined && n.organs.length === 0) {
    const before = n.title.split('关于')[0]!.trim();
    if (before !== '') n.organs = before.split(/\s+|、/).filter((o) => o !== '');
  }
  // 主送: a short line ending in a colon.
  if (i < paras.length && /[:：]$/.test(paras[i]!) && paras[i]!.length < 120 && !ATTACHMENTS.test(paras[i]!)) {
    n.recipients = cleanText(paras[i]!).replace(/[:：]$/, '');
    i++;
  }
  // The body, up to 附件说明 or the closing lines.
  const body: string[] = [];
  for (; i < paras.length; i++) {
    const p = paras[i]!;
    if (ATTACHMENTS.test(p) || PUBLICITY.test(p) || CC.test(p) || PRINTED.test(p) || DATE_ALONE.test(p)) break;
    if (n.organs.includes(p.trim())) break;
    const text = cleanText(p);
    const prev = body[body.length - 1];
    if (prev !== undefined && !SENTENCE_END.test(prev) && !HEADING.test(text)) body[body.length - 1] = prev + text;
    else body.push(text);
  }
  n.body = body;
  // The closing lines.
  let organLine: string | undefined;
  for (; i < paras.length; i++) {
    const p = paras[i]!;
    const a = ATTACHMENTS.exec(p);
    if (a) {
      if (a[1]!.trim() !== '') n.attachmentList.push(cleanText(a[1]!));
      for (; i + 1 < paras.length; i++) {
        const q = paras[i + 1]!;
        if (PUBLICITY.test(q) || CC.test(q) || PRINTED.test(q) || DATE_ALONE.test(q) || n.organs.includes(q)) break;
        if (ITEM.test(q) || n.attachmentList.length === 0) n.attachmentList.push(cleanText(q));
        else n.attachmentList[n.attachmentList.length - 1] = joinBroken(n.attachmentList[n.attachmentList.length - 1]! + q);
      }
      continue;
    }
    const pub = PUBLICITY.exec(p);
    if (pub) {
      n.publicity.push({ key: pub[1]!, value: cleanText(pub[2]!) });
      continue;
    }
    const cc = CC.exec(p);
    if (cc) {
      n.cc = cleanText(cc[1]!).replace(/[。.]$/, '');
      continue;
    }
    const pr = PRINTED.exec(p);
    if (pr) {
      const organ = (pr[1]!.trim() || organLine || '').trim();
      n.printed = `${organ} ${pr[2]}-${pr[3]!.padStart(2, '0')}-${pr[4]!.padStart(2, '0')}`.trim();
      continue;
    }
    organLine = p;
  }
  n.attachmentList = n.attachmentList.map((s) => joinBroken(s).replace(/^(\d+)\s*[.．]\s*/, '$1. '));
  readBody(n, comment);
  return n;
}

function organsOf(masthead: string): string[] {
  return masthead
    .replace(/文\s*件/g, ' ')
    .split(/\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A title broken over lines: the spaces after 关于 are line breaks; those before it separate the organs. */
function titleOf(s: string): string {
  const t = cleanText(s);
  const at = t.indexOf('关于');
  if (at < 0) return joinBroken(t);
  // (A break before 关于, where a 梯形 title is often broken, is no space: titles print none there.)
  return t.slice(0, at).trimEnd() + joinBroken(t.slice(at));
}

const CLASSES: readonly [RegExp, string][] = [
  [/部门(?:支出)?经济/, '部门经济科目'],
  [/(?:政府)?支出经济|经济分类/, '政府经济科目'],
  [/收入/, '收入科目'],
  [/支出/, '支出功能科目'],
];

/** The fields the body states: basis, year, amount, sources, codes, tags. */
function readBody(n: NoticeDraft, comment: (field: string, text: string) => void): void {
  const all = n.body.join('\n');
  const own = n.docNumber;
  // 依据: the numbers cited after 根据 / 按照 / 依据 / 此前印发的, up to the end of that clause.
  const first = n.body[0] ?? '';
  const at = first.search(/根据|按照|依据|此前印发的|转发/);
  if (at >= 0) {
    const clause = clauseFrom(first, at);
    for (const d of findDocNumbers(clause)) if (d.text !== own && !n.basis.includes(d.normalized)) n.basis.push(d.agency === '' ? d.text : d.normalized);
  }
  // 年度: the year in the title, else the document number's.
  const y = /(\d{4})\s*年/.exec(n.title ?? '') ?? /〔(\d{4})〕/.exec(own ?? '');
  if (y) n.year = y[1];
  // 金额: the amount the first paragraph announces.
  const amt = /(?:共|预算|资金|合计)\s*(-?[\d,]+(?:\.\d+)?)\s*(万元|亿元|元)/.exec(first);
  if (amt) n.amount = `${amt[1]}${amt[2]}`;
  // 资金来源.
  const text = `${n.title ?? ''}\n${all}`;
  if (/中央(?:财政|直达|资金|补助)/.test(text)) n.sources.push('中央');
  if (/省级(?:补助|资金|财政)|省财政补助|省级对应/.test(text)) n.sources.push('省级');
  // Only a notice that allocates money itself (an amount, a tag, a code) says whose it is; one
  // that confirms other notices (their titles in its own) does not.
  const allocates = /标识|收入列|支出功能|科目|直达/.test(all) || amt !== null;
  if (!allocates) n.sources = [];
  const pc = /项目代码\s*[:：]?\s*([A-Z0-9]{8,})/.exec(all);
  if (pc) n.projectCode = pc[1];
  // Codes in quotes, with the classification the words before them name.
  for (const sentence of all.split(/[。\n]/)) {
    const scope = /^(?:市级|县级|省级|区级)/.exec(sentence.trim())?.[0];
    const quote = /(?:第?(\d{3,7})款)?[“"「]([^”"」]+)[”"」]/g;
    let last = 0;
    for (let m = quote.exec(sentence); m; m = quote.exec(sentence)) {
      const before = sentence.slice(last, m.index);
      last = m.index + m[0].length;
      const inner = m[2]!.trim();
      const tag = /^(\d{2})\s*[-—\s]?\s*(\S*直达\S*|其他资金|\S+资金)$/.exec(inner);
      if (tag && /标识/.test(before)) {
        const provincial = /省级/.test(before) || (n.sources.length === 1 && n.sources[0] === '省级');
        n.tags.push({ key: provincial ? '直达资金（省级）' : '直达资金', value: `${tag[1]} ${tag[2]}` });
        continue;
      }
      if (/标识/.test(before) && /直达/.test(inner) && !/\d/.test(inner)) {
        const provincial = /省级/.test(before);
        n.tags.push({ key: provincial ? '直达资金（省级）' : '直达资金', value: inner });
        continue;
      }
      const sb = /^([A-Z]\d{4})\s*[-—－\s]*(.+)$/.exec(inner);
      if (sb && /三保|标识/.test(before)) {
        n.sanbao = `${sb[1]} ${sb[2]}`;
        continue;
      }
      const code = codeIn(inner, m[1]);
      if (!code) continue;
      const cls = CLASSES.find(([re]) => re.test(before));
      if (!cls) continue;
      const key = scope ? `${cls[1]}（${scope}）` : cls[1];
      const value = code.name ? `${code.code} ${code.name}` : code.code;
      if (!n.codes.some((c) => c.key === key && c.value.startsWith(code.code))) {
        n.codes.push({ key, value });
        if (code.note) comment(key, code.note);
      }
    }
  }
}

/** The clause of a sentence from `at` to its first comma that does not continue a list of citations. */
function clauseFrom(s: string, at: number): string {
  let depth = 0;
  for (let i = at; i < s.length; i++) {
    const c = s[i]!;
    if ('（(《〔[【'.includes(c)) depth++;
    else if ('）)》〕]】'.includes(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === '，' || c === ',' || c === '。')) {
      const next = s.slice(i + 1, i + 3);
      if (c !== '。' && /^[《“]/.test(next)) continue;
      return s.slice(at, i);
    }
  }
  return s.slice(at);
}

/** A budget code and its name in a quote: `1100249 名称`, `1100249——名称`, `上级—名称（1100249）`, `第51301款“名称”`. */
function codeIn(inner: string, outside: string | undefined): { code: string; name: string; note?: string } | undefined {
  if (outside) return { code: outside, name: inner };
  const lead = /^(\d{3}|\d{5}|\d{7})(?!\d)\s*[-—－–]*\s*(.*)$/.exec(inner);
  if (lead) return { code: lead[1]!, name: lead[2]!.trim() };
  const tail = /^(.*?)[（(](\d{3}|\d{5}|\d{7})[）)]$/.exec(inner);
  if (tail) {
    const chain = tail[1]!.split(/[—－-]+/);
    const name = chain[chain.length - 1]!.trim();
    return { code: tail[2]!, name, ...(chain.length > 1 ? { note: `原文写作“${inner}”，即上级科目链加代码，这里写代码和本级名称。` } : {}) };
  }
  return undefined;
}
