/**
 * The 资金链 tree as the CLI and the editor's view get it (server/src/checks/chain-tree.ts,
 * chain-words.ts): the order of notices side by side, whatever order their files were read
 * in, the county level under its city, and the words of links and of the summary.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '../grammar/index.js';
import { NoticeSet } from '../server/src/checks/index.js';
import { chainTree, type ChainNode } from '../server/src/checks/chain-tree.js';
import { chainSummary, linkLines } from '../server/src/checks/chain-words.js';
import { buildModel } from '../server/src/model/build.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function setOf(files: string[]): NoticeSet {
  const set = new NoticeSet();
  for (const f of files) set.set(f, buildModel(parse(readFileSync(path.join(ROOT, f), 'utf8'))));
  return set;
}

function folder(name: string): string[] {
  return readdirSync(path.join(ROOT, 'test/chain', name)).filter((f) => f.endsWith('.notice')).map((f) => `test/chain/${name}/${f}`);
}

const numbers = (nodes: readonly ChainNode[]): string[] => nodes.map((n) => n.number ?? '');

describe('chainTree', () => {
  it('orders notices side by side by 年度, the issuer\'s level, then the 文号, in whatever order the files come', () => {
    const files = [...folder('mismatch'), ...folder('nanchang'), 'examples/nanchang-hcszh-2022-67.notice'];
    for (const order of [files, [...files].reverse()]) {
      const set = setOf(order);
      const roots = chainTree(set.all(), set);
      expect(numbers(roots)).toEqual(['洪财社指〔2021〕143号', '赣财社指〔2022〕52号', '洪财社指〔2022〕27号', '赣财社指〔2023〕12号', '洪财社指〔2023〕5号', '洪财社指〔2023〕31号']);
    }
  });

  it('a county\'s notice hangs under its city\'s, which hangs under the province\'s', () => {
    const set = setOf([...folder('nanchang'), 'examples/nanchang-hcszh-2022-67.notice']);
    const province = chainTree(set.all(), set).find((n) => n.number === '赣财社指〔2022〕52号')!;
    const city = province.children[0]!;
    const county = city.children[0]!;
    expect([province.region, city.region, county.region]).toEqual(['江西省', '南昌市', '进贤县']);
    expect(county.number).toBe('进财社〔2022〕41号');
    expect(linkLines(county, '工作区')).toEqual([{ verdict: 'agrees', text: '本级下达（中央） 20万元，上级下达本地区 洪财社指〔2022〕67号 20万元' }]);
  });
});

describe('the words of the tree', () => {
  it('says where a cited notice was looked for, and counts what does not agree', () => {
    const set = setOf(folder('mismatch'));
    const roots = chainTree(set.all(), set);
    const city = roots[0]!.children[0]!;
    expect(linkLines(city, '工作区').map((l) => l.verdict)).toEqual(['differs', 'differs']);
    const unchecked = roots.find((n) => n.number === '洪财社指〔2023〕31号')!;
    expect(linkLines(unchecked, '工作区')).toEqual([{ verdict: 'unchecked', text: '“已下达”：所引 洪财社指〔2023〕8号 不在工作区中，未核对' }]);
    expect(chainSummary(roots, '工作区')).toBe('4 份通知，3 条链：2 处不相符');
    expect(chainSummary([], '工作区')).toBe('工作区中没有通知');
    expect(chainSummary([], '文件夹')).toBe('文件夹中没有通知');
  });
});
