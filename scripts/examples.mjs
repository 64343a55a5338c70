// The main job on the examples: check every examples/*.notice (and, where the renderers
// exist, render them). The examples keep the published numbers, so the checker reports
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
  ? '\n（以上错误是原件本身的：例子照公布的数字和名称转写，检查器把它们找了出来。）'
  : '');
