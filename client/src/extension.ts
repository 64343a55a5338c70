/** The VS Code extension (desktop): starts the bundled server (dist/server.cjs) over stdio. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith, clientOptions } from './common.js';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.cjs').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, args: ['--stdio'] },
    debug: { module, transport: TransportKind.stdio, args: ['--stdio'], options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  await activateWith(context, (output) => new LanguageClient('notice', '通知语言服务', serverOptions, clientOptions(output)));
}

export function deactivate(): void {
  // The client is disposed through the context's subscriptions.
}
