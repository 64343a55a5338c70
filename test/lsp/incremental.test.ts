/**
 * The server's incremental reparse (server/src/lsp/incremental.ts) must give exactly the
 * tree a full parse gives. Sequences of seeded random edits on table rows (digits, signs,
 * blanks, letters, brackets, colons, comment marks, deletions) are applied one after the
 * other, each reparsed from the previous result, and compared with `parse` of the same text,
 * offsets included. `INCREMENTAL_RUNS=80` runs longer sequences than the default 12.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, type RowNode, type SourceFile } from '../../grammar/index.js';
import { generate } from '../../bench/generate.mjs';
import { diffRange, reparseEdit } from '../../server/src/lsp/incremental.js';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { checkText } from '../../server/src/checks/index.js';
import { ROOT, TestClient, uriOf } from './harness.js';
import { plain } from '../support/plain.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const INSERTS = ['1', '0', '9', '.', ',', '-', ' ', '  ', 'x', '中', '[', ']', '[甲]', '#', ':', '：', '其中', '栏', '—', '=', '|', '5,000', '万元'];

function rowStarts(file: SourceFile): number[] {
  const out: number[] = [];
  const walk = (rows: readonly RowNode[]): void => {
    for (const r of rows) {
      out.push(r.start);
      walk(r.children);
    }
  };
  for (const b of file.blocks) if (b.kind === 'allocation') walk(b.rows);
  return out;
}

function randomEdit(text: string, file: SourceFile, random: () => number): string {
  const starts = rowStarts(file);
  if (starts.length === 0) return text;
  const at0 = starts[Math.floor(random() * starts.length)]!;
  let end = at0;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const at = at0 + Math.floor(random() * (end - at0 + 1));
  const kind = random();
  if (kind < 0.55) return text.slice(0, at) + INSERTS[Math.floor(random() * INSERTS.length)]! + text.slice(at);
  if (kind < 0.85) return text.slice(0, at) + text.slice(Math.min(end, at + 1 + Math.floor(random() * 3)));
  return text.slice(0, at) + String(Math.floor(random() * 10)) + text.slice(Math.min(end, at + 1));
}

const sources = [
  ...['nanchang-hcszh-2022-67.notice', 'jiangxi-gcszh-2023-26.notice', 'jiangmen-jcs-2023-16.notice'].map((f) => ({ name: f, text: readFileSync(join(ROOT, 'examples', f), 'utf8') })),
  { name: 'generated 300 rows', text: (generate(300) as { text: string }).text },
  { name: 'generated, CRLF', text: (generate(100) as { text: string }).text.replace(/\n/g, '\r\n') },
];

describe('incremental reparse', () => {
  it('finds the one edited range of two texts', () => {
    expect(diffRange('abcdef', 'abXYef')).toEqual({ start: 2, oldEnd: 4, newEnd: 4 });
    expect(diffRange('aaa', 'aaaa')).toEqual({ start: 3, oldEnd: 3, newEnd: 4 });
    expect(diffRange('abc', 'abc')).toEqual({ start: 3, oldEnd: 3, newEnd: 3 });
  });

  it('takes the edit from the caller (the client change event), also a wider one, and ignores one that does not fit', () => {
    const random = rng(7);
    let checked = 0;
    for (const { text } of sources) {
      let current = text;
      let file = parse(current);
      for (let step = 0; step < 40; step++) {
        const next = randomEdit(current, file, random);
        const full = parse(next);
        const d = diffRange(current, next);
        // A client may send a range wider than the minimal difference (the unchanged characters retyped).
        const left = Math.min(d.start, Math.floor(random() * 3));
        const right = Math.min(current.length - d.oldEnd, Math.floor(random() * 3));
        const wide = { start: d.start - left, oldEnd: d.oldEnd + right, newEnd: d.newEnd + right };
        const quick = reparseEdit(current, file, next, wide);
        if (quick) {
          checked++;
          expect(plain(quick)).toEqual(plain(full));
        }
        // A range that does not describe the edit is not trusted: the texts are compared instead.
        const wrong = reparseEdit(current, file, next, { start: 0, oldEnd: 0, newEnd: next.length - current.length > 0 ? next.length - current.length : 0 });
        expect(plain(wrong)).toEqual(plain(reparseEdit(current, file, next)));
        current = next;
        file = quick ?? full;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  for (const { name, text } of sources) {
    it(`gives the full parse's tree after random edits in ${name}`, () => {
      const random = rng(text.length);
      let handled = 0;
      let total = 0;
      for (let run = 0; run < Number(process.env.INCREMENTAL_RUNS ?? 12); run++) {
        let current = text;
        let file = parse(current);
        for (let step = 0; step < 25; step++) {
          const next = randomEdit(current, file, random);
          const full = parse(next);
          const quick = reparseEdit(current, file, next);
          total++;
          if (quick) {
            handled++;
            expect(plain(quick), `edit ${run}.${step}: ${JSON.stringify(diffRange(current, next))}`).toEqual(plain(full));
          }
          current = next;
          file = quick ?? full;
        }
      }
      // Most edits on rows are handled without a full parse.
      expect(handled / total).toBeGreaterThan(0.3);
    });
  }
});

describe('incremental edits over the protocol', () => {
  it('publishes, for every one-character range edit, the diagnostics a full check of the text gives', async () => {
    const client = await TestClient.start();
    try {
      const uri = uriOf('incremental-range.notice');
      let text = (generate(300) as { text: string }).text;
      await client.open(uri, text);
      await client.diagnostics(uri, (p) => p.version === 1);
      const lines = text.split('\n');
      const rows = lines.map((l, i) => (/^ {8}\S/.test(l) ? i : -1)).filter((i) => i >= 0);
      let version = 1;
      for (let k = 0; k < 12; k++) {
        const line = rows[(Math.floor(k / 2) * 13) % rows.length]!;
        const m = /\s(-?[\d,]+\.\d+)/.exec(lines[line]!)!;
        const character = m.index + m[0].length - 1;
        const insert = k % 2 === 0;
        version++;
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: { line, character }, end: { line, character: insert ? character : character + 1 } }, text: insert ? '7' : '' }],
        });
        const ls = text.split('\n');
        ls[line] = insert ? ls[line]!.slice(0, character) + '7' + ls[line]!.slice(character) : ls[line]!.slice(0, character) + ls[line]!.slice(character + 1);
        text = ls.join('\n');
        const v = version;
        const published = await client.diagnostics(uri, (p) => p.version === v);
        const expected = checkText(text).diagnostics.map((d) => `${d.code}@${d.span.start}`);
        const index = text.split('\n');
        const offsets = published.diagnostics.map((d) => {
          let o = 0;
          for (let i = 0; i < d.range.start.line; i++) o += index[i]!.length + 1;
          return `${String(d.code)}@${o + d.range.start.character}`;
        });
        expect(offsets.sort()).toEqual(expected.sort());
        expect(published.diagnostics.length).toBe(insert ? 2 : 0);
      }
    } finally {
      await client.stop();
    }
  });
});
