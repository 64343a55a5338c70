/** Entry point of the bundled `notice` command. */
import { main } from './main.js';

// A reader that stops early (`notice check … | head`) closes the pipe: end quietly, as
// other commands do, rather than with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const code = main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
});
void Promise.resolve(code).then((c) => {
  process.exitCode = c;
});
