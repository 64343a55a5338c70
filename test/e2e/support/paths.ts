/** Where things are: the project, its build output, and the suite's own folders. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Installed tools and per-run temporary folders (ignored by git). */
export const E2E = join(ROOT, '.e2e');
/** Screenshots and logs of the last run (ignored by git). */
export const RESULTS = join(ROOT, 'test-results');
export const EXAMPLES = join(ROOT, 'examples');
export const NANCHANG = 'nanchang-hcszh-2022-67.notice';

export const CODE_SERVER = join(E2E, 'code-server/node_modules/code-server/out/node/entry.js');
export const LANGPACK_VSIX = join(E2E, 'langpack/notice-e2e.zh-cn-stub-1.0.0.vsix');
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
export const SERVER_NODE = join(ROOT, 'dist/server.cjs');
export const SERVER_BROWSER = join(ROOT, 'dist/server-browser.js');
/** The `notice-language-server` bin (loads dist/server.cjs), as other editors are told to run it. */
export const SERVER_BIN = join(ROOT, 'bin/notice-language-server.js');

/** The extension package: $E2E_VSIX, else the newest *.vsix in the project root. */
export function findVsix(): string | undefined {
  if (process.env.E2E_VSIX) return resolve(process.env.E2E_VSIX);
  const found = readdirSync(ROOT)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => join(ROOT, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return found[0];
}

export function need(path: string, what: string): string {
  if (!existsSync(path)) throw new Error(`${what} is missing: ${path} (run scripts/e2e/setup.sh and npm run build)`);
  return path;
}
