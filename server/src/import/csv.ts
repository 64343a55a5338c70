import type { SourceDocument } from './types.js';
export async function readCsvDocument(_x: string): Promise<SourceDocument> {
  throw new Error('todo');
}
