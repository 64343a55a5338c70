/**
 * "预览" / "在侧边预览": the notice as it will print, in a webview, one panel per document,
 * updated as the source changes. The page comes from the server (`notice/preview`); the
 * webview runs under a strict Content-Security-Policy (nothing but the page's own nonce'd
 * `<style>` and a tiny nonce'd script). Clicking a table row or a paragraph reveals its
 * source line; moving the cursor in the source marks the row in the preview.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

export const LANGUAGE_ID = 'notice';
export const PREVIEW_VIEW_TYPE = 'notice.preview';
const UPDATE_DELAY_MS = 250;

interface PreviewResult {
  html: string;
  body: string;
  title: string;
  errors: number;
  version: number;
}

/** The `.notice` document a command is about: the resource it was given, else the active editor's (or the active preview's). */
export async function noticeDocument(resource?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const uri = resource ?? activePreviewSource() ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) return undefined;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
  return doc.languageId === LANGUAGE_ID || doc.uri.path.endsWith('.notice') ? doc : undefined;
}

/**
 * A request about a document; retried briefly while the server has not yet been told the
 * document is open (a document just opened by the command itself).
 */
export async function sendWhenOpen<R>(getClient: () => BaseLanguageClient, method: string, params: { uri: string; [key: string]: unknown }): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await getClient().sendRequest<R>(method, params);
    } catch (err) {
      const notOpen = err instanceof Error && err.message.includes('没有打开');
      if (!notOpen || attempt >= 20) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars.charAt(Math.floor(Math.random() * chars.length));
  return s;
}

/** The script in the page: replaces the body on update, posts clicks on rows, marks the cursor's row. */
const SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  let marked;
  function mark(el, scroll) {
    if (marked) marked.classList.remove('reveal');
    marked = el;
    if (!el) return;
    el.classList.add('reveal');
    if (scroll) el.scrollIntoView({ block: 'nearest' });
  }
  let cursor = -1;
  function follow(scroll) {
    const el = document.querySelector('tr[data-line="' + cursor + '"], p[data-line="' + cursor + '"]');
    if (el) mark(el, scroll);
  }
  // An A4 page is wider than a half-width panel: scale it down to the panel's width (never up).
  // The widest of the pages (an attachment's may be landscape) and of what overflows them
  // (a table wider than its page) decides. CSSOM, not a style attribute, so the page's
  // Content-Security-Policy allows it.
  function fit() {
    const pages = document.querySelectorAll('.page');
    if (pages.length === 0) return;
    document.body.style.zoom = '1';
    let needed = document.documentElement.scrollWidth;
    pages.forEach(function (p) { needed = Math.max(needed, p.getBoundingClientRect().width + 24); });
    document.body.style.zoom = String(Math.min(1, document.documentElement.clientWidth / needed));
  }
  window.addEventListener('resize', fit);
  window.addEventListener('load', fit);
  window.addEventListener('message', function (e) {
    const m = e.data;
    if (m.type === 'update') { marked = undefined; document.body.innerHTML = m.body; follow(false); fit(); }
    else if (m.type === 'cursor' && typeof m.line === 'number') { cursor = m.line; follow(true); }
  });
  document.addEventListener('click', function (e) {
    const el = e.target instanceof Element ? e.target.closest('tr[data-line], p[data-line]') : null;
    if (!el) return;
    mark(el, false);
    vscode.postMessage({ type: 'reveal', line: Number(el.getAttribute('data-line')) });
  });
  fit();
  vscode.postMessage({ type: 'ready' });
})();`;

class Preview {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private body = '';
  private ready = false;
  private disposed = false;
  private generation = 0;

  constructor(
    readonly uri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly getClient: () => BaseLanguageClient,
    private readonly onDispose: () => void,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: { type?: string; line?: unknown }) => this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.key) this.schedule();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() === this.key && this.ready) void panel.webview.postMessage({ type: 'cursor', line: e.selections[0]!.active.line });
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        // Deleted or renamed: nothing left to preview.
        if (d.uri.toString() === this.key && d.isClosed) void vscode.workspace.fs.stat(this.uri).then(undefined, () => panel.dispose());
      }),
    );
    void this.load();
  }

  get key(): string {
    return this.uri.toString();
  }

  private get fileName(): string {
    return decodeURIComponent(this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1));
  }

  /** First page: the server's HTML with the nonce, the CSP and the script. */
  private async load(): Promise<void> {
    const n = nonce();
    const csp = `default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}'; img-src data:`;
    const r = await this.request({ nonce: n, csp });
    if (!r || this.disposed) return;
    this.body = r.body;
    this.ready = false;
    this.panel.webview.html = r.html.replace('</head>', `<script nonce="${n}">${SCRIPT}</script>\n</head>`);
    this.title(r);
  }

  private async request(extra: { nonce?: string; csp?: string; bodyOnly?: boolean } = {}): Promise<PreviewResult | undefined> {
    const generation = ++this.generation;
    try {
      const r = await sendWhenOpen<PreviewResult>(this.getClient, 'notice/preview', { uri: this.key, ...extra });
      // An older answer arriving after a newer one is dropped.
      return generation === this.generation ? r : undefined;
    } catch (err) {
      if (!this.disposed && generation === this.generation) {
        const message = err instanceof Error ? err.message : String(err);
        this.panel.webview.html = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>无法预览：${message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p></body></html>`;
      }
      return undefined;
    }
  }

  /** "预览 洪财社指〔2022〕67号（2 个错误）": the document number, not the file name (quick open must not take the panel for the file). */
  private title(r: PreviewResult): void {
    const name = r.title && r.title !== '通知' ? r.title : this.fileName.replace(/\.notice$/, '');
    this.panel.title = `预览 ${name}${r.errors > 0 ? `（${r.errors} 个错误）` : ''}`;
  }

  schedule(delay = UPDATE_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, delay);
  }

  private async update(): Promise<void> {
    if (this.disposed) return;
    if (!this.ready) {
      // The page has not started (or was reloaded): load it again in full.
      await this.load();
      return;
    }
    // The page is shown: only its body is asked for (half the bytes of a large table).
    const r = await this.request({ bodyOnly: true });
    if (!r || this.disposed) return;
    this.body = r.body;
    this.title(r);
    void this.panel.webview.postMessage({ type: 'update', body: r.body });
  }

  private onMessage(m: { type?: string; line?: unknown }): void {
    if (m.type === 'ready') {
      // The page (re)started, e.g. after the panel was hidden: give it the newest body.
      this.ready = true;
      void this.panel.webview.postMessage({ type: 'update', body: this.body });
    } else if (m.type === 'reveal' && typeof m.line === 'number' && Number.isInteger(m.line) && m.line >= 0) {
      void this.reveal(m.line);
    }
  }

  /** Shows the source line in the editor: the cursor at the line's first character, the line in view. */
  private async reveal(line: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(this.uri);
    if (line >= doc.lineCount) return;
    const text = doc.lineAt(line);
    const at = new vscode.Position(line, text.firstNonWhitespaceCharacterIndex);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.key);
    const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false });
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(text.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

const previews = new Map<string, Preview>();
let activePreview: Preview | undefined;

function activePreviewSource(): vscode.Uri | undefined {
  return activePreview?.panel.active ? activePreview.uri : undefined;
}

/**
 * Opens the document's preview beside its editor, the cursor staying in the source (a live
 * preview to type next to, and clicking a row can show its source line next to it). On a
 * preview that is already open, "预览" (`focus`) moves to it; "在侧边预览" only brings it into view.
 */
export async function showPreview(getClient: () => BaseLanguageClient, focus: boolean, resource?: vscode.Uri): Promise<void> {
  const doc = await noticeDocument(resource);
  if (!doc) {
    void vscode.window.showWarningMessage('请先打开要预览的 .notice 文件。');
    return;
  }
  const key = doc.uri.toString();
  const existing = previews.get(key);
  if (existing) {
    existing.panel.reveal(existing.panel.viewColumn, !focus);
    return;
  }
  const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, '预览', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [],
  });
  const p = new Preview(doc.uri, panel, getClient, () => {
    previews.delete(key);
    if (activePreview === p) activePreview = undefined;
  });
  panel.onDidChangeViewState((e) => {
    if (e.webviewPanel.active) activePreview = p;
  });
  activePreview = p;
  previews.set(key, p);
}

export function registerPreview(context: vscode.ExtensionContext, getClient: () => BaseLanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('notice.preview', (resource?: unknown) => showPreview(getClient, true, resource instanceof vscode.Uri ? resource : undefined)),
    vscode.commands.registerCommand('notice.previewToSide', (resource?: unknown) => showPreview(getClient, false, resource instanceof vscode.Uri ? resource : undefined)),
    // Settings change what the checks report (and so the error count): refresh every preview.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('notice')) for (const p of previews.values()) p.schedule(500);
    }),
    { dispose: () => [...previews.values()].forEach((p) => p.dispose()) },
  );
}
