/**
 * The other notices a check compares with (`notice check --with DIR`, and every file checked
 * in the same run), and `notice chain DIR`: the tree province → city → county of the notices
 * in a folder, each link with its figures and whether they agree.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from '../../../grammar/index.js';
import { chainTree } from '../checks/chain-tree.js';
import { chainSummary, differingIn, linkLines, type ChainNode, type LinkVerdict } from '../checks/chain-words.js';
import { NoticeSet } from '../checks/notice-set.js';
import { buildModel } from '../model/build.js';
import { LineIndex } from '../model/span.js';
import type { Io } from './main.js';
import { readSource } from './read-source.js';

/** The `.notice` files under a folder, at any depth, in name order (hidden folders and node_modules left out). */
export function noticeFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.notice')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** A folder given to `--with` or `chain`: its files, or one Chinese line saying why not. */
export function folderFiles(dir: string): { ok: true; files: string[] } | { ok: false; message: string } {
  try {
    if (!statSync(dir).isDirectory()) return { ok: false, message: `${dir}：不是文件夹（应给出存放其他通知 .notice 文件的文件夹）` };
    return { ok: true, files: noticeFiles(dir) };
  } catch {
    return { ok: false, message: `${dir}：文件夹不存在` };
  }
}

/** Notices read from files, with their texts (for the positions of related locations). */
export class FolderNotices {
  readonly set = new NoticeSet();
  private readonly texts = new Map<string, string>();
  private readonly indexes = new Map<string, LineIndex>();

  /** Reads a file into the set; false (and a line on stderr) when it cannot be read. */
  add(given: string, io: Io, text?: string): boolean {
    const file = path.normalize(given);
    if (this.texts.has(file)) return true;
    let t = text;
    if (t === undefined) {
      const read = readSource(file);
      if (!read.ok) {
        io.stderr(`notice: ${read.message}\n`);
        return false;
      }
      t = read.text;
    }
    this.texts.set(file, t);
    const source = t;
    this.set.set(file, () => buildModel(parse(source)));
    return true;
  }

  /** The model of a file of the set. */
  model(file: string): ReturnType<NoticeSet['model']> {
    return this.set.model(path.normalize(file));
  }

  /** The line index of a file of the set, for printing a position in it. */
  locate(given: string): LineIndex | undefined {
    const file = path.normalize(given);
    let index = this.indexes.get(file);
    if (!index) {
      const text = this.texts.get(file);
      if (text === undefined) return undefined;
      this.indexes.set(file, (index = new LineIndex(text)));
    }
    return index;
  }
}

// ---- notice chain ----

export const CHAIN_USAGE = `用法：notice chain [--format text|json] [--year 年份] [--fund 资金名称] 文件夹…
  列出文件夹中各通知的上下级关系（省 → 市 → 县），每一环：本级下达的合计与上级下达给本地区的数、
  “已下达”栏与所引各通知是否相符。
  --year   只列这一年度的通知（“年度”字段，或文号中的年份）
  --fund   只列标题中含这几个字的通知（如 --fund 医疗救助）
退出码：0 各环都相符；1 有不相符的；2 用法错误或文件夹无法读取。`;

export function runChain(args: string[], io: Io): number {
  let format: 'text' | 'json' = 'text';
  let year: number | undefined;
  let fund: string | undefined;
  const dirs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string | undefined => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]);
    if (a === '--help' || a === '-h') {
      io.stdout(CHAIN_USAGE + '\n');
      return 0;
    } else if (a === '--format' || a.startsWith('--format=')) {
      const v = value();
      if (v !== 'text' && v !== 'json') return usage(io, `--format 只能是 text 或 json，实际是“${v ?? ''}”`);
      format = v;
    } else if (a === '--year' || a.startsWith('--year=')) {
      const v = value();
      if (!v || !/^\d{4}$/.test(v)) return usage(io, `--year 应为四位年份，实际是“${v ?? ''}”`);
      year = Number(v);
    } else if (a === '--fund' || a.startsWith('--fund=')) {
      const v = value();
      if (!v) return usage(io, '--fund 后应写资金名称中的几个字，如 --fund 医疗救助');
      fund = v;
    } else if (a.startsWith('-')) return usage(io, `未知的选项“${a}”`);
    else dirs.push(a);
  }
  if (dirs.length === 0) return usage(io, '没有给出文件夹');
  const notices = new FolderNotices();
  for (const d of dirs) {
    const listed = folderFiles(d);
    if (!listed.ok) {
      io.stderr(`notice: ${listed.message}\n`);
      return 2;
    }
    for (const f of listed.files) notices.add(f, io);
  }
  const all = notices.set.all().filter((c) => (year === undefined || c.notice.year === year) && (fund === undefined || (c.notice.fields.get('标题')?.value.text ?? '').includes(fund)));
  const roots = chainTree(all, notices.set);
  if (format === 'json') io.stdout(JSON.stringify(roots, null, 2) + '\n');
  else {
    const lines: string[] = [];
    for (const r of roots) printNode(r, '', '', lines);
    io.stdout(lines.join('\n') + (lines.length > 0 ? '\n\n' : ''));
    io.stdout(chainSummary(roots, '文件夹') + '\n');
  }
  return differingIn(roots) > 0 ? 1 : 0;
}

function usage(io: Io, message: string): number {
  io.stderr(`notice: ${message}\n\n${CHAIN_USAGE}\n`);
  return 2;
}

const MARKS: Record<LinkVerdict, string> = { agrees: '✓', differs: '✗', unchecked: '?' };

function printNode(node: ChainNode, lead: string, childLead: string, out: string[]): void {
  const head = [node.number ?? '（无文号）', node.region ?? node.issuer ?? '', node.title ?? ''].filter((s) => s !== '').join('  ');
  out.push(`${lead}${head}`);
  const detail = (s: string): void => {
    out.push(`${childLead}${node.children.length > 0 ? '│ ' : '  '}  ${s}`);
  };
  for (const l of linkLines(node, '文件夹')) detail(`${MARKS[l.verdict]} ${l.text}`);
  node.children.forEach((c, i) => {
    const last = i === node.children.length - 1;
    printNode(c, `${childLead}${last ? '└─ ' : '├─ '}`, `${childLead}${last ? '   ' : '│  '}`, out);
  });
}
