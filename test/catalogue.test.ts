import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  childrenOf,
  completeCoverage,
  createBudgetCatalogue,
  directFundTags,
  findDirectFundTagByCode,
  findDirectFundTagByName,
  findRegions,
  findRegionsLoose,
  kpiFramework,
  regionByCode,
  shippedCatalogue,
  shortRegionName,
  type CatalogueEntry,
  type Classification,
} from '../server/src/catalogue';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function found(classification: Classification, code: string, year: number): CatalogueEntry {
  const r = shippedCatalogue().lookup(classification, code, year);
  if (r.kind !== 'found') throw new Error(`${code} in ${year}: ${r.kind}`);
  return r.entry;
}

describe('shipped budget catalogue', () => {
  const cat = shippedCatalogue();

  it('is labelled and spans the notice years', () => {
    expect(cat.label).toBe('内置目录');
    for (const y of [2021, 2022, 2023, 2024]) expect(cat.years).toContain(y);
    expect(shippedCatalogue()).toBe(cat);
  });

  it('finds 2101301 城乡医疗救助 in 2023 with its chain 210 › 21013 › 2101301', () => {
    const e = found('expFunc', '2101301', 2023);
    expect(e.name).toBe('城乡医疗救助');
    expect(e.level).toBe('项');
    expect(e.confidence).toBe('high');
    expect(cat.parentChain(e, 2023).map((x) => x.code)).toEqual(['210', '21013', '2101301']);
    expect(cat.parentChain(e, 2023).map((x) => x.name)).toEqual(['卫生健康支出', '医疗救助', '城乡医疗救助']);
  });

  it('judges the names of 1100249 by year', () => {
    const e = found('revenue', '1100249', 2023);
    expect(cat.judgeName(e, '医疗卫生共同财政事权转移支付收入', 2023)).toEqual({ kind: 'exact' });
    expect(cat.judgeName(e, ' 医疗卫生共同财政事权转移支付收入 ', 2023)).toEqual({ kind: 'exact' });
    const old = cat.judgeName(e, '卫生健康共同财政事权转移支付收入', 2023);
    expect(old.kind).toBe('other-year');
    expect(cat.judgeName(e, '医疗卫生共同财政事权转移收入', 2023)).toEqual({ kind: 'different' });
    // The row holds 2019 (a 2019 notice cites the code), when the older name was in use.
    const e2019 = found('revenue', '1100249', 2019);
    expect(cat.judgeName(e2019, '卫生健康共同财政事权转移支付收入', 2019).kind).toBe('alias');
  });

  it('accepts both printed names of 2100409 in every year', () => {
    const e = found('expFunc', '2100409', 2023);
    expect(cat.judgeName(e, '重大公共卫生服务', 2023).kind).toBe('exact');
    expect(cat.judgeName(e, '重大公共卫生专项', 2023).kind).toBe('alias');
  });

  it('treats the pre-2019 类 names as other-year names', () => {
    const e210 = found('expFunc', '210', 2022);
    expect(cat.judgeName(e210, '医疗卫生与计划生育支出', 2022).kind).toBe('other-year');
    const e207 = found('expFunc', '207', 2022);
    expect(cat.judgeName(e207, '文化体育与传媒支出', 2022).kind).toBe('other-year');
  });

  it('normalises only bracket width and surrounding spaces', () => {
    const e = found('expFunc', '2100202', 2023);
    expect(e.name).toBe('中医（民族）医院');
    expect(cat.judgeName(e, '中医(民族)医院', 2023).kind).toBe('exact');
    const other = found('expFunc', '2100299', 2024);
    expect(cat.judgeName(other, '其它公立医院支出', 2024).kind).toBe('different');
  });

  it('says a made-up code in a complete branch does not exist', () => {
    expect(cat.lookup('expFunc', '2101388', 2023)).toEqual({ kind: 'unknown', branch: '21013' });
    expect(cat.lookup('govEco', '50104', 2023)).toEqual({ kind: 'unknown', branch: '501' });
  });

  it('says a made-up code in an incomplete branch is uncovered', () => {
    expect(cat.lookup('expFunc', '2100488', 2023)).toEqual({ kind: 'uncovered', branch: '21004' });
    // 款 21098 is not listed, so the nearest branch with rows is 210.
    expect(cat.lookup('expFunc', '2109801', 2023)).toEqual({ kind: 'uncovered', branch: '210' });
    expect(cat.lookup('revenue', '101', 2023)).toEqual({ kind: 'uncovered', branch: '(root)' });
  });

  it('reports rows of other years for a code outside its years', () => {
    const r = cat.lookup('expFunc', '234', 2023);
    expect(r.kind).toBe('uncovered');
    if (r.kind !== 'found') expect(r.otherYears?.map((e) => e.code)).toEqual(['234']);
  });

  it('holds the cited codes the source catalogue lacked', () => {
    expect(found('expFunc', '2296002', 2022).name).toBe('用于社会福利的彩票公益金支出');
    expect(found('expFunc', '2210103', 2023).name).toBe('棚户区改造');
    expect(found('expFunc', '2210107', 2023).name).toBe('保障性住房租金补贴');
    expect(found('govEco', '51002', 2023).confidence).toBe('low');
  });

  it('lists entries per year and finds rows by name', () => {
    const list = cat.entries('expFunc', 2023);
    expect(list.some((e) => e.code === '2101301')).toBe(true);
    expect(list.some((e) => e.code === '2130199')).toBe(false); // a 2018-only row
    expect(cat.entries('expFunc', 2023)).toBe(list);
    expect(cat.findByName?.('govEco', '上下级政府间转移性支出', 2022).map((e) => e.code)).toEqual(['51301']);
  });

  it('never marks rows without a source other than author knowledge high', () => {
    for (const cls of ['revenue', 'expFunc', 'govEco', 'depEco'] as const) {
      for (const e of cat.entries(cls, 2023)) {
        if (e.confidence === 'high') expect(e.source).not.toMatch(/^整理者经验[^;]*$/);
      }
    }
  });
});

describe('catalogue from an official table', () => {
  const rows = [
    { classification: 'expFunc' as const, code: '210', name: '卫生健康支出', fromYear: 2023, toYear: 2023, confidence: 'official' as const, source: 'table.xlsx' },
    { classification: 'expFunc' as const, code: '21013', name: '医疗救助', fromYear: 2023, toYear: 2023, confidence: 'official' as const, source: 'table.xlsx' },
    { classification: 'expFunc' as const, code: '2101301', name: '城乡医疗救助', fromYear: 2023, toYear: 2023, confidence: 'official' as const, source: 'table.xlsx' },
  ];
  const cat = createBudgetCatalogue(rows, completeCoverage(rows), 'table.xlsx');

  it('derives levels and parents and treats the classification as complete', () => {
    const r = cat.lookup('expFunc', '2101301', 2023);
    expect(r.kind).toBe('found');
    if (r.kind === 'found') {
      expect(r.entry.level).toBe('项');
      expect(cat.parentChain(r.entry, 2023).map((e) => e.code)).toEqual(['210', '21013', '2101301']);
    }
    expect(cat.lookup('expFunc', '2101302', 2023)).toEqual({ kind: 'unknown', branch: '21013' });
    expect(cat.lookup('expFunc', '2119901', 2023)).toEqual({ kind: 'unknown', branch: '(root)' });
    expect(cat.lookup('govEco', '50101', 2023)).toEqual({ kind: 'uncovered', branch: '(root)' });
    expect(cat.years).toEqual([2023]);
  });
});

describe('direct-fund tags', () => {
  it('finds tags by code', () => {
    expect(findDirectFundTagByCode('01')?.name).toBe('中央直达资金');
    expect(findDirectFundTagByCode('02')?.name).toBe('中央参照直达资金');
    expect(findDirectFundTagByCode('09')?.name).toBe('其他');
    expect(findDirectFundTagByCode('03')).toBeUndefined();
  });

  it('finds tags by name or alias, and not by the loose names notices print', () => {
    expect(findDirectFundTagByName('中央直达资金')?.code).toBe('01');
    const provincial = findDirectFundTagByName('直达资金省级对应安排');
    expect(provincial?.code).toBeUndefined();
    expect(provincial?.scope).toBe('省级');
    expect(provincial?.confidence).toBe('low');
    expect(findDirectFundTagByName('省级配套直达资金')).toBe(provincial);
    expect(findDirectFundTagByName('直达资金')).toBeUndefined();
    expect(findDirectFundTagByName('其他资金')).toBeUndefined();
  });

  it('explains every tag in Chinese', () => {
    expect(directFundTags()).toHaveLength(4);
    for (const t of directFundTags()) expect(t.meaning).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('KPI framework', () => {
  const kpi = kpiFramework();

  it('puts 社会效益指标 under 效益指标', () => {
    expect(kpi.level1.slice(0, 3)).toEqual(['产出指标', '效益指标', '满意度指标']);
    expect(kpi.level2.get('效益指标')).toContain('社会效益指标');
    expect(kpi.level2.get('产出指标')).toEqual(['数量指标', '质量指标', '时效指标', '成本指标']);
    expect(kpi.level2.get('满意度指标')).toEqual(['服务对象满意度指标']);
  });

  it('keeps 成本指标 as a 一级 at low confidence', () => {
    expect(kpi.level2.get('成本指标')).toEqual(['经济成本指标', '社会成本指标', '生态环境成本指标']);
    expect(kpi.pairs?.filter((p) => p.level1 === '成本指标').every((p) => p.confidence === 'low')).toBe(true);
  });

  it('maps the shortened names to the standard ones', () => {
    expect(kpi.synonyms.get('社会指标')).toBe('社会效益指标');
    expect(kpi.synonyms.get('满意度')).toBe('满意度指标');
    expect(kpi.synonyms.has('社会效益指标')).toBe(false);
  });
});

describe('regions', () => {
  it("lists 南昌县 and 进贤县 among 南昌市's children", () => {
    const [nanchang, ...rest] = findRegions('南昌市');
    expect(rest).toHaveLength(0);
    expect(nanchang?.code).toBe('360100');
    expect(nanchang?.level).toBe('city');
    expect(nanchang?.parentCode).toBe('360000');
    const names = childrenOf(nanchang!.code).map((r) => r.name);
    expect(names).toContain('南昌县');
    expect(names).toContain('进贤县');
    expect(childrenOf('3601').map((r) => r.name)).toEqual(names);
  });

  it('looks regions up by code', () => {
    expect(regionByCode('360121')?.name).toBe('南昌县');
    expect(regionByCode('36')?.name).toBe('江西省');
    expect(regionByCode('360121')?.level).toBe('county');
    expect(childrenOf('').length).toBe(31);
  });

  it('matches short names loosely', () => {
    const names = findRegionsLoose('南昌').map((r) => r.name);
    expect(names).toContain('南昌市');
    expect(names).toContain('南昌县');
    expect(findRegionsLoose('南昌市')[0]?.name).toBe('南昌市');
    expect(findRegionsLoose('广西').map((r) => r.name)).toContain('广西壮族自治区');
    expect(shortRegionName('恩施土家族苗族自治州')).toBe('恩施');
    expect(shortRegionName('新疆维吾尔自治区')).toBe('新疆');
    expect(shortRegionName('内蒙古自治区')).toBe('内蒙古');
    expect(shortRegionName('泾县')).toBe('泾县');
    expect(shortRegionName('浦东新区')).toBe('浦东');
  });
});

describe('scripts/build-data.mjs', () => {
  it('--check finds the generated modules up to date', () => {
    // Throws (non-zero exit) if data/ and server/src/catalogue/generated/ disagree.
    const out = execFileSync(process.execPath, ['scripts/build-data.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toContain('up to date');
  });
});
