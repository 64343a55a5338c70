/**
 * Hover: a budget code's name, level and parent chain for the notice's year; a total row's
 * sums of parts per column; a column's formula; a direct-fund tag's meaning; the notice a
 * document number names, when it is in the workspace.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { findDirectFundTagByCode, findDirectFundTagByName } from '../../catalogue/direct-fund.js';
import { headerCodeClassification } from '../../checks/codes.js';
import { sourceLine } from '../../catalogue/source-line.js';
import { findRegionsLoose, regionChain, type Region } from '../../catalogue/regions.js';
import { kpiFramework } from '../../catalogue/kpi.js';
import { CLASSIFICATION_NAMES, type BudgetCatalogue, type CatalogueEntry, type Confidence } from '../../catalogue/types.js';
import { describeFormula } from '../../model/formula.js';
import { CODE_FIELD_CLASSIFICATION, type Relation } from '../../model/types.js';
import { resolveBodyRef } from '../../model/body-refs.js';
import { showValue } from '../../model/number-display.js';
import { breakdownOf, partsOf, relationFormula, relationsOf, relationValue, sumOfRows, sumsColumn, totalDifference } from '../../model/table-arithmetic.js';
import type { RowModel } from '../../model/types.js';
import type { Analysis } from '../analysis.js';
import { toRange } from '../convert.js';
import { catalogue, chain, locate, yearOf, type Located } from '../locate.js';
import type { NoticeSettings } from '../settings.js';
import type { WorkspaceIndex } from '../workspace-index.js';

export const CONFIDENCE: Record<Confidence, string> = { official: '官方', high: '高', medium: '中', low: '低' };

function md(lines: string[]): Hover['contents'] {
  return { kind: MarkupKind.Markdown, value: lines.join('\n\n') };
}

/** A row read from the user's own table (its source is `用户目录 FILE（2024 年），第 N 行`). */
export function isUserRow(entry: CatalogueEntry): boolean {
  return entry.source.startsWith('用户目录');
}

export function entryLines(entry: CatalogueEntry, year: number, cat?: BudgetCatalogue): string[] {
  const path = [CLASSIFICATION_NAMES[entry.classification], ...chain(entry, year, cat).map((e) => `${e.code} ${e.name}`)].join(' › ');
  const lines = [`**${entry.code} ${entry.name}**（${entry.level}级科目，${year} 年）`, path];
  const others = entry.aliases.filter((x) => x.fromYear !== undefined || x.toYear !== undefined).map((x) => `${x.name}（${x.fromYear ?? ''}–${x.toYear ?? ''}）`);
  if (others.length > 0) lines.push(`曾用名：${others.join('、')}`);
  // How far to trust the row, and one short line on where it comes from (../../catalogue/source-line.ts).
  if (isUserRow(entry)) lines.push(sourceLine(entry.source));
  else if (entry.confidence !== 'official') lines.push(`可信度：${CONFIDENCE[entry.confidence]}（非官方目录）  \n${sourceLine(entry.source)}`);
  return lines;
}

function hoverCode(found: Extract<Located, { kind: 'code' }>, settings: NoticeSettings, cat: BudgetCatalogue): string[] {
  const { ref, notice } = found;
  const cls = 'field' in ref ? CODE_FIELD_CLASSIFICATION[ref.kind] : headerCodeClassification(ref) ?? 'expFunc';
  const year = yearOf(notice, settings, cat);
  const r = cat.lookup(cls, ref.code.text, year);
  if (r.kind === 'found') return entryLines(r.entry, year, cat);
  const basis = cat.basisFor?.(cls, year) ?? `${cat.label} ${year} 年`;
  const head = `**${ref.code.text}**：${year} 年${CLASSIFICATION_NAMES[cls]}中${r.kind === 'unknown' ? '没有此科目' : '未收录此科目（目录此分支不完整，无法确认）'}（依据：${basis}）`;
  const other = r.otherYears?.map((e) => `${e.fromYear}–${e.toYear} 年：${e.code} ${e.name}`) ?? [];
  return [head, ...other];
}

function hoverDirectFund(found: Extract<Located, { kind: 'directFund' }>): string[] {
  const { ref } = found;
  const tag = (ref.code && findDirectFundTagByCode(ref.code.text)) || (ref.name && findDirectFundTagByName(ref.name.text));
  if (!tag) return [`直达资金标识“${[ref.code?.text, ref.name?.text].filter(Boolean).join(' ')}”不在标识目录中`];
  const lines = [`**直达资金标识 ${tag.code ? `${tag.code} ` : ''}${tag.name}**（${tag.scope}）`, tag.meaning];
  if (tag.confidence !== 'official') lines.push(`可信度：${CONFIDENCE[tag.confidence]}  \n${sourceLine(tag.source)}`);
  return lines;
}

function hoverDocNumber(found: Extract<Located, { kind: 'docNumber' }>, workspace: WorkspaceIndex, a: Analysis): string[] {
  const uri = a.uri;
  const lines = [`**文号 ${found.number}**`];
  if (found.isDefinition) {
    // The notice's own number: what the notice is, and what else in the workspace cites it.
    const own = a.result.model.notices.find((n) => n.docNumber !== undefined && n.docNumber.start <= found.dn.span.start && found.dn.span.start < n.docNumber.end);
    if (own) {
      const title = own.fields.get('标题')?.value.text;
      const issuer = own.fields.get('发文机关')?.value.text;
      const tables = own.tables.length + a.result.model.kpiTables.filter((t) => t.notice === own).length;
      lines.push([title ? `《${title}》` : '（无标题）', issuer ? `发文机关：${issuer}` : '', own.year ? `年度：${own.year}` : '', tables > 0 ? `附件：${tables} 张表` : ''].filter(Boolean).join('  \n'));
    }
    const citing = workspace.entriesOf(found.number).filter((n) => n.uri !== uri);
    if (citing.length > 0) lines.push(`工作区中另有 ${citing.length} 处同一文号：${citing.map((n) => `${n.uri.split('/').pop()} 第 ${n.range.start.line + 1} 行`).join('、')}`);
  }
  if (found.dn.normalized !== found.dn.text) lines.push(`按 GB/T 9704 应写作 ${found.number}`);
  const notices = workspace.entriesOf(found.number).filter((n) => !(found.isDefinition && n.uri === uri));
  for (const n of notices) {
    lines.push([n.title ? `《${n.title}》` : '（无标题）', n.issuer ? `发文机关：${n.issuer}` : '', n.year ? `年度：${n.year}` : '', `见 ${n.uri.split('/').pop()} 第 ${n.range.start.line + 1} 行`].filter(Boolean).join('  \n'));
  }
  if (notices.length === 0 && !found.isDefinition) lines.push('工作区中没有这份通知');
  return lines;
}

function hoverBodyRef(found: Extract<Located, { kind: 'bodyRef' }>): string[] {
  const r = resolveBodyRef(found.ref, found.notice);
  switch (r.kind) {
    case 'value': {
      const where = r.row.kind === 'row' ? r.row.row.name : '合计';
      return [`**${found.ref.text}** = ${r.text}（${r.table.label ?? ''}${r.table.label ? ' ' : ''}${where}，单位：${r.table.unit}）`];
    }
    case 'name':
      return [`**${found.ref.text}**：${r.text}`];
    case 'blank':
      return [`**${found.ref.text}**：按收文单位套印时填入各单位的数`];
    case 'untrusted':
    case 'unresolved':
      return [`**${found.ref.text}**：${r.message}`];
  }
}

const REGION_NOISE = /(合计|小计|总计|本级|及所辖区|全市|全省|全区|全县)/g;

/**
 * The administrative division a row names (南昌县 → 江西省 › 南昌市 › 南昌县): of the
 * divisions of that name, the one under the region of a row above it, else the only one.
 */
function regionOfRow(row: RowModel): Region | undefined {
  const clean = (name: string): string => name.replace(/^其中[:：]?/, '').replace(/[（(].*$/, '').replace(REGION_NOISE, '').trim();
  const name = clean(row.name);
  if (name === '') return undefined;
  const found = findRegionsLoose(name).filter((r) => !r.placeholder);
  if (found.length <= 1) return found[0];
  for (let up = row.parent; up; up = up.parent) {
    const above = clean(up.name);
    const hit = found.find((r) => regionChain(r).some((x) => x.code !== r.code && (x.name === above || x.name.startsWith(above))));
    if (hit) return hit;
  }
  return undefined;
}

function hoverKpiGroup(found: Extract<Located, { kind: 'kpiGroup' }>): string[] {
  const { group } = found;
  const fw = kpiFramework();
  const standard = fw.synonyms.get(group.name) ?? group.name;
  if (group.level === 1) {
    const known = fw.level2.get(standard);
    if (!known) return [`**${group.name}**：不是规范的一级指标（规范的一级指标：${fw.level1.join('、')}）`];
    return [`**${group.name}**：一级指标${standard !== group.name ? `（规范名称“${standard}”）` : ''}`, `其下的二级指标：${known.join('、')}`];
  }
  const parent = group.parent ? fw.synonyms.get(group.parent.name) ?? group.parent.name : undefined;
  const owner = (fw.pairs ?? []).find((p) => p.level2 === standard);
  if (!owner) return [`**${group.name}**：不是规范的二级指标`];
  return [`**${group.name}**：二级指标${standard !== group.name ? `（规范名称“${standard}”）` : ''}，属于一级指标“${owner.level1}”${parent && parent !== owner.level1 ? `（这里写在“${group.parent!.name}”下）` : ''}`];
}

function hoverIndicator(found: Extract<Located, { kind: 'indicator' }>): string[] {
  const { indicator } = found;
  const path = [indicator.level1?.name, indicator.level2?.name].filter(Boolean).join(' › ');
  const values = indicator.values.map((v) => v.text).filter((v) => v !== '');
  return [`**${indicator.name}**：三级指标${path ? `（${path}）` : ''}`, values.length > 0 ? `指标值：${values.join(' | ')}` : '指标值：（空）'];
}

function hoverRow(found: Extract<Located, { kind: 'row' }>): string[] {
  const { table, row, column } = found;
  const parts = partsOf(row);
  const lines: string[] = [];
  // A rate column (`单位：%`) is not summed: no sum of parts to show for it.
  const cols = (column ? [column] : table.numeric).filter(sumsColumn);
  if (row.group) {
    // A group row states no numbers: its figures are its parts' sums, as references read them.
    lines.push(`**${row.name}**：分组行，不是合计，不核对；引用它时取其下 ${parts.length} 项之和（单位：${table.unit}）`);
    const rowsMd = ['| 栏 | 各项之和 |', '| --- | ---: |'];
    for (const c of cols) rowsMd.push(`| ${c.number} ${c.id} | ${showValue(sumOfRows(parts, c.index!), 'computed')} |`);
    lines.push(rowsMd.join('\n'));
  } else if (parts.length > 0 && cols.length > 0) {
    lines.push(`**${row.name}**：${parts.length} 项之和（单位：${table.unit}）`);
    const rowsMd = ['| 栏 | 合计 | 各项之和 | 差 |', '| --- | ---: | ---: | ---: |'];
    for (const c of cols) {
      const i = c.index!;
      const total = row.valueAt(i);
      const sum = sumOfRows(parts, i);
      const diff = totalDifference(row, i);
      rowsMd.push(`| ${c.number} ${c.id} | ${showValue(total, 'computed')} | ${showValue(sum, 'computed')} | ${diff.isZero() ? '0' : showValue(diff, 'computed')} |`);
    }
    lines.push(rowsMd.join('\n'));
  }
  const breakdown = breakdownOf(row);
  if (breakdown.length > 0) {
    // The 其中 parts are not a total's parts: they must not add up to more than the row.
    lines.push(`**${row.name}** 其中 ${breakdown.length} 项（不要求等于本行，但不得超过本行）`);
    const cols = column ? [column] : table.numeric;
    const rowsMd = ['| 栏 | 本行 | 其中之和 | 超出 |', '| --- | ---: | ---: | ---: |'];
    for (const c of cols) {
      const i = c.index!;
      const total = row.valueAt(i);
      const sum = sumOfRows(breakdown, i);
      const over = total ? sum.sub(total) : sum;
      rowsMd.push(`| ${c.number} ${c.id} | ${showValue(total, 'computed')} | ${showValue(sum, 'computed')} | ${over.isNegative() || over.isZero() ? '—' : showValue(over, 'computed')} |`);
    }
    lines.push(rowsMd.join('\n'));
  }
  if (!column) {
    const region = regionOfRow(row);
    if (region) lines.push(`行政区划：${regionChain(region).map((r) => r.name).join(' › ')}（${region.code}）`);
  }
  if (column) {
    lines.push(`第${column.number}栏“${column.id}”：${column.title}${column.unit ? `（单位：${column.unit.text}）` : ''}`);
    for (const relation of relationsOf(table, column)) {
      if (!relationFormula(relation).appliesTo(row)) continue;
      const computed = relationValue(row, relation);
      lines.push(`${relationLabel(relation)}：= ${describeFormula(relation.expr, table.columns, relation.rounding)}${computed ? ` = ${showValue(computed, 'computed')}` : ''}`);
    }
  }
  return lines;
}

/** `公式` for a column's own (printed) formula, `核对` for a relation the table does not print. */
function relationLabel(r: Relation): string {
  return r.printed ? '公式' : '核对';
}

function hoverColumn(found: Extract<Located, { kind: 'column' }>): string[] {
  const { table, column, inFormula } = found;
  const target = inFormula ? table.columns.find((c) => c.id === inFormula.name) ?? table.numeric.find((c) => String(c.number) === inFormula.name) ?? column : column;
  const unit = target.unit ? `${target.unit.text}${target.unit.kind === 'rate' ? '，不加总' : ''}` : table.unit;
  const lines = [`**第${target.number ?? '—'}栏 ${target.id}**：${target.title}${target.isText ? '（文字栏）' : `（单位：${unit}）`}`];
  if (target.groups.length > 0) lines.push(`栏组：${target.groups.map((g) => g.title).join(' › ')}`);
  if (target.source) lines.push(`来源：${target.source}`);
  for (const r of target.isText ? [] : relationsOf(table, target)) {
    lines.push(`${relationLabel(r)}：= ${describeFormula(r.expr, table.columns, r.rounding)}（每一行都要成立${r.printed ? '' : '，不印在栏次行'}）`);
  }
  return lines;
}

export function hover(a: Analysis, offset: number, settings: NoticeSettings, workspace: WorkspaceIndex): Hover | null {
  const found = locate(a, offset);
  if (!found) return null;
  let lines: string[];
  let span: { start: number; end: number };
  switch (found.kind) {
    case 'code':
      lines = hoverCode(found, settings, catalogue(a));
      span = { start: found.ref.code.start, end: (found.ref.name ?? found.ref.code).end };
      break;
    case 'directFund':
      lines = hoverDirectFund(found);
      span = found.ref.field.value;
      break;
    case 'docNumber':
      lines = hoverDocNumber(found, workspace, a);
      span = found.dn.span;
      break;
    case 'bodyRef':
      lines = hoverBodyRef(found);
      span = found.ref.span;
      break;
    case 'row':
      lines = hoverRow(found);
      span = found.column ? found.row.node.cells[found.column.index!]! : found.row.node.name;
      break;
    case 'column':
      lines = hoverColumn(found);
      span = found.inFormula ?? found.column.node.id ?? found.column.node.title;
      break;
    case 'kpiGroup':
      lines = hoverKpiGroup(found);
      span = found.group.node.name;
      break;
    case 'indicator':
      lines = hoverIndicator(found);
      span = found.indicator.node.key;
      break;
  }
  if (lines.length === 0) return null;
  return { contents: md(lines), range: toRange(a.index, span) };
}
