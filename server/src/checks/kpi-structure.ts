/**
 * `kpi-structure`: the indicator levels of a 绩效目标表 against the KPI framework
 * (一级 → 二级). A shortened standard name (社会指标 for 社会效益指标) is a warning with the
 * standard name as fix; an unknown name, a 二级 under the wrong 一级, or an indicator at a
 * level where none can be is an error. A level with nothing under it (a 一级 without 二级 or
 * indicators, a 二级 without indicators) is a warning: its indicators were left out or lost.
 * An unknown name one character away from exactly one standard name (`产出指帮`, `数量指`) is
 * a slip of typing: the error names the standard name and offers it as the fix.
 */
import type { KpiFramework } from '../catalogue/types.js';
import type { Check } from './context.js';
import type { Report } from './diagnostic.js';
import type { KpiGroupModel } from '../model/types.js';

export const checkKpiStructure: Check = ({ model, kpi }, report) => {
  for (const t of model.kpiTables) {
    for (const g of t.level1) level1(g, kpi, report);
    for (const g of t.level2) level2(g, kpi, report);
    for (const g of [...t.level1, ...t.level2]) empty(g, report);
    for (const m of t.misplaced) report({ code: 'kpi-structure', severity: 'error', span: m.span, message: m.what });
  }
};

function standard(name: string, kpi: KpiFramework): string {
  return kpi.synonyms.get(name) ?? name;
}

function rename(g: KpiGroupModel, to: string, what: string, report: Report): void {
  report({
    code: 'kpi-structure',
    severity: 'warning',
    span: g.node.name,
    message: `非标准的${what}名称“${g.name}”：应为“${to}”`,
    fixes: [{ title: `改为“${to}”`, edits: [{ span: g.node.name, newText: to }] }],
  });
}

function empty(g: KpiGroupModel, report: Report): void {
  if (g.node.indicators.length > 0 || g.node.groups.length > 0) return;
  report({
    code: 'kpi-structure',
    severity: 'warning',
    span: g.node.name,
    message: g.level === 1 ? `一级指标“${g.name}”下没有二级指标和指标：请补上，或删去这一行` : `二级指标“${g.name}”下没有指标：请补上，或删去这一行`,
  });
}

function level1(g: KpiGroupModel, kpi: KpiFramework, report: Report): void {
  if (kpi.level1.includes(g.name)) return;
  const std = kpi.synonyms.get(g.name);
  if (std && kpi.level1.includes(std)) return rename(g, std, '一级指标', report);
  const owner = [...kpi.level2].find(([, l2]) => l2.includes(standard(g.name, kpi)))?.[0];
  const near = owner ? undefined : nearest(g.name, kpi.level1);
  report({
    code: 'kpi-structure',
    severity: 'error',
    span: g.node.name,
    message: owner
      ? `“${g.name}”是二级指标（属于“${owner}”），不能作一级指标`
      : `未知的一级指标“${g.name}”：${near ? `是否为“${near}”？` : ''}应为 ${kpi.level1.join('、')} 之一`,
    ...(near ? { fixes: [{ title: `改为“${near}”`, edits: [{ span: g.node.name, newText: near }] }] } : {}),
  });
}

function level2(g: KpiGroupModel, kpi: KpiFramework, report: Report): void {
  const parent = g.parent ? standard(g.parent.name, kpi) : undefined;
  if (parent === undefined || !kpi.level1.includes(parent)) return; // the 一级 is reported already
  const allowed = kpi.level2.get(parent) ?? [];
  const std = standard(g.name, kpi);
  if (allowed.includes(std)) {
    if (std !== g.name) rename(g, std, '二级指标', report);
    return;
  }
  const owner = [...kpi.level2].find(([, l2]) => l2.includes(std))?.[0];
  const near = owner || kpi.level1.includes(std) ? undefined : nearest(g.name, allowed);
  if (near) {
    report({
      code: 'kpi-structure',
      severity: 'error',
      span: g.node.name,
      message: `“${g.parent!.name}”下没有二级指标“${g.name}”：是否为“${near}”？`,
      fixes: [{ title: `改为“${near}”`, edits: [{ span: g.node.name, newText: near }] }],
    });
    return;
  }
  report({
    code: 'kpi-structure',
    severity: 'error',
    span: g.node.name,
    message: owner
      ? `二级指标“${g.name}”属于“${owner}”，不应在“${g.parent!.name}”下`
      : kpi.level1.includes(std)
        ? `“${g.name}”是一级指标，不能作“${g.parent!.name}”的二级指标`
        : `“${g.parent!.name}”下没有二级指标“${g.name}”：应为 ${allowed.join('、')} 之一`,
  });
}

/** The one name of `names` one character away from `name` (one changed, added or left out), if exactly one is. */
function nearest(name: string, names: readonly string[]): string | undefined {
  const near = names.filter((n) => oneEditApart([...name], [...n]));
  return near.length === 1 ? near[0] : undefined;
}

function oneEditApart(a: readonly string[], b: readonly string[]): boolean {
  if (Math.abs(a.length - b.length) > 1 || a.join('') === b.join('')) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rest = (x: readonly string[], from: number): string => x.slice(from).join('');
  if (a.length === b.length) return rest(a, i + 1) === rest(b, i + 1);
  return a.length > b.length ? rest(a, i + 1) === rest(b, i) : rest(a, i) === rest(b, i + 1);
}
