/**
 * Matching Chinese names the way Chinese input habits expect: by the name itself, by a
 * code prefix, or by pinyin initials (`cxyl` finds 城乡医疗救助). Initials are computed
 * once per name.
 */
import type { pinyin as PinyinFn } from 'pinyin-pro';

const initialsCache = new Map<string, string>();

// pinyin-pro carries its dictionary (a third of the server bundle, ~30 ms to load): it is
// loaded after the server has answered `initialize`, and completion waits for it.
let pinyin: typeof PinyinFn | undefined;
let loading: Promise<void> | undefined;

export function loadPinyin(): Promise<void> {
  loading ??= import('pinyin-pro').then((m) => {
    pinyin = m.pinyin;
  });
  return loading;
}

/** Lower-case pinyin initials of the Chinese characters of a name ('' until pinyin-pro has loaded). */
export function initials(name: string): string {
  if (!pinyin) return '';
  let hit = initialsCache.get(name);
  if (hit === undefined) {
    hit = (pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }) as string[]).join('').toLowerCase();
    initialsCache.set(name, hit);
  }
  return hit;
}

/**
 * How well a query matches a candidate (lower is better), or undefined for no match.
 * 0: code or name prefix; 1: pinyin initials prefix; 2: name contains; 3: initials contain.
 */
export function matchRank(query: string, name: string, code = ''): number | undefined {
  const q = query.trim().toLowerCase();
  if (q === '') return 0;
  if (code !== '' && code.startsWith(q)) return 0;
  if (name.startsWith(q)) return 0;
  if (/^[a-z]+$/.test(q)) {
    const ini = initials(name);
    if (ini.startsWith(q)) return 1;
    if (ini.includes(q)) return 3;
  }
  if (name.includes(q) || `${code} ${name}`.includes(q)) return 2;
  return undefined;
}
