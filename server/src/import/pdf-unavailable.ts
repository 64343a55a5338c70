/**
 * What the web worker's language server bundles in place of ./pdf.ts (scripts/build.mjs):
 * pdfjs-dist would add 1.7 MB to a server every browser window starts. The desktop server
 * loads the reader on first use (../lsp/pdf-reader.ts), and the CLI bundles it.
 */
import { ImportError, type SourceDocument } from './types.js';

export function readPdfDocument(bytes: Uint8Array): Promise<SourceDocument> {
  void bytes;
  return Promise.reject(new ImportError('网页版编辑器中不能导入 PDF；请在桌面版 VS Code 中导入，或在终端运行 notice import 文件.pdf --out 文件.notice'));
}
