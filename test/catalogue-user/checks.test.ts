/**
 * The same notice checked with the shipped catalogue and with a loaded official table: the
 * differences in `unknown-code` / `code-name-mismatch`, and which catalogue each message names.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadUserCatalogue, type UserCatalogue } from '../../server/src/catalogue/user/index';
import { checkText, type Diagnostic } from '../../server/src/checks/index';
import { main } from '../../server/src/cli/main';
import { gb18030, notice, xlsx, yearSheets } from './helpers';

const CODES = ['unknown-code', 'code-name-mismatch', 'code-kind-mismatch'];

function codeDiagnostics(text: string, u?: UserCatalogue): string[] {
  const { diagnostics } = checkText(text, u ? { catalogue: u.catalogue } : {});
  return diagnostics.filter((d: Diagnostic) => CODES.includes(d.code)).map((d) => `${d.severity} ${d.message}`);
}

const FILE = '2024年政府收支分类科目.xlsx';
const USER = '用户目录 2024年政府收支分类科目.xlsx（2024 年）';
let table: UserCatalogue;

beforeAll(async () => {
  table = await loadUserCatalogue({ name: `/data/${FILE}`, bytes: await xlsx(yearSheets(2024)) });
});

describe('one notice, shipped catalogue against the official table', () => {
  it('a code missing from a branch the shipped catalogue does not cover: information there, an error in the official table', () => {
    const text = notice(2024, ['支出功能科目：2100488 某公共卫生新项']);
    expect(codeDiagnostics(text)).toEqual(['information 目录未完整收录 21004 以下的科目，无法确认 2100488（依据：内置目录 2024 年）']);
    expect(codeDiagnostics(text, table)).toEqual([`error 2024 年支出功能分类中没有科目 2100488（依据：${USER}）`]);
  });

  it('says “目录未完整收录 213 类” for a 款 under an incompletely covered 类', () => {
    const text = notice(2024, ['支出功能科目：21398 某款']);
    expect(codeDiagnostics(text)).toEqual(['information 目录未完整收录 213 类，无法确认 21398（依据：内置目录 2024 年）']);
    expect(codeDiagnostics(text, table)).toEqual([`error 2024 年支出功能分类中没有科目 21398（依据：${USER}）`]);
  });

  it('a code the shipped catalogue lacks but the official table holds is accepted', () => {
    const text = notice(2024, ['收入科目：1100258 农林水共同财政事权转移支付收入']);
    expect(codeDiagnostics(text, table)).toEqual([]);
  });

  it('a complete shipped branch is an error with either, each naming its catalogue', () => {
    const text = notice(2024, ['支出功能科目：2101388 医疗救助新项']);
    expect(codeDiagnostics(text)).toEqual(['error 2024 年支出功能分类中没有科目 2101388（依据：内置目录 2024 年）']);
    expect(codeDiagnostics(text, table)).toEqual([`error 2024 年支出功能分类中没有科目 2101388（依据：${USER}）`]);
  });

  it('classifications the table does not hold are still decided by the shipped catalogue, and say so', () => {
    const text = notice(2024, ['部门经济科目：30188 某工资项']);
    const shipped = codeDiagnostics(text);
    expect(shipped).toHaveLength(1);
    expect(shipped[0]).toMatch(/^information 目录未完整收录 301 类，无法确认 30188（依据：内置目录 2024 年）$/);
    expect(codeDiagnostics(text, table)).toEqual(shipped);
  });

  it('names: another year’s name is a warning naming that year; a wrong name an error naming the file', () => {
    const text = notice(2024, [
      '收入科目：1100249 卫生健康共同财政事权转移支付收入',
      '支出功能科目：2101301 城乡医疗救济',
      '政府经济科目：51301 上下级政府间转移性支出',
    ]);
    expect(codeDiagnostics(text, table)).toEqual([
      `warning “卫生健康共同财政事权转移支付收入”是 1100249 在2019 年的名称，2024 年应为“医疗卫生共同财政事权转移支付收入”（依据：${USER}）`,
      `error 科目 2101301 的名称应为“城乡医疗救助”，实际是“城乡医疗救济”（依据：${USER}）`,
    ]);
  });

  it('a 2019 notice is not judged by a 2024 table: the shipped catalogue accepts the 2019 name', () => {
    const text = notice(2019, ['收入科目：1100249 卫生健康共同财政事权转移支付收入']);
    // Nothing wrong with the code; that the loaded table went unused is said once.
    expect(codeDiagnostics(text, table)).toEqual([`information 已加载的用户目录（${USER}）不含本文件科目的年度（2019 年），本文件的科目都按内置目录核对`]);
  });

  it('an official name differing from the shipped variant: the table decides', async () => {
    const text = notice(2024, ['支出功能科目：2100409 重大公共卫生专项']);
    expect(codeDiagnostics(text)).toEqual([]); // an accepted variant in the shipped catalogue
    expect(codeDiagnostics(text, table)).toEqual([`error 科目 2100409 的名称应为“重大公共卫生服务”，实际是“重大公共卫生专项”（依据：${USER}）`]);
  });
});

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s), isTTY: false },
  };
}

describe('CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'notice-cat-'));
    const sheets = yearSheets(2024);
    sheets[1] = { ...sheets[1]!, rows: [...sheets[1]!.rows, ['2101X', '坏编码', 3]] };
    writeFileSync(path.join(dir, FILE), await xlsx(sheets));
    writeFileSync(path.join(dir, '2023年政府收支分类科目.xlsx'), await xlsx(yearSheets(2023, { renamed: true })));
    writeFileSync(path.join(dir, 'a.notice'), notice(2024, ['支出功能科目：2100488 某公共卫生新项']));
    writeFileSync(path.join(dir, 'bad.xlsx'), 'not a workbook');
    writeFileSync(path.join(dir, '2024年支出功能分类.csv'), gb18030('科目编码,科目名称\n210,卫生健康支出\n21004,公共卫生\n'));
  });

  it('notice check --catalogue FILE: unread rows on stderr, then the check with the table', async () => {
    const t = io();
    const code = await main(['check', '--catalogue', path.join(dir, FILE), path.join(dir, 'a.notice')], t.io);
    expect(code).toBe(1);
    expect(t.out.stderr).toContain(`notice: ${FILE}：工作表“2024年支出功能分类”第 11 行未读取：“2101X”不是科目编码（应为 3、5 或 7 位数字）\n`);
    expect(t.out.stderr).toContain(`notice: 已载入${USER}：15 个科目（3 个分类），1 行未读取\n`);
    expect(t.out.stdout).toContain(`2024 年支出功能分类中没有科目 2100488（依据：${USER}）`);
    const plain = io();
    expect(await main(['check', path.join(dir, 'a.notice')], plain.io)).toBe(0);
  });

  it('reads a GB18030 CSV table', async () => {
    const t = io();
    const code = await main(['check', `--catalogue=${path.join(dir, '2024年支出功能分类.csv')}`, path.join(dir, 'a.notice')], t.io);
    expect(code).toBe(1);
    expect(t.out.stderr).toContain('按 GB18030 编码读取');
    expect(t.out.stdout).toContain('依据：用户目录 2024年支出功能分类.csv（2024 年）');
  });

  it('takes several tables, each for its year', async () => {
    const t = io();
    writeFileSync(path.join(dir, 'b.notice'), notice(2023, ['收入科目：1100249 医疗卫生共同财政事权转移支付收入']) + '\n' + notice(2024, ['收入科目：1100249 卫生健康共同财政事权转移支付收入']).replace('1号', '2号'));
    const code = await main(['check', '--catalogue', path.join(dir, '2023年政府收支分类科目.xlsx'), '--catalogue', path.join(dir, FILE), path.join(dir, 'b.notice')], t.io);
    expect(code).toBe(1);
    // 2023: the 2023 table has the other name; 2024: the 2019 name is a warning from the 2024 table.
    expect(t.out.stdout).toContain('科目 1100249 的名称应为“卫生健康共同财政事权转移支付收入”，实际是“医疗卫生共同财政事权转移支付收入”（依据：用户目录 2023年政府收支分类科目.xlsx（2023 年））');
    expect(t.out.stdout).toContain(`2024 年应为“医疗卫生共同财政事权转移支付收入”（依据：${USER}）`);
  });

  it('exits 2 on an unreadable table, naming it', async () => {
    const t = io();
    expect(await main(['check', '--catalogue', path.join(dir, 'bad.xlsx'), path.join(dir, 'a.notice')], t.io)).toBe(2);
    expect(t.out.stderr).toContain('bad.xlsx：扩展名是 .xlsx，但内容不是 XLSX 工作簿');
    const u = io();
    expect(await main(['check', '--catalogue', path.join(dir, 'missing.xlsx'), path.join(dir, 'a.notice')], u.io)).toBe(2);
    expect(u.out.stderr).toContain('missing.xlsx：文件不存在');
    const v = io();
    expect(await main(['check', path.join(dir, 'a.notice'), '--catalogue'], v.io)).toBe(2);
    expect(v.out.stderr).toContain('--catalogue 后应跟科目表文件');
  });

  it('notice catalogue diff OLD NEW: added, removed, renamed per classification, with counts', async () => {
    const t = io();
    const code = await main(['catalogue', 'diff', path.join(dir, '2023年政府收支分类科目.xlsx'), path.join(dir, FILE)], t.io);
    expect(code).toBe(0);
    expect(t.out.stdout).toBe(
      [
        '比较：用户目录 2023年政府收支分类科目.xlsx（2023 年） → 用户目录 2024年政府收支分类科目.xlsx（2024 年）',
        '',
        '收入分类：新增 0，删除 0，更名 1，改编码 0（未变 3）',
        '  更名 1：',
        '    ~ 1100249 卫生健康共同财政事权转移支付收入 → 医疗卫生共同财政事权转移支付收入',
        '',
        '支出功能分类：新增 1，删除 0，更名 0，改编码 0（未变 8）',
        '  新增 1：',
        '    + 2100410 突发公共卫生事件应急处置',
        '',
        '政府预算支出经济分类：没有变化（2 个科目）',
        '',
        '合计：新增 1，删除 0，更名 1，改编码 0',
        '',
      ].join('\n'),
    );
    const j = io();
    expect(await main(['catalogue', 'diff', '--format', 'json', path.join(dir, '2023年政府收支分类科目.xlsx'), path.join(dir, FILE)], j.io)).toBe(0);
    const d = JSON.parse(j.out.stdout);
    expect(d.classifications.map((c: { classification: string }) => c.classification)).toEqual(['revenue', 'expFunc', 'govEco']);
  });

  it('catalogue diff exits 2 on unreadable input or wrong usage', async () => {
    const t = io();
    expect(await main(['catalogue', 'diff', path.join(dir, 'bad.xlsx'), path.join(dir, FILE)], t.io)).toBe(2);
    expect(t.out.stderr).toContain('bad.xlsx');
    expect(await main(['catalogue', 'diff', path.join(dir, FILE)], io().io)).toBe(2);
    expect(await main(['catalogue', 'merge'], io().io)).toBe(2);
  });

  it('a table of another year, answering for none of the file\'s codes, is said once', () => {
    const text = notice(2023, ['支出功能科目：2101301 城乡医疗救助', '支出功能科目：2101302 疾病应急救助']);
    const notes = codeDiagnostics(text, table).filter((d) => d.includes('不含本文件科目的年度'));
    expect(notes).toEqual([`information 已加载的用户目录（${USER}）不含本文件科目的年度（2023 年），本文件的科目都按内置目录核对`]);
    expect(codeDiagnostics(text, table).filter((d) => d.startsWith('error'))).toEqual(codeDiagnostics(text).filter((d) => d.startsWith('error')));
  });
});
