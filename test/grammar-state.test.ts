/**
 * `parse` owns everything it uses: nothing under grammar/ keeps state between parses or lets one
 * parse see another's. Two parts: a tidy check of the source (no module-level variable, and no
 * module-level object changed by a function, other than the two pools of reusable readers that
 * index.ts names), and the behaviour (results read after other texts were parsed, in any
 * order, are the results of reading each text alone).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { parse } from '../grammar/index.js';
import { plain } from './support/plain.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GRAMMAR = path.join(ROOT, 'grammar');

/**
 * Module-level objects that functions may change, with why: each is a pool of idle readers that
 * a parse takes one from and gives back, so a parse that starts while another runs gets its own.
 */
const POOLS = new Set(['idleParsers', 'idleBuffers']);

/** Methods that change the object they are called on. */
const MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete', 'clear']);

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

/** The module-level state of one grammar file that functions could carry between parses. */
function moduleState(file: string): Finding[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const rel = path.relative(ROOT, file);
  const at = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const found: Finding[] = [];
  const objects = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const list = statement.declarationList;
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const d of list.declarations) {
      const name = d.name.getText(source);
      if (!isConst) found.push({ file: rel, line: at(d), what: `module-level variable “${name}”` });
      else if (d.initializer && (ts.isArrayLiteralExpression(d.initializer) || ts.isObjectLiteralExpression(d.initializer) || ts.isNewExpression(d.initializer))) objects.add(name);
    }
  }
  // A module-level object changed inside a function (its initialisation at the top level is fine).
  const visit = (node: ts.Node, inFunction: boolean): void => {
    const fn = inFunction || ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);
    const root = (e: ts.Expression): string | undefined => {
      while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = e.expression;
      return ts.isIdentifier(e) ? e.text : undefined;
    };
    if (fn && ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const target = node.left;
      const name = ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target) ? root(target) : undefined;
      if (name && objects.has(name) && !POOLS.has(name)) found.push({ file: rel, line: at(node), what: `module-level “${name}” assigned in a function` });
    }
    if (fn && (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      const name = ts.isPropertyAccessExpression(node.operand) || ts.isElementAccessExpression(node.operand) ? root(node.operand) : undefined;
      if (name && objects.has(name) && !POOLS.has(name)) found.push({ file: rel, line: at(node), what: `module-level “${name}” changed in a function` });
    }
    if (fn && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATORS.has(node.expression.name.text)) {
      const name = root(node.expression.expression);
      if (name && objects.has(name) && !POOLS.has(name)) found.push({ file: rel, line: at(node), what: `module-level “${name}” changed by ${node.expression.name.text}() in a function` });
    }
    ts.forEachChild(node, (child) => visit(child, fn));
  };
  visit(source, false);
  return found;
}

const grammarFiles = (): string[] =>
  fs
    .readdirSync(GRAMMAR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(GRAMMAR, f));

describe('grammar/ keeps no state between parses', () => {
  it('has no module-level variable and changes no module-level object but its two reader pools', () => {
    const files = grammarFiles();
    expect(files.length).toBeGreaterThan(8);
    expect(files.flatMap(moduleState)).toEqual([]);
  });

  it('the tidy check finds module state where there is some', () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.grammar-state-'));
    try {
      const sample = path.join(dir, 'sample.ts');
      fs.writeFileSync(
        sample,
        [
          'let hook: (() => void) | undefined;',
          'const seen = new Map<string, number>();',
          'const layout = { depth: 0 };',
          'const TABLE = new Uint8Array(4);',
          'TABLE[0] = 1;',
          'export function read(text: string): number {',
          '  seen.set(text, 1);',
          '  layout.depth++;',
          '  return TABLE[0]! + (hook ? 1 : 0);',
          '}',
        ].join('\n'),
      );
      expect(moduleState(sample).map((f) => `${f.line} ${f.what}`)).toEqual([
        '1 module-level variable “hook”',
        '7 module-level “seen” changed by set() in a function',
        '8 module-level “layout” changed in a function',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const texts = (): string[] => [
    ...['nanchang-hcszh-2022-67.notice', 'jiangxi-gcszh-2023-26.notice', 'jiangmen-jcs-2023-16.notice'].map((f) => fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8')),
    ...fs.readdirSync(path.join(ROOT, 'test', 'fixtures')).filter((f) => f.endsWith('.notice')).map((f) => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', f), 'utf8')),
  ];

  it('results read after other parses are each text read alone, in any order', () => {
    const all = texts();
    const alone = all.map((t) => JSON.stringify(plain(parse(t))));
    // Parse every text, a large table among them, keep every result unread; then read them all.
    const big = generate(2000).text;
    const kept = all.map((t) => [parse(t), parse(big)] as const);
    kept.forEach(([file], i) => expect(JSON.stringify(plain(file)), `text ${i}`).toBe(alone[i]));
    // Interleaved in a random order, each result read right after the next text was parsed.
    fc.assert(
      fc.property(fc.shuffledSubarray(all.map((_, i) => i), { minLength: 2 }), (order) => {
        let previous: { i: number; file: ReturnType<typeof parse> } | undefined;
        for (const i of order) {
          const file = parse(all[i]!);
          if (previous) expect(JSON.stringify(plain(previous.file))).toBe(alone[previous.i]);
          previous = { i, file };
        }
      }),
      { numRuns: 30 },
    );
  });
});
