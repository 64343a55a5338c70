/**
 * Semantic tokens: block keywords, field keys, document numbers, budget codes (in 科目 lines
 * and column headers), direct-fund codes, column ids (declared and in formulas), numbers,
 * 指标 levels, comments.
 */
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { KpiGroupNode, RowNode } from '../../../../grammar/index.js';
import type { Span } from '../../model/span.js';
import type { Analysis } from '../analysis.js';
import { formulaNames } from '../locate.js';
import { resolvedDocNumbers } from '../workspace-index.js';

export const TOKEN_TYPES = ['keyword', 'property', 'number', 'comment', 'string', 'enumMember', 'variable', 'namespace', 'type', 'class'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'readonly'] as const;
export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];

interface Tok {
  start: number;
  end: number;
  type: TokenType;
  mods: number;
}

export function semanticTokens(a: Analysis, range?: Span): SemanticTokens {
  const toks: Tok[] = [];
  const add = (s: Span | undefined, type: TokenType, declaration = false): void => {
    if (!s || s.end <= s.start) return;
    if (range && (s.end < range.start || s.start > range.end)) return;
    toks.push({ start: s.start, end: s.end, type, mods: declaration ? 1 : 0 });
  };
  const model = a.result.model;
  for (const b of a.result.file.blocks) {
    add(b.keyword, 'keyword');
    if (b.kind !== 'notice') add(b.label, 'keyword');
    for (const f of b.fields) add(f.key, 'property');
    if (b.kind !== 'notice') for (const n of b.notes) add(n.key, 'property');
    if (b.kind === 'notice') add(b.body?.keyword, 'keyword');
    if (b.kind === 'allocation') {
      const rows = (rs: readonly RowNode[]): void => {
        for (const r of rs) {
          if (r.children.length > 0) add(r.name, 'class');
          for (const c of r.cells) if (c.kind === 'number') add(c, 'number');
          rows(r.children);
        }
      };
      rows(b.rows);
    }
    if (b.kind === 'kpi') {
      const groups = (gs: readonly KpiGroupNode[], level: number): void => {
        for (const g of gs) {
          add(g.name, level === 1 ? 'namespace' : 'type');
          for (const i of g.indicators) add(i.key, 'property');
          groups(g.groups, level + 1);
        }
      };
      groups(b.groups, 1);
    }
  }
  for (const t of model.tables) {
    for (const c of t.columns) {
      add(c.node.id, 'variable', true);
      for (const n of formulaNames(c)) add(n, 'variable');
    }
    for (const c of t.codes) add(c.code, 'enumMember');
  }
  for (const n of model.notices) {
    for (const c of n.codes) add(c.code, 'enumMember');
    for (const d of n.directFund) add(d.code, 'enumMember');
  }
  for (const { dn } of resolvedDocNumbers(a.text)) add(dn.span, 'string');
  for (const c of a.result.file.comments) add(c, 'comment');

  toks.sort((x, y) => x.start - y.start || y.end - x.end);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  for (const t of toks) {
    if (t.start < lastEnd) continue; // no overlaps
    const type = TOKEN_TYPES.indexOf(t.type);
    // Tokens may not span lines: split at line breaks.
    let s = t.start;
    while (s < t.end) {
      const pos = a.index.position(s);
      const lineEnd = a.index.offset(pos.line, Number.MAX_SAFE_INTEGER);
      const e = Math.min(t.end, lineEnd);
      if (e > s) {
        data.push(pos.line - prevLine, pos.line === prevLine ? pos.character - prevChar : pos.character, e - s, type, t.mods);
        prevLine = pos.line;
        prevChar = pos.character;
      }
      if (pos.line + 1 >= a.index.lineCount) break;
      s = Math.max(e, a.index.lineStart(pos.line + 1));
    }
    lastEnd = t.end;
  }
  return { data };
}
