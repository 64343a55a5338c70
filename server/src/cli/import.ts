/**
 * `notice import FILE… [--out FILE.notice]`: reads Excel, CSV, Word, PDF or text extracted
 * from a PDF and writes `.notice` source (to stdout, or to --out), with a summary line per
 * file on stderr. Exit codes as `check`: 0 imported, 1 a file had nothing to import, 2 a
 * usage error or a file that cannot be read (corrupt, password-protected, a scan). The
 * importer takes bytes; reading and writing files is here.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importFile } from '../import/index.js';
import type { Io } from './main.js';
import { readBytes } from './read-source.js';

export const IMPORT_USAGE = `用法：notice import 文件… [--out 输出.notice]
  把 Excel（.xlsx、.csv）、Word（.docx）、PDF 或从 PDF 提取的文字（.txt）转写成 .notice 源文件：
  数字照原件，层级、栏的含义等推断之处写有“# 导入：”注释。
  --out    写入该文件（默认输出到屏幕）；给出多个文件时，依次写在同一个文件中`;

class ImportUsageError extends Error {}

function parseArgs(args: string[]): { files: string[]; out?: string } {
  const files: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--out' || a === '-o' || a.startsWith('--out=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v) throw new ImportUsageError('--out 后面要写输出文件名（如 通知.notice）');
      out = v;
    } else if (a === '--help' || a === '-h') {
      throw new ImportUsageError('');
    } else if (a.startsWith('-') && a !== '-') {
      throw new ImportUsageError(`未知的选项“${a}”`);
    } else files.push(a);
  }
  if (files.length === 0) throw new ImportUsageError('没有给出要导入的文件');
  return { files, ...(out !== undefined ? { out } : {}) };
}

export async function runImport(args: string[], io: Io): Promise<number> {
  let opts: { files: string[]; out?: string };
  try {
    opts = parseArgs(args);
  } catch (err) {
    if (err instanceof ImportUsageError) {
      if (err.message === '') {
        io.stdout(`${IMPORT_USAGE}\n`);
        return 0;
      }
      io.stderr(`notice: ${err.message}\n\n${IMPORT_USAGE}\n`);
      return 2;
    }
    throw err;
  }
  let status = 0;
  const texts: string[] = [];
  for (const path of opts.files) {
    const read = readBytes(path, '这是一个目录，不是要导入的文件');
    if (!read.ok) {
      io.stderr(`notice: ${read.message}\n`);
      status = 2;
      continue;
    }
    const r = await importFile(basename(path), read.bytes);
    if (!r.ok) {
      io.stderr(`notice: ${r.message.replace(basename(path), path)}\n`);
      status = Math.max(status, r.message.includes('没有可导入的内容') ? 1 : 2);
      continue;
    }
    texts.push(r.text);
    io.stderr(`notice: ${path}：${r.summary}\n`);
  }
  if (texts.length > 0) {
    const text = texts.join('\n');
    if (opts.out !== undefined) {
      try {
        writeFileSync(opts.out, text);
        io.stderr(`notice: 已写出 ${opts.out}（请运行 notice check ${opts.out} 核对）\n`);
      } catch (err) {
        io.stderr(`notice: 无法写出 ${opts.out}（${(err as NodeJS.ErrnoException).code ?? String(err)}）\n`);
        return 2;
      }
    } else io.stdout(text);
  }
  return status;
}
