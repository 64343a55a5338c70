/**
 * The `notice` command line. `notice check FILE…` prints diagnostics and exits 1 when an
 * error was found, 0 otherwise, 2 on a usage error or an unreadable file. All I/O of the
 * core's users lives here, in the outermost layer.
 */
import { checkModel, type Diagnostic } from '../checks/index.js';
import { DEFAULT_PER_CODE, formatHuman, groupDigits, toJson, type JsonDiagnostic } from './diagnostics-output.js';
import { readSource, type Unread } from './read-source.js';
import { runRender } from './render.js';
import { runImport } from './import.js';
import type { BudgetCatalogue } from '../catalogue/types.js';
import { loadCatalogues, runCatalogue, splitCatalogueArgs } from './catalogue.js';
import { folderFiles, FolderNotices, runChain } from './notices.js';

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  isTTY: boolean;
}

const USAGE = `用法：
  notice check [--format text|json] [--all] [--year 年份] [--catalogue 科目表] [--with 文件夹] 文件…   检查 .notice 文件，报告合计、公式、科目、标识等问题
                                                         （--catalogue：用本地的官方科目表 XLSX/CSV 核对科目，可重复；
                                                          --with：与该文件夹中的通知相核“已下达”和“依据”，可重复）
  notice chain 文件夹…                                   列出各通知的上下级关系（省 → 市 → 县）和每一环的数是否相符
  notice catalogue diff 旧表 新表                        比较两个年度的科目表：新增、删除、更名的科目
  notice render 文件… --to docx|xlsx|html [--out 目录] [--force] [--per 层级]   导出 Word、Excel 或 HTML（源文件有错误时须加 --force）
  notice import 文件… [--out 输出.notice]                 把 Excel、Word、PDF 或提取的文字转写成 .notice（数字照原件，推断处有“# 导入：”注释）
  notice --help                                          显示本说明
  notice --version                                       显示版本

退出码：0 没有错误；1 发现错误；2 用法错误或文件无法读取。`;

export const VERSION = '0.1.0';

class UsageError extends Error {}

export const CHECK_USAGE = `用法：notice check [--format text|json] [--all] [--year 年份] [--catalogue 科目表] [--with 文件夹] 文件…
  检查 .notice 文件：合计、栏公式、金额、科目、直达资金标识、文号、绩效指标……
  --format   text（默认）：path:行:列: 错误[代码]: 说明（错误、警告或提示），下面是该行和 ^ 标记；
             同一代码的问题每个文件只列前 ${DEFAULT_PER_CODE} 个，其余合为一行“另有 N 个 [代码] 问题未列出”；
             json：一个 JSON 数组 {file, range, severity, code, message, related?, fixes?}，位置从 0 起（同 LSP），列出全部
  --all      列出全部问题，同一代码不限个数
  --year     通知既没有“年度”、文号中也没有年份时核对科目所用的目录年度
  --catalogue 用本地的官方科目表（XLSX/CSV）核对科目，可重复
  --with     存放其他通知的文件夹（可重复）：“已下达”栏与所引的先前通知、本通知合计与“依据”的上级通知
             下达给本地区的数相核；一起检查的各文件也互相核对
退出码：0 没有错误；1 发现错误；2 用法错误或有文件无法读取。`;

interface CheckArgs {
  help?: boolean;
  format: 'text' | 'json';
  /** Every diagnostic in text output, not the first `DEFAULT_PER_CODE` of each code. */
  all: boolean;
  files: string[];
  defaultYear?: number;
  with: string[];
}

function parseCheckArgs(args: string[]): CheckArgs {
  const out: CheckArgs = { format: 'text', all: false, files: [], with: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') return { ...out, help: true };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format 只能是 text 或 json，实际是“${v ?? ''}”`);
      out.format = v;
    } else if (a === '--all') {
      out.all = true;
    } else if (a === '--year' || a.startsWith('--year=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v || !/^\d{4}$/.test(v)) throw new UsageError(`--year 应为四位年份，实际是“${v ?? ''}”`);
      out.defaultYear = Number(v);
    } else if (a === '--with' || a.startsWith('--with=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v) throw new UsageError('--with 后应写存放其他通知的文件夹');
      out.with.push(v);
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`未知的选项“${a}”`);
    } else {
      out.files.push(a);
    }
  }
  if (out.files.length === 0) throw new UsageError('没有给出要检查的文件');
  return out;
}

const UNREAD_WORDS: Record<Unread, string> = { missing: '不存在', directory: '是目录', unreadable: '无法读取', encoding: '编码无法识别' };

export function runCheck(args: string[], io: Io, catalogue?: BudgetCatalogue): number {
  const opts = parseCheckArgs(args);
  if (opts.help) {
    io.stdout(CHECK_USAGE + '\n');
    return 0;
  }
  let errors = 0;
  let warnings = 0;
  let others = 0;
  const unread = new Map<Unread, number>();
  let checked = 0;
  const json = opts.format === 'json' ? new JsonWriter(io) : undefined;
  let printed = false;
  // The files checked together, and those of the --with folders, are the notices each is compared with.
  const notices = new FolderNotices();
  for (const dir of opts.with) {
    const listed = folderFiles(dir);
    if (!listed.ok) {
      io.stderr(`notice: ${listed.message}\n`);
      return 2;
    }
    for (const f of listed.files) notices.add(f, io);
  }
  const sources: { path: string; text: string }[] = [];
  for (const path of opts.files) {
    const read = readSource(path);
    if (!read.ok) {
      io.stderr(`notice: ${read.message}\n`);
      unread.set(read.reason, (unread.get(read.reason) ?? 0) + 1);
      continue;
    }
    if (read.note) io.stderr(`notice: ${read.note}\n`);
    notices.add(path, io, read.text);
    sources.push({ path, text: read.text });
  }
  // One file alone is compared with nothing: its citations of notices not given are not news.
  const across = opts.with.length > 0 || sources.length > 1;
  for (const { path, text } of sources) {
    checked++;
    const model = notices.model(path)!;
    const diagnostics = checkModel(model, { ...(opts.defaultYear !== undefined ? { defaultYear: opts.defaultYear } : {}), ...(catalogue ? { catalogue } : {}), ...(across ? { notices: notices.set } : {}) });
    const read = { text };
    for (const d of diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else others++;
    }
    // File by file, diagnostic by diagnostic: a 200,000-row table can have 100,000 of them.
    if (json) json.write(toJson({ path, text: read.text, diagnostics, locate: (f) => notices.locate(f) }));
    else if (diagnostics.length > 0) {
      io.stdout((printed ? '\n' : '') + formatHuman({ path, text: read.text, diagnostics, locate: (f) => notices.locate(f) }, { color: io.isTTY, ...(opts.all ? {} : { perCode: DEFAULT_PER_CODE }) }) + '\n');
      printed = true;
    }
  }
  const unreadable = [...unread.values()].reduce((a, b) => a + b, 0);
  if (json) json.end();
  else {
    if (printed) io.stdout('\n');
    const missing = [...unread].map(([reason, n]) => `${groupDigits(n)} 个${reason === 'directory' ? '路径' : '文件'}${UNREAD_WORDS[reason]}`).join('，');
    io.stdout((checked === 0 && unreadable > 0 ? `没有检查任何文件：${missing}` : summary(checked, errors, warnings, others) + (unreadable > 0 ? `；${missing}，未检查` : '')) + '\n');
  }
  if (unreadable > 0) return 2;
  return errors > 0 ? 1 : 0;
}

/** Writes one JSON array, a diagnostic at a time, in pieces of bounded size (never one string of them all). */
class JsonWriter {
  private first = true;
  private chunk: string[] = [];
  constructor(private readonly io: Io) {
    io.stdout('[');
  }
  write(list: readonly JsonDiagnostic[]): void {
    for (const d of list) {
      this.chunk.push((this.first ? '\n' : ',\n') + JSON.stringify(d, null, 2).replace(/^/gm, '  '));
      this.first = false;
      if (this.chunk.length >= 1000) this.flush();
    }
  }
  end(): void {
    this.flush();
    this.io.stdout(this.first ? ']\n' : '\n]\n');
  }
  private flush(): void {
    if (this.chunk.length > 0) this.io.stdout(this.chunk.join(''));
    this.chunk = [];
  }
}

function summary(files: number, errors: number, warnings: number, others: number): string {
  if (errors + warnings + others === 0) return `检查了 ${groupDigits(files)} 个文件：没有发现问题`;
  const parts = [`${groupDigits(errors)} 个错误`, `${groupDigits(warnings)} 个警告`];
  if (others > 0) parts.push(`${groupDigits(others)} 个提示`);
  return `检查了 ${groupDigits(files)} 个文件：${parts.join('，')}`;
}

export function main(argv: string[], io: Io): number | Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(VERSION + '\n');
      return 0;
    }
    if (command === 'check') {
      const cat = splitCatalogueArgs(rest);
      if (cat.error) throw new UsageError(cat.error);
      if (cat.files.length === 0) return runCheck(rest, io);
      parseCheckArgs(cat.rest); // usage errors first, before reading the tables
      return loadCatalogues(cat.files, io)
        .then((c) => (c ? runCheck(cat.rest, io, c) : 2))
        .catch((err: unknown) => (io.stderr(`notice: 内部错误：${err instanceof Error ? err.message : String(err)}\n`), 2));
    }
    if (command === 'catalogue') return runCatalogue(rest, io);
    if (command === 'chain') return runChain(rest, io);
    if (command === 'import') return runImport(rest, io).catch((err: unknown) => (io.stderr(`notice: 内部错误：${err instanceof Error ? err.message : String(err)}\n`), 2));
    if (command === 'render') return runRender(rest, io).catch((err: unknown) => (io.stderr(`notice: 内部错误：${err instanceof Error ? err.message : String(err)}\n`), 2));
    throw new UsageError(`未知的命令“${command}”`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`notice: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.stderr(`notice: 内部错误：${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}

export type { Diagnostic };
