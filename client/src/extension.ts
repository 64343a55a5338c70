/** The VS Code extension (desktop): starts the bundled server (dist/server.cjs, through dist/server-launch.cjs) over stdio. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith, clientOptions } from './common.js';

/**
 * A larger young generation for the server: each edit of a large table builds a new tree
 * and model that mostly survive one scavenge, and with V8's default semi-space (16 MB) the
 * scavenges copying them cost about a third of an edit's check on a 10,000-row notice
 * (bench/lsp.mjs: edit → diagnostics median 25 → 17 ms, p90 48 → 31 ms). The space grows
 * only when needed, so small documents do not pay for it.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // The server's bundle loaded with V8's code cache, kept in the extension's storage
  // (server/src/lsp/launch.ts): every window starts a server, and compiling it is half the start.
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server-launch.cjs').fsPath;
  const env = { NOTICE_CODE_CACHE: vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, args: ['--stdio'], options: { execArgv: SERVER_NODE_FLAGS, env } },
    debug: { module, transport: TransportKind.stdio, args: ['--stdio'], options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6011'] } },
  };
  await activateWith(context, (output, extras) => new LanguageClient('notice', '通知语言服务', serverOptions, clientOptions(output, extras)));
}

export function deactivate(): void {
  // The client is disposed through the context's subscriptions.
}
