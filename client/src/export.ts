/**
 * "导出 Word / Excel / HTML": asks the server to render the document (`notice/render`), and
 * writes the files next to the source with `vscode.workspace.fs`, so it works in the web
 * extension too. A document with errors is exported only after the user says so (modal), and
 * so is a file that would replace an earlier export.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { noticeDocument, registerPreview, sendWhenOpen } from './preview.js';

type Format = 'docx' | 'xlsx' | 'html';

interface RenderResult {
  files: { name: string; base64: string }[];
  errors: number;
  message?: string;
}

const NAMES: Record<Format, string> = { docx: 'Word', xlsx: 'Excel', html: 'HTML' };

export const EXPORT_COMMANDS: Record<Format, string> = { docx: 'notice.exportWord', xlsx: 'notice.exportExcel', html: 'notice.exportHtml' };

/** Base64 to bytes in Node and in a browser (`atob` is in both). */
function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function parentOf(uri: vscode.Uri): vscode.Uri {
  const i = uri.path.lastIndexOf('/');
  return uri.with({ path: i > 0 ? uri.path.slice(0, i) : '/' });
}

/** Where to write: the source's folder; for an untitled document, a folder the user picks. */
async function targetFolder(doc: vscode.TextDocument): Promise<vscode.Uri | undefined> {
  if (doc.uri.scheme !== 'untitled') return parentOf(doc.uri);
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    openLabel: '导出到此文件夹',
    title: '选择导出位置',
  });
  return picked?.[0];
}

/** Files on this machine's disk, which the operating system can open and show. */
function isLocalFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName;
}

async function openFile(uri: vscode.Uri): Promise<void> {
  if (isLocalFile(uri) && (await vscode.env.openExternal(uri))) return;
  await vscode.commands.executeCommand('vscode.open', uri);
}

async function revealFile(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand(isLocalFile(uri) ? 'revealFileInOS' : 'revealInExplorer', uri);
}

export async function exportDocument(getClient: () => BaseLanguageClient, format: Format, resource?: vscode.Uri): Promise<void> {
  const doc = await noticeDocument(resource);
  if (!doc) {
    void vscode.window.showWarningMessage(`请先打开要导出的 .notice 文件。`);
    return;
  }
  const what = NAMES[format];
  const request = async (force: boolean): Promise<RenderResult> =>
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `正在导出 ${what}……` }, () =>
      sendWhenOpen<RenderResult>(getClient, 'notice/render', { uri: doc.uri.toString(), format, force }),
    );
  let result: RenderResult;
  try {
    result = await request(false);
    if (result.files.length === 0 && result.errors > 0) {
      const force = '仍然导出';
      const problems = '查看问题';
      const choice = await vscode.window.showWarningMessage(
        `本文件有 ${result.errors} 个错误，仍然导出 ${what} 吗？`,
        {
          modal: true,
          detail: '照原样导出时，表中数字照原文印出；Excel 的合计和公式栏按公式计算，与原文不同处加批注。',
        },
        problems,
        force,
      );
      if (choice === problems) {
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        return;
      }
      if (choice !== force) return;
      result = await request(true);
    }
  } catch (err) {
    void vscode.window.showErrorMessage(`导出 ${what} 失败：${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  if (result.files.length === 0) {
    void vscode.window.showWarningMessage(result.message ?? `没有可导出的内容。`);
    return;
  }
  const folder = await targetFolder(doc);
  if (!folder) return;
  // An earlier export (perhaps edited by hand since) is replaced only when the user says so.
  const existing: string[] = [];
  for (const f of result.files) {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, f.name));
      existing.push(f.name);
    } catch {
      // Not there: nothing to overwrite.
    }
  }
  if (existing.length > 0) {
    const overwrite = '覆盖';
    const choice = await vscode.window.showWarningMessage(`${existing.join('、')} 已存在，覆盖吗？`, { modal: true, detail: '覆盖后原文件的内容（包括在 Word、Excel 中所做的修改）将丢失。' }, overwrite);
    if (choice !== overwrite) return;
  }
  const written: vscode.Uri[] = [];
  try {
    for (const f of result.files) {
      const uri = vscode.Uri.joinPath(folder, f.name);
      await vscode.workspace.fs.writeFile(uri, fromBase64(f.base64));
      written.push(uri);
    }
  } catch (err) {
    void vscode.window.showErrorMessage(`写出 ${what} 文件失败：${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const names = result.files.map((f) => f.name).join('、');
  const note = result.errors > 0 ? `（本文件有 ${result.errors} 个错误，已照原样导出）` : '';
  const open = '打开';
  const reveal = '在文件夹中显示';
  const choice = await vscode.window.showInformationMessage(`已导出 ${names}${note}`, open, reveal);
  if (choice === open) await openFile(written[0]!);
  else if (choice === reveal) await revealFile(written[0]!);
}

export function registerExport(context: vscode.ExtensionContext, getClient: () => BaseLanguageClient): void {
  for (const format of Object.keys(EXPORT_COMMANDS) as Format[]) {
    context.subscriptions.push(vscode.commands.registerCommand(EXPORT_COMMANDS[format], (resource?: unknown) => exportDocument(getClient, format, resource instanceof vscode.Uri ? resource : undefined)));
  }
}

/** The export and preview commands (the client is looked up on each use: "重启语言服务" replaces it). */
export function registerRenderCommands(context: vscode.ExtensionContext, getClient: () => BaseLanguageClient): void {
  registerExport(context, getClient);
  registerPreview(context, getClient);
}
