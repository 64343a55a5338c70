/**
 * The checks across notices (`already-issued`, `from-above`) on folders of notices: each
 * folder under test/chain is one set, every file checked against the others (as
 * `notice check --with DIR` and the workspace do). The written notices carry their expected
 * diagnostics as annotations (./support/annotations.ts); the examples, which other tests pin
 * exactly, are added to the sets that cite them, and must get no diagnostic across notices.
 *
 *   UPDATE_FIXTURES=1 npx vitest run test/chain.test.ts   rewrites the annotations (review them)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/index.js';
import { checkText, NoticeSet } from '../server/src/checks/index.js';
import { alreadyIssuedLinks, fromAboveLinks } from '../server/src/checks/chain.js';
import { buildModel } from '../server/src/model/build.js';
import { annotationsOf, diffAnnotations, formatDiff, parseAnnotations, rewriteAnnotations } from './support/annotations.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SETS = path.join(HERE, 'chain');
const EXAMPLES = path.join(HERE, '..', 'examples');
const UPDATE = process.env['UPDATE_FIXTURES'] === '1';

/** The examples each set cites (by file name in examples/). */
const WITH_EXAMPLES: Record<string, string[]> = {
  nanchang: ['nanchang-hcszh-2022-67.notice'],
  jiangxi: ['jiangxi-gcszh-2023-26.notice'],
};

function setOf(name: string): { files: string[]; examples: string[]; notices: NoticeSet } {
  const dir = path.join(SETS, name);
  const files = readdirSync(dir).filter((f) => f.endsWith('.notice')).map((f) => path.join(dir, f)).sort();
  const examples = (WITH_EXAMPLES[name] ?? []).map((f) => path.join(EXAMPLES, f));
  const notices = new NoticeSet();
  for (const f of [...files, ...examples]) notices.set(f, buildModel(parse(readFileSync(f, 'utf8'))));
  return { files, examples, notices };
}

const ACROSS = new Set(['already-issued', 'from-above']);

for (const name of readdirSync(SETS).sort()) {
  describe(`notice set ${name}`, () => {
    const set = setOf(name);
    for (const file of set.files) {
      it(path.basename(file), () => {
        const check = (t: string) => checkText(t, { notices: set.notices }).diagnostics;
        if (UPDATE) {
          const before = readFileSync(file, 'utf8');
          const after = rewriteAnnotations(before, check);
          if (after !== before) writeFileSync(file, after);
        }
        const text = readFileSync(file, 'utf8');
        const expected = parseAnnotations(text);
        const actual = annotationsOf(text, check(text));
        const diff = diffAnnotations(expected, actual);
        if (diff.missing.length > 0 || diff.unexpected.length > 0) expect.fail(formatDiff(file, diff));
      });
    }
    for (const example of set.examples) {
      it(`${path.basename(example)} agrees with the notices it cites`, () => {
        const text = readFileSync(example, 'utf8');
        const across = checkText(text, { notices: set.notices }).diagnostics.filter((d) => ACROSS.has(d.code));
        expect(across.map((d) => `${d.severity}[${d.code}] ${d.message}`)).toEqual([]);
      });
    }
  });
}

describe('what the examples are compared with', () => {
  it('Nanchang 67号: every county\'s 已下达 against 洪财社指〔2021〕143号 + 〔2022〕27号 (one in 元), its total against 赣财社指〔2022〕52号', () => {
    const { notices, examples } = setOf('nanchang');
    const model = buildModel(parse(readFileSync(examples[0]!, 'utf8')));
    const [link] = alreadyIssuedLinks(model.tables[0]!, notices);
    expect(link!.summed.map((c) => c.number)).toEqual(['洪财社指〔2021〕143号', '洪财社指〔2022〕27号']);
    expect(link!.missing).toEqual([]);
    // 13 rows under the total, each the sum of two figures; 南昌县 122 = 74 + 48 (480,000元).
    expect(link!.rows.length).toBe(13);
    const county = link!.rows.find((r) => r.row.name === '南昌县')!;
    expect(county.figures.map((f) => f.value.toString())).toEqual(['74', '48']);
    expect(link!.rows.every((r) => r.agrees)).toBe(true);
    const above = fromAboveLinks(model.notices[0]!, notices);
    expect(above.region).toBe('南昌市');
    expect(above.figures.map((f) => [f.ours.toString(), f.theirs.map((t) => t.value.toString()), f.agrees])).toEqual([['166', ['166'], true]]);
  });

  it('Jiangxi 26号: 中央 and 省级 columns against 56号 (中央) and 90号 (省级); its 本次 + 已下达 against the ministry\'s two notices', () => {
    const { notices, examples } = setOf('jiangxi');
    const model = buildModel(parse(readFileSync(examples[0]!, 'utf8')));
    const links = alreadyIssuedLinks(model.tables[0]!, notices);
    expect(links.map((l) => [l.column.column.id, l.column.source, l.rows.length > 100, l.rows.every((r) => r.agrees)])).toEqual([
      ['已下达中央', '中央', true, true],
      ['已下达省级', '省级', true, true],
    ]);
    const above = fromAboveLinks(model.notices[0]!, notices);
    expect(above.region).toBe('江西省');
    expect(above.figures.map((f) => [f.source, f.ours.toString(), f.theirs.map((t) => t.value.toString()), f.agrees])).toEqual([['中央', '19794', ['79510', '19794'], true]]);
  });

  it('already-issued-ok.notice is silent because every row was compared and agrees, not because nothing was', () => {
    const model = buildModel(parse(readFileSync(path.join(HERE, 'fixtures', 'already-issued-ok.notice'), 'utf8')));
    const notices = new NoticeSet();
    notices.set('fixture', model);
    const links = alreadyIssuedLinks(model.notices[2]!.tables[0]!, notices);
    // 洪财社指 only (赣财社指〔2023〕3号 is the province's); 南昌县 中央 = 723,456元 + 10万元 → 82.3456, printed 82.35.
    expect(links.map((l) => [l.column.column.id, l.summed.map((c) => c.number), l.rows.map((r) => `${r.row.name} ${r.expected.toString()}`), l.rows.every((r) => r.agrees)])).toEqual([
      ['已下达中央', ['洪财社指〔2023〕5号', '洪财社指〔2023〕9号'], ['南昌县 82.3456', '新建区 70', '进贤县 60'], true],
      ['已下达省级', ['洪财社指〔2023〕5号', '洪财社指〔2023〕9号'], ['南昌县 5', '新建区 4', '进贤县 3'], true],
    ]);
    // A column with no source is all the money: the cited notice's 中央 + 省级.
    const [all] = alreadyIssuedLinks(model.notices[2]!.tables[1]!, notices);
    expect(all!.rows.map((r) => `${r.row.name} ${r.expected.toString()} ${r.agrees}`)).toEqual(['南昌县 15 true', '新建区 14 true', '进贤县 13 true']);
  });

  it('a cited notice that is missing is information, never an error or a warning', () => {
    const text = readFileSync(path.join(SETS, 'mismatch', 'hcszh-2023-31.notice'), 'utf8');
    const across = checkText(text, { notices: new NoticeSet() }).diagnostics.filter((d) => ACROSS.has(d.code));
    expect(across.map((d) => d.severity)).toEqual(['information']);
    expect(across[0]!.message).toContain('洪财社指〔2023〕8号');
  });

  it('without other notices the checks across notices say nothing', () => {
    const text = readFileSync(path.join(SETS, 'mismatch', 'hcszh-2023-30.notice'), 'utf8');
    expect(checkText(text).diagnostics.filter((d) => ACROSS.has(d.code))).toEqual([]);
  });
});
