/**
 * The render requests an editor uses to export and preview a `.notice` document:
 *
 * - `notice/render` `{ uri, format: 'docx'|'xlsx'|'html', force? }` → `{ files: [{ name, base64 }], errors, message? }`:
 *   one file per notice, named by its document number as `notice render` names them. A
 *   document with error diagnostics (after the user's severity settings) is refused unless
 *   `force`: `files` is empty and `message` says how many errors there are.
 * - `notice/preview` `{ uri, nonce?, csp?, bodyOnly? }` → `{ html, body, title, errors, version }`: every notice of
 *   the document on one page (`renderDocumentHtml`), its `<style>` carrying the client's
 *   nonce and the client's Content-Security-Policy in a `<meta>`; `body` is what lies
 *   between `<body>` and `</body>`, for a preview that replaces its content in place (with
 *   `bodyOnly`, `html` is empty: an update sends the body alone). Rows,
 *   paragraphs and sections carry `data-line` (0-based source line).
 *
 * Both work on the server's current analysis of the open document and return strings only
 * (no file system): the same code runs in the Node server and in the web worker. The
 * renderers are loaded on first use, so a server that never renders does not evaluate them.
 */
import { ErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import type { DocumentModel, NoticeModel } from '../../model/types.js';
import { outputName } from '../../render/layout.js';
import { RenderRefusal } from '../../render/limits.js';
import type { Analysis } from '../analysis.js';
import type { NoticeSettings } from '../settings.js';
import { effectiveDiagnostics } from './diagnostics.js';

export const RENDER_REQUEST = 'notice/render';
export const PREVIEW_REQUEST = 'notice/preview';

export type RenderFormat = 'docx' | 'xlsx' | 'html';
const FORMATS: readonly RenderFormat[] = ['docx', 'xlsx', 'html'];

export interface RenderParams {
  readonly uri: string;
  readonly format: RenderFormat;
  readonly force?: boolean;
}

export interface RenderedFile {
  /** File name with extension, e.g. `洪财社指〔2022〕67号.xlsx`. */
  readonly name: string;
  readonly base64: string;
}

export interface RenderResult {
  readonly files: RenderedFile[];
  /** Error diagnostics in the document (as the editor shows them). */
  readonly errors: number;
  /** Why nothing was written, or a note about what was (Chinese, for the user). */
  readonly message?: string;
}

export interface PreviewParams {
  readonly uri: string;
  /** Nonce for the page's `<style>` (the webview's content security policy). */
  readonly nonce?: string;
  /** Content-Security-Policy for a `<meta>` in the page. */
  readonly csp?: string;
  /** Only the body is wanted (an update of a shown page): `html` is then empty. */
  readonly bodyOnly?: boolean;
}

export interface PreviewResult {
  /** The whole page. */
  readonly html: string;
  /** The page's body content only (the notices), to replace a shown page's body in place. */
  readonly body: string;
  /** The first notice's document number or title (plain text). */
  readonly title: string;
  readonly errors: number;
  /** The document version rendered. */
  readonly version: number;
}

export interface RenderHost {
  /** The current analysis of an open document; undefined when the server does not have it open. */
  readonly analysis: (uri: string) => Analysis | undefined;
  readonly settings: () => NoticeSettings;
  readonly log?: (message: string) => void;
}

/** Error diagnostics as the editor shows them (severity settings applied). */
export function errorCount(a: Analysis, settings: NoticeSettings): number {
  return effectiveDiagnostics(a, settings).filter((x) => x.severity === 'error').length;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 without Node's Buffer (the web worker has none). */
export function toBase64(bytes: Uint8Array): string {
  const B = (globalThis as { Buffer?: { from(b: Uint8Array): { toString(enc: string): string } } }).Buffer;
  if (B) return B.from(bytes).toString('base64');
  const out: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out.push(BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + BASE64[n & 63]!);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out.push(BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + '==');
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out.push(BASE64[n >> 18]! + BASE64[(n >> 12) & 63]! + BASE64[(n >> 6) & 63]! + '=');
  }
  return out.join('');
}

async function renderOne(doc: DocumentModel, n: NoticeModel, format: RenderFormat): Promise<Uint8Array> {
  if (format === 'html') return new TextEncoder().encode((await import('../../render/html.js')).renderHtml(doc, n));
  if (format === 'docx') return (await import('../../render/docx.js')).renderDocx(doc, n);
  return (await import('../../render/xlsx.js')).renderXlsx(doc, n);
}

export const FORMAT_NAMES: Record<RenderFormat, string> = { docx: 'Word', xlsx: 'Excel', html: 'HTML' };

/** `notice/render` on an analysis. */
export async function render(a: Analysis, settings: NoticeSettings, params: RenderParams, token?: CancellationToken): Promise<RenderResult> {
  const errors = errorCount(a, settings);
  if (errors > 0 && !params.force) {
    return {
      files: [],
      errors,
      message:
        `本文件有 ${errors} 个错误，未导出${FORMAT_NAMES[params.format]}。请先改正（见“问题”面板）；` +
        `确需照原样导出时可强制导出（表中数字照原文印出，Excel 的合计和公式栏按公式计算，与原文不同处加批注）。`,
    };
  }
  const doc = a.result.model;
  if (doc.notices.length === 0) return { files: [], errors, message: '本文件中没有“通知”块，没有可导出的内容。' };
  const files: RenderedFile[] = [];
  const used = new Set<string>();
  for (const [i, n] of doc.notices.entries()) {
    if (token?.isCancellationRequested) break;
    let name = `${outputName(n, i)}.${params.format}`;
    for (let k = 2; used.has(name); k++) name = `${outputName(n, i)}-${k}.${params.format}`;
    used.add(name);
    try {
      files.push({ name, base64: toBase64(await renderOne(doc, n, params.format)) });
    } catch (err) {
      // A table too long for the format: nothing written, the user told why and what to do.
      if (err instanceof RenderRefusal) return { files: [], errors, message: err.message };
      throw err;
    }
  }
  return errors > 0 ? { files, errors, message: `注意：本文件有 ${errors} 个错误，已照原样导出。` } : { files, errors };
}

/** `notice/preview` on an analysis. */
export async function preview(a: Analysis, settings: NoticeSettings, params: PreviewParams): Promise<PreviewResult> {
  const { renderDocumentBody, renderDocumentHtml } = await import('../../render/html.js');
  const opts = { ...(params.nonce ? { nonce: params.nonce } : {}), ...(params.csp ? { csp: params.csp } : {}), lines: a.index };
  // An update needs only the body: the page is not made, nor sent again (half the bytes of a large table).
  const html = params.bodyOnly ? '' : renderDocumentHtml(a.result.model, opts);
  const body = params.bodyOnly ? renderDocumentBody(a.result.model, opts) : bodyOf(html);
  const first = a.result.model.notices[0];
  const title = first ? (first.docNumber?.text ?? first.fields.get('标题')?.value.text ?? '') : '';
  return { html, body, title, errors: errorCount(a, settings), version: a.version };
}

/** The page's body. User text is escaped, so these tags occur once each: the page's own. */
function bodyOf(html: string): string {
  const start = html.indexOf('<body>\n');
  const end = html.lastIndexOf('\n</body>');
  return start >= 0 && end > start ? html.slice(start + '<body>\n'.length, end) : '';
}

function notOpen(uri: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `语言服务中没有打开此文档：${uri}`);
}

/** Registers `notice/render` and `notice/preview` on the connection. */
export function registerRender(connection: Connection, host: RenderHost): void {
  const failed = (what: string, err: unknown): ResponseError<void> => {
    host.log?.(`${what}失败：${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return new ResponseError(ErrorCodes.InternalError, `${what}失败：${err instanceof Error ? err.message : String(err)}`);
  };

  connection.onRequest(RENDER_REQUEST, async (params: RenderParams, token: CancellationToken) => {
    if (!params || typeof params.uri !== 'string' || !FORMATS.includes(params.format)) {
      return new ResponseError(ErrorCodes.InvalidParams, 'notice/render 需要 uri 和 format（docx、xlsx 或 html）');
    }
    const a = host.analysis(params.uri);
    if (!a) return notOpen(params.uri);
    try {
      return await render(a, host.settings(), params, token);
    } catch (err) {
      return failed(`导出${FORMAT_NAMES[params.format]}`, err);
    }
  });

  connection.onRequest(PREVIEW_REQUEST, async (params: PreviewParams) => {
    if (!params || typeof params.uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'notice/preview 需要 uri');
    const a = host.analysis(params.uri);
    if (!a) return notOpen(params.uri);
    try {
      return await preview(a, host.settings(), params);
    } catch (err) {
      return failed('预览', err);
    }
  });
}
