/**
 * Quick fixes as before/after pairs: `test/fixes/<code>[-variant].notice` is checked, the
 * first fix of every diagnostic of that code is applied (edits non-overlapping, from the
 * end), and the result must equal `<name>.fixed.notice`. The fixed text is checked again:
 * the code must be gone (a fix that leaves its own diagnostic behind fixes nothing).
 *
 * `UPDATE_FIXTURES=1` writes a missing `.fixed.notice` from today's fixes — review it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkText, DIAGNOSTIC_CODES } from '../server/src/checks/index.js';
import { applyEdits, firstFixEdits } from './support/fixes.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixes');
const UPDATE = process.env['UPDATE_FIXTURES'] === '1';

/** The diagnostic code a pair is about: the longest code its file name starts with. */
function codeOf(name: string): string {
  const base = name.replace(/\.notice$/, '');
  const code = [...DIAGNOSTIC_CODES].sort((a, b) => b.length - a.length).find((c) => base === c || base.startsWith(`${c}-`));
  if (!code) throw new Error(`${name}: the file name must start with a diagnostic code`);
  return code;
}

const inputs = readdirSync(DIR)
  .filter((f) => f.endsWith('.notice') && !f.endsWith('.fixed.notice'))
  .sort();

describe('quick fixes', () => {
  it('cover the codes whose diagnostics carry fixes', () => {
    const covered = new Set(inputs.map(codeOf));
    for (const code of [
      'sum-mismatch',
      'formula-mismatch',
      'code-name-mismatch',
      'doc-number-format',
      'missing-direct-fund-tag',
      'unknown-direct-fund-tag',
      'kpi-structure',
      'indentation',
      'amount-mismatch',
    ]) {
      expect(covered, code).toContain(code);
    }
  });

  for (const name of inputs) {
    const code = codeOf(name);
    it(`${name}: every ${code} fix applied gives ${name.replace(/\.notice$/, '.fixed.notice')}`, () => {
      const input = readFileSync(path.join(DIR, name), 'utf8');
      const fixedPath = path.join(DIR, name.replace(/\.notice$/, '.fixed.notice'));
      const before = checkText(input).diagnostics.filter((d) => d.code === code);
      expect(before.length, `${name} should report ${code}`).toBeGreaterThan(0);
      for (const d of before) expect(d.fixes?.length ?? 0, `${d.message} should carry a fix`).toBeGreaterThan(0);

      const fixed = applyEdits(input, firstFixEdits(before, code));
      if (UPDATE && !existsSync(fixedPath)) writeFileSync(fixedPath, fixed);
      expect(fixed).toBe(readFileSync(fixedPath, 'utf8'));

      const after = checkText(fixed).diagnostics.filter((d) => d.code === code);
      expect(after.map((d) => d.message)).toEqual([]);
    });
  }
});

describe('applyEdits', () => {
  it('applies edits from the end, so offsets of earlier edits stay valid', () => {
    const edits = [
      { span: { start: 0, end: 1 }, newText: 'AA' },
      { span: { start: 2, end: 3 }, newText: '' },
      { span: { start: 4, end: 4 }, newText: '!' },
    ];
    expect(applyEdits('abcd', edits)).toBe('AAbd!');
  });

  it('keeps inserts at one offset in the order given', () => {
    const edits = [
      { span: { start: 1, end: 1 }, newText: '1' },
      { span: { start: 1, end: 1 }, newText: '2' },
    ];
    expect(applyEdits('ab', edits)).toBe('a12b');
  });

  it('refuses overlapping edits', () => {
    expect(() =>
      applyEdits('abcd', [
        { span: { start: 0, end: 2 }, newText: 'x' },
        { span: { start: 1, end: 3 }, newText: 'y' },
      ]),
    ).toThrow(/overlapping/);
  });
});
