/**
 * The data-driven fixture runner: every `test/fixtures/**\/*.notice` (but `*.fixed.notice`)
 * is checked, and its diagnostics, rendered as annotation lines, must be exactly the ones
 * written in the file (see ./support/annotations.ts for the form).
 *
 * To write a new fixture, put the input in place and run
 *   UPDATE_FIXTURES=1 npx vitest run test/fixtures.test.ts [-t <fixture name>]
 * which rewrites the annotations from the checker's output — then review every one by
 * hand: a check must never fire on a correct table. A fixture with a `# BUG:` line
 * asserts the correct behaviour of a known core bug and is never rewritten.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/index.js';
import { checkModel, DIAGNOSTIC_CODES, NoticeSet, type Diagnostic } from '../server/src/checks/index.js';
import { buildModel } from '../server/src/model/build.js';
import {
  annotationsOf,
  diffAnnotations,
  formatDiff,
  parseAnnotations,
  rewriteAnnotations,
} from './support/annotations.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(HERE, 'fixtures');
const UPDATE = process.env['UPDATE_FIXTURES'] === '1';

function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...fixtureFiles(p));
    else if (e.name.endsWith('.notice') && !e.name.endsWith('.fixed.notice')) out.push(p);
  }
  return out.sort();
}

const files = fixtureFiles(FIXTURES);

/**
 * A fixture's diagnostics. A fixture is one file, and its notices are the ones the checks
 * across notices (`already-issued`, `from-above`) can find: a file may hold an earlier notice
 * and the one that cites it, as `notice check` of that file with `--with` its folder would.
 */
function check(text: string): Diagnostic[] {
  const model = buildModel(parse(text));
  const notices = new NoticeSet();
  notices.set('fixture', model);
  return checkModel(model, { notices });
}

describe('annotated fixtures', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(DIAGNOSTIC_CODES.length);
  });

  for (const file of files) {
    const name = path.relative(FIXTURES, file);
    it(name, () => {
      if (UPDATE && !/^# BUG:/m.test(readFileSync(file, 'utf8'))) {
        const before = readFileSync(file, 'utf8');
        const after = rewriteAnnotations(before, check);
        if (after !== before) writeFileSync(file, after);
      }
      const text = readFileSync(file, 'utf8');
      const expected = parseAnnotations(text);
      const actual = annotationsOf(text, check(text));
      const diff = diffAnnotations(expected, actual);
      if (diff.missing.length > 0 || diff.unexpected.length > 0) expect.fail(formatDiff(name, diff));
      expect(actual.length).toBe(expected.length);
    });
  }
});

describe('fixture coverage of the diagnostic codes', () => {
  const annotated = (file: string): string[] => parseAnnotations(readFileSync(path.join(FIXTURES, file), 'utf8')).map((a) => a.code);

  for (const code of DIAGNOSTIC_CODES) {
    it(`${code}: ${code}.notice shows it firing, ${code}-ok.notice shows it silent`, () => {
      const firing = annotated(`${code}.notice`);
      expect(firing, `${code}.notice must annotate at least one ${code}`).toContain(code);
      const ok = annotated(`${code}-ok.notice`);
      expect(ok, `${code}-ok.notice must not annotate ${code}`).not.toContain(code);
    });
  }
});

describe('the annotation form', () => {
  it('reads severity, code, message and the caret columns under the nearest non-annotation line', () => {
    const text = ['  合计   907', '#        ^^^ error[sum-mismatch]: 合计 907 ≠ 各项之和 908（差 -1）', '#^ hint[syntax]: x'].join('\n');
    expect(parseAnnotations(text)).toEqual([
      { line: 0, startCol: 9, endCol: 12, severity: 'error', code: 'sum-mismatch', message: '合计 907 ≠ 各项之和 908（差 -1）' },
      { line: 0, startCol: 1, endCol: 2, severity: 'hint', code: 'syntax', message: 'x' },
    ]);
  });

  it('renders a range at column 0 from column 1, cuts one past the line end, and gives an empty range one caret', () => {
    const text = 'abc\ndefgh\n';
    const a = annotationsOf(text, [
      { code: 'syntax', severity: 'error', span: { start: 0, end: 3 }, message: 'm' },
      { code: 'syntax', severity: 'error', span: { start: 5, end: 11 }, message: 'm' },
      { code: 'syntax', severity: 'error', span: { start: 6, end: 6 }, message: 'm' },
    ]);
    expect(a.map((x) => [x.line, x.startCol, x.endCol])).toEqual([
      [0, 1, 3],
      [1, 1, 5],
      [1, 2, 3],
    ]);
  });

  it('treats annotation lines as comments: they change no diagnostic', () => {
    const plain = '附件1 分配表：表\n  单位：万元\n  栏 金额：金额\n  合计 3\n    甲 1\n    乙 1\n';
    const annotated = rewriteAnnotations(plain, check);
    expect(annotated).not.toBe(plain);
    const codes = (t: string): string[] => check(t).map((d) => `${d.code}:${d.message}`);
    expect(codes(annotated)).toEqual(codes(plain));
  });
});
