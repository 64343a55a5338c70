/**
 * `notice render FILE… --to docx|xlsx|html --out DIR [--force] [--per LEVEL]`: writes one
 * output per notice, named by its document number. A source with errors is refused unless
 * `--force`. Exit codes as `check`: 0 written, 1 refused (errors in the source, or nothing
 * to render), 2 usage error or unreadable file. The renderers return bytes; all file I/O is
 * here.
 *
 * `--per` with a level the table does not have is a usage error (2) for that notice; a
 * notice without an allocation table is written once.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText } from '../checks/index.js';
import type { NoticeModel, RowModel, DocumentModel } from '../model/types.js';
import { DEFAULT_PER_CODE, formatHuman } from './diagnostics-output.js';
import type { Io } from './main.js';
import { readSource } from './read-source.js';
import { outputName } from '../render/layout.js';
import { recipientsAt } from '../render/per.js';
import { RenderRefusal } from '../render/limits.js';

/** A file-system failure in one clear line (never Node's own text alone). */
function ioProblem(err: unknown, what: string): string {
  const code = (err as { code?: string }).code;
  const reason =
    code === 'ENAMETOOLONG' ? '文件名太长' :
    code === 'EACCES' || code === 'EPERM' ? '没有写入权限' :
    code === 'ENOSPC' ? '磁盘已满' :
    code === 'ENOTDIR' || code === 'EEXIST' ? '路径中有同名的文件，不是目录' :
    code === 'EISDIR' ? '同名的是一个目录' :
    code ?? '无法写入';
  return `${what}：${reason}`;
}

export type RenderFormat = 'docx' | 'xlsx' | 'html';
const FORMATS: readonly RenderFormat[] = ['docx', 'xlsx', 'html'];

export const RENDER_USAGE = `用法：notice render 文件… --to docx|xlsx|html [--out 目录] [--force] [--per 层级]
  --to     输出格式：docx（Word）、xlsx（Excel）、html；可写多个，如 --to docx,xlsx
  --out    输出目录（默认当前目录），每个通知一个文件，以文号命名
  --force  源文件有错误时也照样导出（默认拒绝）
  --per    按收文单位分别生成：市、县、省……或层数（1 为最上层），正文中的 {本单位.栏} 取该行的数`;

interface RenderArgs {
  files: string[];
  formats: RenderFormat[];
  out: string;
  force: boolean;
  per?: string;
}

class RenderUsageError extends Error {}

function parseArgs(args: string[]): RenderArgs {
  const out: RenderArgs = { files: [], formats: [], out: '.', force: false };
  const value = (a: string, i: number): [string | undefined, number] => (a.includes('=') ? [a.slice(a.indexOf('=') + 1), i] : [args[i + 1], i + 1]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const key = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (key === '--to' || key === '--format') {
      const [v, j] = value(a, i);
      i = j;
      for (const f of (v ?? '').split(/[,，]/).filter((x) => x)) {
        if (!FORMATS.includes(f as RenderFormat)) throw new RenderUsageError(`--to 只能是 docx、xlsx 或 html，实际是“${f}”`);
        if (!out.formats.includes(f as RenderFormat)) out.formats.push(f as RenderFormat);
      }
      if (!v) throw new RenderUsageError('--to 后面要写输出格式（docx、xlsx 或 html）');
    } else if (key === '--out' || key === '-o') {
      const [v, j] = value(a, i);
      i = j;
      if (!v) throw new RenderUsageError('--out 后面要写输出目录');
      out.out = v;
    } else if (key === '--per') {
      const [v, j] = value(a, i);
      i = j;
      if (!v) throw new RenderUsageError('--per 后面要写层级（如 市、县，或层数 2）');
      out.per = v;
    } else if (a === '--force' || a === '-f') {
      out.force = true;
    } else if (a.startsWith('-') && a !== '-') {
      throw new RenderUsageError(`未知的选项“${a}”`);
    } else out.files.push(a);
  }
  if (out.files.length === 0) throw new RenderUsageError('没有给出要导出的文件');
  if (out.formats.length === 0) throw new RenderUsageError('请用 --to 指定输出格式（docx、xlsx 或 html）');
  return out;
}

/** Renders one notice to one format (the renderers are loaded on demand: the check command does not need them). */
export async function renderNotice(doc: DocumentModel, n: NoticeModel, format: RenderFormat, recipient?: RowModel): Promise<Uint8Array | string> {
  const opts = recipient ? { recipient } : {};
  if (format === 'html') return (await import('../render/html.js')).renderHtml(doc, n, opts);
  if (format === 'docx') return (await import('../render/docx.js')).renderDocx(doc, n, opts);
  return (await import('../render/xlsx.js')).renderXlsx(doc, n, opts);
}

export async function runRender(args: string[], io: Io): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(RENDER_USAGE + '\n');
    return 0;
  }
  let opts: RenderArgs;
  try {
    opts = parseArgs(args);
  } catch (err) {
    if (err instanceof RenderUsageError) {
      io.stderr(`notice: ${err.message}\n\n${RENDER_USAGE}\n`);
      return 2;
    }
    throw err;
  }
  let status = 0;
  const used = new Set<string>();
  for (const path of opts.files) {
    const read = readSource(path);
    if (!read.ok) {
      io.stderr(`notice: ${read.message}\n`);
      status = 2;
      continue;
    }
    if (read.note) io.stderr(`notice: ${read.note}\n`);
    const { model, diagnostics } = checkText(read.text);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      if (!opts.force) {
        io.stdout(formatHuman({ path, text: read.text, diagnostics: errors }, { color: io.isTTY, perCode: DEFAULT_PER_CODE }) + '\n\n');
        io.stderr(
          `notice: ${path} 有 ${errors.length} 个错误，未导出。请先改正（notice check ${path} 列出全部问题）；` +
            `如确需照原样导出，加 --force（表中数字照原文印出，Excel 的合计和公式栏按公式计算，与原文不同处加批注）。\n`,
        );
        status = Math.max(status, 1);
        continue;
      }
      io.stderr(`notice: 注意：${path} 有 ${errors.length} 个错误，因 --force 照原样导出。\n`);
    }
    if (model.notices.length === 0) {
      io.stderr(`notice: ${path} 中没有“通知”块，没有可导出的内容\n`);
      status = Math.max(status, 1);
      continue;
    }
    if (existsSync(opts.out) && !statSync(opts.out).isDirectory()) {
      io.stderr(`notice: --out 给的“${opts.out}”是一个文件，不是目录；请给一个目录（不存在时会自动创建）\n`);
      return 2;
    }
    try {
      mkdirSync(opts.out, { recursive: true });
    } catch (err) {
      io.stderr(`notice: ${ioProblem(err, `无法创建输出目录“${opts.out}”`)}\n`);
      return 2;
    }
    for (const [i, n] of model.notices.entries()) {
      let recipients: (RowModel | undefined)[] = [undefined];
      if (opts.per !== undefined) {
        const per = recipientsAt(n, opts.per);
        if (per.ok) recipients = [...per.rows];
        else if (per.noTable) io.stderr(`notice: ${per.message}，按一份导出\n`);
        else {
          io.stderr(`notice: ${path}：${per.message}\n`);
          status = 2;
          continue;
        }
      }
      for (const recipient of recipients) {
        for (const format of opts.formats) {
          let name = outputName(n, i, recipient);
          for (let k = 2; used.has(`${name}.${format}`); k++) name = `${outputName(n, i, recipient)}-${k}`;
          used.add(`${name}.${format}`);
          const file = join(opts.out, `${name}.${format}`);
          let bytes: Uint8Array | string;
          try {
            bytes = await renderNotice(model, n, format, recipient);
          } catch (err) {
            if (!(err instanceof RenderRefusal)) throw err;
            io.stderr(`notice: ${path}：${err.message}\n`);
            status = Math.max(status, 1);
            continue;
          }
          // A file from an earlier export is replaced, and the user is told so.
          const replaced = existsSync(file);
          try {
            writeFileSync(file, bytes);
          } catch (err) {
            io.stderr(`notice: ${ioProblem(err, `无法写出“${file}”`)}\n`);
            status = 2;
            continue;
          }
          io.stdout(`已写出 ${file}${replaced ? '（覆盖了已有的同名文件）' : ''}\n`);
        }
      }
    }
  }
  return status;
}
