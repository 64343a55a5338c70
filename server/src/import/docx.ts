import type { SourceDocument } from './types.js';
export async function readDocxDocument(_x: Uint8Array): Promise<SourceDocument> {
  throw new Error('todo');
}
