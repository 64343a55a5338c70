// The main job on the examples: check every examples/*.notice, then render each to Word,
// Excel and HTML under out/examples/. The examples keep the published numbers, so the checker reports
// the published errors (Nanchang's 907 ≠ 908): this script exits 0 when the tool ran, and
// 2 only when the tool itself failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.notice')).sort().map((f) => join('examples', f));
const check = spawnSync(process.execPath, ['bin/notice.js', 'check', ...files], { cwd: root, stdio: 'inherit' });
if (check.status !== 0 && check.status !== 1) process.exit(2);
console.log(check.status === 1
  ? '\n（以上错误是原件本身的：例子照公布的数字和名称转写，检查器把它们找了出来。）\n'
  : '');
// The examples carry the published errors, so rendering needs --force (the outputs print
// the numbers as published; the workbook's formulas compute the true totals and note the
// difference).
const out = join('out', 'examples');
const render = spawnSync(process.execPath, ['bin/notice.js', 'render', ...files, '--to', 'docx,xlsx,html', '--out', out, '--force'], { cwd: root, stdio: 'inherit' });
if (render.status !== 0) process.exit(2);
