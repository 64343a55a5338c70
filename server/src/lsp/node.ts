/**
 * The language server over stdio (`notice-language-server --stdio`), for VS Code and any
 * other editor with an LSP client. The Node host also reads the workspace's `.notice`
 * files so document numbers resolve across files.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { loadUserCatalogue } from '../catalogue/user/index.js';
import { createServer, SERVER_NAME, SERVER_VERSION, type ServerHost } from './server.js';

const SKIP = new Set(['node_modules', '.git', 'dist', 'out']);
const MAX_FILES = 5000;

async function noticeFiles(dir: string, out: string[]): Promise<void> {
  if (out.length >= MAX_FILES) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (out.length >= MAX_FILES) return;
    if (e.isDirectory()) {
      if (!SKIP.has(e.name) && !e.name.startsWith('.')) await noticeFiles(join(dir, e.name), out);
    } else if (e.isFile() && e.name.endsWith('.notice')) out.push(join(dir, e.name));
  }
}

/** Why a file cannot be read, in Chinese. */
function readError(err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new Error('文件不存在');
  if (code === 'EISDIR') return new Error('这是一个目录，不是科目表文件');
  if (code === 'EACCES' || code === 'EPERM') return new Error('没有读取此文件的权限');
  return new Error(`无法读取（${code ?? String(err)}）`);
}

/** docs/language.md of the package this server runs from (dist/server.cjs → ../docs), when it is there. */
function docsBeside(): string | undefined {
  const main = process.argv[1];
  if (!main) return undefined;
  const path = join(dirname(main), '..', 'docs', 'language.md');
  return existsSync(path) ? pathToFileURL(path).href : undefined;
}

const docsUri = docsBeside();

const host: ServerHost = {
  ...(docsUri ? { docsUri } : {}),
  async readBytes(uri) {
    if (!uri.startsWith('file:')) throw new Error('不是本地文件，无法读取');
    try {
      return new Uint8Array(await readFile(fileURLToPath(uri)));
    } catch (err) {
      throw readError(err);
    }
  },
  async listDirectory(uri) {
    if (!uri.startsWith('file:')) return [];
    try {
      return (await readdir(fileURLToPath(uri), { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    } catch {
      return [];
    }
  },
  loadCatalogue: loadUserCatalogue,
  async readFile(uri) {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return await readFile(fileURLToPath(uri), 'utf8');
    } catch {
      return undefined;
    }
  },
  async listWorkspaceFiles(folderUris) {
    const paths: string[] = [];
    for (const uri of folderUris) {
      if (!uri.startsWith('file:')) continue;
      await noticeFiles(fileURLToPath(uri), paths);
    }
    const files: { uri: string; text: string }[] = [];
    for (const p of paths) {
      try {
        files.push({ uri: pathToFileURL(p).href, text: await readFile(p, 'utf8') });
      } catch {
        // Unreadable files are simply not indexed.
      }
    }
    return files;
  },
};

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${SERVER_NAME} ${SERVER_VERSION}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`用法：${SERVER_NAME} --stdio\n  通过标准输入输出提供 .notice 语言服务（LSP）。\n`);
} else {
  // createConnection reads --stdio / --node-ipc / --socket from argv; default to stdio.
  if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) process.argv.push('--stdio');
  createServer(createConnection(ProposedFeatures.all), host);
}
