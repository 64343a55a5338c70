/**
 * The language server's wiring: capabilities, document sync, settings, and one line per
 * request handing the current analysis to a feature in ./features. Shared by the Node
 * (stdio) and browser (web worker) entry points; everything that differs between them
 * (reading workspace files) comes in through `ServerHost`.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, type Analysis } from './analysis.js';
import { toOffset, toSpan } from './convert.js';
import { codeActions, FIX_ALL_KIND } from './features/code-actions.js';
import { completion } from './features/completion.js';
import { loadPinyin } from './features/pinyin.js';
import { toLspDiagnostics } from './features/diagnostics.js';
import { foldingRanges } from './features/folding.js';
import { formatting } from './features/formatting.js';
import { onEnter } from './features/on-type.js';
import { hover } from './features/hover.js';
import { inlayHints } from './features/inlay-hints.js';
import { definition, references } from './features/navigation.js';
import { prepareRename, rename } from './features/rename.js';
import { LEGEND, semanticTokens } from './features/semantic-tokens.js';
import { documentSymbols, workspaceSymbols } from './features/symbols.js';
import { DEFAULT_SETTINGS, readSettings, type NoticeSettings } from './settings.js';
import { WorkspaceIndex } from './workspace-index.js';

export interface ServerHost {
  /** The `.notice` files under the workspace folders (Node only; a browser host has none). */
  readonly listWorkspaceFiles?: (folderUris: readonly string[]) => Promise<{ uri: string; text: string }[]>;
  /** One file's text, or undefined when it cannot be read (Node only). */
  readonly readFile?: (uri: string) => Promise<string | undefined>;
}

/**
 * How long the server waits after an edit before checking. Short: a burst of edits that has
 * already arrived is coalesced by `schedule` letting the connection handle it first, so the
 * wait only has to cover edits still on their way.
 */
const DEBOUNCE_MS = 3;

const defer: (f: () => void) => void = typeof setImmediate === 'function' ? (f) => void setImmediate(f) : (f) => void setTimeout(f, 0);

export const SERVER_NAME = 'notice-language-server';
export const SERVER_VERSION = '0.1.0';

export function createServer(connection: Connection, host: ServerHost = {}): void {
  const documents = new TextDocuments(TextDocument);
  let settings: NoticeSettings = DEFAULT_SETTINGS;
  const cache = new AnalysisCache(() => settings);
  const workspace = new WorkspaceIndex();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let canPullConfiguration = false;
  let supportsFolders = false;
  let relatedSupport = true;
  let folders: string[] = [];

  const log = (message: string): void => connection.console.log(message);

  /** Runs a request on the current analysis of its document; answers `RequestCancelled` when the client gave up. */
  function withDocument<R>(uri: string, token: CancellationToken | undefined, empty: R, fn: (a: Analysis) => R): R | ResponseError<void> {
    if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, '请求已取消');
    const doc = documents.get(uri);
    if (!doc) return empty;
    try {
      const a = cache.get(doc);
      if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, '请求已取消');
      return fn(a);
    } catch (err) {
      log(`内部错误（${uri}）：${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return empty;
    }
  }

  function publish(uri: string): void {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    let diagnostics;
    try {
      const a = cache.get(doc);
      workspace.update(uri, a.text, a.result.file, a.index);
      diagnostics = toLspDiagnostics(a, settings, relatedSupport);
    } catch (err) {
      log(`检查失败（${uri}）：${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return;
    }
    // Only the newest version's diagnostics go out: an edit may have arrived meanwhile.
    if (documents.get(uri)?.version !== version) return;
    void connection.sendDiagnostics({ uri, version, diagnostics });
  }

  function schedule(uri: string, delay = DEBOUNCE_MS): void {
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        // Let the connection handle what has already arrived before checking: it handles
        // one queued message per turn of the event loop, so a burst of edits that is
        // already here would otherwise be checked (and published) at some middle version.
        const version = documents.get(uri)?.version;
        defer(() =>
          defer(() => {
            if (timers.has(uri) || documents.get(uri)?.version !== version) return; // a newer edit rescheduled it
            publish(uri);
          }),
        );
      }, delay),
    );
  }

  async function pullSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    try {
      const raw: unknown = await connection.workspace.getConfiguration({ section: 'notice' });
      settings = readSettings(raw);
    } catch (err) {
      log(`读取设置失败：${String(err)}`);
    }
  }

  async function scanWorkspace(): Promise<void> {
    if (!host.listWorkspaceFiles || folders.length === 0) return;
    try {
      const files = await host.listWorkspaceFiles(folders);
      for (const f of files) if (!documents.get(f.uri)) workspace.update(f.uri, f.text);
      log(`已索引工作区中的 ${files.length} 个 .notice 文件`);
    } catch (err) {
      log(`扫描工作区失败：${String(err)}`);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    canPullConfiguration = caps.workspace?.configuration === true;
    supportsFolders = caps.workspace?.workspaceFolders === true;
    relatedSupport = caps.textDocument?.publishDiagnostics?.relatedInformation !== false;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings !== undefined) settings = readSettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['：', ':', '=', '.', '＝', '{', '、'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n' },
        documentSymbolProvider: { label: '通知' },
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: LEGEND, full: true, range: true },
        inlayHintProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(async () => {
    void loadPinyin().catch((err: unknown) => log(`拼音库未能加载：${String(err)}`));
    if (supportsFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
        await scanWorkspace();
      });
    }
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'notice' }).catch(() => undefined);
    }
    await pullSettings();
    cache.clear();
    for (const d of documents.all()) schedule(d.uri);
    await scanWorkspace();
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (canPullConfiguration) await pullSettings();
    else settings = readSettings((change.settings as { notice?: unknown } | undefined)?.notice);
    cache.clear();
    for (const d of documents.all()) schedule(d.uri, 0);
    void connection.languages.inlayHint.refresh().catch(() => undefined);
  });

  // A `.notice` file changed on disk (the client watches **/*.notice): re-index it unless
  // it is open (then the editor's text is the truth).
  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params.changes) {
      if (documents.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        workspace.remove(change.uri);
        continue;
      }
      const text = await host.readFile?.(change.uri);
      if (text === undefined) workspace.remove(change.uri);
      else workspace.update(change.uri, text);
    }
  });

  // The workspace index learns an open document's numbers when it is checked (in publish).
  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
    cache.delete(uri);
    // The closed editor's text may differ from the file: index the file as it is on disk.
    if (host.readFile) void host.readFile(uri).then((text) => (text === undefined ? workspace.remove(uri) : workspace.update(uri, text)));
    else workspace.remove(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onHover((p, token) => withDocument(p.textDocument.uri, token, null, (a) => hover(a, toOffset(a.index, p.position), settings, workspace)));
  connection.onCompletion(async (p, token) => {
    await loadPinyin().catch(() => undefined);
    return withDocument(p.textDocument.uri, token, null, (a) => completion(a, toOffset(a.index, p.position), settings, workspace));
  });
  connection.onCodeAction((p, token) => withDocument(p.textDocument.uri, token, [], (a) => codeActions(a, settings, p)));
  connection.onDocumentFormatting((p, token) => withDocument(p.textDocument.uri, token, [], (a) => formatting(a)));
  connection.onDocumentRangeFormatting((p, token) => withDocument(p.textDocument.uri, token, [], (a) => formatting(a, toSpan(a.index, p.range))));
  connection.onDocumentOnTypeFormatting((p, token) => withDocument(p.textDocument.uri, token, [], (a) => (p.ch === '\n' ? onEnter(a, toOffset(a.index, p.position)) : [])));
  connection.onDocumentSymbol((p, token) => withDocument(p.textDocument.uri, token, [], (a) => documentSymbols(a)));
  connection.onWorkspaceSymbol((p, token) => (token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, '请求已取消') : workspaceSymbols(workspace, p.query)));
  connection.onFoldingRanges((p, token) => withDocument(p.textDocument.uri, token, [], (a) => foldingRanges(a)));
  connection.languages.semanticTokens.on((p, token) => withDocument(p.textDocument.uri, token, { data: [] }, (a) => semanticTokens(a)));
  connection.languages.semanticTokens.onRange((p, token) => withDocument(p.textDocument.uri, token, { data: [] }, (a) => semanticTokens(a, toSpan(a.index, p.range))));
  connection.languages.inlayHint.on((p, token) => withDocument(p.textDocument.uri, token, [], (a) => inlayHints(a, toSpan(a.index, p.range), settings)));
  connection.onDefinition((p, token) => withDocument(p.textDocument.uri, token, [], (a) => definition(a, toOffset(a.index, p.position), workspace)));
  connection.onReferences((p, token) => withDocument(p.textDocument.uri, token, [], (a) => references(a, toOffset(a.index, p.position), workspace, p.context.includeDeclaration)));
  connection.onPrepareRename((p, token) => withDocument(p.textDocument.uri, token, null, (a) => prepareRename(a, toOffset(a.index, p.position))));
  connection.onRenameRequest((p, token) => withDocument(p.textDocument.uri, token, null, (a) => rename(a, toOffset(a.index, p.position), p.newName)));

  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();
}
