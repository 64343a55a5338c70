/**
 * Recovery from indentation that matches no level, tried as an official makes the mistake:
 * one row a space too shallow or too deep, or a 小计 row deleted from the middle of a national
 * table whose every total is right. Each gives one `indentation` diagnostic where the
 * structure broke, no false `sum-mismatch` on the correct totals around it, and no offered fix
 * (of any diagnostic) that changes a number.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.mjs';
import { checkText } from '../server/src/checks/index.js';
import { applyEdits } from './support/fixes.js';

const TABLE = generate(2500).text;
const LINES = TABLE.split('\n');

/** The row lines of the generated table, by index, with their indentation width. */
const ROWS = LINES.flatMap((line, i) => {
  const m = /^( +)\S+(?: \[[^\]]+\])?(?: +(?:-?[\d,]+(?:\.\d+)?|-)){4,}$/.exec(line);
  return m ? [{ i, width: m[1]!.length }] : [];
});

/** Every number of a text, in order. */
const numbers = (text: string): string[] => text.match(/-?\d[\d,]*(?:\.\d+)?/g) ?? [];

function withLine(i: number, line: string | undefined): string {
  const copy = LINES.slice();
  if (line === undefined) copy.splice(i, 1);
  else copy[i] = line;
  return copy.join('\n');
}

/** The checks of `text`: its diagnostics' codes, and whether any offered fix changes a number. */
function outcome(text: string): { codes: string[]; indentation: number; numberFixes: string[] } {
  const diagnostics = checkText(text).diagnostics;
  const before = numbers(text).join(' ');
  const numberFixes: string[] = [];
  for (const d of diagnostics) {
    for (const fix of d.fixes ?? []) {
      if (numbers(applyEdits(text, fix.edits)).join(' ') !== before) numberFixes.push(`${d.code}: ${fix.title}`);
    }
  }
  return { codes: diagnostics.map((d) => d.code), indentation: diagnostics.filter((d) => d.code === 'indentation').length, numberFixes };
}

/** Rows to try: every 40th, so that provinces, cities and counties all come up. */
const SAMPLE = ROWS.filter((_, k) => k % 40 === 3);

describe('a row whose indentation matches no level', () => {
  it('the generated table checks clean as it is', () => {
    expect(ROWS.length).toBeGreaterThan(2000);
    expect(checkText(TABLE).diagnostics).toEqual([]);
  });

  it('one space too shallow: one indentation error, no sum-mismatch, no fix that changes a number', () => {
    let tried = 0;
    for (const { i, width } of SAMPLE) {
      if (width <= 4) continue; // the table's first level: one space less is still below its head
      const text = withLine(i, LINES[i]!.slice(1));
      const o = outcome(text);
      expect(o.indentation, `line ${i + 1}`).toBe(1);
      expect(o.codes.filter((c) => c !== 'indentation'), `line ${i + 1}`).toEqual([]);
      expect(o.numberFixes, `line ${i + 1}`).toEqual([]);
      tried++;
    }
    expect(tried).toBeGreaterThan(30);
  });

  it('one space too deep: one indentation error, no sum-mismatch, no fix that changes a number', () => {
    let tried = 0;
    for (const { i } of SAMPLE) {
      const text = withLine(i, ' ' + LINES[i]!);
      const o = outcome(text);
      expect(o.indentation, `line ${i + 1}`).toBe(1);
      expect(o.codes.filter((c) => c !== 'indentation'), `line ${i + 1}`).toEqual([]);
      expect(o.numberFixes, `line ${i + 1}`).toEqual([]);
      tried++;
    }
    expect(tried).toBeGreaterThan(40);
  });

  it('a subtotal deleted where its parts then skip a level: one diagnostic where the structure broke, no fix that changes a number', () => {
    // A row that has parts and is the first part of its own parent: deleting it leaves its parts
    // two levels under the parent, and the rows after them one level under it.
    let tried = 0;
    for (let k = 1; k + 1 < ROWS.length; k++) {
      const { i, width } = ROWS[k]!;
      const parent = ROWS[k - 1]!;
      const child = ROWS[k + 1]!;
      if (parent.width !== width - 2 || child.width !== width + 2) continue;
      // (Only where a later sibling keeps the level the deleted row had.)
      const later = ROWS.slice(k + 1).find((r) => r.width <= width);
      if (!later || later.width !== width) continue;
      const o = outcome(withLine(i, undefined));
      expect(o.indentation, `line ${i + 1}`).toBe(1);
      expect(o.numberFixes, `line ${i + 1}`).toEqual([]);
      tried++;
      if (tried >= 25) break;
    }
    expect(tried).toBeGreaterThan(10);
  });
});
