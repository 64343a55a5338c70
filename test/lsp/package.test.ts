/**
 * The extension manifest and the packaged .vsix: the manifest's settings cover every
 * diagnostic code; `npm run package`'s .vsix holds the bundled client and server and the
 * language files, and no sources, source maps, tests or node_modules.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../server/src/checks/index.js';
import { ensureBuilt, ROOT, TestClient } from './harness.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** Where `npm run package` (vsce's default name) puts it: the project root, ignored by git. */
const VSIX = join(ROOT, `${pkg.name}-${pkg.version}.vsix`);

/** The entries of a zip file, read from its central directory (names and uncompressed contents on demand). */
function zipEntries(buf: Buffer): Map<string, () => Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, () => Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    out.set(name, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data);
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

describe('manifest', () => {
  it('declares the language, its files and one severity setting per diagnostic code', () => {
    expect(pkg.main).toBe('./dist/client.cjs');
    expect(pkg.browser).toBe('./dist/client-browser.js');
    expect(pkg.activationEvents).toEqual(['onLanguage:notice', 'workspaceContains:**/*.notice']);
    expect(pkg.contributes.languages[0]).toMatchObject({ id: 'notice', extensions: ['.notice'] });
    const severity = pkg.contributes.configuration.properties['notice.diagnostics.severity'];
    expect(Object.keys(severity.properties).sort(), 'run node client/update-manifest.mjs after adding a diagnostic code').toEqual([...DIAGNOSTIC_CODES].sort());
    for (const f of ['language-configuration.json', 'syntaxes/notice.tmLanguage.json', 'icons/notice.png', 'package.nls.json', 'package.nls.zh-cn.json']) {
      expect(existsSync(join(ROOT, f)), f).toBe(true);
    }
    // Every %key% of the manifest has a Chinese string in both nls files.
    const keys = [...JSON.stringify(pkg).matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]!);
    for (const nls of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const strings = JSON.parse(readFileSync(join(ROOT, nls), 'utf8'));
      for (const k of keys) expect(strings[k], `${nls}: ${k}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('language configuration', () => {
  it('indents after block headers, 正文, 指标 groups and total rows, not after ordinary rows and fields', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'language-configuration.json'), 'utf8'));
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    for (const line of ['通知 洪财社指〔2022〕67号', '附件1 分配表：2022年补助资金分配表', '附件2 绩效目标表：区域绩效目标表', '  正文', '  产出指标', '    数量指标', '  南昌市合计                 907   741   166', '  附件说明：', '  栏组 全年应下达']) {
      expect(increase.test(line), line).toBe(true);
    }
    for (const line of ['    南昌县                   148   122    26', '  标题：关于下达……的通知', '      医保信息系统正常运行率：≥90%', '  # 注释']) {
      expect(increase.test(line), line).toBe(false);
    }
    // Nothing dedents by itself (an empty new line keeps the indentation of the line above).
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    for (const line of ['', '  ', '    南昌县  1', '通知']) expect(decrease.test(line), line).toBe(false);
    expect(config.comments.lineComment).toBe('#');
    expect(config.brackets).toEqual(expect.arrayContaining([['〔', '〕'], ['（', '）'], ['【', '】']]));
  });
});

describe('problem matchers', () => {
  /** The CLI's output for the Nanchang example, as text and as JSON (it exits 1: errors found). */
  function check(...args: string[]): string {
    try {
      return execFileSync(process.execPath, [join(ROOT, 'bin', 'notice.js'), 'check', ...args, 'examples/nanchang-hcszh-2022-67.notice'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    } catch (e) {
      return (e as { stdout: string }).stdout;
    }
  }

  it('read every diagnostic line `notice check` prints, each with the severity the JSON output gives it', () => {
    ensureBuilt();
    const matchers = pkg.contributes.problemMatchers as { name: string; severity: string; pattern: { regexp: string; file: number; line: number; column: number; code: number; message: number } }[];
    expect(matchers.map((m) => m.name).sort()).toEqual(['notice', 'notice-info', 'notice-warning']);
    const json = JSON.parse(check('--format', 'json')) as { range: { start: { line: number; character: number } }; severity: string; code: string; message: string }[];
    const diagnosticLines = check().split('\n').filter((l) => /^\S.*:\d+:\d+: /.test(l));
    expect(diagnosticLines).toHaveLength(json.length);
    const read = diagnosticLines.map((line) => {
      const hits = matchers.flatMap((m) => {
        const r = new RegExp(m.pattern.regexp).exec(line);
        return r ? [{ m, r }] : [];
      });
      expect(hits, line).toHaveLength(1);
      const { m, r } = hits[0]!;
      return { file: r[m.pattern.file], line: Number(r[m.pattern.line]) - 1, character: Number(r[m.pattern.column]) - 1, code: r[m.pattern.code], message: r[m.pattern.message], severity: m.severity };
    });
    const lspWord: Record<string, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };
    expect(read).toEqual(json.map((d) => ({ file: 'examples/nanchang-hcszh-2022-67.notice', line: d.range.start.line, character: d.range.start.character, code: d.code, message: d.message, severity: lspWord[d.severity] })));
    expect(read.find((d) => d.code === 'sum-mismatch')).toMatchObject({ severity: 'error', message: expect.stringContaining('合计 907 ≠ 各项之和 908') });
    expect(new Set(read.map((d) => d.severity))).toEqual(new Set(['error', 'warning', 'info']));
  });
});

describe('.vsix', () => {
  beforeAll(() => {
    ensureBuilt();
    const newestBundle = Math.max(...['server.cjs', 'server-launch.cjs', 'client.cjs', 'server-browser.js', 'client-browser.js', 'pdf-reader.cjs'].map((f) => statSync(join(ROOT, 'dist', f)).mtimeMs));
    if (!existsSync(VSIX) || statSync(VSIX).mtimeMs < newestBundle || statSync(VSIX).mtimeMs < statSync(join(ROOT, 'package.json')).mtimeMs) {
      // Written aside and renamed, so a concurrent reader never sees half a file.
      const partial = `${VSIX}.${process.pid}.partial`;
      execFileSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--readme-path', 'client/README.md', '--out', partial], { cwd: ROOT, stdio: 'pipe' });
      renameSync(partial, VSIX);
    }
  });

  it('holds the bundled client and server and the language files, nothing else', () => {
    const entries = zipEntries(readFileSync(VSIX));
    const names = [...entries.keys()];
    for (const f of ['dist/client.cjs', 'dist/client-browser.js', 'dist/server.cjs', 'dist/server-launch.cjs', 'dist/server-browser.js', 'dist/pdf-reader.cjs', 'package.json', 'language-configuration.json', 'syntaxes/notice.tmLanguage.json', 'docs/language.md', 'icons/notice.png', 'package.nls.json', 'package.nls.zh-cn.json']) {
      expect(names, f).toContain(`extension/${f}`);
    }
    expect(names.filter((n) => /\.map$|\.ts$|node_modules\/|\/test\/|\/examples\/|\/server\/src\//.test(n))).toEqual([]);
    expect(names.length).toBeLessThan(30);
    expect(readFileSync(VSIX).length).toBeLessThan(5_000_000);
    const manifest = JSON.parse(entries.get('extension/package.json')!().toString('utf8'));
    expect(names).toContain(`extension/${manifest.main.replace(/^\.\//, '')}`);
    expect(names).toContain(`extension/${manifest.browser.replace(/^\.\//, '')}`);
    // The client bundle does not carry `vscode` (the editor provides it) and starts the bundled server.
    const client = entries.get('extension/dist/client.cjs')!().toString('utf8');
    expect(client).toContain('require("vscode")');
    expect(client).toContain('server-launch.cjs');
  });

  it('imports a PDF with the server and the PDF reader as the .vsix installs them, with no node_modules near', { timeout: 60_000 }, async () => {
    const entries = zipEntries(readFileSync(VSIX));
    const dir = mkdtempSync(join(tmpdir(), 'notice-vsix-'));
    mkdirSync(join(dir, 'dist'));
    for (const f of ['dist/server.cjs', 'dist/server-launch.cjs', 'dist/pdf-reader.cjs']) writeFileSync(join(dir, f), entries.get(`extension/${f}`)!());
    // Started as the extension starts it: the launcher, with a code-cache folder.
    const client = await TestClient.start({ entry: join(dir, 'dist', 'server-launch.cjs'), env: { NOTICE_CODE_CACHE: join(dir, 'code-cache') } });
    try {
      const pdf = readFileSync(join(ROOT, 'test', 'import', 'fixtures', 'jiangmen-jcs-2023-2-chromium.pdf'));
      const r = await client.connection.sendRequest<{ ok: boolean; text?: string; summary?: string; message?: string }>('notice/import', { name: '来文.pdf', base64: pdf.toString('base64') });
      expect(r.message).toBeUndefined();
      expect(r.ok).toBe(true);
      expect(r.summary).toMatch(/^导入了 2 张表/);
      expect(r.text).toContain('  全市合计  18,290,000');
      expect(r.text).toContain('    服务对象满意度指标\n      政策知晓率：≥80%');
    } finally {
      await client.stop();
    }
  });
});
