/**
 * Hover: a budget code's name, level and parent chain for the notice's year; a total row's
 * sums of parts per column; a column's formula; a direct-fund tag's meaning; the notice a
 * document number names, when it is in the workspace.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { findDirectFundTagByCode, findDirectFundTagByName } from '../../catalogue/direct-fund.js';
import { headerCodeClassification } from '../../checks/codes.js';
import { CLASSIFICATION_NAMES, type BudgetCatalogue, type CatalogueEntry, type Confidence } from '../../catalogue/types.js';
import { describeFormula } from '../../model/formula.js';
import { CODE_FIELD_CLASSIFICATION, type Relation } from '../../model/types.js';
import { resolveBodyRef } from '../../model/body-refs.js';
import { showValue } from '../../model/number-display.js';
import { partsOf, relationFormula, relationsOf, relationValue, sumOfRows, sumsColumn, totalDifference } from '../../model/table-arithmetic.js';
import type { Analysis } from '../analysis.js';
import { toRange } from '../convert.js';
import { catalogue, chain, locate, yearOf, type Located } from '../locate.js';
import type { NoticeSettings } from '../settings.js';
import type { WorkspaceIndex } from '../workspace-index.js';

export const CONFIDENCE: Record<Confidence, string> = { official: '官方', high: '高', medium: '中', low: '低' };

/** A catalogue row's sources (`a; b; c`) as a list. */
function sources(source: string): string {
  return source
    .split(/;\s*/)
    .filter((x) => x.trim() !== '')
    .map((x) => `- ${x.trim()}`)
    .join('\n');
}

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
  if (isUserRow(entry)) lines.push(`来源：${entry.source}`);
  else if (entry.confidence !== 'official') lines.push(`可信度：${CONFIDENCE[entry.confidence]}（非官方目录）  \n来源：\n${sources(entry.source)}`);
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
  if (tag.confidence !== 'official') lines.push(`可信度：${CONFIDENCE[tag.confidence]}  \n来源：\n${sources(tag.source)}`);
  return lines;
}

function hoverDocNumber(found: Extract<Located, { kind: 'docNumber' }>, workspace: WorkspaceIndex, uri: string): string[] {
  const lines = [`**文号 ${found.number}**`];
  if (found.dn.normalized !== found.dn.text) lines.push(`按 GB/T 9704 应写作 ${found.number}`);
  const notices = workspace.find(found.number).filter((n) => !(found.isDefinition && n.uri === uri));
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
      lines = hoverDocNumber(found, workspace, a.uri);
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
  }
  if (lines.length === 0) return null;
  return { contents: md(lines), range: toRange(a.index, span) };
}
