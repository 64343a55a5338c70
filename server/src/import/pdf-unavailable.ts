/**
 * What the language server bundles in place of ./pdf.ts (scripts/build.mjs): pdfjs-dist would
 * add 1.7 MB to a server every editor window starts, and in the packaged extension it lacks
 * the canvas module it needs in Node. PDF files are imported on the command line.
 */
import { ImportError, type SourceDocument } from './types.js';

export function readPdfDocument(bytes: Uint8Array): Promise<SourceDocument> {
  void bytes;
  return Promise.reject(new ImportError('在编辑器中暂不能导入 PDF；请在终端运行 notice import 文件.pdf --out 文件.notice'));
}
