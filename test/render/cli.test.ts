import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../server/src/cli/main.js';
import { runRender } from '../../server/src/cli/render.js';
import { CLEAN, EXAMPLES } from './fixtures.js';
import { readDocx } from './read-back.js';

let dir: string;
let out: { stdout: string; stderr: string };
const io = {
  stdout: (s: string) => void (out.stdout += s),
  stderr: (s: string) => void (out.stderr += s),
  isTTY: false,
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'notice-render-'));
  out = { stdout: '', stderr: '' };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('notice render', () => {
  it('writes one file per notice, named by its document number', async () => {
    const code = await runRender([join(EXAMPLES, 'jiangmen-jcs-2023-16.notice'), '--to', 'html,docx', '--out', dir], io);
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(
      ['江财社〔2023〕16号', '江财社〔2023〕1号', '江财社〔2023〕2号', '江财社〔2023〕3号'].flatMap((n) => [`${n}.docx`, `${n}.html`]).sort(),
    );
    expect(out.stdout).toContain('已写出');
  });

  it('refuses a source with errors unless --force, and says so in Chinese', async () => {
    const src = join(EXAMPLES, 'nanchang-hcszh-2022-67.notice');
    expect(await runRender([src, '--to', 'xlsx', '--out', dir], io)).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
    expect(out.stderr).toContain('有 2 个错误，未导出');
    expect(out.stderr).toContain('--force');
    expect(out.stdout).toContain('错误[sum-mismatch]');

    out = { stdout: '', stderr: '' };
    expect(await runRender([src, '--to', 'xlsx', '--out', dir, '--force'], io)).toBe(0);
    expect(readdirSync(dir)).toEqual(['洪财社指〔2022〕67号.xlsx']);
    expect(out.stderr).toContain('因 --force 照原样导出');
  });

  it('writes one notice per row of a level with --per, 本单位 filled from that row', async () => {
    const src = join(dir, 'src.notice');
    writeFileSync(src, CLEAN);
    const code = await runRender([src, '--to', 'docx', '--out', join(dir, 'o'), '--per', '市'], io);
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'o')).sort()).toEqual(['测财社〔2024〕5号-乙市.docx', '测财社〔2024〕5号-甲市.docx']);
    const d = await readDocx(readFileSync(join(dir, 'o', '测财社〔2024〕5号-甲市.docx')));
    expect(d.paragraphs).toContain('下达你市1000万元，你单位为甲市。');

    out = { stdout: '', stderr: '' };
    expect(await runRender([src, '--to', 'html', '--out', join(dir, 'p'), '--per', '3'], io)).toBe(0);
    expect(readdirSync(join(dir, 'p'))).toHaveLength(3);
    expect(readFileSync(join(dir, 'p', '测财社〔2024〕5号-乙一区.html'), 'utf8')).toContain('下达你市<span class="ref">500</span>万元');
  });

  it('reports usage errors and unreadable files with exit code 2', async () => {
    expect(await runRender([join(EXAMPLES, 'nanchang-hcszh-2022-67.notice')], io)).toBe(2);
    expect(out.stderr).toContain('请用 --to 指定输出格式');
    expect(await runRender(['x.notice', '--to', 'pdf'], io)).toBe(2);
    expect(out.stderr).toContain('--to 只能是 docx、xlsx 或 html');
    expect(await runRender([join(dir, 'missing.notice'), '--to', 'html', '--out', dir], io)).toBe(2);
    expect(out.stderr).toContain('文件不存在');
  });

  it('is dispatched by main', async () => {
    const code = await main(['render', join(EXAMPLES, 'jiangmen-jcs-2023-16.notice'), '--to', 'xlsx', '--out', dir], io);
    expect(code).toBe(0);
    expect(readdirSync(dir)).toHaveLength(4);
  });
});

describe('notice render --per', () => {
  it('refuses a level the table does not have, and writes notices without a table once', async () => {
    const src = join(dir, 'src.notice');
    writeFileSync(src, CLEAN);
    expect(await runRender([src, '--to', 'html', '--out', join(dir, 'a'), '--per', '9'], io)).toBe(2);
    expect(out.stderr).toContain('附件1 的行只有 3 层，没有第 9 层');
    expect(await runRender([src, '--to', 'html', '--out', join(dir, 'b'), '--per', '镇'], io)).toBe(2);
    expect(out.stderr).toContain('找不到“镇”一级的行');
    out = { stdout: '', stderr: '' };
    expect(await runRender([join(EXAMPLES, 'jiangmen-jcs-2023-16.notice'), '--to', 'html', '--out', join(dir, 'c'), '--per', '1'], io)).toBe(0);
    expect(out.stderr).toContain('江财社〔2023〕16号 下没有分配表，无法按“1”分发，按一份导出');
    expect(readdirSync(join(dir, 'c'))).toContain('江财社〔2023〕16号.html');
    expect(readdirSync(join(dir, 'c'))).toContain('江财社〔2023〕2号-全市合计.html');
  });
});
