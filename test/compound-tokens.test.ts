/**
 * The lexer reads a table row with the rows under it as one `RowBlock` token, a table row's
 * line as one `RowLine`, a run of numeric cells as one `NumberRun` and a `[文字]` as one
 * `TextCell` (grammar/tokens.ts), each standing for the tokens it replaces. `parseEveryToken` reads the same text with every word, number, dash and
 * bracket as its own token; the two syntax trees and problem lists must be the same on every
 * text: the examples and fixtures, and random tables built from the pieces a row line can be
 * made of, including the ones that must not be read as one token (names with spaces,
 * keywords, numbers as names, blank or unclosed text cells, comments after the numbers).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseEveryToken, parseFallbacks } from '../grammar/index.js';
import { generate } from '../bench/generate.mjs';
import { plain } from './support/plain.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

function noticeFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.notice'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

/** Parses `text` both ways; returns whether `parse` kept its compound reading (it falls back after a parser error). */
function sameBothWays(text: string): boolean {
  const before = parseFallbacks();
  const compound = parse(text);
  expect(plain(compound)).toEqual(plain(parseEveryToken(text)));
  return parseFallbacks() === before;
}

// Well-formed pieces of a row line, and pieces that must not be read as one token.
const GOOD_NAMES = ['东城区', '省本级（含）', 'A', 'a#b', '合计', '其中城市', '其中：城市', '栏次', '附件1a', '２０２２年'];
const NAMES = [
  ...GOOD_NAMES, '南昌 市', '其中', '其中:', '栏', '栏组', '通知', '正文', '分配表', '附件1', '2022年', '1,000',
  '-', '—', '１２', '#注', '城市：', '城市=', 'x|y', '[一般县]',
];
const GOOD_TEXT_CELLS = ['[一般县]', '［西部县区］', '[a#]'];
const TEXT_CELLS = [...GOOD_TEXT_CELLS, '[ ]', '[其中]', '[附件2]', '[12]', '[a b]', '[a', '[-]', '[]'];
const GOOD_NUMBERS = ['100', '1,000.5', '-3', '－4', '-', '—', '–', '0.25', '007', '12,345,678.90'];
const NUMBERS = [...GOOD_NUMBERS, '12x', '1万元', '1,00', '1,2345', '1234,567', '1,234.5.6', '-,1', '--1', '３', '1.', '.5'];
const HEADS = [
  '附件1 分配表：表\n  单位：万元\n  栏 a：甲\n  栏 b：乙\n  栏 c：丙 = a + b\n',
  '附件1 分配表：表\n  栏组 全年\n',
  '附件2 绩效目标表：表\n  产出指标\n',
  '通知 某财社〔2024〕1号\n  正文\n',
  '',
];

/** A row line; `good`: from the well-formed pieces only. */
function rowLine(good: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.integer({ min: 1, max: 3 }),
      fc.constantFrom('', '', '', '其中 ', '其中：', '其中:', '其中'),
      fc.constantFrom(...(good ? GOOD_NAMES : NAMES)),
      fc.array(fc.tuple(fc.constantFrom(' ', '  ', '\t', '\u3000', ''), fc.constantFrom(...(good ? GOOD_TEXT_CELLS : TEXT_CELLS))), { maxLength: 2 }),
      fc.array(fc.tuple(fc.constantFrom(' ', '  ', '\t', good ? ' ' : ''), fc.constantFrom(...(good ? GOOD_NUMBERS : NUMBERS))), {
        minLength: good ? 2 : 0,
        maxLength: 4,
      }),
      fc.constantFrom('', '', ' ', ...(good ? [] : [' # 注释', '#x'])),
    )
    .map(([depth, breakdown, name, texts, numbers, end]) =>
      '  '.repeat(depth) + breakdown + name + texts.map(([s, t]) => s + t).join('') + numbers.map(([s, n]) => s + n).join('') + end,
    );
}

const anyRowLine = fc.oneof({ arbitrary: rowLine(true), weight: 6 }, { arbitrary: rowLine(false), weight: 1 });

const table = fc
  .tuple(fc.constantFrom(...HEADS), fc.array(anyRowLine, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([head, rows, eol, last]) => (head + rows.join('\n') + (last ? '\n' : '')).replace(/\n/g, eol));

/**
 * A nested table: rows at levels that go up and down, indented two spaces a level, sometimes
 * with a width off the levels, a tab or a full-width space; blank lines, comment lines and
 * lines that are not rows among them (a row with the lines under it is read as one `RowBlock`
 * where that is plain).
 */
const nestedLine = fc.tuple(
  fc.constantFrom(-2, -1, -1, 0, 0, 1, 1, 1),
  fc.oneof(
    { arbitrary: fc.constantFrom('', '', '', '', ' ', '\t', '\u3000'), weight: 1 },
    { arbitrary: fc.constant(''), weight: 8 },
  ),
  fc.oneof(
    { arbitrary: rowLine(true).map((l) => l.trimStart()), weight: 20 },
    { arbitrary: rowLine(false).map((l) => l.trimStart()), weight: 2 },
    { arbitrary: fc.constantFrom('', '   ', '# 注释', '单位：万元', '说明文字', '其中 城市 1 2'), weight: 2 },
  ),
);

const nestedTable = fc
  .tuple(fc.constantFrom(HEADS[0]!, HEADS[0]!, HEADS[1]!, ''), fc.array(nestedLine, { minLength: 1, maxLength: 14 }), fc.constantFrom('\n', '\r\n'), fc.constantFrom('', '\n', '\n  # 尾注\n', '\n附件3 分配表：乙\n  合计 1 2\n'))
  .map(([head, lines, eol, tail]) => {
    let level = 0;
    const out = lines.map(([step, odd, content]) => {
      level = Math.max(0, Math.min(6, level + step));
      const indent = '  '.repeat(level + 1);
      return (odd === ' ' ? indent + ' ' : odd === '' ? indent : indent.slice(0, -2) + odd) + content;
    });
    return (head + out.join('\n') + tail).replace(/\n/g, eol);
  });

describe('a row line read as one token reads the same as its tokens one by one', () => {
  it('in the examples, the fixtures, the language reference’s sample and a generated national table', () => {
    const texts = [
      ...noticeFiles(path.join(ROOT, 'examples')),
      ...noticeFiles(path.join(ROOT, 'test', 'fixtures')),
      ...noticeFiles(path.join(ROOT, 'test', 'parser')),
      generate(500).text,
    ];
    expect(texts.length).toBeGreaterThan(40);
    const compound = texts.filter(sameBothWays).length;
    // Nearly all of them were read with the compound tokens (no parser error).
    expect(compound).toBeGreaterThan(30);
  });

  it('in random tables of well-formed and malformed row lines', () => {
    let compound = 0;
    fc.assert(
      fc.property(table, (text) => {
        if (sameBothWays(text)) compound++;
      }),
      { numRuns: 600 },
    );
    // Most of them parse without error, so the comparison is not only of the fallback.
    expect(compound).toBeGreaterThan(400);
  });

  it('in random nested tables, with blank lines, comments, stray lines and indentation off the levels among the rows', () => {
    let compound = 0;
    fc.assert(
      fc.property(nestedTable, (text) => {
        if (sameBothWays(text)) compound++;
      }),
      { numRuns: 800 },
    );
    expect(compound).toBeGreaterThan(300);
  });
});
