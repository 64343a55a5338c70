#!/usr/bin/env node
// The `notice` command: runs the bundled CLI (built by `npm run build` into dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.mjs');
if (!existsSync(bundle)) {
  process.stderr.write('notice: 尚未构建：请先运行 npm run build\n');
  process.exit(2);
}
await import(pathToFileURL(bundle).href);
