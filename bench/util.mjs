// What every benchmark script shares: its command-line options, the median of timed runs,
// rounding for printing, bundling a piece of the core as the CLI and the server bundle it, and
// running a benchmark's child process.
import { spawnSync } from 'node:child_process';

/** `option('--sizes', '1000')`: the value after a flag on the command line, else the fallback. */
export function options(args = process.argv.slice(2)) {
  return (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
  };
}

/**
 * The V8 flags the language server runs with, as the VS Code extension starts it
 * (`SERVER_NODE_FLAGS` in client/src/extension.ts): a young generation that may grow to 32 MB,
 * so that re-checking a large document does not promote every check's garbage.
 */
export const SERVER_FLAGS = ['--max-semi-space-size=32'];

/**
 * Runs `script` (a benchmark file's own path) again in a fresh Node with `args`, and returns the
 * JSON line it prints; throws with its error output when it prints none.
 */
export function runChild(script, args, flags = []) {
  const r = spawnSync(process.execPath, [...flags, script, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`benchmark child failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(line);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function round(x, places = 1) {
  return Math.round(x * 10 ** places) / 10 ** places;
}

/** Bundles `entry` to `outfile` for Node 20, as the CLI and the language server are bundled. */
export async function bundle(entry, outfile, root) {
  // Loaded here, not at the top: a benchmark's child processes run the same script and never bundle.
  const { build } = await import('esbuild');
  return build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    absWorkingDir: root,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}
