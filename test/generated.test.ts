/**
 * A generated notice: a consistent province › city › county table of 10,000 rows (three
 * numeric columns and a formula column `差 = 甲 - 乙`, two decimals, some negatives, numbers
 * written with and without thousands separators) must check clean; then known errors are
 * planted and exactly their diagnostics (codes and lines) must appear, nothing else.
 * Correctness only: no timings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkText } from '../server/src/checks/index.js';
import { LineIndex } from '../server/src/model/span.js';

/** A small deterministic generator (no Math.random: a failure must reproduce). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Cents as the documents write them: `12,345.67`, `12345.67`, `-105.00`, `－3.20`. */
function format(cents: bigint, style: number): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const units = (abs / 100n).toString();
  const frac = (abs % 100n).toString().padStart(2, '0');
  const grouped = style % 2 === 0 ? units.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : units;
  const minus = negative ? (style % 7 === 3 ? '－' : '-') : '';
  return `${minus}${grouped}.${frac}`;
}

interface Row {
  name: string;
  depth: number;
  /** 甲, 乙, 丙, 差 in cents. */
  values: bigint[];
  children: Row[];
}

interface Generated {
  readonly province: Row;
  readonly rows: Row[];
}

function generate(cities: number, countiesPerCity: number, seed: number): Generated {
  const rnd = lcg(seed);
  const cents = (max: number): bigint => BigInt(Math.floor(rnd() * max * 100));
  const province: Row = { name: '全省', depth: 0, values: [], children: [] };
  for (let c = 0; c < cities; c++) {
    const city: Row = { name: `第${c + 1}市`, depth: 1, values: [], children: [] };
    for (let k = 0; k < countiesPerCity; k++) {
      const a = cents(100_000);
      // Mostly 乙 ≤ 甲; now and then more was advanced than is due (a negative 差).
      const b = rnd() < 0.1 ? a + cents(500) : (a * BigInt(Math.floor(rnd() * 100))) / 100n;
      // 丙 is a clawback column: negative now and then.
      const third = rnd() < 0.2 ? -cents(3_000) : cents(9_000);
      // The same county names under every city: names are unique among siblings only.
      city.children.push({ name: k === 0 ? '高新区' : `第${k}县`, depth: 2, values: [a, b, third, a - b], children: [] });
    }
    province.children.push(city);
  }
  const total = (r: Row): bigint[] => {
    if (r.children.length === 0) return r.values;
    const sums = [0n, 0n, 0n, 0n];
    for (const child of r.children) total(child).forEach((v, i) => (sums[i] = sums[i]! + v));
    r.values = sums;
    return sums;
  };
  total(province);
  const rows: Row[] = [];
  const walk = (r: Row): void => {
    rows.push(r);
    r.children.forEach(walk);
  };
  walk(province);
  return { province, rows };
}

const HEADER_LINES = 16;

/** The notice text; row `i` of `rows` is on line `HEADER_LINES + i` (0-based). */
function render(g: Generated, edit: (row: Row, index: number, line: string) => string = (_r, _i, l) => l): string {
  const diff = g.province.values[3]!;
  const lines = [
    '通知 某财社〔2023〕1号',
    '  发文机关：某省财政厅',
    '  标题：关于下达2023年补助资金的通知',
    '  年度：2023',
    `  金额：${format(diff, 0)}万元 = 附件1.差`,
    '  资金来源：中央',
    '  收入科目：1100249 医疗卫生共同财政事权转移支付收入',
    '  支出功能科目：2101301 城乡医疗救助',
    '  直达资金：01 中央直达资金',
    '',
    '附件1 分配表：2023年补助资金分配表',
    '  单位：万元',
    '  栏 甲：全年应下达',
    '  栏 乙：已提前下达',
    '  栏 丙：扣回',
    '  栏 差：本次下达 = 甲 - 乙',
  ];
  expect(lines.length).toBe(HEADER_LINES);
  g.rows.forEach((r, i) => {
    const cells = r.values.map((v, k) => format(v, i + k).padStart(14)).join('');
    lines.push(edit(r, i, `${'  '.repeat(r.depth + 1)}${r.name.padEnd(8, '　')}${cells}`));
  });
  return lines.join('\n') + '\n';
}

function diagnosticsByLine(text: string): string[] {
  const index = new LineIndex(text);
  return checkText(text)
    .diagnostics.map((d) => `${index.position(d.span.start).line + 1}:${d.code}`)
    .sort();
}

describe('a generated 10,000-row notice', () => {
  // 1 province + 99 cities + 99 × 100 counties = 10,000 rows.
  const g = generate(99, 100, 20230711);

  it('has 10,000 rows, decimals and negatives', () => {
    expect(g.rows.length).toBe(10_000);
    const all = g.rows.flatMap((r) => r.values);
    expect(all.some((v) => v < 0n)).toBe(true);
    expect(all.some((v) => v % 100n !== 0n)).toBe(true);
  });

  it('consistent: zero diagnostics', () => {
    expect(checkText(render(g)).diagnostics).toEqual([]);
  });

  it('with planted errors: exactly the planted diagnostics, on their lines', () => {
    const line = (row: Row): number => HEADER_LINES + g.rows.indexOf(row) + 1; // 1-based
    const city = (c: number): Row => g.province.children[c]!;
    const county = (c: number, k: number): Row => city(c).children[k]!;

    // 1. A county's 丙 changed without updating the totals: its city is off (the province
    //    still equals the sum of the city cells as printed).
    const changed = county(9, 41);
    // 2. A county's 差 broken (甲 - 乙 no longer holds): the formula, and its city's 差 total.
    const formula = county(19, 7);
    // 3. A county renamed to its sibling's name.
    const renamed = county(29, 12);
    const sibling = county(29, 11);
    // 4. Tabs in a county's indentation (three tabs are read as its six spaces).
    const tabbed = county(39, 99);
    // 5. A county row missing one numeric cell: cell-count, and the totals above it are not
    //    checked (its numbers are not trusted), so no sum-mismatch for city 50.
    const short = county(49, 3);

    // The planted text is built cell by cell, not by editing the rendered lines.
    const planted = render(g, (row, _i, l) => {
      const indent = '  '.repeat(row.depth + 1);
      const cells = (values: bigint[]): string => values.map((v, k) => format(v, k).padStart(14)).join('');
      if (row === changed) return `${indent}${row.name}${cells([row.values[0]!, row.values[1]!, row.values[2]! + 1n, row.values[3]!])}`;
      if (row === formula) return `${indent}${row.name}${cells([row.values[0]!, row.values[1]!, row.values[2]!, row.values[3]! + 250n])}`;
      if (row === renamed) return `${indent}${sibling.name}${cells(row.values)}`;
      if (row === tabbed) return `\t\t\t${row.name}${cells(row.values)}`;
      if (row === short) return `${indent}${row.name}${cells(row.values.slice(0, 3))}`;
      return l;
    });

    const expected = [
      `${line(city(9))}:sum-mismatch`,
      `${line(formula)}:formula-mismatch`,
      `${line(city(19))}:sum-mismatch`,
      `${line(renamed)}:duplicate-row`,
      `${line(tabbed)}:indentation`,
      `${line(short)}:cell-count`,
    ].sort();
    expect(diagnosticsByLine(planted)).toEqual(expected);

    const messages = checkText(planted).diagnostics.map((d) => d.message);
    // The province still adds up with the city's printed figure, so the county is the likelier
    // fault: the message says so, and no fix is offered to overwrite the city's total.
    // Numbers as the table writes them (column 丙 is grouped, two decimals).
    const cityTotal = checkText(planted).diagnostics.find((d) => d.message.startsWith(`合计 ${format(city(9).values[2]!, 2)} ≠ 各项之和 ${format(city(9).values[2]! + 1n, 2)}（差 -0.01）：${city(9).name} 第3栏“丙”`));
    expect(cityTotal?.message).toContain('错的可能是其下某一项');
    expect(cityTotal?.fixes).toBeUndefined();
    // The formula's message shows its operands as the row writes them.
    const broken = checkText(planted).diagnostics.find((d) => d.code === 'formula-mismatch' && d.message.endsWith(`：${formula.name}`));
    expect(broken?.message).toContain(`应为 甲 ${format(formula.values[0]!, 0)} - 乙 ${format(formula.values[1]!, 1)} = `);
    expect(broken?.message).toContain(`，实际是 ${format(formula.values[3]! + 250n, 3)}（差 +2.50）`);
    expect(messages.filter((m) => m.includes('第4栏“差”') && m.startsWith('合计'))).toHaveLength(1);
  });
});


describe('generated trees, property-based (small)', () => {
  it('a consistent random tree checks clean; one changed county gives a sum-mismatch on its city, in exactly the changed columns', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.nat(),
        fc.constantFrom('甲', '乙', '丙'),
        fc.integer({ min: 1, max: 99_999 }),
        (cities, counties, seed, pick, what, delta) => {
          const g = generate(cities, counties, seed);
          expect(checkText(render(g)).diagnostics).toEqual([]);
          const leaves = g.rows.filter((r) => r.children.length === 0);
          const leaf = leaves[pick % leaves.length]!;
          // Changing 甲 or 乙 changes 差 with it, so the formula keeps holding on the row.
          const d = BigInt(delta);
          const change: Record<string, bigint[]> = { 甲: [d, 0n, 0n, d], 乙: [0n, d, 0n, -d], 丙: [0n, 0n, d, 0n] };
          const mutated = render(g, (row, i, l) => {
            if (row !== leaf) return l;
            const cells = row.values.map((v, k) => format(v + change[what]![k]!, i + k).padStart(14)).join('');
            return `${'  '.repeat(row.depth + 1)}${row.name.padEnd(8, '　')}${cells}`;
          });
          const index = new LineIndex(mutated);
          const found = checkText(mutated)
            .diagnostics.map((x) => `${index.position(x.span.start).line - HEADER_LINES} ${x.code} ${/第(\d)栏/.exec(x.message)?.[1]}`)
            .sort();
          const city = g.province.children.find((c) => c.children.includes(leaf))!;
          const columns = change[what]!.flatMap((v, k) => (v !== 0n ? [k + 1] : []));
          // Only the county's own total is off: the province adds up the city cells as written.
          const expected = [city]
            .flatMap((r) => columns.map((c) => `${g.rows.indexOf(r)} sum-mismatch ${c}`))
            .sort();
          expect(found).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
