/**
 * The language server's wiring: capabilities, document sync, settings, and one line per
 * request handing the current analysis to a feature in ./features. Shared by the Node
 * (stdio) and browser (web worker) entry points; everything that differs between them
 * (reading workspace files) comes in through `ServerHost`.
 */
import {
  type Diagnostic as LspDiagnostic,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ShowMessageNotification,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Disposable,
  type FileSystemWatcher,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse, AnalysisCache, type Analysis } from './analysis.js';
import { toOffset, toSpan } from './convert.js';
import { codeDocLinks } from './code-docs.js';
import { codeActions, FIX_ALL_KIND } from './features/code-actions.js';
import { completion } from './features/completion.js';
import { loadPinyin } from './features/pinyin.js';
import { acrossDiagnostics, encodingDiagnostic, toLspDiagnostics } from './features/diagnostics.js';
import { foldingRanges } from './features/folding.js';
import { formatting } from './features/formatting.js';
import { onEnter } from './features/on-type.js';
import { hover } from './features/hover.js';
import { inlayHints } from './features/inlay-hints.js';
import { definition, references } from './features/navigation.js';
import { codeLenses, documentHighlights, documentLinks, duplicateDocNumbers } from './features/peers.js';
import { prepareRename, rename } from './features/rename.js';
import { LEGEND, semanticTokens } from './features/semantic-tokens.js';
import { SemanticTokenCache } from './features/semantic-delta.js';
import { registerRender } from './features/render.js';
import { registerImport } from './features/import.js';
import { registerChain } from './features/chain.js';
import { documentSymbols, workspaceSymbols } from './features/symbols.js';
import { DEFAULT_SETTINGS, readSettings, type NoticeSettings } from './settings.js';
import { WorkspaceIndex } from './workspace-index.js';
import {
  candidateUris,
  concernsCatalogue,
  fileNameOf,
  loadUserCatalogues,
  NO_USER_CATALOGUE,
  parentUri,
  summaryOf,
  tableLog,
  type CatalogueFileHost,
  type CatalogueState,
} from './user-catalogue.js';

export interface ServerHost extends Partial<CatalogueFileHost> {
  /** The `.notice` files under the workspace folders (Node only; a browser host has none). */
  readonly listWorkspaceFiles?: (folderUris: readonly string[]) => Promise<{ uri: string; text: string }[]>;
  /** One file's text, or undefined when it cannot be read (Node only). */
  readonly readFile?: (uri: string) => Promise<string | undefined>;
  /** docs/language.md beside the server, when the host has it: the codes' documentation links for clients that give none. */
  readonly docsUri?: string;
}

const defer: (f: () => void) => void = typeof setImmediate === 'function' ? (f) => void setImmediate(f) : (f) => void setTimeout(f, 0);

export const SERVER_NAME = 'notice-language-server';
export const SERVER_VERSION = '0.1.0';

export function createServer(connection: Connection, host: ServerHost = {}): void {
  const documents = new TextDocuments(TextDocument);
  let settings: NoticeSettings = DEFAULT_SETTINGS;
  let catalogueState: CatalogueState = NO_USER_CATALOGUE;
  const cache = new AnalysisCache(() => settings, () => catalogueState.catalogue);
  const workspace = new WorkspaceIndex();
  const tokenCache = new SemanticTokenCache();
  /**
   * The documents waiting to be checked, each with the number of its newest `schedule`. There
   * is no wait after an edit beyond a few turns of the event loop: keystrokes are tens of
   * milliseconds apart, and a burst that has already arrived is coalesced by those turns.
   */
  const scheduled = new Map<string, number>();
  let schedules = 0;
  let canPullConfiguration = false;
  let supportsFolders = false;
  let relatedSupport = true;
  let codeDocs: Record<string, string> = {};
  let clientCommands: string[] = [];
  let snippetSupport = false;
  let folders: string[] = [];
  let watchDynamically = false;
  let relativePatterns = false;

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

  /** The 文号 a file issues, as one string to compare. */
  function numbersOf(uri: string): string {
    return workspace
      .notices()
      .filter((n) => n.uri === uri)
      .map((n) => n.number)
      .join('、');
  }

  /** The text each open document had when it was last checked, to tell an edit from a re-check. */
  const checkedText = new Map<string, string>();

  function publish(uri: string): void {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    let diagnostics;
    try {
      const a = cache.get(doc);
      const numbersBefore = numbersOf(uri);
      workspace.update(uri, a.text, a.result.file, a.index);
      diagnostics = toLspDiagnostics(a, settings, { relatedSupport, codeDocs });
      if (!encodingDiagnostic(a)) for (const d of duplicateDocNumbers(a, workspace)) diagnostics.push(d);
      diagnostics.push(...acrossDiagnostics(a, settings, workspace, { relatedSupport, codeDocs }));
      // This file's numbers changed: the other open files' duplicates may have too.
      if (numbersOf(uri) !== numbersBefore) for (const d of documents.all()) if (d.uri !== uri) schedule(d.uri);
      // The notices that cite this one compare their figures with it: check them again when
      // its text changed (not when it was only checked again, or two that cite each other
      // would check each other for ever).
      if (checkedText.get(uri) !== a.text) {
        checkedText.set(uri, a.text);
        recheckDependants(uri);
      }
    } catch (err) {
      log(`检查失败（${uri}）：${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return;
    }
    // Only the newest version's diagnostics go out: an edit may have arrived meanwhile.
    if (documents.get(uri)?.version !== version) return;
    void connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /**
   * The workspace's files that are not open, as on disk: their problems are published too
   * (`notice.diagnostics.workspace`), so the Problems panel lists the whole folder. Checked
   * one per turn of the event loop, after the catalogue, so an open document's edit is never
   * kept waiting behind a folder of them.
   */
  const closedFiles = new Map<string, string>();
  /** The last analysis of each closed file (dropped with the open documents' cache when settings or the catalogue change). */
  const closedAnalyses = new Map<string, Analysis>();
  const closedQueue: string[] = [];
  let closedRunning = false;

  function publishClosed(uris: Iterable<string>): void {
    for (const u of uris) if (!closedQueue.includes(u)) closedQueue.push(u);
    if (closedRunning) return;
    closedRunning = true;
    const next = (): void => {
      const uri = closedQueue.shift();
      if (uri === undefined) {
        closedRunning = false;
        return;
      }
      const text = closedFiles.get(uri);
      if (text !== undefined && !documents.get(uri)) {
        try {
          let diagnostics: LspDiagnostic[] = [];
          if (settings.workspaceDiagnostics) {
            // A dependant re-checked because a notice it cites changed keeps its own analysis.
            let a = closedAnalyses.get(uri);
            if (a?.text !== text) closedAnalyses.set(uri, (a = analyse(uri, 0, text, settings, catalogueState.catalogue)));
            diagnostics = [...toLspDiagnostics(a, settings, { relatedSupport, codeDocs }), ...acrossDiagnostics(a, settings, workspace, { relatedSupport, codeDocs })];
          }
          void connection.sendDiagnostics({ uri, diagnostics });
        } catch (err) {
          log(`检查失败（${uri}）：${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        }
      }
      defer(next);
    };
    void catalogueReady.then(() => defer(next));
  }

  /**
   * The files that cite `uri`'s notices (in 已下达 titles, 依据, text) are checked again after
   * it changed: open ones as after an edit, closed ones (workspace diagnostics) in the queue.
   */
  function recheckDependants(uri: string): void {
    recheck(workspace.dependants(uri));
  }

  function recheck(uris: Iterable<string>): void {
    for (const other of uris) {
      if (documents.get(other)) schedule(other);
      else if (closedFiles.has(other)) publishClosed([other]);
    }
  }

  function forgetClosed(uri: string): void {
    closedAnalyses.delete(uri);
    if (closedFiles.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  function schedule(uri: string): void {
    // While the user's catalogue is (re)loading, checking would use the wrong one: wait for it.
    if (catalogueLoads > 0) {
      void catalogueReady.then(() => schedule(uri));
      return;
    }
    const mine = ++schedules;
    scheduled.set(uri, mine);
    // Let the connection handle what has already arrived before checking: it handles one
    // queued message per turn of the event loop, so a burst of edits that is already here
    // would otherwise be checked (and published) at some middle version. A newer edit, or
    // closing the document, takes the check over.
    defer(() =>
      defer(() =>
        defer(() => {
          if (scheduled.get(uri) !== mine) return;
          scheduled.delete(uri);
          publish(uri);
        }),
      ),
    );
  }

  // ---- The user's official 科目 tables (notice.catalogue.file, .notice-catalogue.* at folder roots)

  let catalogueReady: Promise<void> = Promise.resolve();
  let catalogueLoads = 0;
  let catalogueKey = '';
  let browserWarned = false;
  let watchers: { key: string; registration: Promise<Disposable | undefined> } | undefined;

  const fileHost: CatalogueFileHost | undefined =
    host.readBytes && host.listDirectory && host.loadCatalogue ? { readBytes: host.readBytes, listDirectory: host.listDirectory, loadCatalogue: host.loadCatalogue } : undefined;

  function currentCatalogueKey(): string {
    return JSON.stringify([settings.catalogueFiles, folders, settings.catalogueYear ?? null]);
  }

  /** Asks the client to tell the server when a catalogue file changes (created, edited, deleted). */
  function registerWatchers(): void {
    if (!watchDynamically || !fileHost) return;
    const list: FileSystemWatcher[] = [{ globPattern: '**/.notice-catalogue.*' }];
    for (const path of settings.catalogueFiles) {
      for (const uri of candidateUris(path, folders)) {
        list.push({ globPattern: relativePatterns ? { baseUri: parentUri(uri), pattern: fileNameOf(uri) } : `**/${fileNameOf(uri)}` });
      }
    }
    const key = JSON.stringify(list);
    if (watchers?.key === key) return;
    const previous = watchers;
    watchers = { key, registration: connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: list }).catch(() => undefined) };
    if (previous) void previous.registration.then((d) => d?.dispose());
  }

  /** A window message (a notification: no answer expected, so a client without message support cannot break anything). */
  function say(type: MessageType, message: string): void {
    void connection.sendNotification(ShowMessageNotification.type, { type, message }).catch(() => undefined);
  }

  function reportCatalogue(before: CatalogueState, state: CatalogueState): void {
    for (const t of state.tables) {
      for (const line of tableLog(t)) log(line);
      const summary = summaryOf(t);
      if (t.table.skipped.length > 0) say(MessageType.Warning, `${summary}。未读取的行见输出面板“通知语言服务”。`);
      else say(MessageType.Info, summary);
    }
    const fallback = state.tables.length > 0 ? state.tables.map((t) => t.table.label).join('、') : '内置目录';
    for (const e of state.errors) {
      log(`科目表未能载入：${e}`);
      say(MessageType.Error, `科目表未能载入：${e}。仍按${fallback}核对科目。`);
    }
    if (state.tables.length === 0 && before.tables.length > 0 && state.errors.length === 0) {
      const message = `不再使用${before.tables.map((t) => t.table.label).join('、')}，恢复按内置目录核对科目`;
      log(message);
      say(MessageType.Info, message);
    }
  }

  /**
   * (Re)loads the user's tables (after `after`, e.g. the settings being read), then re-checks
   * every open document with them. Loads run one after another; checks wait for them.
   */
  function reloadCatalogue(after?: Promise<unknown>): Promise<void> {
    if (!fileHost) {
      void Promise.resolve(after).then(() => {
        catalogueKey = currentCatalogueKey();
        if (settings.catalogueFiles.length > 0 && !browserWarned) {
          browserWarned = true;
          log('网页版（浏览器中运行）不能读取本地文件：设置 notice.catalogue.file 和 .notice-catalogue.* 不起作用，仍按内置目录核对科目');
        }
      });
      return Promise.resolve();
    }
    catalogueLoads++;
    const run = async (): Promise<void> => {
      await after;
      catalogueKey = currentCatalogueKey();
      const before = catalogueState;
      const state = await loadUserCatalogues(fileHost, settings.catalogueFiles, folders, settings.catalogueYear);
      catalogueState = state;
      reportCatalogue(before, state);
      registerWatchers();
    };
    catalogueReady = catalogueReady
      .then(run)
      .catch((err: unknown) => log(`载入科目表失败：${err instanceof Error ? err.stack ?? err.message : String(err)}`))
      .then(() => {
        catalogueLoads--;
        if (catalogueLoads === 0) {
          cache.clear();
          closedAnalyses.clear();
          for (const d of documents.all()) schedule(d.uri);
          publishClosed(closedFiles.keys());
        }
      });
    return catalogueReady;
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

  /** The uris of `notice.noticeFolders` last read: their notices are in the index, their problems not published. */
  let extraFolders: string[] = [];
  const extraFiles = new Set<string>();

  /**
   * Reads the folders of `notice.noticeFolders` (relative to each workspace folder, or absolute)
   * into the index: the checks across notices compare with their notices; their own problems are
   * not listed (they are not the workspace's). Then re-checks every notice.
   */
  async function scanNoticeFolders(): Promise<void> {
    if (!host.listWorkspaceFiles) return;
    const uris = [...new Set(settings.noticeFolders.flatMap((p) => candidateUris(p, folders)))];
    if (JSON.stringify(uris) === JSON.stringify(extraFolders)) return;
    extraFolders = uris;
    for (const u of extraFiles) if (!documents.get(u) && !closedFiles.has(u)) workspace.remove(u);
    extraFiles.clear();
    if (uris.length === 0) return;
    try {
      const files = await host.listWorkspaceFiles(uris);
      for (const f of files) {
        if (documents.get(f.uri) || closedFiles.has(f.uri)) continue;
        workspace.update(f.uri, f.text);
        extraFiles.add(f.uri);
      }
      log(`已读入 notice.noticeFolders 中的 ${files.length} 个 .notice 文件，用于跨通知核对`);
    } catch (err) {
      log(`读取 notice.noticeFolders 失败：${String(err)}`);
    }
    for (const d of documents.all()) schedule(d.uri);
    publishClosed(closedFiles.keys());
  }

  /** Settled once the workspace's files were first read into the index (scanWorkspace never throws). */
  let markScanned = (): void => undefined;
  const workspaceScanned = new Promise<void>((resolve) => (markScanned = resolve));

  async function scanWorkspace(): Promise<void> {
    if (!host.listWorkspaceFiles || folders.length === 0) return;
    try {
      const files = await host.listWorkspaceFiles(folders);
      for (const f of files) {
        if (documents.get(f.uri)) continue;
        workspace.update(f.uri, f.text);
        closedFiles.set(f.uri, f.text);
      }
      publishClosed(files.map((f) => f.uri));
      log(`已索引工作区中的 ${files.length} 个 .notice 文件`);
      await scanNoticeFolders();
    } catch (err) {
      log(`扫描工作区失败：${String(err)}`);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    canPullConfiguration = caps.workspace?.configuration === true;
    supportsFolders = caps.workspace?.workspaceFolders === true;
    relatedSupport = caps.textDocument?.publishDiagnostics?.relatedInformation !== false;
    snippetSupport = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
    watchDynamically = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    relativePatterns = caps.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    const init = params.initializationOptions as { settings?: unknown; codeDocs?: unknown; commands?: unknown } | undefined;
    if (init?.settings !== undefined) settings = readSettings(init.settings);
    // The VS Code client links the codes to the documentation it ships and runs some commands itself.
    if (init?.codeDocs && typeof init.codeDocs === 'object') {
      codeDocs = Object.fromEntries(Object.entries(init.codeDocs as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
    }
    if (Array.isArray(init?.commands)) clientCommands = init.commands.filter((c): c is string => typeof c === 'string');
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
        semanticTokensProvider: { legend: LEGEND, full: { delta: true }, range: true },
        inlayHintProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentHighlightProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  /** Links from the docs beside the server, for clients that gave none. */
  async function loadCodeDocs(): Promise<void> {
    if (Object.keys(codeDocs).length > 0 || !host.docsUri || !host.readFile) return;
    const text = await host.readFile(host.docsUri);
    if (text !== undefined) codeDocs = codeDocLinks(host.docsUri, text);
  }

  connection.onInitialized(async () => {
    void loadPinyin().catch((err: unknown) => log(`拼音库未能加载：${String(err)}`));
    if (supportsFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
        void reloadCatalogue();
        await scanWorkspace();
      });
    }
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'notice' }).catch(() => undefined);
    }
    const pulled = pullSettings();
    void reloadCatalogue(pulled);
    // The documentation links only add to diagnostics: read them beside the rest, and check
    // the open documents again if they came (a check waits for the catalogue as ever).
    void loadCodeDocs().then(
      () => {
        if (Object.keys(codeDocs).length > 0 && host.docsUri) for (const d of documents.all()) schedule(d.uri);
      },
      () => undefined,
    );
    try {
      await pulled;
      registerWatchers();
      cache.clear();
      closedAnalyses.clear();
      for (const d of documents.all()) schedule(d.uri);
      await scanWorkspace();
    } finally {
      markScanned();
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (canPullConfiguration) await pullSettings();
    else settings = readSettings((change.settings as { notice?: unknown } | undefined)?.notice);
    if (currentCatalogueKey() !== catalogueKey) void reloadCatalogue();
    void scanNoticeFolders();
    cache.clear();
    closedAnalyses.clear();
    for (const d of documents.all()) schedule(d.uri);
    publishClosed(closedFiles.keys());
    void connection.languages.inlayHint.refresh().catch(() => undefined);
  });

  // A `.notice` file changed on disk (the client watches **/*.notice): re-index it unless
  // it is open (then the editor's text is the truth).
  connection.onDidChangeWatchedFiles(async (params) => {
    if (params.changes.some((c) => concernsCatalogue(catalogueState, c.uri, folders))) void reloadCatalogue();
    for (const change of params.changes) {
      if (!change.uri.endsWith('.notice')) continue;
      if (documents.get(change.uri)) continue;
      const dependants = workspace.dependants(change.uri);
      const text = change.type === FileChangeType.Deleted ? undefined : await host.readFile?.(change.uri);
      if (text === undefined) {
        workspace.remove(change.uri);
        forgetClosed(change.uri);
      } else {
        workspace.update(change.uri, text);
        closedFiles.set(change.uri, text);
        publishClosed([change.uri]);
      }
      // The notices that cite it compare with what is on disk now (or find it gone).
      recheck(new Set([...dependants, ...workspace.dependants(change.uri)]));
    }
  });

  // The workspace index learns an open document's numbers when it is checked (in publish).
  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    scheduled.delete(uri);
    cache.delete(uri);
    tokenCache.forget(uri);
    const edited = checkedText.get(uri);
    checkedText.delete(uri);
    // The closed editor's text may differ from the file: index the file as it is on disk.
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    if (host.readFile) {
      void host.readFile(uri).then((text) => {
        const dependants = workspace.dependants(uri);
        if (text === undefined) {
          workspace.remove(uri);
          return recheck(dependants);
        }
        workspace.update(uri, text);
        if (text !== edited) recheck(dependants);
        // A file of the workspace: its problems as on disk stay listed.
        if (folders.some((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`))) {
          closedFiles.set(uri, text);
          publishClosed([uri]);
        }
      });
    } else workspace.remove(uri);
  });

  registerChain(connection, workspace, workspaceScanned, log);
  connection.onHover((p, token) => withDocument(p.textDocument.uri, token, null, (a) => hover(a, toOffset(a.index, p.position), settings, workspace)));
  connection.onCompletion(async (p, token) => {
    await loadPinyin().catch(() => undefined);
    return withDocument(p.textDocument.uri, token, null, (a) => completion(a, toOffset(a.index, p.position), settings, workspace, { snippetSupport }));
  });
  connection.onCodeAction((p, token) => withDocument(p.textDocument.uri, token, [], (a) => codeActions(a, settings, p, { relatedSupport, codeDocs, clientCommands })));
  connection.onDocumentFormatting((p, token) => withDocument(p.textDocument.uri, token, [], (a) => formatting(a)));
  connection.onDocumentRangeFormatting((p, token) => withDocument(p.textDocument.uri, token, [], (a) => formatting(a, toSpan(a.index, p.range))));
  connection.onDocumentOnTypeFormatting((p, token) => withDocument(p.textDocument.uri, token, [], (a) => (p.ch === '\n' ? onEnter(a, toOffset(a.index, p.position)) : [])));
  connection.onDocumentSymbol((p, token) => withDocument(p.textDocument.uri, token, [], (a) => documentSymbols(a)));
  connection.onWorkspaceSymbol((p, token) => (token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, '请求已取消') : workspaceSymbols(workspace, p.query)));
  connection.onFoldingRanges((p, token) => withDocument(p.textDocument.uri, token, [], (a) => foldingRanges(a)));
  connection.languages.semanticTokens.on((p, token) => withDocument(p.textDocument.uri, token, { data: [] }, (a) => tokenCache.full(a.uri, semanticTokens(a))));
  connection.languages.semanticTokens.onDelta((p, token) => withDocument(p.textDocument.uri, token, { data: [] }, (a) => tokenCache.delta(a.uri, p.previousResultId, semanticTokens(a))));
  connection.languages.semanticTokens.onRange((p, token) => withDocument(p.textDocument.uri, token, { data: [] }, (a) => semanticTokens(a, toSpan(a.index, p.range))));
  connection.languages.inlayHint.on((p, token) => withDocument(p.textDocument.uri, token, [], (a) => inlayHints(a, toSpan(a.index, p.range), settings)));
  connection.onDefinition((p, token) => withDocument(p.textDocument.uri, token, [], (a) => definition(a, toOffset(a.index, p.position), workspace)));
  connection.onReferences((p, token) => withDocument(p.textDocument.uri, token, [], (a) => references(a, toOffset(a.index, p.position), workspace, p.context.includeDeclaration)));
  connection.onPrepareRename((p, token) => withDocument(p.textDocument.uri, token, null, (a) => prepareRename(a, toOffset(a.index, p.position))));
  connection.onRenameRequest((p, token) => withDocument(p.textDocument.uri, token, null, (a) => rename(a, toOffset(a.index, p.position), p.newName, workspace)));
  connection.onDocumentHighlight((p, token) => withDocument(p.textDocument.uri, token, [], (a) => documentHighlights(a, toOffset(a.index, p.position), workspace)));
  connection.onDocumentLinks((p, token) => withDocument(p.textDocument.uri, token, [], (a) => documentLinks(a, workspace)));
  connection.onCodeLens((p, token) => withDocument(p.textDocument.uri, token, [], (a) => codeLenses(a, settings)));
  registerImport(connection);
  registerRender(connection, { analysis: (uri) => { const d = documents.get(uri); return d ? cache.get(d) : undefined; }, settings: () => settings, log });

  connection.onShutdown(() => {
    scheduled.clear();
  });

  documents.listen(connection);
  connection.listen();
}
