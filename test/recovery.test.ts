/**
 * Error recovery: a broken line in the middle of a notice, a table or a KPI table is
 * reported where it is, and the rest of the file is still read and checked.
 *
 * By design (server/src/checks/sum-mismatch.ts) a row whose own numbers cannot be read is
 * left out of the sums, together with the totals that depend on it; the tests below break
 * rows that are not parts of the total they look at, or assert exactly that rule.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkText, type Diagnostic } from '../server/src/checks/index.js';
import { LineIndex } from '../server/src/model/span.js';

const EXAMPLES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const example = (name: string): string => readFileSync(path.join(EXAMPLES, name), 'utf8');
const NANCHANG = example('nanchang-hcszh-2022-67.notice');
const JIANGXI = example('jiangxi-gcszh-2023-26.notice');
const JIANGMEN = example('jiangmen-jcs-2023-16.notice');

/**
 * Replaces the line that starts (after its indentation) with `start`: the only one, or the
 * first when `first` is set.
 */
function replaceLine(text: string, start: string, replacement: string, first = false): string {
  const lines = text.split('\n');
  const hits = lines.flatMap((l, i) => (l.trimStart().startsWith(start) ? [i] : []));
  if (hits.length === 0 || (hits.length > 1 && !first)) throw new Error(`expected one line starting with “${start}”, found ${hits.length}`);
  lines[hits[0]!] = replacement;
  return lines.join('\n');
}

/** Inserts `line` before the one line that starts with `start`. */
function insertBefore(text: string, start: string, line: string): string {
  const lines = text.split('\n');
  const hits = lines.flatMap((l, i) => (l.trimStart().startsWith(start) ? [i] : []));
  if (hits.length !== 1) throw new Error(`expected one line starting with “${start}”, found ${hits.length}`);
  lines.splice(hits[0]!, 0, line);
  return lines.join('\n');
}

interface Seen {
  readonly code: string;
  readonly text: string;
  readonly line: string;
}

/** Each diagnostic as its code, the source its range covers, and its whole line. */
function seen(text: string, diagnostics: readonly Diagnostic[]): Seen[] {
  const index = new LineIndex(text);
  return diagnostics.map((d) => ({
    code: d.code,
    text: text.slice(d.span.start, d.span.end),
    line: index.lineText(index.position(d.span.start).line).trim(),
  }));
}

function check(text: string): Seen[] {
  return seen(text, checkText(text).diagnostics);
}

/** The diagnostics other than `syntax`, as code + covered text, for before/after comparison. */
function nonSyntax(text: string): string[] {
  return check(text)
    .filter((d) => d.code !== 'syntax')
    .map((d) => `${d.code} ${d.text}`);
}

describe('a broken line in an allocation table', () => {
  it('a garbage line before the Nanchang table: reported, and every other diagnostic is unchanged', () => {
    const broken = insertBefore(NANCHANG, '附件1 分配表', '这一行是乱码 ### ][ 12x');
    const syntax = check(broken).filter((d) => d.code === 'syntax');
    expect(syntax.map((d) => d.line)).toEqual(['这一行是乱码 ### ][ 12x']);
    expect(nonSyntax(broken)).toEqual(nonSyntax(NANCHANG));
    expect(nonSyntax(broken)).toContain('sum-mismatch 907');
    expect(nonSyntax(broken)).toContain('sum-mismatch 741');
  });

  it('a garbage line among the Nanchang rows: reported on its line; by design the total it sits under is not checked', () => {
    // A line of words at the parts’ depth is a row whose numbers cannot be read.
    const broken = insertBefore(NANCHANG, '进贤县', '    进贤县（原文此处有一行污损）：无法辨认');
    const all = check(broken);
    expect(all.filter((d) => d.code === 'syntax').length).toBeGreaterThan(0);
    for (const d of all.filter((x) => x.code === 'syntax')) expect(d.line).toBe('进贤县（原文此处有一行污损）：无法辨认');
    // The garbage row's own numbers are unknown, so by design the total that depends on it is
    // not checked: no sum-mismatch for 南昌市合计. The doc numbers are still reported.
    expect(all.filter((d) => d.code === 'sum-mismatch')).toEqual([]);
    expect(all.filter((d) => d.code === 'doc-number-format').length).toBe(4);
  });

  it('Nanchang with a part row broken (`南昌县 148 12x2 26`): exactly what the design says', () => {
    const broken = replaceLine(NANCHANG, '南昌县', '    南昌县                   148   12x2    26');
    const all = check(broken);
    expect(all.filter((d) => d.code === 'syntax').map((d) => d.text)).toEqual(['12x2']);
    // 南昌县 is a part of 南昌市合计, so its total is not checked (its numbers are not trusted) …
    expect(all.filter((d) => d.code === 'sum-mismatch')).toEqual([]);
    // … and neither is its own formula; no cell-count either (syntax already says why).
    expect(all.filter((d) => d.code === 'formula-mismatch' || d.code === 'cell-count')).toEqual([]);
    expect(all.filter((d) => d.code === 'doc-number-format').length).toBe(4);
  });

  it('Nanchang with a part row broken: a formula broken in another row is still reported', () => {
    let broken = replaceLine(NANCHANG, '南昌县', '    南昌县                   148   12x2    26');
    broken = replaceLine(broken, '新建区', '    新建区                   114   107     8');
    const all = check(broken);
    expect(all.filter((d) => d.code === 'formula-mismatch').map((d) => [d.text, d.line.split(/\s+/)[0]])).toEqual([['8', '新建区']]);
  });

  it('Jiangxi with a county row broken: its city is skipped, every other city is still checked', () => {
    // Break a county of 南昌市 and plant a mismatch in 景德镇市 (乐平市 1551 → 1552).
    let broken = replaceLine(JIANGXI, '东湖区 [一般县]', '      东湖区 [一般县                 159    130    195     54    -36     76');
    broken = replaceLine(broken, '乐平市 [西部县区]', '      乐平市 [西部县区]              1552   1732   1540    623     12   1109');
    const all = check(broken);
    expect(all.filter((d) => d.code === 'syntax').map((d) => d.line)).toEqual([
      '东湖区 [一般县                 159    130    195     54    -36     76',
    ]);
    const sums = all.filter((d) => d.code === 'sum-mismatch');
    expect(sums.map((d) => [d.line.split(/\s+/)[0], d.text])).toEqual([
      ['景德镇市', '2641'],
      ['景德镇市', '62'],
    ]);
    // 全省 depends on 南昌市, whose part is broken, but 南昌市 itself reads cleanly, so 全省 is
    // still checked: 景德镇市's own cells were not changed, so 全省 still adds up.
    expect(all.filter((d) => d.code === 'formula-mismatch')).toEqual([]);
    expect(all.filter((d) => d.code === 'code-name-mismatch').map((d) => d.text)).toEqual(['医疗卫生共同财政事权转移收入']);
  });

  it('a broken column line: reported on its line; the rows are read against the columns that did read', () => {
    const broken = insertBefore(NANCHANG, '栏 本次', '  栏 没有冒号的栏');
    const all = check(broken);
    expect(all.filter((d) => d.code === 'syntax').map((d) => d.line)).toEqual(['栏 没有冒号的栏']);
    expect(nonSyntax(broken)).toEqual(nonSyntax(NANCHANG));
  });
});

describe('a broken line in a notice', () => {
  it('a field without a colon among the Jiangxi fields: the fields after it are still read', () => {
    const broken = insertBefore(JIANGXI, '收入科目：', '  这是一个没有冒号的字段');
    const all = check(broken);
    expect(all.filter((d) => d.code === 'syntax').map((d) => d.line)).toEqual(['这是一个没有冒号的字段']);
    expect(nonSyntax(broken)).toEqual(nonSyntax(JIANGXI));
    // The direct-fund tags after the broken line are still read: no missing-direct-fund-tag.
    expect(nonSyntax(broken).filter((s) => s.startsWith('missing-direct-fund-tag'))).toEqual([]);
  });

  it('an unreadable year and amount: reported on their values, the rest still checked', () => {
    let broken = replaceLine(NANCHANG, '年度：2022', '  年度：二〇二二', true);
    broken = insertBefore(broken, '资金来源：', '  金额：一百六十六万元');
    const all = check(broken);
    expect(all.filter((d) => d.code === 'syntax').map((d) => d.text)).toEqual(['二〇二二', '一百六十六万元']);
    expect(nonSyntax(broken)).toEqual(nonSyntax(NANCHANG));
  });

  it('the 通知 header line broken: the table and KPI table after it are still checked', () => {
    const broken = replaceLine(NANCHANG, '通知 洪财社指', '通 知 洪财社指〔2022〕67号');
    const all = check(broken);
    expect(all.filter((d) => d.code === 'syntax').length).toBeGreaterThan(0);
    expect(all.filter((d) => d.code === 'sum-mismatch').map((d) => d.text)).toEqual(['907', '741']);
  });
});

describe('a broken line in a KPI table', () => {
  it('an indicator without a colon in Jiangmen’s first KPI table: the structure warnings are all still reported', () => {
    const broken = insertBefore(JIANGMEN, '住院救助入次数', '      住院救助入次数 ≥2万人次');
    const all = check(broken);
    expect(all.filter((d) => d.code === 'syntax').map((d) => d.line)).toEqual(['住院救助入次数 ≥2万人次']);
    expect(nonSyntax(broken)).toEqual(nonSyntax(JIANGMEN));
    expect(nonSyntax(broken).filter((s) => s.startsWith('kpi-structure'))).toEqual([
      'kpi-structure 社会指标',
      'kpi-structure 服务对象满意度',
      'kpi-structure 满意度',
    ]);
  });

  it('a value that cannot be read in the middle of the Nanchang KPI table: reported, later values still checked', () => {
    let broken = replaceLine(NANCHANG, '医保信息系统正常运行率', '      医保信息系统正常运行率：≥');
    broken = replaceLine(broken, '定点医药机构监督检查覆盖率', '      定点医药机构监督检查覆盖率：≥100%');
    const kpi = check(broken).filter((d) => d.code === 'kpi-value');
    expect(kpi.map((d) => d.text)).toEqual(['≥', '≥100%']);
  });
});
