/**
 * What the Node and the web extension share: the status-bar item (server state and the
 * current file's error count), the output channel, the restart command. The entry points
 * differ only in how they start the server (a Node process or a web worker).
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { codeDocLinks } from '../../server/src/lsp/code-docs.js';
import { registerRenderCommands } from './export.js';
import { registerImport } from './import.js';
import { registerChainView } from './chain.js';
import { keepCursor } from './keep-cursor.js';

export const LANGUAGE_ID = 'notice';

/** The command the server's encoding quick fix runs (server/src/lsp/features/code-actions.ts). */
export const REOPEN_WITH_ENCODING = 'notice.reopenWithEncoding';

/** What the client tells the server about itself: links to the packaged documentation, the commands it runs. */
export interface ClientExtras {
  readonly codeDocs: Record<string, string>;
}

/** The codes' links into the packaged docs/language.md (read with the workspace file API, so also in a browser). */
export async function readCodeDocs(context: vscode.ExtensionContext): Promise<Record<string, string>> {
  const uri = vscode.Uri.joinPath(context.extensionUri, 'docs', 'language.md');
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return codeDocLinks(uri.toString(), text);
  } catch {
    return {};
  }
}

export function clientOptions(output: vscode.LogOutputChannel, extras: ClientExtras = { codeDocs: {} }): LanguageClientOptions {
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
    initializationOptions: { settings: vscode.workspace.getConfiguration('notice'), codeDocs: extras.codeDocs, commands: [REOPEN_WITH_ENCODING] },
    middleware: {
      provideDocumentFormattingEdits: async (document, options, token, next) => {
        const edits = await next(document, options, token);
        keepCursor(document, edits);
        return edits;
      },
      provideDocumentRangeFormattingEdits: async (document, range, options, token, next) => {
        const edits = await next(document, range, options, token);
        keepCursor(document, edits);
        return edits;
      },
    },
  };
}

/** The user interface speaks Chinese (the officials it is for work in Chinese whatever VS Code's display language). */
function t(zh: string, _en: string): string {
  return zh;
}

/** Reopens a document decoded with the wrong encoding (the server's quick fix for mojibake). */
async function reopenWithEncoding(uri: unknown, encoding: unknown): Promise<void> {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor?.document.uri;
  if (!target) return;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (doc?.isDirty) {
    void vscode.window.showWarningMessage('文件有未保存的修改：请先撤销修改或保存，再重新打开。');
    return;
  }
  try {
    const reopened = await vscode.workspace.openTextDocument(target, { encoding: typeof encoding === 'string' ? encoding : 'gb18030' });
    await vscode.window.showTextDocument(reopened);
  } catch (err) {
    void vscode.window.showErrorMessage(`无法以 GB18030 编码重新打开：${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function activateWith(context: vscode.ExtensionContext, makeClient: (output: vscode.LogOutputChannel, extras: ClientExtras) => BaseLanguageClient): Promise<void> {
  const output = vscode.window.createOutputChannel(t('通知语言服务', 'Notice Language Server'), { log: true });
  const status = vscode.window.createStatusBarItem('notice.status', vscode.StatusBarAlignment.Left, 10);
  status.name = t('通知语言服务', 'Notice Language Server');
  status.command = 'notice.showOutput';
  context.subscriptions.push(output, status);

  const extras: ClientExtras = { codeDocs: await readCodeDocs(context) };
  let client = makeClient(output, extras);
  let state = t('启动中', 'starting');

  const refresh = (): void => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE_ID) {
      status.hide();
      return;
    }
    const diags = vscode.languages.getDiagnostics(editor.document.uri);
    const count = (severity: vscode.DiagnosticSeverity): number => diags.filter((d) => d.severity === severity).length;
    const errors = count(vscode.DiagnosticSeverity.Error);
    const warnings = count(vscode.DiagnosticSeverity.Warning);
    const infos = count(vscode.DiagnosticSeverity.Information) + count(vscode.DiagnosticSeverity.Hint);
    const running = client.state === State.Running;
    // ✓ only when there is nothing at all; otherwise each kind with its own icon.
    const counts = [errors > 0 ? `$(error) ${errors}` : '', warnings > 0 ? `$(warning) ${warnings}` : '', infos > 0 ? `$(info) ${infos}` : ''].filter(Boolean).join(' ');
    status.text = running ? (counts === '' ? '$(check) 通知' : `通知 ${counts}`) : `$(sync~spin) 通知：${state}`;
    status.tooltip = running ? t(`通知语言服务运行中：本文件 ${errors} 个错误，${warnings} 个警告，${infos} 个提示`, `Server running: ${errors} errors, ${warnings} warnings, ${infos} infos`) : state;
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
  registerChainView(context, () => client);

  context.subscriptions.push(
    vscode.languages.onDidChangeDiagnostics(refresh),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.commands.registerCommand('notice.showOutput', () => output.show(true)),
    vscode.commands.registerCommand(REOPEN_WITH_ENCODING, reopenWithEncoding),
    vscode.commands.registerCommand('notice.restartServer', async () => {
      output.appendLine(t('正在重启通知语言服务……', 'Restarting the server…'));
      try {
        await client.stop();
      } catch {
        // A server that already died cannot be stopped; start a new one anyway.
      }
      client = makeClient(output, extras);
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
