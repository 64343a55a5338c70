// `npm run render:look`: renders every example to .docx, .xlsx and .html into out/look/,
// converts the Word and Excel files to PDF with LibreOffice headless (the closest check here
// that Office and WPS will open them) and the HTML with headless Chromium when there is one,
// then every PDF page to PNG with pdftoppm, to look at against ../shared/seeds/. Besides the
// examples it renders the Jiangxi table in 元 (the widest amounts, a landscape page).
// Not run in CI: it needs LibreOffice, poppler and CJK fonts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'out', 'look');
const INSTALL = 'apt-get update && apt-get install -y libreoffice-writer libreoffice-calc poppler-utils fonts-noto-cjk';

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const soffice = which('soffice') ?? which('libreoffice');
const pdftoppm = which('pdftoppm');
if (!soffice || !pdftoppm) {
  console.error(`render:look 需要 LibreOffice 和 pdftoppm（以及中文字体）。请先安装：\n  ${INSTALL}`);
  process.exit(2);
}
if (!spawnSync('sh', ['-c', 'fc-list :lang=zh | head -1'], { encoding: 'utf8' }).stdout.trim()) {
  console.error(`没有找到中文字体，页面上的汉字会是方框。请安装：\n  ${INSTALL}`);
}
const chrome = which('chromium') ?? which('chromium-browser') ?? which('google-chrome');

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'pdf'), { recursive: true });
mkdirSync(join(out, 'png'), { recursive: true });

// The outputs name the fonts GB/T 9704 asks for (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312),
// which Linux does not have. For looking only, map them to Noto CJK (serif for 宋/仿宋/楷, sans
// for 黑体) so LibreOffice does not fall back to a sans face for everything.
const serif = ['方正小标宋简体', '仿宋_GB2312', '仿宋', '楷体_GB2312', '楷体', '宋体', 'SimSun', 'FangSong', 'KaiTi'];
const sans = ['黑体', 'SimHei'];
const alias = (names, to) => names.map((n) => `  <alias binding="same"><family>${n}</family><prefer><family>${to}</family></prefer></alias>`).join('\n');
writeFileSync(
  join(out, 'fonts.conf'),
  `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${alias(serif, 'Noto Serif CJK SC')}\n${alias(sans, 'Noto Sans CJK SC')}\n</fontconfig>\n`,
);
const env = { ...process.env, FONTCONFIG_FILE: join(out, 'fonts.conf') };

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(2);

const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.notice')).sort().map((f) => join('examples', f));
// The examples keep the published numbers (Nanchang's 907 ≠ 908), so they render only with --force.
const render = spawnSync(process.execPath, ['bin/notice.js', 'render', ...examples, '--to', 'docx,xlsx,html', '--out', out, '--force'], { cwd: root, stdio: 'inherit' });
if (render.status !== 0) {
  console.error(`notice render 失败（退出码 ${render.status}）`);
  process.exit(2);
}
// Per-recipient copies: 江西26号 leaves the amounts blank for each city to fill in; a copy of it
// with the blanks written as {本单位.…} references shows what `--per 市` makes of them.
const jiangxi = readFileSync(join(root, 'examples', 'jiangxi-gcszh-2023-26.notice'), 'utf8')
  .split('\n')
  .map((line) =>
    /^ {4}[^#]/.test(line) && line.includes('下达你市')
      ? line
          .replace('补助资金 万元', '补助资金{本单位.全年中央+全年省级}万元')
          .replace('已下达资金 万元', '已下达资金{本单位.已下达中央+已下达省级}万元')
          .replace('此次实际下达资金 万元', '此次实际下达资金{本单位.本次中央+本次省级}万元')
      : line,
  )
  .join('\n');
mkdirSync(join(out, 'per'), { recursive: true });
writeFileSync(join(out, 'per', 'jiangxi-per.notice'), jiangxi);
const per = spawnSync(process.execPath, ['bin/notice.js', 'render', join(out, 'per', 'jiangxi-per.notice'), '--to', 'docx', '--out', join(out, 'per'), '--force', '--per', '市'], { cwd: root, stdio: 'ignore' });
if (per.status !== 0) console.error('按市分发的导出失败');
else {
  const r = spawnSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${join(out, '.lo-profile')}`, '--convert-to', 'pdf', '--outdir', join(out, 'per'), join(out, 'per', '赣财社指〔2023〕26号-南昌市.docx')], { encoding: 'utf8', timeout: 180_000, env });
  if (r.status === 0) spawnSync(pdftoppm, ['-r', '60', '-png', '-l', '1', join(out, 'per', '赣财社指〔2023〕26号-南昌市.pdf'), join(out, 'png', 'per-南昌市')]);
}

// The widest amounts: the Jiangxi table in 元 (every amount ×10,000), as bureaus that allocate in
// 元 publish it. Its table is wide enough to be printed on a landscape page.
mkdirSync(join(out, 'wide'), { recursive: true });
const yuan = readFileSync(join(root, 'examples', 'jiangxi-gcszh-2023-26.notice'), 'utf8')
  .replace(/^(附件1 [\s\S]*?)(?=^附件2)/m, (table) =>
    table.replace('单位：万元', '单位：元').replace(/^( {2,}[^\s#].*?)((?:\s+-?\d+|\s+-)+)$/gm, (_, name, nums) =>
      name + nums.replace(/-?\d+/g, (d) => (Number(d) * 10000 + (d.startsWith('-') ? -37 : 37)).toLocaleString('en-US')),
    ),
  )
  .replace('通知 赣财社指〔2023〕26号', '通知 赣财社指〔2023〕26号元');
writeFileSync(join(out, 'wide', 'jiangxi-yuan.notice'), yuan);
const wide = spawnSync(process.execPath, ['bin/notice.js', 'render', join(out, 'wide', 'jiangxi-yuan.notice'), '--to', 'docx,xlsx,html', '--out', out, '--force'], { cwd: root, stdio: 'ignore' });
if (wide.status !== 0) console.error('江西26号（元）的导出失败');

let failures = 0;
const outputs = readdirSync(out).filter((f) => /\.(docx|xlsx|html)$/.test(f)).sort();
for (const f of outputs) {
  const src = join(out, f);
  const pdf = join(out, 'pdf', `${f}.pdf`);
  if (f.endsWith('.html')) {
    if (!chrome) continue;
    const r = spawnSync(chrome, ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${src}`], { encoding: 'utf8', timeout: 120_000, env });
    if (r.status !== 0 || !existsSync(pdf)) {
      console.error(`✗ ${f}：Chromium 未能打印（${r.stderr?.split('\n').slice(-3).join(' ')}）`);
      failures++;
      continue;
    }
  } else {
    // LibreOffice names the PDF after the input without its extension: convert in a folder of its own.
    const tmp = join(out, 'pdf', `.${f}`);
    mkdirSync(tmp, { recursive: true });
    const r = spawnSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${join(out, '.lo-profile')}`, '--convert-to', 'pdf', '--outdir', tmp, src], { encoding: 'utf8', timeout: 180_000, env });
    const produced = join(tmp, `${basename(f).replace(/\.(docx|xlsx)$/, '')}.pdf`);
    if (r.status !== 0 || !existsSync(produced)) {
      console.error(`✗ ${f}：LibreOffice 转换失败（退出码 ${r.status}）\n${r.stderr}`);
      failures++;
      continue;
    }
    spawnSync('mv', [produced, pdf]);
    rmSync(tmp, { recursive: true, force: true });
  }
  // Every page, one PNG each (`<output>-1.png`, `-2.png` …), at a resolution to read the tables by.
  const png = spawnSync(pdftoppm, ['-r', '70', '-png', pdf, join(out, 'png', f)], { encoding: 'utf8' });
  if (png.status !== 0) {
    console.error(`✗ ${f}：pdftoppm 失败\n${png.stderr}`);
    failures++;
    continue;
  }
  console.log(`✓ ${f}`);
}
console.log(`\n${outputs.length} 个输出，${failures} 个转换失败；PNG 在 ${join('out', 'look', 'png')}/`);
process.exit(failures > 0 ? 1 : 0);
