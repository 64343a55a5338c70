/**
 * Renaming a column id: its declaration, every formula and `核对` line of the table that uses it, the
 * notice's `金额 = 附件N.栏` link and the body's `{附件N.行.栏}` references to it. Renaming
 * a 文号 (a notice renumbered): the notice that issues it and every mention of it in the
 * workspace's files (依据, column titles, body text), each written in full.
 */
import { ResponseError, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { ColumnModel, TableModel } from '../../model/types.js';
import type { Span } from '../../model/span.js';
import type { Analysis } from '../analysis.js';
import { toRange } from '../convert.js';
import { formulaNames, locate, relationNames } from '../locate.js';
import { resolvedDocNumbers, type WorkspaceIndex } from '../workspace-index.js';

function target(a: Analysis, offset: number): { table: TableModel; column: ColumnModel; at: Span } | undefined {
  const found = locate(a, offset);
  if (found?.kind !== 'column') return undefined;
  if (found.inFormula) {
    const column = found.table.columns.find((c) => c.id === found.inFormula!.name);
    return column ? { table: found.table, column, at: found.inFormula } : undefined;
  }
  const id = found.column.node.id;
  if (id && id.start <= offset && offset <= id.end) return { table: found.table, column: found.column, at: id };
  return undefined;
}

export function prepareRename(a: Analysis, offset: number): { range: Range; placeholder: string } | null {
  const found = locate(a, offset);
  if (found?.kind === 'docNumber') return { range: toRange(a.index, found.dn.span), placeholder: found.number };
  const t = target(a, offset);
  return t ? { range: toRange(a.index, t.at), placeholder: t.column.id } : null;
}

/** A 文号 renamed across the workspace: every mention the index knows of, this file's from its own text. */
function renameDocNumber(a: Analysis, number: string, newName: string, workspace: WorkspaceIndex): WorkspaceEdit | ResponseError<void> {
  const read = resolvedDocNumbers(newName.trim());
  if (read.length !== 1 || read[0]!.dn.span.start !== 0 || read[0]!.dn.span.end !== newName.trim().length) {
    return new ResponseError(-32602, `“${newName}”不是一个文号：应写作“机关代字〔年份〕序号号”，如 赣财社指〔2023〕26号`);
  }
  const changes: Record<string, { range: Range; newText: string }[]> = {};
  for (const m of workspace.mentions(number)) (changes[m.uri] ??= []).push({ range: m.range, newText: read[0]!.number });
  // This file as the editor has it (the index may not have seen the newest edit).
  changes[a.uri] = [];
  const lines = a.text.split('\n');
  let offset = 0;
  for (const line of lines) {
    if (line.includes('号')) {
      for (const { dn, number: n } of resolvedDocNumbers(line)) {
        if (n === number) changes[a.uri]!.push({ range: toRange(a.index, { start: offset + dn.span.start, end: offset + dn.span.end }), newText: read[0]!.number });
      }
    }
    offset += line.length + 1;
  }
  return { changes };
}

const BAD_ID = /[\s:：=＝|｜[\]［］+\-×*/÷()（）＋－−＊／.．{}]/;

export function rename(a: Analysis, offset: number, newName: string, workspace?: WorkspaceIndex): WorkspaceEdit | ResponseError<void> | null {
  const found = locate(a, offset);
  if (found?.kind === 'docNumber' && workspace) return renameDocNumber(a, found.number, newName, workspace);
  const t = target(a, offset);
  if (!t) return null;
  if (newName === '' || BAD_ID.test(newName) || /^\d+$/.test(newName)) return new ResponseError(-32602, `“${newName}”不能作栏的编号：不能为空、纯数字，也不能含空格、冒号、运算符或括号`);
  if (t.table.columns.some((c) => c !== t.column && c.id === newName)) return new ResponseError(-32602, `本表已有栏“${newName}”`);
  const old = t.column.id;
  const spans: Span[] = [];
  if (t.column.node.id) spans.push(t.column.node.id);
  for (const c of t.table.columns) for (const n of formulaNames(c)) if (n.name === old) spans.push(n);
  for (const n of relationNames(t.table)) if (n.name === old) spans.push(n);
  const label = t.table.label;
  const notice = t.table.notice;
  if (label && notice) {
    const ref = notice.amount?.ref;
    if (ref && ref.table === label && ref.column === old) {
      const text = a.text.slice(ref.span.start, ref.span.end);
      const at = text.lastIndexOf(old);
      if (at >= 0) spans.push({ start: ref.span.start + at, end: ref.span.start + at + old.length });
    }
    // `{附件1.合计.本次}` in the notice's body.
    for (const p of notice.node.body?.paragraphs ?? []) {
      const re = /\{([^{}.．]+)[.．]([^{}.．]+)[.．]([^{}.．]+)\}/g;
      for (let m = re.exec(p.text); m; m = re.exec(p.text)) {
        if (m[1]!.trim() !== label || m[3]!.trim() !== old) continue;
        const start = p.start + m.index + m[0].length - 1 - m[3]!.length;
        spans.push({ start, end: start + m[3]!.length });
      }
    }
  }
  return { changes: { [a.uri]: spans.map((s) => ({ range: toRange(a.index, s), newText: newName })) } };
}
