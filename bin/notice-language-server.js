#!/usr/bin/env node
// `notice-language-server --stdio`: the bundled language server (dist/server.cjs), for any
// editor with an LSP client (VS Code, Neovim, Emacs, Sublime, Zed).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'server.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('notice-language-server: 尚未构建：请先运行 npm run build\n');
  process.exit(2);
}
createRequire(import.meta.url)(bundle);
