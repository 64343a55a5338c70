// Bundles the CLI (and, as they land, the language server and the extension) with esbuild.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, sourcemap: true, logLevel: 'warning', absWorkingDir: root, target: 'node20' };

await build({
  ...common,
  entryPoints: ['server/src/cli/bin.ts'],
  outfile: 'dist/cli.mjs',
  platform: 'node',
  format: 'esm',
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// The language server: one bundle for Node (stdio, also the `notice-language-server` bin)
// and one for a web worker (the web extension); both run the same createServer(). Then the
// VS Code extension, for Node and for the web (`vscode` is provided by the editor at run
// time). Minified: the editor starts the server with every window, and a smaller bundle
// compiles faster (cold start to the `initialize` answer). The four build in parallel.
const minified = { ...common, minify: true };
// The PDF reader (pdfjs-dist, 1.7 MB) is not in the language servers every window starts: the
// Node server loads dist/pdf-reader.cjs the first time a PDF is imported
// (server/src/lsp/pdf-reader.ts stands in for ./pdf.ts); the web worker's cannot import PDFs
// (./pdf-unavailable.ts).
const pdfAs = (stand) => ({
  name: 'pdf-reader-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/pdf\.js$/ }, (args) => (args.importer.endsWith(join('server', 'src', 'import', 'index.ts')) ? { path: join(root, stand) } : undefined));
  },
});
await Promise.all([
  build({ ...minified, entryPoints: ['server/src/lsp/node.ts'], outfile: 'dist/server.cjs', platform: 'node', format: 'cjs', plugins: [pdfAs('server/src/lsp/pdf-reader.ts')] }),
  build({ ...minified, entryPoints: ['server/src/import/pdf.ts'], outfile: 'dist/pdf-reader.cjs', platform: 'node', format: 'cjs' }),
  // What the VS Code extension starts: dist/server.cjs loaded with V8's code cache (server/src/lsp/launch.ts).
  build({ ...minified, entryPoints: ['server/src/lsp/launch.ts'], outfile: 'dist/server-launch.cjs', platform: 'node', format: 'cjs' }),
  build({
    ...minified,
    target: 'es2022',
    entryPoints: ['server/src/lsp/browser.ts'],
    outfile: 'dist/server-browser.js',
    plugins: [pdfAs('server/src/import/pdf-unavailable.ts')],
    platform: 'browser',
    format: 'iife',
    conditions: ['browser'],
    define: { 'process.env.NODE_ENV': '"production"' },
  }),
  build({ ...minified, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.cjs', platform: 'node', format: 'cjs', external: ['vscode'] }),
  build({
    ...minified,
    target: 'es2022',
    entryPoints: ['client/src/browser.ts'],
    outfile: 'dist/client-browser.js',
    platform: 'browser',
    format: 'cjs',
    conditions: ['browser'],
    external: ['vscode'],
  }),
]);
