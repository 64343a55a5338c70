/**
 * CSV (and tab-separated text) exports: decoding the bytes and splitting records.
 * Budget systems on Chinese Windows desks write UTF-8, UTF-8 with a BOM, GB18030 (GBK) or,
 * for "Unicode text", UTF-16 with a BOM; all are told apart here with TextDecoder alone.
 */
import type { Grid } from './grid';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: GB18030 is a superset of GBK and GB2312, what Chinese Excel saves as "CSV".
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（带 BOM）',
  gb18030: 'GB18030',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
};

/** The separator of the first non-empty lines: `,`, tab or `;`, whichever splits them most. */
function detectSeparator(text: string): string {
  const sample = text.slice(0, 8192).split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 12);
  let best = ',';
  let bestScore = 0;
  for (const sep of [',', '\t', ';']) {
    let score = 0;
    for (const line of sample) score += line.split(sep).length - 1;
    if (score > bestScore) {
      best = sep;
      bestScore = score;
    }
  }
  return best;
}

/** RFC 4180 records (quoted fields may hold separators, quotes doubled, line breaks). */
export function parseCsv(text: string, name: string): Grid {
  const sep = detectSeparator(text);
  const rows: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const row: string[] = [];
    const startLine = line;
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            field += text.slice(i);
            i = n;
            break;
          }
          const chunk = text.slice(i, q);
          for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++;
          field += chunk;
          if (text[q + 1] === '"') {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // Anything between the closing quote and the separator is kept as written.
        let j = i;
        while (j < n && text[j] !== sep && text[j] !== '\n' && text[j] !== '\r') j++;
        field += text.slice(i, j);
        i = j;
      } else {
        let j = i;
        while (j < n && text[j] !== sep && text[j] !== '\n' && text[j] !== '\r') j++;
        field = text.slice(i, j);
        i = j;
      }
      row.push(field);
      if (i < n && text[i] === sep) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    rows.push(row);
    lines.push(startLine);
  }
  return { name, rows, lines };
}
