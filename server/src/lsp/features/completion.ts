/**
 * Completion, decided by the line being typed and the block it sits in: field keys of each
 * block; budget codes with names (by code prefix, Chinese name or pinyin initials) after a
 * `科目` key, for the notice's year and that key's classification; direct-fund tags; units;
 * fund sources; region names under the parent row's region; 一级/二级指标 names under
 * the right parent; column ids inside formulas and `金额 = 附件N.` references.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver';
import { KEYWORDS, isAttachmentLabel, type BlockNode } from '../../../../grammar/index.js';
import { isNumber } from '../../../../grammar/number.js';
import { directFundTags } from '../../catalogue/direct-fund.js';
import { kpiFramework } from '../../catalogue/kpi.js';
import { childrenOf, findRegionsLoose, regionChain, type Region } from '../../catalogue/regions.js';
import { sourceLine } from '../../catalogue/source-line.js';
import { CLASSIFICATION_NAMES } from '../../catalogue/types.js';
import { CODE_FIELD_CLASSIFICATION, type CodeFieldKind, type TableModel } from '../../model/types.js';
import type { Analysis } from '../analysis.js';
import { catalogue, chain, lineAround, noticeAt, yearOf } from '../locate.js';
import type { NoticeSettings } from '../settings.js';
import type { WorkspaceIndex } from '../workspace-index.js';
import { CONFIDENCE, isUserRow } from './hover.js';
import { matchRank } from './pinyin.js';
import { expandSnippet, snippets, type Snippet } from './snippets.js';

export interface CompletionOptions {
  /** The client reads snippet syntax (`textDocument.completion.completionItem.snippetSupport`). */
  readonly snippetSupport?: boolean;
  /** Today, for the date a `印发` line offers (the server's clock unless a test sets it). */
  readonly today?: Date;
}

export const NOTICE_KEYS = [
  '紧急程度', '发文机关', '标题', '类别', '主送', '依据', '年度', '金额', '资金来源', '项目代码',
  '收入科目', '支出功能科目', '政府经济科目', '部门经济科目', '直达资金', '三保标识',
  '公开方式', '信息公开选项', '信息公开类别', '抄送', '印发', '附件说明',
];
export const TABLE_KEYS = ['单位', '行标题', '合计位置', '序号', '容差', '不发', '核对'];
export const KPI_KEYS = [
  '年度', '项目名称', '专项名称', '转移支付名称', '省份', '设区市', '主管部门', '省级财政部门', '省级主管部门',
  '市级财政部门', '市级主管部门', '年度金额', '中央资金', '省级资金', '地方资金', '其他资金', '年度目标', '总体目标',
  '年度总体目标', '指标值栏',
];

/**
 * Where and how completion offers each keyword of the language (grammar's `KEYWORDS`), keyed by
 * the keyword; test/lsp/completion-keywords.test.ts fails when a keyword has no entry. `at` is
 * the line it is offered on: a block's header at the top level (`attachment`: after an
 * attachment label, `附件N 分配表`), a notice's field line, an allocation table's field line, or
 * none (`其中` starts a row, where region names are offered). `after` is inserted after the
 * keyword (and is part of the label on a field line); `order` places it among its line's
 * keywords.
 */
interface Offered {
  readonly at: 'top' | 'notice' | 'allocation';
  readonly after: string;
  readonly order: number;
  readonly attachment?: true;
  readonly detail?: string;
}
type KeywordOffer = Offered | { readonly at: 'none' };

export const KEYWORD_OFFERS: Readonly<Record<string, KeywordOffer>> = {
  通知: { at: 'top', after: ' ', detail: '通知块：通知 文号', order: 0 },
  公示: { at: 'top', after: '', detail: '公示块：分配结果的公示（不编文号）', order: 3 },
  分配表: { at: 'top', attachment: true, after: '：', detail: '资金分配表', order: 1 },
  绩效目标表: { at: 'top', attachment: true, after: '：', detail: '绩效目标表', order: 2 },
  正文: { at: 'notice', after: '', order: 0 },
  栏: { at: 'allocation', after: ' ', order: 0 },
  栏组: { at: 'allocation', after: ' ', order: 1 },
  其中: { at: 'none' },
};

/** The keywords offered on a line of the kind `at`, in their order, with how each is offered. */
function keywordsAt(at: Offered['at']): { word: string; offer: Offered }[] {
  const found: { word: string; offer: Offered }[] = [];
  for (const word of KEYWORDS.keys()) {
    const offer = KEYWORD_OFFERS[word];
    if (offer?.at === at) found.push({ word, offer });
  }
  return found.sort((x, y) => x.offer.order - y.offer.order);
}

const UNITS = ['元', '万元', '亿元'];
const PUBLICITY = ['主动公开', '依申请公开', '不予公开'];
const SOURCES = ['中央', '省级', '市级', '县级'];
const LIMIT = 200;

interface Ctx {
  readonly a: Analysis;
  readonly settings: NoticeSettings;
  readonly lineStart: number;
  readonly offset: number;
  readonly indent: number;
  /** Text from the indentation's end to the cursor. */
  readonly prefix: string;
  readonly block?: BlockNode;
}

function rangeOf(c: Ctx, start: number): Range {
  return { start: c.a.index.position(start), end: c.a.index.position(c.offset) };
}

function items(c: Ctx, queryStart: number, list: { label: string; insert?: string; kind: CompletionItemKind; detail?: string; doc?: string; rank?: number; key?: string }[]): CompletionList {
  const range = rangeOf(c, queryStart);
  const query = c.a.text.slice(queryStart, c.offset);
  return {
    // The server filters (pinyin initials are not something a client can match), so the
    // client must ask again on every keystroke.
    isIncomplete: true,
    items: list.slice(0, LIMIT).map((x, i) => ({
      label: x.label,
      kind: x.kind,
      ...(x.detail ? { detail: x.detail } : {}),
      ...(x.doc ? { documentation: x.doc } : {}),
      sortText: `${x.rank ?? 0}${String(i).padStart(5, '0')}`,
      filterText: query === '' ? x.label : query,
      textEdit: { range, newText: x.insert ?? x.label },
    })),
  };
}

function blockAt(c: { a: Analysis }, lineStart: number): BlockNode | undefined {
  let found: BlockNode | undefined;
  for (const b of c.a.result.model.file.blocks) if (b.start <= lineStart) found = b;
  return found;
}

/** The nearest line above with less indentation: its text after the indentation. */
function parentLine(text: string, lineStart: number, indent: number): { text: string; start: number; indent: number } | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    let start = end;
    while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
    const line = text.slice(start, end).replace(/\r$/, '');
    const body = line.trimStart();
    const ind = line.length - body.length;
    if (body !== '' && !body.startsWith('#') && ind < indent) return { text: body, start: start + ind, indent: ind };
    end = start - 1;
  }
  return undefined;
}

/**
 * The first words of the lines beside the cursor's: the lines at the same indentation under
 * the same parent (up to the next line indented less). A name already there (a region, a
 * 指标) is not offered again: two siblings of one name are a `duplicate-row`.
 */
function siblingNames(text: string, lineStart: number, indent: number): Set<string> {
  const names = new Set<string>();
  const lines = text.split(/\r?\n/);
  let at = 0;
  let here = 0;
  for (let i = 0, off = 0; i < lines.length; i++) {
    if (off <= lineStart) here = i;
    off += lines[i]!.length + (text[off + lines[i]!.length] === '\r' ? 2 : 1);
  }
  const indentOf = (l: string): number => l.length - l.trimStart().length;
  const visit = (i: number): boolean => {
    const l = lines[i]!;
    const body = l.trim();
    if (body === '' || body.startsWith('#')) return true;
    const ind = indentOf(l);
    if (ind < indent) return false;
    if (ind === indent) names.add(body.replace(/^其中[:：]?\s*/, '').split(/[\s：:]/)[0]!);
    return true;
  };
  for (at = here - 1; at >= 0 && visit(at); at--);
  for (at = here + 1; at < lines.length && visit(at); at++);
  return names;
}

function codeItems(c: Ctx, kind: CodeFieldKind, queryStart: number): CompletionList {
  const cls = CODE_FIELD_CLASSIFICATION[kind];
  const cat = catalogue(c.a);
  const year = yearOf(noticeAt(c.a, c.offset), c.settings, cat);
  const query = c.a.text.slice(queryStart, c.offset).trim();
  const found = cat
    .entries(cls, year)
    .map((e) => ({ e, rank: matchRank(query, e.name, e.code) }))
    .filter((x): x is { e: (typeof x)['e']; rank: number } => x.rank !== undefined)
    .sort((x, y) => x.rank - y.rank || x.e.code.localeCompare(y.e.code));
  return items(
    c,
    queryStart,
    found.map(({ e, rank }) => ({
      label: `${e.code} ${e.name}`,
      kind: CompletionItemKind.Value,
      detail: `${CLASSIFICATION_NAMES[cls]} · ${e.level}级 · ${year} 年${isUserRow(e) ? ' · 用户目录' : e.confidence !== 'official' ? ` · 可信度${CONFIDENCE[e.confidence]}` : ''}`,
      doc: [chain(e, year, cat).map((p) => `${p.code} ${p.name}`).join(' › '), ...(isUserRow(e) ? [sourceLine(e.source)] : e.confidence !== 'official' ? [`可信度：${CONFIDENCE[e.confidence]}（非官方目录）；${sourceLine(e.source)}`] : [])].join('\n\n'),
      rank,
    })),
  );
}

function tagItems(c: Ctx, queryStart: number): CompletionList {
  const query = c.a.text.slice(queryStart, c.offset).trim();
  const list = directFundTags()
    .map((t) => ({ t, rank: matchRank(query, t.name, t.code ?? '') }))
    .filter((x) => x.rank !== undefined)
    .map(({ t, rank }) => ({ label: t.code ? `${t.code} ${t.name}` : t.name, kind: CompletionItemKind.EnumMember, detail: `直达资金标识（${t.scope}）`, doc: t.meaning, rank: rank! }));
  return items(c, queryStart, list);
}

function plainItems(c: Ctx, queryStart: number, words: readonly string[], kind: CompletionItemKind, detail?: string): CompletionList {
  const query = c.a.text.slice(queryStart, c.offset).trim();
  const list = words
    .map((w) => ({ w, rank: matchRank(query, w) }))
    .filter((x) => x.rank !== undefined)
    .sort((x, y) => x.rank! - y.rank!)
    .map(({ w, rank }) => ({ label: w, kind, rank: rank!, ...(detail ? { detail } : {}) }));
  return items(c, queryStart, list);
}

const REGION_NOISE = /(合计|小计|总计|本级|及所辖区|全市|全省|全区|全县|市本级)/g;

function regionOf(name: string): Region | undefined {
  const cleaned = name.replace(/^其中[:：]?/, '').replace(REGION_NOISE, '').trim();
  if (cleaned === '') return undefined;
  const found = findRegionsLoose(cleaned);
  return found.find((r) => !r.placeholder && r.level !== 'county') ?? found[0];
}

function regionItems(c: Ctx, table: TableModel | undefined, queryStart: number): CompletionList | undefined {
  const parent = parentLine(c.a.text, c.lineStart, c.indent);
  let region: Region | undefined;
  if (parent && table && parent.start > table.node.start && parent.indent > 0) {
    region = regionOf(parent.text.split(/\s+/)[0] ?? '');
  }
  if (!region) {
    // A top-level row: the region of the issuing authority (南昌市财政局 → 南昌市).
    const issuer = table?.notice?.fields.get('发文机关')?.value.text ?? '';
    const first = issuer.split(/[、，,]/)[0] ?? '';
    const m = /^(.+?[省市县区州盟旗])/.exec(first.trim());
    const r = m ? regionOf(m[1]!) : undefined;
    if (!r) return undefined;
    const query = c.a.text.slice(queryStart, c.offset).trim();
    const present = siblingNames(c.a.text, c.lineStart, c.indent);
    const list = [r, ...childrenOf(r.code).filter((x) => !x.placeholder)]
      .filter((x) => !present.has(x.name))
      .map((x) => ({ x, rank: matchRank(query, x.name) }))
      .filter((y) => y.rank !== undefined)
      .map(({ x, rank }) => ({ label: x.name, kind: CompletionItemKind.Constant, detail: regionChain(x).map((y) => y.name).join(' › '), rank: rank! }));
    return items(c, queryStart, list);
  }
  // Children of a placeholder (市辖区) are flattened into the city.
  const kids = childrenOf(region.code).flatMap((x) => (x.placeholder ? childrenOf(x.code) : [x]));
  const query = c.a.text.slice(queryStart, c.offset).trim();
  const present = siblingNames(c.a.text, c.lineStart, c.indent);
  const list = kids
    .filter((x) => !present.has(x.name))
    .map((x) => ({ x, rank: matchRank(query, x.name) }))
    .filter((y) => y.rank !== undefined)
    .sort((p, q) => p.rank! - q.rank!)
    .map(({ x, rank }) => ({ label: x.name, kind: CompletionItemKind.Constant, detail: regionChain(x).map((y) => y.name).join(' › '), rank: rank! }));
  return items(c, queryStart, list);
}

function kpiItems(c: Ctx, queryStart: number): CompletionList | undefined {
  const fw = kpiFramework();
  const present = siblingNames(c.a.text, c.lineStart, c.indent);
  if (c.indent === 2) return plainItems(c, queryStart, [...fw.level1.filter((x) => !present.has(x)), ...KPI_KEYS.filter((k) => !present.has(k)).map((k) => `${k}：`)], CompletionItemKind.Class, '一级指标 / 表头字段');
  if (c.indent === 4) {
    const parent = parentLine(c.a.text, c.lineStart, c.indent);
    const written = parent?.text.trim() ?? '';
    const level1 = fw.synonyms.get(written) ?? written;
    const names = fw.level2.get(level1);
    if (!names) return undefined;
    return plainItems(c, queryStart, names.filter((x) => !present.has(x)), CompletionItemKind.Class, `二级指标（${level1}）`);
  }
  return undefined;
}

/** The snippet items of `keywords`, ranked above everything else on their line (`通知` + Tab expands the skeleton). */
function snippetItems(c: Ctx, queryStart: number, list: readonly Snippet[], options: CompletionOptions): CompletionItem[] {
  const query = c.a.text.slice(queryStart, c.offset);
  const range = rangeOf(c, queryStart);
  const today = options.today ?? new Date();
  const variables = { CURRENT_YEAR: String(today.getFullYear()), CURRENT_MONTH: String(today.getMonth() + 1).padStart(2, '0'), CURRENT_DATE: String(today.getDate()).padStart(2, '0') };
  return list
    .filter((x) => query === '' || matchRank(query.trim(), x.keyword) !== undefined)
    .map((x, i) => ({
      label: x.keyword,
      labelDetails: { description: '代码片段' },
      kind: CompletionItemKind.Snippet,
      detail: x.description,
      sortText: `!${i}`,
      filterText: query === '' ? x.keyword : query,
      preselect: i === 0,
      ...(options.snippetSupport
        ? { insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: x.body.join('\n') } }
        : { insertTextFormat: InsertTextFormat.PlainText, textEdit: { range, newText: expandSnippet(x.body, variables) } }),
    }));
}

/** The notice's year for a snippet's placeholders: the notice's own, else this year. */
function snippetYear(c: Ctx, options: CompletionOptions): number {
  const n = noticeAt(c.a, c.offset);
  return n?.year ?? (options.today ?? new Date()).getFullYear();
}

export function completion(a: Analysis, offset: number, settings: NoticeSettings, workspace?: WorkspaceIndex, options: CompletionOptions = {}): CompletionList | null {
  const line = lineAround(a.text, offset);
  const before = a.text.slice(line.start, offset);
  const body = before.trimStart();
  const indent = before.length - body.length;
  const c: Ctx = { a, settings, lineStart: line.start, offset, indent, prefix: body, block: blockAt({ a }, line.start) };
  const bodyStart = line.start + indent;
  if (body.includes('#')) return null;

  let m = /^(收入科目|支出功能科目|政府经济科目|部门经济科目)(?:[（(][^）)]*[）)])?\s*[：:]\s*/.exec(body);
  if (m) return codeItems(c, m[1] as CodeFieldKind, bodyStart + m[0].length);
  m = /^直达资金(?:[（(][^）)]*[）)])?\s*[：:]\s*/.exec(body);
  if (m) return tagItems(c, bodyStart + m[0].length);
  m = /^(依据|抄送)\s*[：:](?:.*[、，,])?\s*/.exec(body);
  if (m && m[1] === '依据' && workspace) {
    const query = a.text.slice(bodyStart + m[0].length, offset).trim();
    const own = new Set(a.result.model.notices.map((n) => n.docNumber?.text));
    const list = workspace
      .notices()
      .filter((n) => !own.has(n.written))
      .map((n) => ({ n, rank: Math.min(matchRank(query, n.number) ?? 9, matchRank(query, n.title ?? '') ?? 9) }))
      .filter((x) => x.rank < 9)
      .sort((x, y) => x.rank - y.rank)
      .map(({ n, rank }) => ({ label: n.number, kind: CompletionItemKind.Reference, rank, ...(n.title ? { detail: n.title } : {}) }));
    return items(c, bodyStart + m[0].length, list);
  }
  // `{附件1.合计.本次}` in the body: the tables' total cells.
  const brace = before.lastIndexOf('{');
  if (brace >= 0 && !before.slice(brace).includes('}') && c.block?.kind === 'notice' && c.block.body && line.start > c.block.body.keyword.start) {
    const notice = a.result.model.notices.find((n) => n.node === c.block);
    const refs = (notice?.tables ?? []).flatMap((t) => (t.label ? t.numeric.map((col) => ({ label: `${t.label}.合计.${col.id}`, detail: `${t.title} · 第${col.number}栏 ${col.title}` })) : []));
    const query = a.text.slice(line.start + brace + 1, offset);
    const closed = /^[^{]*[}｝]/.test(a.text.slice(offset, line.end));
    return items(
      c,
      line.start + brace + 1,
      refs.filter((r) => r.label.startsWith(query) || query === '').map((r) => ({ label: r.label, insert: closed ? r.label : `${r.label}}`, kind: CompletionItemKind.Reference, detail: r.detail })),
    );
  }
  m = /^(公开方式|信息公开选项|信息公开类别|信息公开属性|公开属性)\s*[：:]\s*/.exec(body);
  if (m) return plainItems(c, bodyStart + m[0].length, PUBLICITY, CompletionItemKind.EnumMember, '公开方式');
  // `印发：某财政局办公室 `: the date it is printed, today by default.
  m = /^印发\s*[：:]\s*\S+\s+(?=[\d-]*$)/.exec(body);
  if (m) {
    const d = options.today ?? new Date();
    const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    return plainItems(c, bodyStart + m[0].length, [date], CompletionItemKind.Value, '印发日期（今天）');
  }
  m = /^单位\s*[：:]\s*/.exec(body);
  if (m) return plainItems(c, bodyStart + m[0].length, UNITS, CompletionItemKind.Unit, '单位');
  m = /^资金来源\s*[：:](?:.*[、，,])?\s*/.exec(body);
  if (m) return plainItems(c, bodyStart + m[0].length, SOURCES, CompletionItemKind.EnumMember, '资金来源');
  // Right after an amount's number (`金额：166`): its unit.
  m = /^(金额|年度金额|中央资金|省级资金|地方资金|其他资金)\s*[：:]\s*/.exec(body);
  if (m && isNumber(body, m[0].length, body.length)) return plainItems(c, offset, UNITS, CompletionItemKind.Unit, '单位');

  const tables = a.result.model.tables;
  const table = tables.find((t) => t.node === c.block);
  // `金额：166万元 = 附件1.本次`: the columns of that table.
  m = /^金额\s*[：:].*[=＝]\s*([^=＝.．]+?)\s*[.．]/.exec(body);
  const label = m?.[1]!.replace(/\s+/g, '');
  if (m && label && isAttachmentLabel(label, 0, label.length)) {
    const target = tables.find((t) => t.label === label);
    if (target) return plainItems(c, bodyStart + m[0].length, target.numeric.map((x) => x.id), CompletionItemKind.Field, `${label} 的栏`);
  }
  // Inside a column formula: the other columns' ids.
  m = /^栏\s+(\S+?)\s*[：:].*[=＝]([^=＝]*?)([^\s+\-×*/÷()（）＋－−＊／]*)$/.exec(body);
  if (m && table) {
    const self = m[1];
    const ids = table.numeric.map((x) => x.id).filter((id) => id !== self);
    return plainItems(c, offset - m[3]!.length, ids, CompletionItemKind.Field, '栏');
  }
  // In a `核对：` line, on either side of its `=`: the columns' ids.
  m = /^核对\s*[：:]([^=＝]*[=＝])?[^=＝]*?([^\s+\-×*/÷()（）＋－−＊／=＝]*)$/.exec(body);
  if (m && table) return plainItems(c, offset - m[2]!.length, table.numeric.map((x) => x.id), CompletionItemKind.Field, '栏');
  // `其中：` parts are places too.
  m = /^其中[：:]?\s*(?=\S*$)/.exec(body);
  if (m && table && indent > 2) return regionItems(c, table, bodyStart + m[0].length) ?? null;
  // From here on the cursor is in the first word of a line (a key, a row name, a 指标):
  // after a space it is among a row's numbers or a value, where nothing is offered.
  if (/[：:\s]/.test(body)) return null;

  if (indent === 0) {
    // The attachment number the next table gets: the tables above the cursor, plus one.
    const above = [...tables, ...a.result.model.kpiTables].filter((t) => t.node.start < line.start).length;
    const n = above + 1;
    const keywords = items(
      c,
      bodyStart,
      keywordsAt('top').map(({ word, offer }) => {
        const label = offer.attachment ? `附件${n} ${word}` : word;
        return { label, insert: label + offer.after, kind: CompletionItemKind.Keyword, detail: offer.detail };
      }),
    );
    const tops = snippets(n, snippetYear(c, options)).filter((x) => x.keyword !== '栏');
    return { isIncomplete: true, items: [...snippetItems(c, bodyStart, tops, options), ...keywords.items] };
  }
  const block = c.block;
  if (!block) return null;
  if (block.kind === 'notice' && indent === 2) {
    const used = new Set(block.fields.map((f) => f.key.text));
    const keys = NOTICE_KEYS.filter((k) => !used.has(k) || /科目|直达资金/.test(k)).map((k) => `${k}：`);
    // 正文 is offered until the notice has its body.
    const keywords = block.body ? [] : keywordsAt('notice').map(({ word, offer }) => word + offer.after);
    return plainItems(c, bodyStart, [...keys, ...keywords], CompletionItemKind.Property, '通知字段');
  }
  if (block.kind === 'kpi') return kpiItems(c, bodyStart) ?? null;
  if (block.kind === 'allocation') {
    const rowsAbove = block.rows.some((r) => r.start < line.start);
    if (indent === 2 && !rowsAbove) {
      const used = new Set(block.fields.map((f) => f.key.text));
      // `核对` may be written as often as the table has relations; the others once.
      const keys = TABLE_KEYS.filter((k) => k === '核对' || !used.has(k)).map((k) => `${k}：`);
      const keywords = keywordsAt('allocation').map(({ word, offer }) => word + offer.after);
      const fieldsList = plainItems(c, bodyStart, [...keys, ...keywords], CompletionItemKind.Property, '分配表字段');
      const regions = block.columns.length > 0 ? regionItems(c, table, bodyStart) : undefined;
      // Where a column may be declared: its snippet too (after the fields, never among the rows).
      const column = snippets(1, snippetYear(c, options)).filter((x) => x.keyword === '栏');
      return { isIncomplete: true, items: [...fieldsList.items, ...snippetItems(c, bodyStart, column, options).map((x) => ({ ...x, sortText: `1${x.sortText}`, preselect: false })), ...(regions?.items ?? [])] };
    }
    // Under a `栏组` (before the rows): its columns and the groups inside it.
    const parent = parentLine(c.a.text, c.lineStart, indent);
    if (!rowsAbove && parent && /^栏组(?:\s|$)/.test(parent.text)) {
      return plainItems(c, bodyStart, keywordsAt('allocation').map(({ word, offer }) => word + offer.after), CompletionItemKind.Keyword, '栏组内');
    }
    return regionItems(c, table, bodyStart) ?? null;
  }
  return null;
}
