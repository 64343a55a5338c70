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
