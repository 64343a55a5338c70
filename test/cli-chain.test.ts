/**
 * `notice check --with DIR` and `notice chain DIR`, run through the command's entry point
 * with its output captured: the checks across notices on the test sets of test/chain.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../server/src/cli/main.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function run(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const status = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false });
    return { status, stdout, stderr };
  } finally {
    process.chdir(cwd);
  }
}

describe('notice check --with', () => {
  it('compares a notice with the folder it cites: the mismatch names the other notice and where its figure is', async () => {
    const r = await run('check', '--with', 'test/chain/mismatch', 'test/chain/mismatch/hcszh-2023-30.notice');
    expect(r.stdout).toContain('警告[already-issued]: “南昌县”已下达 70万元，与所引通知下达给它的 72万元 不符（差 -2）');
    expect(r.stdout).toContain('  = test/chain/mismatch/hcszh-2023-5.notice:23:15: 洪财社指〔2023〕5号 附件1“南昌县”：72万元');
    expect(r.stdout).toContain('警告[from-above]');
    expect(r.stdout).toMatch(/检查了 1 个文件：0 个错误，2 个警告/);
    expect(r.status).toBe(0);
  });

  it('one file alone, without --with, is compared with nothing (not even a note that its citations are missing)', async () => {
    const r = await run('check', 'test/chain/mismatch/hcszh-2023-30.notice');
    expect(r.stdout).not.toMatch(/already-issued|from-above/);
  });

  it('files checked together are compared with each other; JSON gives the other file of a related location', async () => {
    const r = await run('check', '--format', 'json', 'test/chain/mismatch/hcszh-2023-30.notice', 'test/chain/mismatch/hcszh-2023-5.notice');
    const list = JSON.parse(r.stdout) as { code: string; related?: { file?: string; range: { start: { line: number } } }[] }[];
    const d = list.find((x) => x.code === 'already-issued' && x.related)!;
    expect(d.related![0]!.file).toBe(path.normalize('test/chain/mismatch/hcszh-2023-5.notice'));
    expect(d.related![0]!.range.start.line).toBe(22);
  });

  it('a --with folder that does not exist is one clear line and exit 2', async () => {
    const r = await run('check', '--with', 'no/such/folder', 'test/chain/mismatch/hcszh-2023-30.notice');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('notice: no/such/folder：文件夹不存在');
  });
});

describe('notice chain', () => {
  it('prints province → city with each link\'s figures, and exits 1 when a link does not agree', async () => {
    const r = await run('chain', 'test/chain/mismatch');
    expect(r.stdout).toContain('赣财社指〔2023〕12号  江西省  江西省财政厅关于下达2023年医疗救助补助资金的通知\n└─ 洪财社指〔2023〕30号  南昌市');
    expect(r.stdout).toContain('✗ 本级下达（中央） 130万元，上级下达本地区 赣财社指〔2023〕12号 125万元');
    expect(r.stdout).toContain('✗ “已下达”与 洪财社指〔2023〕5号 有 1 行不符：南昌县 70（应为 72）');
    expect(r.stdout).toContain('? “已下达”：所引 洪财社指〔2023〕8号 不在文件夹中，未核对');
    expect(r.stdout).toContain('4 份通知，3 条链：2 处不相符');
    expect(r.status).toBe(1);
  });

  it('the Nanchang example agrees with its earlier and superior notices; JSON has the tree', async () => {
    const r = await run('chain', '--format', 'json', '--fund', '医疗服务与保障能力提升', 'test/chain/nanchang', 'examples');
    const roots = JSON.parse(r.stdout) as { number: string; children: { number: string; above: { agrees: boolean; ours: string }[]; already: { compared: number; differing: unknown[] }[] }[] }[];
    const province = roots.find((x) => x.number === '赣财社指〔2022〕52号')!;
    const city = province.children[0]!;
    expect(city.number).toBe('洪财社指〔2022〕67号');
    expect(city.above).toEqual([expect.objectContaining({ agrees: true, ours: '166万元' })]);
    expect(city.already).toEqual([expect.objectContaining({ compared: 13, differing: [] })]);
    expect(r.status).toBe(0);
  });

  it('--year keeps the notices of one year', async () => {
    const r = await run('chain', '--year', '2021', 'test/chain/nanchang');
    expect(r.stdout).toContain('洪财社指〔2021〕143号');
    expect(r.stdout).not.toContain('洪财社指〔2022〕27号');
    expect(r.stdout).toContain('1 份通知');
  });
});
