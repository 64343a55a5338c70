/**
 * The editor files that cannot import the keyword table (grammar/keywords.ts, `KEYWORDS`) agree
 * with it: the TextMate grammar highlights exactly the keywords as keywords and reads attachment
 * labels as `isAttachmentLabel` does, the indentation rule opens a block after a single
 * attachment's `附件 分配表：`, and every snippet (offered by the server) is named by a keyword and
 * expands to a notice without errors.
 *
 * The TextMate patterns are Oniguruma regular expressions; the ones here are also JavaScript ones
 * once `\x{…}` is written `\u{…}`, so the test runs them with `RegExp` (a pattern that is not
 * fails the test, which then needs a real TextMate tokenizer).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYWORDS, parse } from '../grammar/index.js';
import { isAttachmentLabel } from '../grammar/keywords.js';
import { checkText } from '../server/src/checks/index.js';
import { expandSnippet, snippets } from '../server/src/lsp/features/snippets.js';
import { isUnit } from '../server/src/model/amount.js';
import { ROOT } from './lsp/harness.js';

interface Capture {
  name?: string;
  patterns?: Rule[];
}
interface Rule {
  include?: string;
  match?: string;
  name?: string;
  captures?: Record<string, Capture>;
  patterns?: Rule[];
  begin?: string;
}
interface Grammar {
  patterns: Rule[];
  repository: Record<string, Rule>;
}

const json = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
const GRAMMAR = json('syntaxes/notice.tmLanguage.json') as Grammar;
const LANGUAGE_CONFIGURATION = json('language-configuration.json') as { indentationRules: { increaseIndentPattern: string } };
const KEYWORD_LIST = [...KEYWORDS.keys()].sort();

/**
 * A keyword of the language, in TextMate's naming: `keyword.*`, except operators (`=`, `+`: no
 * words, checked below) and a number's unit (`keyword.other.unit`, the convention themes colour as
 * part of the number; checked below to be the units).
 */
function isKeywordScope(scope: string): boolean {
  return scope.split(' ').some((s) => s.startsWith('keyword.') && !s.startsWith('keyword.operator.') && !s.startsWith('keyword.other.unit.'));
}
const isOperatorScope = (scope: string): boolean => scope.split(' ').some((s) => s.startsWith('keyword.operator.'));
const isUnitScope = (scope: string): boolean => scope.split(' ').some((s) => s.startsWith('keyword.other.unit.'));

const compiled = new Map<string, RegExp>();
function regExp(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    re = new RegExp(source.replace(/\\x\{([0-9a-fA-F]+)\}/g, '\\u{$1}'), 'dgu');
    compiled.set(source, re);
  }
  return re;
}

/** The source of capture group `n` of a pattern (groups numbered as Oniguruma and JS number them). */
function groupSource(source: string, n: number): string {
  const open: { group: number; start: number }[] = [];
  let count = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      const capturing = source[i + 1] !== '?' || /^\?<[A-Za-z]/.test(source.slice(i + 1));
      open.push({ group: capturing ? ++count : 0, start: i + 1 });
    } else if (c === ')') {
      const g = open.pop()!;
      if (g.group === n) return source.slice(g.start, i);
    }
  }
  throw new Error(`no group ${n} in ${source}`);
}

/** Every rule of the grammar, nested ones (a capture's patterns) included. */
function* allRules(rules: readonly Rule[]): Generator<Rule> {
  for (const r of rules) {
    yield r;
    if (r.patterns) yield* allRules(r.patterns);
    for (const c of Object.values(r.captures ?? {})) if (c.patterns) yield* allRules(c.patterns);
  }
}
const RULES = [...allRules([...GRAMMAR.patterns, ...Object.values(GRAMMAR.repository)])];

/** What a rule highlights with `scope`: the sources of the matches and groups named so. */
function sourcesScoped(test: (scope: string) => boolean): string[] {
  const out: string[] = [];
  for (const r of RULES) {
    if (!r.match) continue;
    if (r.name && test(r.name)) out.push(r.match);
    for (const [n, c] of Object.entries(r.captures ?? {})) if (c.name && test(c.name)) out.push(n === '0' ? r.match : groupSource(r.match, Number(n)));
  }
  return out;
}

/** The words of a pattern that is a list of words (`分配表|绩效目标表`). */
function wordsOf(source: string): string[] {
  expect(source, 'a keyword pattern is a list of words, so that this test can read it').toMatch(/^\p{L}+(?:\|\p{L}+)*$/u);
  return source.split('|');
}

/** The grammar's rules as a line is matched against them: includes resolved, lists flattened. */
function flatten(rules: readonly Rule[]): Rule[] {
  return rules.flatMap((r) => {
    if (r.include) return flatten([GRAMMAR.repository[r.include.replace(/^#/, '')]!]);
    if (r.match) return [r];
    return flatten(r.patterns ?? []);
  });
}

interface Token {
  text: string;
  scope: string;
}

/**
 * A line's scoped pieces, matched as TextMate matches a line: from the start, the rule whose match
 * begins first (the first listed among equals) takes its match, and the scan goes on after it.
 */
function tokenize(line: string, rules: readonly Rule[] = GRAMMAR.patterns): Token[] {
  const flat = flatten(rules);
  const out: Token[] = [];
  let pos = 0;
  while (pos <= line.length) {
    let best: { rule: Rule; m: RegExpExecArray } | undefined;
    for (const rule of flat) {
      const re = regExp(rule.match!);
      re.lastIndex = pos;
      const m = re.exec(line);
      if (m && (!best || m.index < best.m.index)) best = { rule, m };
    }
    if (!best) break;
    const { rule, m } = best;
    if (rule.name) out.push({ text: m[0], scope: rule.name });
    for (const [n, c] of Object.entries(rule.captures ?? {})) {
      const at = m.indices![Number(n)];
      if (!at || at[0] === at[1]) continue;
      const text = line.slice(at[0], at[1]);
      if (c.name) out.push({ text, scope: c.name });
      if (c.patterns) out.push(...tokenize(text, c.patterns));
    }
    pos = m.index + Math.max(m[0].length, 1);
  }
  return out;
}

const keywordsOn = (line: string): string[] => tokenize(line).filter((t) => isKeywordScope(t.scope)).map((t) => t.text);

/** A notice with every form that has a keyword, one line each (parse reads it without a problem). */
const DOCUMENT = [
  '通知 测财社〔2023〕1号',
  '  年度：2023',
  '  正文',
  '    现下达资金。',
  '',
  '附件1 分配表：表',
  '  单位：万元',
  '  栏组 全年',
  '    栏 中央：中央 来源：中央',
  '  栏 本次：本次 = 中央',
  '',
  '  合计  1  1',
  '    南昌县  1  1',
  '      其中：东湖区  1  1',
  '',
  '附件2 绩效目标表：表',
  '  产出指标',
  '    数量指标',
  '      完成率：100%',
  '',
  '公示',
  '  标题：关于资金分配结果的公示',
  '',
].join('\n');

describe('the TextMate grammar (syntaxes/notice.tmLanguage.json)', () => {
  it('highlights as keywords exactly the words of KEYWORDS', () => {
    const words = sourcesScoped(isKeywordScope).flatMap(wordsOf);
    expect([...new Set(words)].sort(), 'add the keyword to the TextMate grammar (or remove it there)').toEqual(KEYWORD_LIST);
  });

  it('highlights no word as an operator, and only units as units', () => {
    for (const source of sourcesScoped(isOperatorScope)) expect(source.replace(/\\[a-zA-Z]/g, ''), source).not.toMatch(/\p{L}/u);
    const units = sourcesScoped(isUnitScope).flatMap(wordsOf);
    expect(units.length).toBeGreaterThan(0);
    for (const u of units) expect(isUnit(u), u).toBe(true);
  });

  it('highlights each keyword where the language has it, and not glued to other text', () => {
    expect(parse(DOCUMENT).problems).toEqual([]);
    const lines = DOCUMENT.split('\n');
    const found = new Set(lines.flatMap(keywordsOn));
    expect([...found].sort(), 'DOCUMENT has a line with each keyword').toEqual(KEYWORD_LIST);
    for (const keyword of KEYWORD_LIST) {
      for (const line of lines.filter((l) => keywordsOn(l).includes(keyword))) {
        // A run of text that merely starts with the keyword is text to the reader (grammar/scan.ts).
        const glued = line.replace(keyword, `${keyword}甲`);
        expect(keywordsOn(glued), glued).not.toContain(keyword);
        expect(keywordsOn(glued), glued).not.toContain(`${keyword}甲`);
      }
    }
  });

  it('reads an attachment label as isAttachmentLabel does: 附件1, 附件12 and 附件 alone', () => {
    const scopes = (line: string): string[] => tokenize(line).map((t) => t.scope);
    const tables = { 分配表: '  单位：万元\n  栏 本次：本次\n\n  合计  1\n', 绩效目标表: '  产出指标\n    数量指标\n      完成率：100%\n' };
    for (const [table, lines] of Object.entries(tables)) {
      for (const label of ['附件', '附件1', '附件12', '附件x', '附件1a', '附', '件1']) {
        const line = `${label} ${table}：表`;
        const tokens = tokenize(line);
        const labelled = tokens.find((t) => t.scope === 'entity.name.section.attachment.notice');
        if (isAttachmentLabel(label, 0, label.length)) {
          expect(labelled?.text, line).toBe(label);
          expect(scopes(line), line).toEqual(scopes(`附件1 ${table}：表`));
        } else {
          expect(labelled, line).toBeUndefined();
          expect(keywordsOn(line), line).toEqual([]);
        }
      }
      expect(parse(`附件 ${table}：表\n${lines}`).problems, '附件 alone is a label to the reader').toEqual([]);
    }
  });
});

describe('the indentation rule (language-configuration.json)', () => {
  it('opens a block after a table header with any attachment label', () => {
    const increase = new RegExp(LANGUAGE_CONFIGURATION.indentationRules.increaseIndentPattern);
    for (const line of ['附件 分配表：表', '附件1 分配表：表', '附件12 绩效目标表：表', '附件 绩效目标表：表']) expect(increase.test(line), line).toBe(true);
  });
});

describe('the snippets (server/src/lsp/features/snippets.ts)', () => {
  it('are each named by a keyword and expand, placeholders at their defaults, to a notice with no error', () => {
    const variables = { CURRENT_YEAR: '2024', CURRENT_MONTH: '01', CURRENT_DATE: '02' };
    const all = snippets(2, 2023);
    const notice = expandSnippet(all.find((x) => x.keyword === '通知')!.body, variables);
    for (const snippet of all) {
      expect(KEYWORDS.has(snippet.keyword), `snippet ${snippet.keyword}`).toBe(true);
      const text = expandSnippet(snippet.body, variables);
      expect(text, snippet.keyword).not.toContain('$');
      // Each where it is offered: the notice alone; a table after the notice (as 附件2); a column inside a table.
      const document =
        snippet.keyword === '通知' ? text : snippet.keyword === '栏' ? `${notice}\n附件2 分配表：表\n  单位：万元\n  ${text.replace('= 公式', '')}\n\n  合计  1\n` : `${notice}\n${text}\n`;
      expect(parse(document).problems, document).toEqual([]);
      // Nothing at all, information included: the walkthrough's first step shows a clean notice.
      const errors = checkText(document).diagnostics;
      expect(errors.map((d) => `${d.code}: ${d.message}`), document).toEqual([]);
    }
  });

  it('are read as VS Code reads them: a `}` ends a placeholder unless escaped', () => {
    expect(expandSnippet(['${1:a{b.${2:c}\\}d}'])).toBe('a{b.c}d');
    expect(expandSnippet(['${1:a{b.${2:c}}d}'])).toBe('a{b.cd}');
    expect(expandSnippet(['${1|x,y|} ${1}'])).toBe('x x');
    expect(expandSnippet(['${CURRENT_YEAR}'], { CURRENT_YEAR: '2024' })).toBe('2024');
  });
});
