/** The web extension: the bundled server runs in a web worker (dist/server-browser.js). */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith, clientOptions } from './common.js';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server-browser.js');
  await activateWith(context, (output, extras) => new LanguageClient('notice', '通知语言服务', new Worker(serverMain.toString(true)), clientOptions(output, extras)));
}

export function deactivate(): void {
  // The client is disposed through the context's subscriptions.
}
