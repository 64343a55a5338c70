/**
 * What the Node and the web extension share: the status-bar item (server state and the
 * current file's error count), the output channel, the restart command. The entry points
 * differ only in how they start the server (a Node process or a web worker).
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { registerRenderCommands } from './export.js';
import { registerImport } from './import.js';

export const LANGUAGE_ID = 'notice';

export function clientOptions(output: vscode.LogOutputChannel): LanguageClientOptions {
  return {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
      { scheme: 'vscode-vfs', language: LANGUAGE_ID },
      { scheme: 'vscode-test-web', language: LANGUAGE_ID },
    ],
    synchronize: { configurationSection: 'notice', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.notice') },
    outputChannel: output,
    traceOutputChannel: output,
    initializationOptions: { settings: vscode.workspace.getConfiguration('notice') },
  };
}

/** The user interface speaks Chinese (the officials it is for work in Chinese whatever VS Code's display language). */
function t(zh: string, _en: string): string {
  return zh;
}

export async function activateWith(context: vscode.ExtensionContext, makeClient: (output: vscode.LogOutputChannel) => BaseLanguageClient): Promise<void> {
  const output = vscode.window.createOutputChannel(t('通知语言服务', 'Notice Language Server'), { log: true });
  const status = vscode.window.createStatusBarItem('notice.status', vscode.StatusBarAlignment.Left, 10);
  status.name = t('通知语言服务', 'Notice Language Server');
  status.command = 'notice.showOutput';
  context.subscriptions.push(output, status);

  let client = makeClient(output);
  let state = t('启动中', 'starting');

  const refresh = (): void => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) {
      status.hide();
      return;
    }
    const diags = vscode.languages.getDiagnostics(editor.document.uri);
    const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    const running = client.state === State.Running;
    status.text = running ? `$(check) 通知 ${errors > 0 ? `$(error) ${errors}` : ''}${warnings > 0 ? ` $(warning) ${warnings}` : ''}`.trim() : `$(sync~spin) 通知：${state}`;
    status.tooltip = running ? t(`通知语言服务运行中：本文件 ${errors} 个错误，${warnings} 个警告`, `Server running: ${errors} errors, ${warnings} warnings`) : state;
    status.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    status.show();
  };

  const watch = (c: BaseLanguageClient): void => {
    context.subscriptions.push(
      c.onDidChangeState((e) => {
        state = e.newState === State.Running ? t('运行中', 'running') : e.newState === State.Starting ? t('启动中', 'starting') : t('已停止', 'stopped');
        refresh();
      }),
    );
  };
  watch(client);
  registerRenderCommands(context, () => client);
  registerImport(context, () => client);

  context.subscriptions.push(
    vscode.languages.onDidChangeDiagnostics(refresh),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.commands.registerCommand('notice.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('notice.restartServer', async () => {
      output.appendLine(t('正在重启通知语言服务……', 'Restarting the server…'));
      try {
        await client.stop();
      } catch {
        // A server that already died cannot be stopped; start a new one anyway.
      }
      client = makeClient(output);
      watch(client);
      await client.start();
      refresh();
      void vscode.window.showInformationMessage(t('通知语言服务已重启', 'Notice language server restarted'));
    }),
    { dispose: () => void client.stop() },
  );

  refresh();
  await client.start();
  refresh();
}
