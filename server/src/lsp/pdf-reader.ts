/**
 * What the Node language server bundles in place of ../import/pdf.ts (scripts/build.mjs): the
 * PDF reader with pdfjs-dist is its own bundle, `dist/pdf-reader.cjs` beside the server's, loaded
 * the first time a PDF is imported, so that the server every editor window starts stays small.
 */
import { join } from 'node:path';
import { ImportError, type SourceDocument } from '../import/types.js';

declare const __dirname: string;
declare function require(path: string): unknown;

type Reader = { readPdfDocument(bytes: Uint8Array): Promise<SourceDocument> };

export function readPdfDocument(bytes: Uint8Array): Promise<SourceDocument> {
  let reader: Reader;
  try {
    reader = require(join(__dirname, 'pdf-reader.cjs')) as Reader;
  } catch {
    return Promise.reject(new ImportError('读取 PDF 的组件（pdf-reader.cjs）不在扩展中，无法导入 PDF；请重新安装扩展，或在终端运行 notice import 文件.pdf --out 文件.notice'));
  }
  return reader.readPdfDocument(bytes);
}
