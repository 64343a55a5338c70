/**
 * How the VS Code extension starts the language server (dist/server-launch.cjs): it loads
 * dist/server.cjs with V8's code cache, kept in the folder `NOTICE_CODE_CACHE` names (the
 * extension's storage). Every window starts a server, and compiling the 2.8 MB bundle is about
 * half of its start: from the cache it takes a quarter of that. The cache is made once the
 * server has run a while (so it holds the functions a session uses), for this bundle and this
 * V8 only; a cache V8 rejects, or any failure to read or write one, means the bundle is
 * compiled as without it. Without `NOTICE_CODE_CACHE` this is `require('./server.cjs')`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

declare const __dirname: string;
declare function require(path: string): unknown;

/** How long the server runs before its compiled code is written to the cache. */
const CACHE_AFTER_MS = 5000;

function launch(): void {
  const file = join(__dirname, 'server.cjs');
  const dir = process.env['NOTICE_CODE_CACHE'];
  // Not passed on to what the server itself may start.
  delete process.env['NOTICE_CODE_CACHE'];
  let source: string | undefined;
  let key = '';
  try {
    if (dir) {
      source = readFileSync(file, 'utf8');
      // This bundle (its size and time), this V8 and these flags: V8 rejects a cache made otherwise.
      const stat = statSync(file);
      key = createHash('sha256').update([process.versions.v8, process.execArgv.join(' '), stat.size, stat.mtimeMs].join('\0')).digest('hex').slice(0, 32);
    }
  } catch {
    source = undefined;
  }
  if (!dir || source === undefined) {
    require(file);
    return;
  }
  const cacheFile = join(dir, `server-${key}.cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const mod = new Module(file);
  mod.filename = file;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  if (cachedData && !script.cachedDataRejected) return;
  setTimeout(() => writeCache(dir, cacheFile, script), CACHE_AFTER_MS).unref();
}

function writeCache(dir: string, cacheFile: string, script: Script): void {
  try {
    mkdirSync(dir, { recursive: true });
    // The caches of earlier bundles (an update of the extension) are of no more use.
    for (const f of readdirSync(dir)) if (/^server-[0-9a-f]+\.cache(?:\.\d+)?$/.test(f) && join(dir, f) !== cacheFile) rmSync(join(dir, f), { force: true });
    const temp = `${cacheFile}.${process.pid}`;
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, cacheFile);
  } catch {
    // A cache that cannot be written only means the next start compiles the bundle again.
  }
}

launch();
