/**
 * What the import tests compare: a checked source reduced to what a reader of the notice
 * sees (fields, tables with their rows' names, nesting and every number, KPI levels) and the
 * arithmetic diagnostics.
 */
import { checkText } from '../../server/src/checks/index.js';
import type { Expr } from '../../server/src/model/types.js';

/** A formula by column numbers, whatever ids it was written with: `(1-3)`. */
function exprText(e: Expr): string {
  if (e.kind === 'column') return String(e.column + 1);
  if (e.kind === 'neg') return `-${exprText(e.operand)}`;
  if (e.kind === 'const') return `#${e.value.toString()}`;
  return `(${exprText(e.left)}${e.op}${exprText(e.right)})`;
}

export interface RowSummary {
  readonly depth: number;
  readonly name: string;
  readonly values: readonly (string | null)[];
}

export function summarize(text: string) {
  const { model, diagnostics } = checkText(text);
  const field = (f: { value: { text: string } } | undefined): string | undefined => f?.value.text.trim();
  return {
    syntax: diagnostics.filter((d) => d.code === 'syntax').map((d) => d.message),
    notices: model.notices.map((n) => ({
      docNumber: n.docNumber?.text,
      organs: field(n.fields.get('发文机关')),
      title: field(n.fields.get('标题')),
      recipients: field(n.fields.get('主送')),
      basis: field(n.fields.get('依据')),
      year: n.year,
      codes: n.codes.map((c) => `${c.field.key.text}：${c.field.value.text.trim()}`),
      directFund: n.directFund.map((d) => d.field.value.text.trim()),
      printed: field(n.fields.get('印发')),
    })),
    tables: model.tables.map((t) => ({
      label: t.label,
      title: t.title,
      unit: t.unit,
      formulas: t.numeric.map((c) => (c.formula ? exprText(c.formula) : '')),
      rows: t.allRows.map((r): RowSummary => ({ depth: r.depth, name: r.breakdown ? `其中：${r.name}` : r.name, values: r.values.map((v) => (v ? v.toString() : null)) })),
    })),
    kpi: model.kpiTables.map((k) => ({
      label: k.label,
      indicators: k.indicators.map((i) => `${i.level1?.name ?? ''} › ${i.level2?.name ?? ''} › ${i.name}：${i.values.map((v) => v.text).join(' | ')}`),
    })),
    arithmetic: diagnostics.filter((d) => d.code === 'sum-mismatch' || d.code === 'formula-mismatch').map((d) => `${d.code}: ${d.message.replace(/第(\d+)栏“[^”]*”/g, '第$1栏')}`),
    codes: [...new Set(diagnostics.map((d) => d.code))].sort(),
  };
}
