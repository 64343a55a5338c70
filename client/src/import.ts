/**
 * "导入 Excel / Word / PDF 为通知": the user picks a file (or right-clicks one in the
 * Explorer); its bytes go to the server (`notice/import`), and the `.notice` source it gives
 * opens beside the editor as a new, unsaved document, with the import's summary. Works in
 * the web extension too (the file is read with `vscode.workspace.fs`).
 *
 * Paste: cells copied from Excel (tab-separated text) pasted inside an allocation table are
 * offered as aligned rows (`notice/pasteRows`, nesting inferred), indented under the table;
 * the plain paste stays one choice away in the paste menu.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

type ImportResult = { ok: true; text: string; summary: string } | { ok: false; message: string };

const FILTERS = { 'Excel、Word、PDF': ['xlsx', 'csv', 'docx', 'pdf', 'txt'] };

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

async function importCommand(getClient: () => BaseLanguageClient, resource?: vscode.Uri): Promise<void> {
  const uri =
    resource ??
    (await vscode.window.showOpenDialog({ canSelectMany: false, filters: FILTERS, openLabel: '导入', title: '导入 Excel / Word / PDF 为通知' }))?.[0];
  if (!uri) return;
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const bytes = await vscode.workspace.fs.readFile(uri);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `正在导入 ${name}……` }, () =>
    getClient().sendRequest<ImportResult>('notice/import', { name, base64: toBase64(bytes) }),
  );
  if (!result.ok) {
    void vscode.window.showErrorMessage(result.message);
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'notice', content: result.text });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
  void vscode.window.showInformationMessage(`${name}：${result.summary}。保存后即可检查和导出。`);
}

/** Inside an allocation table: below a line `附件N 分配表：…` or `分配表：…`, before the next block. */
function tableRowIndent(doc: vscode.TextDocument, line: number): number | undefined {
  for (let l = line; l >= 0; l--) {
    const text = doc.lineAt(l).text;
    if (/^\S/.test(text) && !text.startsWith('#')) return /^(?:附件\d*\s+)?分配表[:：]/.test(text) ? 2 : undefined;
  }
  return undefined;
}

const PASTE_KIND = vscode.DocumentDropOrPasteEditKind.Text.append('notice', 'rows');

export function registerImport(context: vscode.ExtensionContext, getClient: () => BaseLanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('notice.import', (resource?: unknown) => importCommand(getClient, resource instanceof vscode.Uri ? resource : undefined)),
    vscode.languages.registerDocumentPasteEditProvider(
      { language: 'notice' },
      {
        async provideDocumentPasteEdits(doc, ranges, data, _context, token) {
          const text = await data.get('text/plain')?.asString();
          if (!text || !text.includes('\t') || ranges.length !== 1) return undefined;
          const indent = tableRowIndent(doc, ranges[0]!.start.line);
          if (indent === undefined) return undefined;
          const r = await getClient().sendRequest<{ rows: string } | null>('notice/pasteRows', { text }, token);
          if (!r) return undefined;
          const rows = r.rows
            .split('\n')
            .map((l) => (l === '' ? l : ' '.repeat(indent) + l))
            .join('\n');
          const column = ranges[0]!.start.character;
          return [new vscode.DocumentPasteEdit(column === 0 ? rows : `\n${rows}`, '粘贴为分配表的行（对齐、推断层级）', PASTE_KIND)];
        },
      },
      { providedPasteEditKinds: [PASTE_KIND], pasteMimeTypes: ['text/plain'] },
    ),
  );
}
