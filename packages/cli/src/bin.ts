import { main } from './main.js';

// Set the exit code and let Node exit on its own, so that pending writes to pipes are flushed.
process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => {
    process.stdout.write(s);
  },
  stderr: (s) => {
    process.stderr.write(s);
  },
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
});
