/** The 绩效指标 framework (一级 → 二级) and the non-standard names seen in published tables. */

import { KPI_ROWS, KPI_SYNONYMS } from './generated/kpi-framework';
import type { KpiFramework } from './types';

let framework: KpiFramework | undefined;

/** Built once from data/kpi-framework.csv and data/kpi-synonyms.csv; 一级 in file order. */
export function kpiFramework(): KpiFramework {
  if (!framework) {
    const level2 = new Map<string, string[]>();
    for (const row of KPI_ROWS) {
      const list = level2.get(row.level1);
      if (list) list.push(row.level2);
      else level2.set(row.level1, [row.level2]);
    }
    framework = {
      level1: [...level2.keys()],
      level2,
      synonyms: new Map(KPI_SYNONYMS.map((s) => [s.written, s.standard])),
      pairs: KPI_ROWS,
    };
  }
  return framework;
}
