/**
 * The user's official 科目 tables in the editor (issue 7): the files `notice.catalogue.file`
 * names and any `.notice-catalogue.*` at the root of a workspace folder, read through the
 * host (Node only: a web worker has no file system), loaded with `loadUserCatalogue`, and
 * layered over the shipped catalogue. Pure logic over the host: no file access here.
 */
import { shippedCatalogue } from '../catalogue/budget.js';
import type { BudgetCatalogue } from '../catalogue/types.js';
import { CLASSIFICATION_NAMES } from '../catalogue/types.js';
import { layerCatalogues } from '../catalogue/user/layered.js';
import type { UserCatalogue, UserCatalogueInput, UserCatalogueOptions } from '../catalogue/user/load.js';

/** What the server needs from its host to read catalogue files (the Node host has it; the browser host does not). */
export interface CatalogueFileHost {
  /** The file's bytes; throws an Error whose message (Chinese) says why it cannot be read. */
  readonly readBytes: (uri: string) => Promise<Uint8Array>;
  /** The names of the files in a folder (empty when it cannot be listed). */
  readonly listDirectory: (uri: string) => Promise<string[]>;
  /** `loadUserCatalogue` (passed in by the host so the browser bundle does not carry the XLSX readers). */
  readonly loadCatalogue: (input: UserCatalogueInput, options?: UserCatalogueOptions) => Promise<UserCatalogue>;
}

/** `.notice-catalogue.xlsx`, `.notice-catalogue.csv`, …: picked up at the root of a workspace folder. */
export const AUTO_CATALOGUE = /^\.notice-catalogue\.[^/\\]+$/i;

export interface LoadedTable {
  readonly uri: string;
  readonly table: UserCatalogue;
  /** Found at a folder root rather than named in the setting. */
  readonly auto: boolean;
}

export interface CatalogueState {
  /** The catalogue every check uses; undefined: the shipped one. */
  readonly catalogue?: BudgetCatalogue;
  readonly tables: readonly LoadedTable[];
  /** One Chinese message per file that could not be used. */
  readonly errors: readonly string[];
  /** Every file this state was built from or looked for (as `uriKey`): a change to any of them reloads. */
  readonly uris: ReadonlySet<string>;
}

export const NO_USER_CATALOGUE: CatalogueState = { tables: [], errors: [], uris: new Set() };

function encodePath(path: string): string {
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

/** Where a configured path may be: a URI or an absolute path as is, a relative one under each workspace folder. */
export function candidateUris(path: string, folders: readonly string[]): string[] {
  const p = path.trim();
  if (/^[a-z][a-z0-9+.-]+:/i.test(p) && !/^[a-z]:[\\/]/i.test(p)) return [p];
  const slashed = p.replace(/\\/g, '/');
  if (/^[a-z]:\//i.test(slashed)) return [`file:///${slashed.slice(0, 2)}${encodePath(slashed.slice(2))}`];
  if (slashed.startsWith('/')) return [`file://${encodePath(slashed)}`];
  return folders.map((f) => new URL(encodePath(slashed), f.endsWith('/') ? f : `${f}/`).href);
}

export function fileNameOf(uri: string): string {
  const last = uri.split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The folder a URI sits in (`file:///a/b/c.csv` → `file:///a/b`). */
export function parentUri(uri: string): string {
  return uri.replace(/\/[^/]*$/, '');
}

/** A URI as compared here: clients encode differently (`c%3A` or `c:`), so decoded, without a trailing slash. */
export function uriKey(uri: string): string {
  let u = uri.replace(/\/$/, '');
  try {
    u = decodeURIComponent(u);
  } catch {
    // Leave it as it is.
  }
  return u.replace(/^file:\/\/\/([a-z]):/i, (_, d: string) => `file:///${d.toLowerCase()}:`);
}

/** Is this URI a `.notice-catalogue.*` directly under one of the folders? */
export function isAutoCatalogue(uri: string, folders: readonly string[]): boolean {
  if (!AUTO_CATALOGUE.test(fileNameOf(uri))) return false;
  const parent = uriKey(parentUri(uri));
  return folders.some((f) => uriKey(f) === parent);
}

/** Does a change to this URI concern the catalogue in use (or one looked for)? */
export function concernsCatalogue(state: CatalogueState, uri: string, folders: readonly string[]): boolean {
  return state.uris.has(uriKey(uri)) || isAutoCatalogue(uri, folders);
}

async function loadOne(host: CatalogueFileHost, uri: string, year: number | undefined): Promise<{ table: UserCatalogue } | { error: string }> {
  const name = fileNameOf(uri);
  let bytes: Uint8Array;
  try {
    bytes = await host.readBytes(uri);
  } catch (err) {
    return { error: `${name}：${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    return { table: await host.loadCatalogue({ name, bytes }, year !== undefined ? { year } : {}) };
  } catch (err) {
    // CatalogueLoadError messages already name the file.
    if (err instanceof Error && err.name === 'CatalogueLoadError') return { error: err.message };
    return { error: `${name}：无法读取科目表（${err instanceof Error ? err.message : String(err)}）` };
  }
}

/**
 * Loads the configured files (first first), then the `.notice-catalogue.*` files at the
 * folder roots. Files that fail are reported and left out; the rest are layered over the
 * shipped catalogue.
 */
export async function loadUserCatalogues(host: CatalogueFileHost, configured: readonly string[], folders: readonly string[], year?: number): Promise<CatalogueState> {
  const uris = new Set<string>();
  const tables: LoadedTable[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const path of configured) {
    const candidates = candidateUris(path, folders);
    if (candidates.length === 0) {
      errors.push(`${path}：是相对路径，但没有打开工作区文件夹，无法确定文件位置（请写绝对路径）`);
      continue;
    }
    for (const c of candidates) uris.add(uriKey(c));
    let firstError: string | undefined;
    let loaded = false;
    for (const uri of candidates) {
      if (seen.has(uriKey(uri))) {
        loaded = true;
        break;
      }
      const r = await loadOne(host, uri, year);
      if ('table' in r) {
        seen.add(uriKey(uri));
        tables.push({ uri, table: r.table, auto: false });
        loaded = true;
        break;
      }
      firstError ??= r.error;
    }
    if (!loaded && firstError) errors.push(`设置 notice.catalogue.file 中的 ${firstError}`);
  }
  for (const folder of folders) {
    const names = (await host.listDirectory(folder).catch(() => [] as string[])).filter((n) => AUTO_CATALOGUE.test(n)).sort();
    for (const n of names) {
      const uri = `${folder.replace(/\/$/, '')}/${encodeURIComponent(n)}`;
      uris.add(uriKey(uri));
      if (seen.has(uriKey(uri))) continue;
      seen.add(uriKey(uri));
      const r = await loadOne(host, uri, year);
      if ('table' in r) tables.push({ uri, table: r.table, auto: true });
      else errors.push(`工作区中的 ${r.error}`);
    }
  }
  if (tables.length === 0) return { tables, errors, uris };
  const catalogue = tables.length === 1 ? tables[0]!.table.catalogue : layerCatalogues(tables.map((t) => t.table.layer), shippedCatalogue());
  return { catalogue, tables, errors, uris };
}

const MAX_SKIPPED_LOGGED = 20;

/** The output channel's account of one table: notes, the rows not read (the first 20), and a summary line. */
export function tableLog(t: LoadedTable): string[] {
  const { table } = t;
  const lines: string[] = [];
  const where = (s: { sheet?: string; row: number }): string => `${s.sheet !== undefined ? `工作表“${s.sheet}”` : ''}第 ${s.row} 行`;
  for (const s of table.skipped.slice(0, MAX_SKIPPED_LOGGED)) lines.push(`  ${table.fileName}：${where(s)}未读取：${s.reason}`);
  if (table.skipped.length > MAX_SKIPPED_LOGGED) lines.push(`  ……另有 ${table.skipped.length - MAX_SKIPPED_LOGGED} 行未读取`);
  for (const n of table.notes) lines.push(`  ${table.fileName}：${n}`);
  lines.unshift(summaryOf(t));
  return lines;
}

/** `已载入用户目录 X（2024 年）：3562 个科目（收入分类、支出功能分类），4 行未读取` */
export function summaryOf(t: LoadedTable): string {
  const { table } = t;
  const classes = table.classifications.map((c) => CLASSIFICATION_NAMES[c]).join('、');
  const skipped = table.skipped.length > 0 ? `，${table.skipped.length} 行未读取（${table.skipped
    .slice(0, 3)
    .map((s) => `第 ${s.row} 行`)
    .join('、')}${table.skipped.length > 3 ? ' 等' : ''}）` : '';
  return `已载入${table.label}${t.auto ? '（工作区根目录）' : ''}：${table.rows} 个科目（${classes}）${skipped}`;
}
