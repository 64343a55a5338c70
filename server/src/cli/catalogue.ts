/**
 * The CLI's side of user catalogues: reading the file (the core takes bytes only), printing
 * the rows it could not read on stderr, and `notice catalogue diff OLD NEW`.
 */
import { shippedCatalogue } from '../catalogue/budget.js';
import type { BudgetCatalogue } from '../catalogue/types.js';
import { readBytes } from './read-source.js';
import { CatalogueLoadError, diffCatalogues, formatDiff, layerCatalogues, loadUserCatalogue, type UserCatalogue } from '../catalogue/user/index.js';

export interface CatalogueIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

export const CATALOGUE_USAGE = `用法：
  notice catalogue diff [--format text|json] 旧表 新表   比较两个年度的科目表（XLSX 或 CSV）：新增、删除、更名、改编码的科目
退出码：0 比较完成；2 用法错误或文件无法读取。`;

/** Reads and loads one table; on failure returns the Chinese message (file named). */
export async function readCatalogueFile(path: string): Promise<{ ok: true; table: UserCatalogue } | { ok: false; message: string }> {
  const read = readBytes(path, '这是一个目录，不是科目表文件');
  if (!read.ok) return read;
  const bytes = read.bytes;
  try {
    return { ok: true, table: await loadUserCatalogue({ name: path, bytes }) };
  } catch (err) {
    if (err instanceof CatalogueLoadError) return { ok: false, message: err.message };
    return { ok: false, message: `${path}：无法读取科目表（${err instanceof Error ? err.message : String(err)}）` };
  }
}

/** What loading printed: one line per row not read, then a summary line. */
export function reportLoad(t: UserCatalogue, io: CatalogueIo): void {
  for (const s of t.skipped) {
    io.stderr(`notice: ${t.fileName}：${s.sheet !== undefined ? `工作表“${s.sheet}”` : ''}第 ${s.row} 行未读取：${s.reason}\n`);
  }
  for (const n of t.notes) io.stderr(`notice: ${t.fileName}：${n}\n`);
  const names = t.classifications.length;
  io.stderr(
    `notice: 已载入${t.label}：${t.rows} 个科目（${names} 个分类）${t.skipped.length > 0 ? `，${t.skipped.length} 行未读取` : ''}\n`,
  );
}

/**
 * The catalogue for `notice check --catalogue FILE…`: every table layered over the shipped
 * catalogue, the first file first. Undefined (and messages on stderr) when a file is unusable.
 */
export async function loadCatalogues(paths: readonly string[], io: CatalogueIo): Promise<BudgetCatalogue | undefined> {
  const tables: UserCatalogue[] = [];
  for (const p of paths) {
    const r = await readCatalogueFile(p);
    if (!r.ok) {
      io.stderr(`notice: ${r.message}\n`);
      return undefined;
    }
    reportLoad(r.table, io);
    tables.push(r.table);
  }
  if (tables.length === 1) return tables[0]!.catalogue;
  return layerCatalogues(
    tables.map((t) => t.layer),
    shippedCatalogue(),
  );
}

/** `notice catalogue …` */
export async function runCatalogue(args: readonly string[], io: CatalogueIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(CATALOGUE_USAGE + '\n');
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'diff') {
    io.stderr(`notice: 未知的 catalogue 子命令“${sub}”\n\n${CATALOGUE_USAGE}\n`);
    return 2;
  }
  let format: 'text' | 'json' = 'text';
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v !== 'text' && v !== 'json') {
        io.stderr(`notice: --format 只能是 text 或 json，实际是“${v ?? ''}”\n`);
        return 2;
      }
      format = v;
    } else if (a.startsWith('-') && a !== '-') {
      io.stderr(`notice: 未知的选项“${a}”\n\n${CATALOGUE_USAGE}\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length !== 2) {
    io.stderr(`notice: catalogue diff 需要两个文件（旧表 新表），实际给了 ${files.length} 个\n\n${CATALOGUE_USAGE}\n`);
    return 2;
  }
  const tables: UserCatalogue[] = [];
  for (const f of files) {
    const r = await readCatalogueFile(f);
    if (!r.ok) {
      io.stderr(`notice: ${r.message}\n`);
      return 2;
    }
    reportLoad(r.table, io);
    tables.push(r.table);
  }
  const d = diffCatalogues(tables[0]!, tables[1]!);
  io.stdout(format === 'json' ? JSON.stringify(d, null, 2) + '\n' : formatDiff(d) + '\n');
  return 0;
}

/**
 * Takes `--catalogue FILE` / `--catalogue=FILE` (repeatable) out of `check`'s arguments.
 * `error` when the option has no file.
 */
export function splitCatalogueArgs(args: readonly string[]): { files: string[]; rest: string[]; error?: string } {
  const files: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--catalogue' || a.startsWith('--catalogue=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v || (v.startsWith('-') && v !== '-')) return { files, rest, error: '--catalogue 后应跟科目表文件（XLSX 或 CSV）' };
      files.push(v);
    } else rest.push(a);
  }
  return { files, rest };
}
