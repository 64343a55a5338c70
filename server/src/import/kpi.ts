/**
 * A performance-goal table (绩效目标表) read from a printed grid: the header fields above the
 * indicator heading row (key and value cells, two pairs on a row, 资金情况 with its sub-keys),
 * then the three levels of indicators, whose merged 一级/二级 cells are blank in extracted text
 * and carry on from the row above. Where a row's cells sit in other columns than the heading
 * row's (text extraction shifts them), the row is read by what its cells say, using the KPI
 * framework's names of 一级 and 二级 indicators, and a comment says so.
 */
import { kpiFramework } from '../catalogue/kpi.js';
import { cleanText } from './text-clean.js';
import type { SourceRow, SourceTable } from './types.js';

export interface KpiField {
  readonly key: string;
  readonly paragraphs: readonly string[];
  readonly comment?: string;
}

export interface KpiIndicator {
  readonly level1: string;
  readonly level2: string;
  readonly name: string;
  readonly values: readonly string[];
  readonly comment?: string;
}

export interface KpiDraft {
  readonly kind: 'kpi';
  readonly fields: readonly KpiField[];
  readonly valueColumns: readonly string[];
  readonly indicators: readonly KpiIndicator[];
}

const HEAD_1 = /^一级指标$/;
const HEAD_2 = /^二级指标$/;
const HEAD_3 = /^三级指标$|^指标名称$/;
const HEAD_V = /指标值|目标值|指标内容$/;

/** True when the table has the indicator heading row (一级指标, 二级指标). */
export function isKpiTable(t: SourceTable): boolean {
  return t.rows.some(isHeadRow);
}

/** The indicator heading row: a cell 一级指标 and a cell 二级指标. */
function isHeadRow(r: SourceRow): boolean {
  return r.cells.some((c) => isHeading(c.text, '一级指标')) && r.cells.some((c) => isHeading(c.text, '二级指标'));
}

/** A cell that is `heading` alone (blanks around it aside); most cells are not even near one. */
function isHeading(text: string, heading: string): boolean {
  return text.includes(heading) && text.trim() === heading;
}

interface Placed {
  readonly col: number;
  readonly text: string;
}

/** The row's texts with their columns, a merged cell's copies (and covered cells) left out. */
function placed(r: SourceRow): Placed[] {
  const out: Placed[] = [];
  r.cells.forEach((c, col) => {
    const t = c.text.trim();
    if (t === '' || c.covered) return;
    if (out.length > 0 && out[out.length - 1]!.text === t && out[out.length - 1]!.col === col - 1 && (c.colSpan === undefined || c.colSpan > 0)) {
      // exceljs gives every cell of a merge its value: the copy to the right is the same cell.
      out[out.length - 1] = { col: out[out.length - 1]!.col, text: t };
      return;
    }
    out.push({ col, text: t });
  });
  return out;
}

function level1Name(s: string): boolean {
  const f = kpiFramework();
  return f.level1.includes(s) || f.level1.includes(f.synonyms.get(s) ?? '');
}

function level2Name(s: string): string | undefined {
  const f = kpiFramework();
  const std = f.level2.has(s) ? undefined : (f.synonyms.get(s) ?? s);
  for (const [l1, l2s] of f.level2) if (l2s.includes(s) || (std !== undefined && l2s.includes(std))) return l1;
  return undefined;
}

/** `<p>一</p> <p>二</p>`, lines of a cell, or one paragraph. */
function paragraphsOf(s: string): string[] {
  const parts = /<p>/i.test(s) ? s.split(/<\/?p>/i) : s.split(/\r?\n/);
  return parts.map((p) => cleanText(p)).filter((p) => p !== '');
}

/** A field key as the language writes it: no trailing colon, no `其中：` (a sub-amount's key is its name). */
function keyOf(s: string): string {
  return cleanText(s).replace(/[:：]\s*$/, '').replace(/^其中\s*[:：]\s*/, '').replace(/\s+/g, '');
}

const MONEY_KEYS = /金额|资金|补助/;
/** How the names of 一级 and 二级 indicators end when they are not the framework's own. */
const LEVEL_WORD = /指标$|满意度$|效益$|影响$/;

export function readKpi(t: SourceTable): KpiDraft {
  const rows = t.rows;
  const hi = rows.findIndex(isHeadRow);
  const head = rows[hi]!.cells.map((c) => c.text.trim());
  const l1 = head.findIndex((h) => HEAD_1.test(h));
  const l2 = head.findIndex((h) => HEAD_2.test(h));
  const l3found = head.findIndex((h) => HEAD_3.test(h));
  const l3 = l3found >= 0 ? l3found : l2 + 1;
  const valueCols: number[] = [];
  head.forEach((h, i) => {
    if (i > l3 && HEAD_V.test(h) && !valueCols.some((v) => head[v] === h && v === i - 1)) valueCols.push(i);
  });
  if (valueCols.length === 0) valueCols.push(l3 + 1);
  const valueTitles = valueCols.map((c) => head[c] ?? '');

  // Header fields.
  const fields: KpiField[] = [];
  let group = '';
  for (const r of rows.slice(0, hi)) {
    const cells = placed(r);
    if (cells.length === 0) continue;
    let items = cells.map((c) => c.text);
    // A group key (资金情况（万元）) before its sub-keys, on its first row; later rows leave it blank.
    if (items.length === 3 && /资金情况|资金来源|资金/.test(items[0]!) && !/[:：]$/.test(items[0]!) && cells[0]!.col === 0) {
      group = items[0]!;
      items = items.slice(1);
    } else if (cells[0]!.col > 0 && group !== '' && items.length <= 2) {
      // a sub-key of the group
    } else if (cells[0]!.col === 0) group = '';
    for (let i = 0; i < items.length; i += 2) {
      const key = keyOf(items[i]!);
      if (key === '') continue;
      const value = items[i + 1] ?? '';
      let paragraphs = paragraphsOf(value);
      let comment: string | undefined;
      const unit = /[（(]\s*(万元|元|亿元)\s*[）)]/.exec(group)?.[1];
      if (unit && paragraphs.length === 1 && /^-?[\d,]+(?:\.\d+)?$/.test(paragraphs[0]!) && MONEY_KEYS.test(key)) {
        paragraphs = [`${paragraphs[0]}${unit}`];
        comment = `表头“${group}”：原表只印数字 ${value}，补上单位写作 ${paragraphs[0]}。`;
      }
      fields.push({ key, paragraphs, ...(comment ? { comment } : {}) });
    }
  }

  // Indicators.
  const indicators: KpiIndicator[] = [];
  let cur1 = '';
  let cur2 = '';
  for (const r of rows.slice(hi + 1)) {
    // The 绩效指标 label left of the 一级 column (a merged cell down the rows) is not an indicator.
    const use = placed(r).filter((c) => !(c.col < l1 && /^绩效指标$/.test(c.text)));
    if (use.length === 0) continue;
    const pos = positional(use);
    if (pos) {
      if (pos.l1) cur1 = pos.l1;
      if (pos.l2) cur2 = pos.l2;
      if (pos.name) indicators.push({ level1: cur1, level2: cur2, name: pos.name, values: pos.values });
      continue;
    }
    // Read by meaning: the framework's 一级 and 二级 names, then the indicator and its value.
    let texts = use.map((c) => c.text);
    const why: string[] = [];
    // A name that is both (成本指标) is a 二级 where the current 一级 has it.
    const asLevel2 = (t: string): boolean => level2Name(t) !== undefined && cur1 !== '' && level1Matches(cur1, level2Name(t)!);
    if (texts.length > 0 && level1Name(texts[0]!) && !asLevel2(texts[0]!)) {
      cur1 = texts[0]!;
      cur2 = '';
      texts = texts.slice(1);
      why.push(`“${cur1}”是一级指标`);
    }
    if (texts.length > 0 && level2Name(texts[0]!) !== undefined) {
      cur2 = texts[0]!;
      const parent = level2Name(cur2)!;
      if (cur1 !== '' && !level1Matches(cur1, parent)) {
        why.push(`二级指标“${cur2}”属于“${parent}”`);
        cur1 = parent;
      } else why.push(`“${cur2}”是二级指标`);
      texts = texts.slice(1);
    }
    if (texts.length === 0) continue;
    const name = texts[0]!;
    const values = valueCols.length > 1 ? texts.slice(1) : [texts.slice(1).join(' ')];
    const comment = `这一行的格与表头的栏对不上（原件或提取件错位），按内容读：${[...why, `“${name}”是三级指标${values.join('') !== '' ? `，“${values.join(' ')}”是指标值` : '，指标值空白'}`].join('，')}。`;
    indicators.push({ level1: cur1, level2: cur2, name, values, comment });
  }
  return { kind: 'kpi', fields, valueColumns: valueCols.length > 1 ? valueTitles : [], indicators };

  /** The row read by the heading row's columns, when its cells sit in them and say what those columns hold. */
  function positional(cells: readonly Placed[]): { l1?: string; l2?: string; name?: string; values: string[] } | undefined {
    const at = (c: number): string | undefined => cells.find((p) => p.col === c)?.text;
    if (cells.some((p) => p.col !== l1 && p.col !== l2 && p.col !== l3 && !valueCols.includes(p.col))) return undefined;
    const a = at(l1);
    const b = at(l2);
    const name = at(l3);
    const values = valueCols.map((c) => at(c) ?? '');
    if (name === undefined && values.some((v) => v !== '')) return undefined;
    // A level cell must hold a level's name: the framework's, or one ending as such names end.
    if (a !== undefined && !level1Name(a) && !LEVEL_WORD.test(a)) return undefined;
    if (a !== undefined && !level1Name(a) && level2Name(a) !== undefined) return undefined;
    if (b !== undefined && level2Name(b) === undefined && (level1Name(b) || !LEVEL_WORD.test(b))) return undefined;
    if (name !== undefined && (level1Name(name) || level2Name(name) !== undefined)) return undefined;
    return { ...(a !== undefined ? { l1: a } : {}), ...(b !== undefined ? { l2: b } : {}), ...(name !== undefined ? { name } : {}), values };
  }
}

function level1Matches(written: string, standard: string): boolean {
  return written === standard || kpiFramework().synonyms.get(written) === standard;
}
