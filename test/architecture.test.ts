/**
 * The layering, enforced: TypeScript has no crate walls, so this test is the wall. It reads
 * every source file under grammar/, server/src/ and client/, finds each import in every form
 * (`import … from`, `import '…'`, `import type`, `export … from`, `import('…')`,
 * `import x = require('…')`, `require('…')`, `import('…')` types), resolves relative paths to
 * the file they name and checks each edge against RULES below. A forbidden edge fails with
 * the file and line, the import and the rule it breaks.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The layers, by folder (repository paths).
const GRAMMAR = 'grammar/';
const MODEL = 'server/src/model/';
const CATALOGUE = 'server/src/catalogue/';
const CHECKS = 'server/src/checks/';
const RENDER = 'server/src/render/';
const FORMAT = 'server/src/format/';
const IMPORT = 'server/src/import/';
const CLI = 'server/src/cli/';
const LSP = 'server/src/lsp/';
const CLIENT = 'client/';
const LAYERS = [GRAMMAR, MODEL, CATALOGUE, CHECKS, RENDER, FORMAT, IMPORT, CLI, LSP, CLIENT];
/** What runs unchanged in Node, in a web worker, in the CLI and in tests. */
const CORE = [GRAMMAR, MODEL, CHECKS, CATALOGUE, RENDER, FORMAT, IMPORT];
/** The source this test walks (tests, benchmarks and build scripts are outside the layering). */
const SOURCES = [GRAMMAR, 'server/src/', CLIENT];

// ---------------------------------------------------------------------------------------
// The rules. A rule governs the files under `files` (less those under `except`) and either
// lists the `only` targets they may import or the targets they must `never` import.
// ---------------------------------------------------------------------------------------

const RULES: readonly Rule[] = [
  {
    rule: 'grammar/ imports only chevrotain, get-east-asian-width (the display width) and grammar/',
    files: [GRAMMAR],
    only: [dir(GRAMMAR), pkg('chevrotain'), pkg('get-east-asian-width')],
  },
  {
    rule: "the model imports only grammar/, the catalogue's types and data, and itself",
    files: [MODEL],
    only: [dir(GRAMMAR), dir(MODEL), file(`${CATALOGUE}types.ts`), dir(`${CATALOGUE}generated/`)],
  },
  { rule: 'the catalogue imports nothing from the layers above it', files: [CATALOGUE], never: [dir(MODEL), dir(CHECKS), dir(RENDER), dir(FORMAT), dir(CLI), dir(LSP)] },
  { rule: 'the checks import nothing from render, format, cli or lsp', files: [CHECKS], never: [dir(RENDER), dir(FORMAT), dir(CLI), dir(LSP)] },
  { rule: 'the formatter imports nothing from checks, render, cli or lsp', files: [FORMAT], never: [dir(CHECKS), dir(RENDER), dir(CLI), dir(LSP)] },
  { rule: 'the renderers import nothing from cli or lsp', files: [RENDER], never: [dir(CLI), dir(LSP)] },
  {
    rule: 'the importer imports only grammar/, model/, format/, catalogue/, itself and its readers (exceljs, pdfjs-dist)',
    files: [IMPORT],
    only: [dir(GRAMMAR), dir(MODEL), dir(FORMAT), dir(CATALOGUE), dir(IMPORT), pkg('exceljs'), pkg('pdfjs-dist')],
  },
  { rule: 'only cli/ and lsp/ import the importer', files: SOURCES, except: [IMPORT, CLI, LSP], never: [dir(IMPORT)] },
  { rule: 'only server/src/lsp/ imports vscode-languageserver*', files: SOURCES, except: [LSP], never: [pkg('vscode-languageserver*')] },
  { rule: 'only client/ imports vscode and vscode-languageclient', files: SOURCES, except: [CLIENT], never: [pkg('vscode'), pkg('vscode-languageclient')] },
  { rule: 'the core imports no Node builtins (it runs in a web worker)', files: CORE, never: [nodeBuiltins()] },
];

interface Rule {
  /** What the rule says; a failure quotes it. */
  readonly rule: string;
  readonly files: readonly string[];
  readonly except?: readonly string[];
  readonly only?: readonly Target[];
  readonly never?: readonly Target[];
}

interface Target {
  readonly matches: (i: Import) => boolean;
}

/** Relative imports of files under a folder. */
function dir(folder: string): Target {
  return { matches: (i) => i.path !== undefined && i.path.startsWith(folder) };
}

/** A relative import of one file. */
function file(repoPath: string): Target {
  return { matches: (i) => i.path === repoPath };
}

/** A package by name (`vscode` is not `vscode-languageserver`); `name*` is every package whose name starts so. */
function pkg(name: string): Target {
  const prefix = name.endsWith('*') ? name.slice(0, -1) : undefined;
  return { matches: (i) => i.pkg !== undefined && (prefix !== undefined ? i.pkg.startsWith(prefix) : i.pkg === name) };
}

/** `node:…` and the bare names of Node's builtins (`fs`, `path`, `child_process`, …). */
function nodeBuiltins(): Target {
  return { matches: (i) => i.pkg !== undefined && (i.pkg.startsWith('node:') || builtinModules.includes(i.pkg)) };
}

// ---------------------------------------------------------------------------------------
// Finding the imports.
// ---------------------------------------------------------------------------------------

interface Import {
  /** The importing file, a repository path. */
  readonly from: string;
  readonly line: number;
  /** The module as written; undefined for a computed `import(expr)`, which cannot be checked. */
  readonly specifier: string | undefined;
  /** For a relative import: the repository path of the file it names (the written path when no file is there). */
  readonly path?: string;
  readonly resolved?: boolean;
  /** For a bare import: the package's name (`vscode-languageclient/node` → `vscode-languageclient`). */
  readonly pkg?: string;
}

const SOURCE_FILE = /\.(?:[cm]?ts|tsx|[cm]?js)$/;

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = `${rel}${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(`${child}/`);
      } else if (SOURCE_FILE.test(entry.name)) out.push(child);
    }
  };
  walk(folder);
  return out.sort();
}

/** The module specifiers of one file's imports, in every form, with their 1-based lines. */
function findImports(fileName: string, text: string): { line: number; specifier: string | undefined }[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: { line: number; specifier: string | undefined }[] = [];
  const add = (node: ts.Node, spec: ts.Node | undefined): void => {
    const specifier = spec !== undefined && ts.isStringLiteralLike(spec) ? spec.text : undefined;
    found.push({ line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, specifier });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0]);
    else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1) add(node, node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; `node:fs/promises` → `node:fs`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The file a relative specifier names, trying the extensions TypeScript's bundler resolution tries. */
function resolveRelative(from: string, specifier: string): { path: string; resolved: boolean } {
  const written = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stem = written.replace(/\.[cm]?js$/, '');
  const ext = written.slice(stem.length);
  const tsExt = ext === '.mjs' ? '.mts' : ext === '.cjs' ? '.cts' : '.ts';
  const candidates = [written, `${stem}${tsExt}`, `${stem}.tsx`, `${stem}.d${tsExt}`, `${written}.ts`, `${written}.d.ts`, `${written}/index.ts`];
  for (const c of candidates) {
    const abs = path.join(ROOT, c);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return { path: c, resolved: true };
  }
  return { path: written, resolved: false };
}

function importsOf(repoPath: string): Import[] {
  const text = fs.readFileSync(path.join(ROOT, repoPath), 'utf8');
  return findImports(repoPath, text).map(({ line, specifier }) => {
    if (specifier === undefined) return { from: repoPath, line, specifier };
    if (specifier.startsWith('.') || specifier.startsWith('/')) return { from: repoPath, line, specifier, ...resolveRelative(repoPath, specifier) };
    return { from: repoPath, line, specifier, pkg: packageName(specifier) };
  });
}

const FILES = SOURCES.flatMap(sourceFiles);
const IMPORTS = FILES.flatMap(importsOf);

const under = (p: string, folders: readonly string[]): boolean => folders.some((f) => p.startsWith(f));

function describeImport(i: Import): string {
  const target = i.path !== undefined && i.path !== i.specifier ? ` (${i.path})` : '';
  return `${i.from}:${i.line} imports '${i.specifier}'${target}`;
}

function violations(rule: Rule): string[] {
  const out: string[] = [];
  for (const i of IMPORTS) {
    if (i.specifier === undefined || !under(i.from, rule.files) || under(i.from, rule.except ?? [])) continue;
    const allowed = rule.only === undefined || rule.only.some((t) => t.matches(i));
    const forbidden = rule.never !== undefined && rule.never.some((t) => t.matches(i));
    if (!allowed || forbidden) out.push(`${describeImport(i)}, which breaks the rule: ${rule.rule}`);
  }
  return out;
}

/** Fails listing every line, one a line (an empty list passes). */
function failWith(title: string, lines: readonly string[]): void {
  if (lines.length > 0) expect.fail(`${title}:\n  ${lines.join('\n  ')}`);
}

describe('architecture: the layering', () => {
  it.each(RULES.map((r) => [r.rule, r] as const))('%s', (_, rule) => {
    failWith('Forbidden imports', violations(rule));
  });

  it('every relative import names a file that exists', () => {
    failWith(
      'Relative imports that resolve to no file (the rules cannot place them)',
      IMPORTS.filter((i) => i.path !== undefined && !i.resolved).map(describeImport),
    );
  });

  it('every import names its module literally', () => {
    // The two exceptions load a bundle from beside their own, each once: the Node language
    // server, the PDF reader's (scripts/build.mjs builds it from server/src/import/pdf.ts, whose
    // imports the rules check); the extension's launcher, the server's (server/src/lsp/node.ts).
    const BUNDLE_LOADERS = ['server/src/lsp/pdf-reader.ts', 'server/src/lsp/launch.ts'];
    failWith(
      'Imports of a computed module (the rules cannot check them)',
      IMPORTS.filter((i) => i.specifier === undefined && !BUNDLE_LOADERS.includes(i.from)).map((i) => `${i.from}:${i.line}`),
    );
    for (const loader of BUNDLE_LOADERS) expect(IMPORTS.filter((i) => i.specifier === undefined && i.from === loader)).toHaveLength(1);
  });

  it('the walk sees every layer, so no rule passes for want of files', () => {
    const empty = LAYERS.filter((l) => !FILES.some((f) => f.startsWith(l)) || !IMPORTS.some((i) => i.from.startsWith(l)));
    expect(empty).toEqual([]);
  });

  it('finds imports in every form', () => {
    const text = [
      "import a from 'default-import';",
      "import { b } from 'named-import';",
      "import * as c from 'namespace-import';",
      "import 'side-effect';",
      "import type { D } from 'type-import';",
      "import { type E } from 'inline-type-import';",
      "export { f } from 'export-from';",
      "export * from 'export-star';",
      "export type { G } from 'export-type';",
      "import h = require('import-require');",
      "const i = require('require-call');",
      "async function j() { return import('dynamic-import'); }",
      "type K = import('import-type').K;",
      'async function l(m: string) { return import(m); }',
      "const notAnImport = \"import x from 'in-a-string'\"; // import 'in-a-comment'",
    ].join('\n');
    expect(findImports('fixture.ts', text)).toEqual([
      { line: 1, specifier: 'default-import' },
      { line: 2, specifier: 'named-import' },
      { line: 3, specifier: 'namespace-import' },
      { line: 4, specifier: 'side-effect' },
      { line: 5, specifier: 'type-import' },
      { line: 6, specifier: 'inline-type-import' },
      { line: 7, specifier: 'export-from' },
      { line: 8, specifier: 'export-star' },
      { line: 9, specifier: 'export-type' },
      { line: 10, specifier: 'import-require' },
      { line: 11, specifier: 'require-call' },
      { line: 12, specifier: 'dynamic-import' },
      { line: 13, specifier: 'import-type' },
      { line: 14, specifier: undefined },
    ]);
  });

  it('places relative imports and packages as the rules read them', () => {
    expect(resolveRelative('server/src/checks/index.ts', '../../../grammar/index.js')).toEqual({ path: 'grammar/index.ts', resolved: true });
    expect(resolveRelative('test/render/x.test.ts', '../../bench/generate.mjs')).toEqual({ path: 'bench/generate.mjs', resolved: true });
    expect(resolveRelative('server/src/catalogue/index.ts', './types')).toEqual({ path: 'server/src/catalogue/types.ts', resolved: true });
    expect(packageName('vscode-languageclient/node')).toBe('vscode-languageclient');
    expect(packageName('@scope/name/sub')).toBe('@scope/name');
    const bare = (specifier: string): Import => ({ from: 'x.ts', line: 1, specifier, pkg: packageName(specifier) });
    expect(pkg('vscode').matches(bare('vscode-languageserver'))).toBe(false);
    expect(pkg('vscode-languageserver*').matches(bare('vscode-languageserver-textdocument'))).toBe(true);
    expect(nodeBuiltins().matches(bare('node:fs/promises'))).toBe(true);
    expect(nodeBuiltins().matches(bare('child_process'))).toBe(true);
    expect(nodeBuiltins().matches(bare('chevrotain'))).toBe(false);
  });
});
