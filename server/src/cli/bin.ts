/** Entry point of the bundled `notice` command. */
import { main } from './main.js';

const code = main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
});
void Promise.resolve(code).then((c) => {
  process.exitCode = c;
});
