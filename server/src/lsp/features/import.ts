/**
 * The import requests an editor uses:
 *
 * - `notice/import` `{ name, base64 }` → `{ ok: true, text, summary } | { ok: false, message }`:
 *   a file's bytes (Excel, CSV, Word, PDF, extracted text) as `.notice` source, as
 *   `notice import` gives it.
 * - `notice/pasteRows` `{ text }` → `{ rows } | null`: cells copied from a spreadsheet
 *   (tab-separated) as aligned rows of an allocation table, nesting inferred; null when the
 *   text is not table rows.
 *
 * Both take and return strings only; the importer is loaded on first use.
 */
import type { Connection } from 'vscode-languageserver';

export const IMPORT_REQUEST = 'notice/import';
export const PASTE_ROWS_REQUEST = 'notice/pasteRows';

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function registerImport(connection: Connection): void {
  connection.onRequest(IMPORT_REQUEST, async (p: { name: string; base64: string }) => {
    const { importFile } = await import('../../import/index.js');
    const r = await importFile(p.name, fromBase64(p.base64));
    return r.ok ? { ok: true, text: r.text, summary: r.summary } : { ok: false, message: r.message };
  });
  connection.onRequest(PASTE_ROWS_REQUEST, async (p: { text: string }) => {
    const { pasteRows } = await import('../../import/index.js');
    const rows = pasteRows(p.text);
    return rows === undefined ? null : { rows };
  });
}
