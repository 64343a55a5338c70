/**
 * The built `notice` command, run as a user runs it (`node bin/notice.js …` from the
 * repository root): compiler-style and JSON output, exit codes, and one clear Chinese line
 * for every file it cannot read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textWidth } from '../grammar/index.js';
import { encodeGb18030 } from './support/gb18030.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(ROOT, 'dist', 'cli.mjs');
const NANCHANG = 'examples/nanchang-hcszh-2022-67.notice';
const CLEAN = 'test/fixtures/sum-mismatch-ok.notice';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function notice(...args: string[]): Run {
  const r = spawnSync(process.execPath, ['bin/notice.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The newest modification time under a directory (sources the bundle is built from). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** A message for a person: one line, with Chinese in it, and no stack trace. */
function expectOneClearLine(stderr: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
  expect(stderr).not.toMatch(/\n\s+at |Error:|node:internal|\.mjs:\d+/);
}

let tmp = '';

beforeAll(() => {
  // Build when the bundle is missing, or older than the sources it is built from (other
  // work may have changed them since the last build).
  const stale = !existsSync(BUNDLE) || Math.max(newest(path.join(ROOT, 'server', 'src')), newest(path.join(ROOT, 'grammar'))) > statSync(BUNDLE).mtimeMs;
  if (stale) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'notice-cli-'));
});

afterAll(() => {
  if (tmp) {
    try {
      chmodSync(path.join(tmp, 'unreadable.notice'), 0o644);
    } catch {
      // not created
    }
    rmSync(tmp, { recursive: true, force: true });
  }
});

describe('notice check: human output', () => {
  it('reports the Nanchang total like a compiler: path:line:col, the source line, a caret line, a summary; exit 1', () => {
    const source = readFileSync(path.join(ROOT, NANCHANG), 'utf8').split('\n');
    const lineIndex = source.findIndex((l) => l.trimStart().startsWith('南昌市合计'));
    const sourceLine = source[lineIndex]!;
    const column = sourceLine.indexOf('907');
    const r = notice('check', NANCHANG);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const out = r.stdout.split('\n');
    const head = `${NANCHANG}:${lineIndex + 1}:${column + 1}: 错误[sum-mismatch]: 合计 907 ≠ 各项之和 908（差 -1）`;
    const at = out.findIndex((l) => l.startsWith(head));
    expect(at, r.stdout).toBeGreaterThanOrEqual(0);
    expect(out[at + 1]).toBe(`  ${sourceLine}`);
    // The carets sit under “907” as a terminal shows it (CJK characters are two columns wide).
    expect(out[at + 2]).toBe(`  ${' '.repeat(textWidth(sourceLine.slice(0, column)))}^^^`);
    // No colour codes when stdout is not a terminal.
    expect(r.stdout).not.toContain('\x1b[');
    const summary = out.filter((l) => l.trim() !== '').pop();
    expect(summary).toMatch(/^检查了 1 个文件：2 个错误，4 个警告，1 个提示$/);
  });

  it('puts the carets under the characters they mean on a line of CJK text, two columns for each CJK character', () => {
    const file = path.join(tmp, 'cjk-carets.notice');
    writeFileSync(
      file,
      [
        '附件1 分配表：南昌市医疗保障局〔2022〕资金',
        '  单位：万元',
        '  栏 金额：金额',
        '  南昌市合计（全市）  907',
        '    南昌县            148',
        '    新建区            114',
        '    新建区            646',
        '',
      ].join('\n'),
    );
    const out = notice('check', file).stdout.split('\n');
    const after = (code: string): string[] => {
      const at = out.findIndex((l) => l.includes(`错误[${code}]`));
      expect(at, out.join('\n')).toBeGreaterThanOrEqual(0);
      return out.slice(at + 1, at + 3);
    };
    // Seen in a terminal, each caret line sits under the text it marks: the total after the
    // name with its full-width brackets, and the repeated name, two carets a character.
    expect(after('sum-mismatch')).toEqual([
      '    南昌市合计（全市）  907',
      '                        ^^^',
    ]);
    expect(after('duplicate-row')).toEqual([
      '      新建区            646',
      '      ^^^^^^',
    ]);
  });

  it('exits 0 on a clean file and says it found nothing', () => {
    const r = notice('check', CLEAN);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('检查了 1 个文件：没有发现问题');
  });

  it('exits 0 on a file with warnings only', () => {
    const r = notice('check', 'examples/jiangmen-jcs-2023-16.notice');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/检查了 1 个文件：0 个错误，6 个警告/);
  });

  it('exits 0 on an empty file and says there was nothing in it', () => {
    const empty = path.join(tmp, 'empty.notice');
    writeFileSync(empty, '');
    const r = notice('check', empty);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('提示[empty-document]: 文件中没有内容');
  });
});

describe('notice check: one fault on many rows', () => {
  /** A table of 3,000 rows, each with one cell too many: 3,000 cell-count errors, nothing else. */
  function manyFaults(): string {
    const file = path.join(tmp, 'three-thousand.notice');
    const rows = Array.from({ length: 3000 }, (_, i) => `    第${i + 1}县 2 1 9`);
    writeFileSync(file, ['附件1 分配表：全省分配表', '  单位：万元', '  栏 全年：全年', '  栏 本次：本次', '', '  合计 6000 3000', ...rows, ''].join('\n'));
    return file;
  }

  it('prints the first 20 of a code and one line with how many more; the summary counts them all', () => {
    const file = manyFaults();
    const r = notice('check', file);
    expect(r.status).toBe(1);
    const out = r.stdout.split('\n');
    const printed = out.filter((l) => l.includes(': 错误[cell-count]: '));
    expect(printed).toHaveLength(20);
    // The first 20 rows, in order: lines 7 to 26.
    expect(printed.map((l) => Number(l.split(':')[1]))).toEqual(Array.from({ length: 20 }, (_, i) => 7 + i));
    expect(out).toContain(`${file}：另有 2,980 个 [cell-count] 问题未列出（每种只列前 20 个；notice check --all 列出全部）`);
    expect(out.filter((l) => l.trim() !== '').pop()).toBe('检查了 1 个文件：3,000 个错误，0 个警告');
  });

  it('--all prints every one; --format json stays complete', () => {
    const file = manyFaults();
    const all = notice('check', '--all', file);
    expect(all.status).toBe(1);
    expect(all.stdout.split('\n').filter((l) => l.includes(': 错误[cell-count]: '))).toHaveLength(3000);
    expect(all.stdout).not.toContain('未列出');
    const json = JSON.parse(notice('check', '--format', 'json', file).stdout) as { code: string; range: { start: { line: number } } }[];
    expect(json).toHaveLength(3000);
    expect(json.every((d) => d.code === 'cell-count')).toBe(true);
    expect(json[2999]!.range.start.line).toBe(3005);
  });

  it('caps each code on its own: a few of another code are all printed', () => {
    const file = manyFaults();
    writeFileSync(file, readFileSync(file, 'utf8').replace('    第1县 2 1 9', '    第2县 2 1 9'));
    const out = notice('check', file).stdout.split('\n');
    expect(out.filter((l) => l.includes(': 错误[cell-count]: '))).toHaveLength(20);
    expect(out.filter((l) => l.includes('[duplicate-row]: '))).toHaveLength(1);
    expect(out.filter((l) => l.includes('未列出'))).toHaveLength(1);
  });
});

describe('notice check --format json', () => {
  it('prints only a JSON array of {file, range, severity, code, message} with 0-based positions', () => {
    const r = notice('check', '--format', 'json', NANCHANG);
    expect(r.status).toBe(1);
    const parsed: unknown = JSON.parse(r.stdout);
    expect(Array.isArray(parsed)).toBe(true);
    const list = parsed as Record<string, unknown>[];
    // 2 errors, 4 warnings and the information that the notice has no 成文日期.
    expect(list.length).toBe(7);
    for (const d of list) {
      // Always these five; the places it speaks of and its fixes where it has them.
      expect(Object.keys(d).filter((k) => k !== 'related' && k !== 'fixes').sort()).toEqual(['code', 'file', 'message', 'range', 'severity']);
      expect(d['file']).toBe(NANCHANG);
      const range = d['range'] as { start: { line: number; character: number }; end: { line: number; character: number } };
      for (const p of [range.start, range.end]) {
        expect(Object.keys(p).sort()).toEqual(['character', 'line']);
        expect(Number.isInteger(p.line) && p.line >= 0 && Number.isInteger(p.character) && p.character >= 0).toBe(true);
      }
    }
    const source = readFileSync(path.join(ROOT, NANCHANG), 'utf8').split('\n');
    const line = source.findIndex((l) => l.trimStart().startsWith('南昌市合计'));
    const character = source[line]!.indexOf('907');
    const sum = list.find((d) => d['code'] === 'sum-mismatch')!;
    expect(sum).toMatchObject({
      file: NANCHANG,
      range: { start: { line, character }, end: { line, character: character + 3 } },
      severity: 'error',
      code: 'sum-mismatch',
      message: '合计 907 ≠ 各项之和 908（差 -1）：南昌市合计 第1栏“全年”',
    });
    // Its fix writes the sum in the cell; its related locations are the parts.
    expect(sum['fixes']).toEqual([{ title: expect.stringContaining('908') as unknown, edits: [{ range: { start: { line, character }, end: { line, character: character + 3 } }, newText: '908' }] }]);
    expect((sum['related'] as unknown[]).length).toBeGreaterThan(1);
  });

  it('prints [] and exits 0 for a clean file; --format=json works too', () => {
    const r = notice('check', `--format=json`, CLEAN);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});

describe('files the command cannot read: exit 2, one clear Chinese line on stderr, no stack trace', () => {
  it('a directory', () => {
    const r = notice('check', 'examples');
    expect(r.status).toBe(2);
    expectOneClearLine(r.stderr);
    expect(r.stderr).toContain('目录');
  });

  it('a missing file', () => {
    const r = notice('check', 'examples/no-such-file.notice');
    expect(r.status).toBe(2);
    expectOneClearLine(r.stderr);
    expect(r.stderr).toContain('文件不存在');
  });

  it('a file without read permission (as root every file is readable: then it is read and checked)', () => {
    const file = path.join(tmp, 'unreadable.notice');
    copyFileSync(path.join(ROOT, CLEAN), file);
    chmodSync(file, 0o000);
    const r = notice('check', file);
    if (process.getuid?.() === 0) {
      // root ignores the permission bits: the file is read and checked like any other.
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('检查了 1 个文件：没有发现问题');
    } else {
      expect(r.status).toBe(2);
      expectOneClearLine(r.stderr);
      expect(r.stderr).toContain('没有读取此文件的权限');
    }
  });

  it('a file of random binary bytes', () => {
    // Deterministic “random” bytes: invalid UTF-8 and full of control bytes.
    let s = 12345;
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      bytes[i] = s >>> 24;
    }
    const file = path.join(tmp, 'random.bin');
    writeFileSync(file, bytes);
    const r = notice('check', file);
    expect(r.status).toBe(2);
    expectOneClearLine(r.stderr);
    expect(r.stderr).toContain('UTF-8');
  });

  it('a readable and an unreadable file together: the readable one is still checked, exit 2', () => {
    const r = notice('check', NANCHANG, 'examples/no-such-file.notice');
    expect(r.status).toBe(2);
    expectOneClearLine(r.stderr);
    expect(r.stdout).toContain('错误[sum-mismatch]');
  });
});

describe('encodings', () => {
  it('decodes a GB18030 copy of an example, says so on stderr, and checks it like the UTF-8 one', () => {
    const utf8 = readFileSync(path.join(ROOT, NANCHANG), 'utf8');
    const gbFile = path.join(tmp, 'nanchang-gb18030.notice');
    writeFileSync(gbFile, encodeGb18030(utf8));
    const utf8File = path.join(tmp, 'nanchang-utf8.notice');
    writeFileSync(utf8File, utf8);
    const gb = notice('check', '--format', 'json', gbFile);
    const plain = notice('check', '--format', 'json', utf8File);
    expect(gb.status).toBe(1);
    expectOneClearLine(gb.stderr);
    expect(gb.stderr).toContain('GB18030');
    expect(plain.stderr).toBe('');
    const strip = (s: string): unknown[] => (JSON.parse(s) as { file: string }[]).map(({ file: _file, ...rest }) => rest);
    expect(strip(gb.stdout)).toEqual(strip(plain.stdout));
    expect(strip(gb.stdout).length).toBe(7);
  });

  it('reads a UTF-8 file with a BOM and CRLF line breaks like the plain one', () => {
    const utf8 = readFileSync(path.join(ROOT, NANCHANG), 'utf8');
    const file = path.join(tmp, 'nanchang-bom-crlf.notice');
    writeFileSync(file, '\uFEFF' + utf8.replace(/\n/g, '\r\n'));
    const r = notice('check', '--format', 'json', file);
    const plain = notice('check', '--format', 'json', NANCHANG);
    expect(r.status).toBe(1);
    const pick = (s: string): unknown[] => (JSON.parse(s) as { code: string; message: string; range: { start: { line: number } } }[]).map((d) => [d.code, d.range.start.line, d.message]);
    expect(pick(r.stdout)).toEqual(pick(plain.stdout));
  });
});

describe('usage errors exit 2', () => {
  it('no command at all', () => {
    const r = notice();
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toContain('用法');
  });

  it('an unknown command', () => {
    const r = notice('bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('未知的命令“bogus”');
  });

  it('check with no files', () => {
    const r = notice('check');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('没有给出要检查的文件');
  });

  it('--format xml', () => {
    const r = notice('check', '--format', 'xml', NANCHANG);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--format 只能是 text 或 json，实际是“xml”');
    expect(r.stdout).toBe('');
  });

  it('an unknown option', () => {
    const r = notice('check', '--bogus', NANCHANG);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('未知的选项“--bogus”');
  });

  it('--help and --version exit 0', () => {
    expect(notice('--help').status).toBe(0);
    const v = notice('--version');
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('the command line on an official’s desk', () => {
  it('check --help, render --help and catalogue --help print their command’s help and exit 0', () => {
    for (const [command, says] of [['check', '--format'], ['render', '--to'], ['catalogue', 'diff']] as const) {
      const r = notice(command, '--help');
      expect(r.status, command).toBe(0);
      expect(r.stdout, command).toContain(`notice ${command}`);
      expect(r.stdout, command).toContain(says);
      expect(r.stderr).toBe('');
    }
  });

  it('a pipe closed early ends quietly (no EPIPE stack trace)', () => {
    // Far more than a pipe holds (64 KB), so the command is still writing when head has gone.
    const many = Array.from({ length: 80 }, () => NANCHANG).join(' ');
    const r = spawnSync('sh', ['-c', `node bin/notice.js check --format json ${many} | head -c 11; node bin/notice.js check ${many} | head -n 1 > /dev/null`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).toBe('[\n  {\n    "');
    expect(r.stderr).toBe('');
  });

  it('a missing file or a directory is counted as such in the summary', () => {
    const r = notice('check', 'examples/no-such-file.notice');
    expect(r.stdout.trim()).toBe('没有检查任何文件：1 个文件不存在');
    const both = notice('check', NANCHANG, 'examples/no-such-file.notice', 'examples');
    expect(both.stdout.trim().split('\n').at(-1)).toBe('检查了 1 个文件：2 个错误，4 个警告，1 个提示；1 个文件不存在，1 个路径是目录，未检查');
  });

  it('reads UTF-16 with a byte-order mark and says so; refuses Big5 clearly rather than reading it as GB18030', () => {
    const utf8 = readFileSync(path.join(ROOT, NANCHANG), 'utf8');
    const le = path.join(tmp, 'utf16.notice');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]));
    const r = notice('check', le);
    expect(r.status).toBe(1);
    expectOneClearLine(r.stderr);
    expect(r.stderr).toContain('UTF-16');
    expect(r.stdout).toContain('错误[sum-mismatch]');

    const big5 = path.join(tmp, 'big5.notice');
    writeFileSync(big5, encodeBig5('通知 某財社(2023)1號\n  標題：關於下達醫療救助補助資金的通知\n  發文機關：某省財政廳、某省醫療保障局\n  主送：各設區市財政局\n'));
    const b = notice('check', big5);
    expect(b.status).toBe(2);
    expectOneClearLine(b.stderr);
    expect(b.stderr).toContain('Big5');
  });

  it('--format json on a table with 130,000 diagnostics: the whole array, no crash', () => {
    const rows = Array.from({ length: 130_000 }, (_, i) => `    县${i}  2  1  2`);
    const text = ['附件1 分配表：表', '  单位：万元', '  栏 全年：全年', '  栏 已下达：已下达', '  栏 本次：本次 = 全年 - 已下达', '', `  合计  ${2 * rows.length}  ${rows.length}  ${2 * rows.length}`, ...rows, ''].join('\n');
    const file = path.join(tmp, 'national.notice');
    writeFileSync(file, text);
    const out = path.join(tmp, 'national.json');
    const r = spawnSync('sh', ['-c', `node bin/notice.js check --format json "${file}" > "${out}"`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const list = JSON.parse(readFileSync(out, 'utf8')) as { code: string }[];
    expect(list.filter((d) => d.code === 'formula-mismatch').length).toBeGreaterThan(120_000);
  });
});

/** Big5 bytes of a text (Node encodes only UTF-8 and UTF-16): every two-byte Big5 code, decoded once. */
function encodeBig5(text: string): Buffer {
  const decoder = new TextDecoder('big5', { fatal: true });
  const table = new Map<string, number[]>();
  for (let lead = 0xa1; lead <= 0xf9; lead++) {
    for (const trail of [...Array.from({ length: 0x3f }, (_, i) => 0x40 + i), ...Array.from({ length: 0x5e }, (_, i) => 0xa1 + i)]) {
      try {
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (!table.has(ch)) table.set(ch, [lead, trail]);
      } catch {
        // Not a Big5 code.
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`not in Big5: ${ch}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}
