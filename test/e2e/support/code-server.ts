/**
 * code-server (VS Code 1.100 in the browser) with its own user-data, extensions and config
 * folders under .e2e/run/, quiet settings, the given .vsix files installed, and a
 * workspace holding a copy of examples/ (or of the files and folders given).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { CODE_SERVER, E2E, EXAMPLES, need } from './paths.js';
import { pollUntil } from './poll.js';

export interface CodeServer {
  url: string;
  /** The opened folder: a copy of examples/, or of `contents`. */
  workspace: string;
  userData: string;
  log: string;
  stop(): Promise<void>;
}

export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'workbench.reduceMotion': 'on',
  'editor.cursorBlinking': 'solid',
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function env(dir: string): NodeJS.ProcessEnv {
  // Keep code-server's own config and logs out of $HOME.
  return { ...process.env, XDG_CONFIG_HOME: join(dir, 'xdg-config'), XDG_DATA_HOME: join(dir, 'xdg-data'), XDG_CACHE_HOME: join(dir, 'xdg-cache') };
}

/** A file or folder copied into the workspace, at `to` (a path inside it; its own name when not given). */
export interface WorkspaceCopy {
  from: string;
  to?: string;
}

export async function startCodeServer(opts: { name: string; extensions: string[]; locale?: string; settings?: Record<string, unknown>; contents?: WorkspaceCopy[] }): Promise<CodeServer> {
  need(CODE_SERVER, 'code-server');
  const dir = join(E2E, 'run', opts.name);
  rmSync(dir, { recursive: true, force: true });
  const userData = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  const config = join(dir, 'config.yaml');
  const workspace = join(dir, 'workspace');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userData, 'User/settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2));
  writeFileSync(config, 'auth: none\ncert: false\n');
  mkdirSync(workspace, { recursive: true });
  for (const c of opts.contents ?? [{ from: EXAMPLES, to: '.' }]) cpSync(c.from, join(workspace, c.to ?? basename(c.from)), { recursive: true });
  const common = ['--user-data-dir', userData, '--extensions-dir', extensionsDir, '--config', config];

  for (const vsix of opts.extensions) {
    const r = spawnSync(process.execPath, [CODE_SERVER, ...common, '--install-extension', vsix, '--force'], { env: env(dir), encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0 || /failed/i.test(r.stdout + r.stderr)) {
      throw new Error(`code-server --install-extension ${vsix} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
  }

  const port = await freePort();
  const log = join(dir, 'code-server.log');
  const out = createWriteStream(log);
  const args = [
    CODE_SERVER, ...common,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    ...(opts.locale ? ['--locale', opts.locale] : []),
    workspace,
  ];
  const child: ChildProcess = spawn(process.execPath, args, { env: env(dir), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));

  const url = `http://127.0.0.1:${port}`;
  await pollUntil(`code-server on ${url}`, 60_000, async () => {
    if (exited !== null) throw new Error(`code-server exited (${exited}); see ${log}`);
    try {
      const r = await fetch(`${url}/healthz`);
      return r.ok;
    } catch {
      return false;
    }
  });

  return {
    url: `${url}/?folder=${encodeURIComponent(workspace)}`,
    workspace,
    userData,
    log,
    async stop() {
      if (exited !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
      if (exited === null) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    },
  };
}
