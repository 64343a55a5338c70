/**
 * The reader: a compact printed syntax tree of a small file that uses every form (notice
 * fields, 正文, an allocation table with 栏组, text columns, a formula, 来源, rows with
 * 其中, a KPI table with continuation lines and two value columns), compared with a
 * snapshot file; and the exactness of every span in the tree.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, type BlockNode, type FieldNode, type KpiGroupNode, type RowNode, type SourceFile, type Word } from '../grammar/index.js';
import { checkText } from '../server/src/checks/index.js';
import { plain } from './support/plain.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE = readFileSync(path.join(HERE, 'parser', 'every-form.notice'), 'utf8');

/** `"text"@start` — the end is implied by the text (checked separately below). */
function w(word: Word | undefined): string {
  return word ? `${JSON.stringify(word.text)}@${word.start}` : '-';
}

function printField(f: FieldNode, pad: string, out: string[]): void {
  out.push(`${pad}field ${w(f.key)} = ${w(f.value)}`);
  for (const c of f.continuation) out.push(`${pad}  continued ${w(c)}`);
}

function printRow(r: RowNode, pad: string, out: string[]): void {
  const flags = [r.breakdown ? '其中' : '', r.broken ? 'broken' : ''].filter(Boolean).join(',');
  const texts = r.textCells.map(w).join(' ');
  const cells = r.cells.map((c) => `${c.kind === 'empty' ? '∅' : ''}${JSON.stringify(c.text)}@${c.start}`).join(' ');
  out.push(`${pad}row ${w(r.name)}${flags ? ` (${flags})` : ''}${texts ? ` texts[${texts}]` : ''} cells[${cells}]`);
  for (const c of r.children) printRow(c, pad + '  ', out);
}

function printGroup(g: KpiGroupNode, pad: string, out: string[]): void {
  out.push(`${pad}group ${w(g.name)}`);
  for (const f of g.indicators) printField(f, pad + '  ', out);
  for (const c of g.groups) printGroup(c, pad + '  ', out);
}

function printBlock(b: BlockNode, out: string[]): void {
  switch (b.kind) {
    case 'notice':
      out.push(`notice [${b.start},${b.end}) ${w(b.keyword)} docNumber ${w(b.docNumber)}`);
      for (const f of b.fields) printField(f, '  ', out);
      if (b.body) {
        out.push(`  body ${w(b.body.keyword)}`);
        for (const p of b.body.paragraphs) out.push(`    paragraph ${w(p)}`);
      }
      break;
    case 'allocation':
      out.push(`allocation [${b.start},${b.end}) ${w(b.label)} ${w(b.keyword)} title ${w(b.title)}`);
      for (const f of b.fields) printField(f, '  ', out);
      for (const c of b.columns) {
        const parts = [`id ${w(c.id)}`, `title ${w(c.title)}`];
        if (c.isText) parts.push('text');
        if (c.formula) parts.push(`formula ${w(c.formula)}`);
        if (c.source) parts.push(`source ${w(c.source)}`);
        if (c.group) parts.push(`group ${w(c.group)}`);
        out.push(`  column ${parts.join(' ')}`);
      }
      for (const r of b.rows) printRow(r, '  ', out);
      break;
    case 'kpi':
      out.push(`kpi [${b.start},${b.end}) ${w(b.label)} ${w(b.keyword)} title ${w(b.title)}`);
      for (const f of b.fields) printField(f, '  ', out);
      for (const g of b.groups) printGroup(g, '  ', out);
      break;
  }
}

/** The whole tree, one node per line. */
export function printTree(file: SourceFile): string {
  const out: string[] = [];
  for (const b of file.blocks) printBlock(b, out);
  for (const c of file.comments) out.push(`comment ${w(c)}`);
  for (const p of file.problems) out.push(`problem ${p.code} [${p.start},${p.end}) ${p.message}`);
  return out.join('\n') + '\n';
}

/** Every object in the tree that looks like a slice of the source (`text`, `start`, `end`). */
function slices(node: unknown, out: { path: string; text: string; start: number; end: number }[] = [], at = 'file'): typeof out {
  if (Array.isArray(node)) node.forEach((n, i) => slices(n, out, `${at}[${i}]`));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o['text'] === 'string' && typeof o['start'] === 'number' && typeof o['end'] === 'number') {
      out.push({ path: at, text: o['text'], start: o['start'], end: o['end'] });
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'text') slices(v, out, `${at}.${k}`);
  }
  return out;
}

describe('parser', () => {
  const file = parse(SAMPLE);

  it('reads the every-form sample without a problem, and it checks clean', () => {
    expect(file.problems).toEqual([]);
    expect(checkText(SAMPLE).diagnostics).toEqual([]);
  });

  it('prints the syntax tree of the every-form sample as in the snapshot', async () => {
    await expect(printTree(file)).toMatchFileSnapshot('./__snapshots__/every-form.tree.txt');
  });

  it('gives every word its exact span: text.slice(start, end) === word.text', () => {
    const words = slices(plain(file.blocks)).concat(slices(file.comments, [], 'comments'));
    expect(words.length).toBeGreaterThan(100);
    for (const word of words) {
      expect(SAMPLE.slice(word.start, word.end), word.path).toBe(word.text);
    }
  });

  it('gives exact spans in the examples too, and in a CRLF copy with a BOM', () => {
    for (const name of ['nanchang-hcszh-2022-67.notice', 'jiangxi-gcszh-2023-26.notice', 'jiangmen-jcs-2023-16.notice']) {
      const text = readFileSync(path.join(HERE, '..', 'examples', name), 'utf8');
      for (const variant of [text, '\uFEFF' + text.replace(/\n/g, '\r\n')]) {
        const f = parse(variant);
        expect(f.problems, name).toEqual([]);
        for (const word of slices(plain(f.blocks))) expect(variant.slice(word.start, word.end), `${name} ${word.path}`).toBe(word.text);
      }
    }
  });

  it('keeps node spans nested: every block, row and field lies inside the text and inside its parent', () => {
    const inside = (inner: { start: number; end: number }, outer: { start: number; end: number }, what: string): void => {
      expect(inner.start <= inner.end && inner.start >= outer.start && inner.end <= outer.end, what).toBe(true);
    };
    const whole = { start: 0, end: SAMPLE.length };
    const row = (r: RowNode, parent: { start: number; end: number }): void => {
      inside(r, parent, `row ${r.name.text}`);
      inside(r.name, r, `name of ${r.name.text}`);
      for (const c of r.cells) inside(c, r, `cell of ${r.name.text}`);
    };
    for (const b of file.blocks) {
      inside(b, whole, b.kind);
      if (b.kind === 'allocation') for (const r of b.rows) row(r, b);
      if (b.kind !== 'allocation') for (const f of b.fields) inside(f, b, `field ${f.key.text}`);
    }
  });

  it('reads a line the same wherever the parser instance was before (it is reused)', () => {
    const again = parse(SAMPLE);
    expect(printTree(again)).toBe(printTree(file));
  });
});
