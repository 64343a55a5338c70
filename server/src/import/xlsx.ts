import type { SourceDocument } from './types.js';
export async function readXlsxDocument(_x: Uint8Array): Promise<SourceDocument> {
  throw new Error('todo');
}
