/**
 * Syntax tree → model. Reads field values (years, amounts, codes, tags, lists), numbers
 * the columns, parses formulas and cell values, links rows into a tree and tables to
 * their notice. Unreadable values become model problems with their exact span; the rest
 * of the document is still modelled. Never throws on any syntax tree `parse` gives (its
 * table rows are views of the parse's row store, grammar/rows.ts, and are read there).
 */
import type {
  AllocationNode,
  ColumnGroupNode,
  FieldNode,
  KpiGroupNode,
  KpiNode,
  NoteNode,
  NoticeNode,
  SourceFile,
  Word,
} from '../../../grammar/index.js';
import { Row, RowStore } from '../../../grammar/index.js'; // values, beside the types above
import { isUnit, readAmount, splitList } from './amount.js';
import { Decimal } from './decimal.js';
import { readDocNumber } from './doc-number.js';
import { parseFormula, type FormulaError } from './formula.js';
import { TableRow, TableValues } from './rows.js';
import type {
  CodeFieldKind,
  CodeRef,
  ColumnGroupModel,
  ColumnModel,
  HeaderCodeRef,
  DirectFundRef,
  DocumentKind,
  DocumentModel,
  FundSource,
  IndicatorModel,
  KpiGroupModel,
  KpiTableModel,
  ModelProblem,
  NoticeModel,
  NotSent,
  Relation,
  RowModel,
  StatedAmount,
  TableModel,
  TableNote,
  Unit,
} from './types.js';
import { KPI_MONEY_KEYS, NOTICE_KINDS, PUBLICITY_KEYS } from './types.js';
import type { KpiAmount } from './types.js';
import type { Span } from './span.js';

const CODE_FIELD = /^(收入科目|支出功能科目|政府经济科目|部门经济科目)(?:[（(]([^）)]*)[）)])?$/;
const DIRECT_FUND_FIELD = /^直达资金(?:标识)?(?:[（(]([^）)]*)[）)])?$/;

export function buildModel(file: SourceFile): DocumentModel {
  const problems: ModelProblem[] = [];
  const notices: NoticeModel[] = [];
  const tables: TableModel[] = [];
  const kpiTables: KpiTableModel[] = [];
  let current: NoticeModel | undefined;
  for (const block of file.blocks) {
    if (block.kind === 'notice') {
      current = buildNotice(block, problems);
      notices.push(current);
    } else if (block.kind === 'allocation') {
      const table = buildTable(block, current, problems);
      tables.push(table);
      current?.tables.push(table);
    } else {
      const kpi = buildKpi(block, current);
      kpiTables.push(kpi);
      current?.kpiTables.push(kpi);
    }
  }
  for (const n of notices) n.sources.push(...columnSources(n));
  for (const t of tables) resolveFormulas(t, problems);
  return { file, notices, tables, kpiTables, problems };
}

function fieldMap(fields: readonly FieldNode[]): Map<string, FieldNode> {
  const map = new Map<string, FieldNode>();
  for (const f of fields) if (!map.has(f.key.text)) map.set(f.key.text, f);
  return map;
}

/** A table's notes, as written. */
function tableNotes(notes: readonly NoteNode[]): TableNote[] {
  return notes.map((n) => ({ node: n, key: n.key.text, paragraphs: n.paragraphs.map((p) => p.text) }));
}

/** `不发：…`, when the table has it. */
function notSentOf(fields: ReadonlyMap<string, FieldNode>): NotSent | undefined {
  const field = fields.get('不发');
  return field ? { field, marker: field.value.text.trim() } : undefined;
}

/** A field's value with leading/trailing spaces off, keeping its exact span. */
export function trimmed(w: Word): Word {
  const lead = w.text.length - w.text.trimStart().length;
  const text = w.text.trim();
  return { text, start: w.start + lead, end: w.start + lead + text.length };
}

function sub(w: Word, from: number, to = w.text.length): Word {
  return { text: w.text.slice(from, to), start: w.start + from, end: w.start + to };
}

// ---- notice ----

/** The words a 标题 uses for the kinds it can name, the more specific first (`提前下达` before `下达`). */
const TITLE_KINDS: readonly DocumentKind[] = ['提前下达', '预下达', '清算'];

/** What kind of document the block is (see `NoticeModel.kind`). */
function readKind(node: NoticeNode, fields: ReadonlyMap<string, FieldNode>, problems: ModelProblem[]): { kind: DocumentKind; span?: Span } {
  if (node.keyword.text === '公示') return { kind: '公示', span: node.keyword };
  const declared = fields.get('类别');
  if (declared) {
    const value = trimmed(declared.value);
    const kind = NOTICE_KINDS.find((k) => k === value.text);
    if (kind) return { kind, span: value };
    problems.push({
      code: 'document-kind',
      severity: 'error',
      span: value.text ? value : declared.key,
      message: `类别应为${NOTICE_KINDS.map((k) => `“${k}”`).join('')}之一，实际是${value.text ? `“${value.text}”` : '空的'}；按标题判断`,
    });
  }
  const title = fields.get('标题')?.value;
  if (title) {
    for (const kind of TITLE_KINDS) {
      const at = title.text.indexOf(kind);
      if (at >= 0) return { kind, span: sub(title, at, at + kind.length) };
    }
  }
  return { kind: '下达' };
}

function buildNotice(node: NoticeNode, problems: ModelProblem[]): NoticeModel {
  const fields = fieldMap(node.fields);
  let year: number | undefined;
  const yearField = fields.get('年度');
  if (yearField) {
    const m = /^(\d{4})\s*年?(度)?$/.exec(yearField.value.text.trim());
    if (m) year = Number(m[1]);
    else problems.push({ code: 'syntax', severity: 'error', span: trimmed(yearField.value), message: `年度应为四位年份（如“2023”），实际是“${yearField.value.text.trim()}”` });
  }
  if (year === undefined && node.docNumber) {
    const read = readDocNumber(node.docNumber.text, 0, node.docNumber.text.length);
    const digits = read.kind === 'number' ? read.number.yearDigits : read.year;
    if (digits?.length === 4) year = Number(digits);
  }
  const codes: CodeRef[] = [];
  const directFund: DirectFundRef[] = [];
  const sources: FundSource[] = [];
  let amount: StatedAmount | undefined;
  for (const f of node.fields) {
    const key = f.key.text;
    const code = CODE_FIELD.exec(key);
    if (code) {
      const ref = readCodeRef(f, code[1] as CodeFieldKind, code[2], problems);
      if (ref) codes.push(ref);
      continue;
    }
    const tag = DIRECT_FUND_FIELD.exec(key);
    if (tag) {
      directFund.push(readDirectFund(f, tag[1]));
      continue;
    }
    if (key === '资金来源') {
      for (const item of splitList(f.value.text, f.value.start)) sources.push({ name: item.text, span: item, from: 'notice' });
    } else if (key === '金额' && amount === undefined) {
      amount = readStatedAmount(f, problems);
    }
  }
  const kind = readKind(node, fields, problems);
  return {
    node,
    kind: kind.kind,
    ...(kind.span ? { kindSpan: kind.span } : {}),
    publicity: node.fields.filter((f) => PUBLICITY_KEYS.includes(f.key.text)),
    ...(node.docNumber ? { docNumber: node.docNumber } : {}),
    fields,
    ...(year !== undefined ? { year } : {}),
    ...(amount ? { amount } : {}),
    sources,
    codes,
    directFund,
    tables: [],
    kpiTables: [],
  };
}

function readCodeRef(f: FieldNode, kind: CodeFieldKind, scope: string | undefined, problems: ModelProblem[]): CodeRef | undefined {
  const v = trimmed(f.value);
  // `2101301 城乡医疗救助`, `2101301-城乡医疗救助`, `2101301城乡医疗救助`, or the code alone.
  const m = /^(\d+)(\s*[-—－–]?\s*)(.*)$/.exec(v.text);
  if (!m) {
    problems.push({
      code: 'syntax',
      severity: 'error',
      span: v.text ? v : f.key,
      message: `${kind}应写作“科目编码 科目名称”（如“2101301 城乡医疗救助”），实际是“${v.text}”`,
    });
    return undefined;
  }
  const code = sub(v, 0, m[1]!.length);
  const nameText = m[3]!;
  const name = nameText ? sub(v, v.text.length - nameText.length) : undefined;
  return { field: f, kind, ...(scope ? { scope } : {}), code, ...(name ? { name } : {}) };
}

/**
 * A title that starts with a budget code, as tables print an expenditure item over its column:
 * a run of 3, 5 or 7 digits (类, 款, 项), then `—`, `——`, `-`, `－`, spaces or nothing, then a
 * Chinese name (`2082502—其他农村生活救助`, `2101301 城乡医疗救助`, `20825其他生活救助`). A run
 * of other lengths (`2022年下达资金`) is no code, and neither is a number with a unit of measure
 * after it (`200元/人`, `100万元以上`, `500人次`): that is a quantity.
 */
const HEADER_CODE = /^(\d{3}|\d{5}|\d{7})(?!\d)(\s*(?:——|—|－|–|-)\s*|\s*)(?=\p{Script=Han})/u;
// Units no budget item's name begins with are a quantity whatever follows (`200个县区`); those
// a name may begin with (人大事务, 年初预留, 天然林保护) only when nothing Chinese but a range
// word follows them (`500人`, `500人次以上`, `3年以下`).
const QUANTITY = /^(?:[元万亿千百个次岁%％]|(?:人次|人|户|年|月|日|天|名|家|所|项|亩|吨|公里|平方米)(?:$|[^\p{Script=Han}]|以上|以下|以内|及以上|及以下|左右|至))/u;

function readHeaderCode(title: Word): HeaderCodeRef | undefined {
  const m = HEADER_CODE.exec(title.text);
  if (!m) return undefined;
  const at = m[0].length;
  if (QUANTITY.test(title.text.slice(at))) return undefined;
  return { title, code: sub(title, 0, m[1]!.length), name: sub(title, at) };
}

function readDirectFund(f: FieldNode, scope: string | undefined): DirectFundRef {
  const v = trimmed(f.value);
  const m = /^(\d{1,3})(\s*[-—－–]?\s*)(.*)$/.exec(v.text);
  if (m) {
    const code = sub(v, 0, m[1]!.length);
    const rest = m[3]!;
    return { field: f, ...(scope ? { scope } : {}), code, ...(rest ? { name: sub(v, v.text.length - rest.length) } : {}) };
  }
  return { field: f, ...(scope ? { scope } : {}), ...(v.text ? { name: v } : {}) };
}

function readStatedAmount(f: FieldNode, problems: ModelProblem[]): StatedAmount | undefined {
  const v = f.value;
  const eq = v.text.search(/[=＝]/);
  const amountText = eq >= 0 ? v.text.slice(0, eq) : v.text;
  const amount = readAmount(amountText, v.start);
  if (!amount) {
    const t = trimmed(sub(v, 0, amountText.length));
    problems.push({
      code: 'syntax',
      severity: 'error',
      span: t.text ? t : f.key,
      message: `金额应写作“数字+单位”（如“166万元”），实际是“${t.text}”`,
    });
    return undefined;
  }
  if (eq < 0) return { field: f, amount };
  const ref = trimmed(sub(v, eq + 1));
  const m = /^([^.．]+)(?:[.．](.+))?$/.exec(ref.text);
  if (!m) {
    problems.push({ code: 'syntax', severity: 'error', span: ref.text ? ref : f.key, message: '“=”后应写所对应的表栏（如“附件1.本次”）' });
    return { field: f, amount };
  }
  return { field: f, amount, ref: { table: m[1]!.trim(), ...(m[2] ? { column: m[2].trim() } : {}), span: ref } };
}

function columnSources(n: NoticeModel): FundSource[] {
  const out: FundSource[] = [];
  for (const t of n.tables) {
    for (const c of t.columns) {
      if (c.source && c.node.source) {
        for (const item of splitList(c.node.source.text, c.node.source.start)) out.push({ name: item.text, span: item, from: 'column' });
      }
    }
  }
  return out;
}

// ---- allocation table ----

function buildTable(node: AllocationNode, notice: NoticeModel | undefined, problems: ModelProblem[]): TableModel {
  const fields = fieldMap(node.fields);
  let unit: Unit = '万元';
  const unitField = fields.get('单位');
  if (unitField) {
    const u = unitField.value.text.trim();
    if (isUnit(u)) unit = u;
    else problems.push({ code: 'syntax', severity: 'error', span: unitField.value.text.trim() ? trimmed(unitField.value) : unitField.key, message: `单位应为“元”“万元”或“亿元”，实际是“${u}”；按万元核对` });
  } else {
    problems.push({ code: 'missing-field', severity: 'warning', span: node.keyword, message: '分配表缺少“单位：”（元、万元或亿元）；按万元核对金额' });
  }
  let tolerance: TableModel['tolerance'];
  const tolField = fields.get('容差');
  if (tolField) {
    const v = trimmed(tolField.value);
    const d = Decimal.parse(v.text);
    if (d && !d.isNegative()) tolerance = { value: d, span: v };
    else problems.push({ code: 'syntax', severity: 'error', span: v.text ? v : tolField.key, message: `容差应为不小于 0 的数（如“1”），实际是“${v.text}”` });
  }

  // Header codes in source order: a group's title comes before the titles under it.
  const codes: HeaderCodeRef[] = [];
  const groupOf = new Map<ColumnGroupNode, ColumnGroupModel>();
  const groups: ColumnGroupModel[] = [];
  for (const g of node.groups) {
    const code = readHeaderCode(g.title);
    const group: ColumnGroupModel = { node: g, title: g.title.text, depth: g.depth, ...(code ? { code } : {}) };
    groupOf.set(g, group);
    groups.push(group);
  }
  const columns: ColumnModel[] = [];
  let number = 0;
  for (const c of node.columns) {
    const id = c.id?.text ?? '';
    const source = c.source?.text.trim();
    const code = readHeaderCode(c.title);
    const columnUnit = c.unit && !c.isText ? readColumnUnit(c.unit, unit, problems) : undefined;
    columns.push({
      node: c,
      id,
      title: c.title.text,
      isText: c.isText,
      ...(c.isText ? {} : { number: number + 1, index: number }),
      ...(c.group ? { group: c.group.text } : {}),
      groups: c.groups.map((g) => groupOf.get(g)!),
      ...(code ? { code } : {}),
      ...(source ? { source } : {}),
      ...(columnUnit ? { unit: columnUnit } : {}),
    });
    if (!c.isText) number++;
  }
  for (const item of [...groups, ...columns]) if (item.code) codes.push(item.code);
  codes.sort((a, b) => a.code.start - b.code.start);
  const seen = new Map<string, ColumnModel>();
  for (const c of columns) {
    if (!c.id) continue;
    if (seen.has(c.id) && c.node.id) {
      problems.push({ code: 'syntax', severity: 'error', span: c.node.id, message: `栏编号“${c.id}”重复：同一表中每栏的编号应不同` });
    } else seen.set(c.id, c);
  }
  const numeric = columns.filter((c) => !c.isText);
  const textColumns = columns.filter((c) => c.isText);
  const notSent = notSentOf(fields);

  // The table's rows are a run of the row store's (in source order, parts after their row):
  // from its first row to its last row's last part. Their number sizes the lists at once.
  const tops = storedRows(node);
  const first = tops[0];
  const last = tops[tops.length - 1];
  const expected = first && last ? last.store.lastDescendantOf(last.index) - first.index + 1 : 0;
  const allRows = new Array<RowModel>(expected);
  let rowCount = 0;
  const table: TableModel = {
    kind: 'allocation',
    node,
    ...(notice ? { notice } : {}),
    ...(node.label ? { label: node.label.text } : {}),
    title: node.title.text,
    unit,
    ...(tolerance ? { tolerance } : {}),
    columns,
    groups,
    codes,
    numeric,
    textColumns,
    labelTitles: labelTitles(fields.get('行标题')),
    relations: [],
    rows: [],
    allRows,
    fields,
    notes: tableNotes(node.notes),
    ...(notSent ? { notSent } : {}),
  };
  const nNumeric = numeric.length;
  // The cells' values stay in the row store, where the lexer put them (a cell is a number or a
  // dash: it always has a value or is empty).
  const values = new TableValues(nNumeric, table, first?.store);
  // Called once per row (10⁵ in national tables): plain loops, no intermediate arrays. A row
  // is read from the row store (grammar/rows.ts) by its number, without making its view or
  // its cells.
  const build = (store: RowStore, r: number, depth: number, parent: TableRow | undefined): TableRow => {
    // A group row has no cells by definition: it is valid when its line read cleanly.
    const valid = !store.broken(r) && (store.cellCountOf(r) === nNumeric || store.group(r));
    const row = new TableRow(r, values, depth, parent, valid);
    allRows[rowCount++] = row;
    if (store.misplaced(r)) misplaced.push(row);
    // The parts from the store's links, into an array of their exact length (one grown by
    // pushing would have room for 17).
    let n = 0;
    for (let c = store.firstChildOf(r); c >= 0; c = store.nextSiblingOf(c)) n++;
    if (n > 0) {
      const children = new Array<RowModel>(n);
      let k = 0;
      for (let c = store.firstChildOf(r); c >= 0; c = store.nextSiblingOf(c)) children[k++] = build(store, c, depth + 1, row);
      row.children = children;
    }
    return row;
  };
  const misplaced: RowModel[] = [];
  for (const r of tops) table.rows.push(build(r.store, r.index, 0, undefined));
  allRows.length = rowCount;
  if (misplaced.length === 0) return table;
  const unsure = new Set<RowModel>();
  // The row itself too: the lines under it may be its parts only because of where it was put.
  for (const row of misplaced) for (let p: RowModel | undefined = row; p && !unsure.has(p); p = p.parent) unsure.add(p);
  // (The rows read their table through `values`: the same object gets the set.)
  Object.assign(table, { unsure });
  return table;
}

/** `行标题：市州 | 县市区` → the label columns' titles, each trimmed; one title when there is no `|`. */
function labelTitles(f: FieldNode | undefined): string[] {
  if (!f || !f.value.text.trim()) return [];
  return f.value.text.split(/[|｜]/).map((s) => s.trim());
}

/**
 * A table's rows as the views of the one row store they are read from. `parse` makes every
 * row so (grammar/rows.ts); a row made any other way is a caller's mistake, said at once.
 */
function storedRows(node: AllocationNode): readonly Row[] {
  const rows = node.rows;
  const store = rows[0] instanceof Row ? rows[0].store : undefined;
  for (const r of rows) if (!(r instanceof Row) || r.store !== store) throw new TypeError('buildModel: a table row that is not a view of the parse’s row store (grammar/rows.ts)');
  return rows as readonly Row[];
}

/**
 * A column's `单位：` (`元/人`, `%`, `人`): a rate when it is a percentage or per something, a
 * count otherwise. The table's own money unit says nothing new (the column is money as the
 * others are); another money unit is not one a table's amounts can be in.
 */
function readColumnUnit(w: Word, tableUnit: Unit, problems: ModelProblem[]): ColumnModel['unit'] {
  const v = trimmed(w);
  if (isUnit(v.text)) {
    if (v.text !== tableUnit) {
      problems.push({ code: 'syntax', severity: 'error', span: v, message: `栏的单位“${v.text}”与表的单位“${tableUnit}”不同：金额栏都以表的“单位：”计；不是金额的栏写其单位（如“元/人”“%”“人”）` });
    }
    return undefined;
  }
  const rate = /^[%％‰]$/.test(v.text) || /[/／]/.test(v.text);
  return { text: v.text, kind: rate ? 'rate' : 'count', span: v };
}

/** The columns' formulas, then the table's `核对` lines, as the relations its rows satisfy. */
function resolveFormulas(t: TableModel, problems: ModelProblem[]): void {
  const report = (error: FormulaError): void => {
    problems.push({ code: error.unknownName ? 'unknown-reference' : 'syntax', severity: 'error', span: { start: error.start, end: error.end }, message: error.message });
  };
  for (const c of t.columns) {
    const f = c.node.formula;
    if (!f || c.index === undefined) continue;
    const { expr, rounding, error } = parseFormula(f.text, f.start, t.columns);
    if (expr) {
      c.formula = expr;
      c.relation = { table: t, column: c, expr, ...(rounding ? { rounding } : {}), printed: true, formula: f, span: f };
      t.relations.push(c.relation);
    } else if (error) report(error);
  }
  for (const field of t.node.fields) {
    if (field.key.text !== '核对') continue;
    const relation = readRelation(field, t);
    if ('error' in relation) report(relation.error);
    else t.relations.push(relation);
  }
}

/**
 * `核对：小计 = 常规 + 定向`: a relation the table does not print. The left side is one numeric
 * column (its id or 栏次); the right side is a formula read as a column's formula is.
 */
function readRelation(field: FieldNode, t: TableModel): Relation | { error: FormulaError } {
  const v = trimmed(field.value);
  const eq = v.text.search(/[=＝]/);
  if (eq < 0) {
    const at = v.text ? v : field.key;
    return { error: { start: at.start, end: at.end, message: `期望“核对：栏 = 公式”（如“核对：小计 = 常规 + 定向”），实际是“${v.text}”` } };
  }
  const left = trimmed(sub(v, 0, eq));
  const right = trimmed(sub(v, eq + 1));
  if (!left.text) return { error: { start: v.start, end: v.start + eq + 1, message: '“核对：”的等号前缺少栏：期望“核对：栏 = 公式”（如“核对：小计 = 常规 + 定向”）' } };
  if (!right.text) return { error: { start: v.start + eq, end: v.start + eq + 1, message: '等号“=”后缺少公式（如“核对：小计 = 常规 + 定向”）' } };
  if (/[\s+＋\-－−×*＊/÷／()（）]/.test(left.text)) {
    return { error: { start: left.start, end: left.end, message: `“核对：”的等号前只写一栏（它的数由等号后的公式给出），实际是“${left.text}”` } };
  }
  const column = t.numeric.find((c) => c.id === left.text) ?? (/^\d+$/.test(left.text) ? t.numeric.find((c) => c.number === Number(left.text)) : undefined);
  if (!column) {
    const text = t.columns.find((c) => c.isText && c.id === left.text);
    if (text) return { error: { start: left.start, end: left.end, message: `“${left.text}”是文字栏，不能参与计算` } };
    const ids = t.numeric.map((c) => c.id).join('、');
    const message = /^\d+$/.test(left.text)
      ? `没有第 ${left.text} 栏：表中数字栏为第 1–${t.numeric.length} 栏`
      : `“核对：”中的“${left.text}”不是本表的栏：本表的数字栏有 ${ids}`;
    return { error: { start: left.start, end: left.end, message, unknownName: true } };
  }
  const { expr, rounding, error } = parseFormula(right.text, right.start, t.columns);
  if (!expr) return { error: error ?? { start: right.start, end: right.end, message: '无法读懂的公式' } };
  return { table: t, column, expr, ...(rounding ? { rounding } : {}), printed: false, formula: right, span: v };
}

// ---- KPI table ----

function buildKpi(node: KpiNode, notice: NoticeModel | undefined): KpiTableModel {
  const level1: KpiGroupModel[] = [];
  const level2: KpiGroupModel[] = [];
  const indicators: IndicatorModel[] = [];
  const misplaced: { span: Word; what: string }[] = [];
  const fields = fieldMap(node.fields);
  const valueColumns = fields.get('指标值栏')?.value.text.split(/[|｜]/).length ?? 1;
  const notSent = notSentOf(fields);

  const indicator = (f: FieldNode, l1: KpiGroupModel | undefined, l2: KpiGroupModel | undefined): IndicatorModel => ({
    node: f,
    name: f.key.text,
    values: splitValues(f.value, valueColumns),
    ...(l1 ? { level1: l1 } : {}),
    ...(l2 ? { level2: l2 } : {}),
  });

  for (const g1 of node.groups) {
    const m1: KpiGroupModel = { node: g1, name: g1.name.text, level: 1 };
    level1.push(m1);
    for (const f of g1.indicators) {
      misplaced.push({ span: f.key, what: `指标“${f.key.text}”直接写在一级指标下，缺少二级指标` });
      indicators.push(indicator(f, m1, undefined));
    }
    for (const g2 of g1.groups) {
      const m2: KpiGroupModel = { node: g2, name: g2.name.text, level: 2, parent: m1 };
      level2.push(m2);
      for (const f of g2.indicators) indicators.push(indicator(f, m1, m2));
      for (const g3 of g2.groups) collectMisplaced(g3, misplaced);
    }
  }
  // Levels written where no 一级 is above them (the grammar found them under a header field).
  for (const o of node.orphans) {
    if (o.kind === 'kpiGroup') {
      misplaced.push({ span: o.name, what: `缺少一级指标：“${o.name.text}”及其下的指标不在任何一级指标（如“产出指标”）之下` });
      for (const f of o.indicators) indicators.push(indicator(f, undefined, undefined));
      for (const g of o.groups) collectMisplaced(g, misplaced);
    } else {
      misplaced.push({ span: o.key, what: `缺少一级、二级指标：指标“${o.key.text}”不在任何一级指标之下` });
      indicators.push(indicator(o, undefined, undefined));
    }
  }
  return {
    kind: 'kpi',
    node,
    ...(notice ? { notice } : {}),
    ...(node.label ? { label: node.label.text } : {}),
    title: node.title.text,
    fields,
    level1,
    level2,
    indicators,
    misplaced,
    notes: tableNotes(node.notes),
    ...(notSent ? { notSent } : {}),
    amounts: node.fields.filter((f) => KPI_MONEY_KEYS.includes(f.key.text)).map(readKpiAmount),
  };
}

/** A KPI money field (see `KpiAmount`). */
function readKpiAmount(f: FieldNode): KpiAmount {
  const v = f.value;
  let head = v.text;
  let ref: KpiAmount['ref'];
  const see = /[（(]?\s*详见(附件\d*)\s*[）)]?\s*$/.exec(head);
  if (see) {
    const at = see.index + see[0].indexOf('附件');
    ref = { table: see[1]!, span: sub(v, at, at + see[1]!.length), see: true };
    head = head.slice(0, see.index);
  } else {
    const eq = head.search(/[=＝]/);
    if (eq >= 0) {
      const r = trimmed(sub(v, eq + 1));
      const m = /^([^.．]+)(?:[.．](.+))?$/.exec(r.text);
      if (m) ref = { table: m[1]!.trim(), ...(m[2] ? { column: m[2].trim() } : {}), span: r, see: false };
      head = head.slice(0, eq);
    }
  }
  const written = trimmed(sub(v, 0, head.length));
  const amount = written.text ? readAmount(head, v.start) : undefined;
  return {
    field: f,
    key: f.key.text,
    ...(amount ? { amount } : {}),
    ...(ref ? { ref } : {}),
    ...(written.text && !amount ? { unreadable: written } : {}),
  };
}

function collectMisplaced(g: KpiGroupNode, out: { span: Word; what: string }[]): void {
  out.push({
    span: g.name,
    what: g.indicators.length > 0 || g.groups.length > 0
      ? `“${g.name.text}”是第四层：指标只有一级、二级和三级（名称：指标值）`
      : `三级指标“${g.name.text}”缺少指标值：期望“${g.name.text}：指标值”`,
  });
  for (const c of g.groups) collectMisplaced(c, out);
}

/** `≥70% | ≥80%` → two values; each keeps its span. */
function splitValues(v: Word, columns: number): Word[] {
  if (columns <= 1) return [trimmed(v)];
  const out: Word[] = [];
  let from = 0;
  for (let i = 0; i <= v.text.length; i++) {
    const ch = v.text[i];
    if (i === v.text.length || ch === '|' || ch === '｜') {
      out.push(trimmed(sub(v, from, i)));
      from = i + 1;
    }
  }
  return out;
}
