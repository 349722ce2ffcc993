import { main } from './main.js';

/**
 * A reader that stopped reading (`| head`) is not an error: exit quietly with the code the run
 * had. A full disk or another write failure is: one line, exit 2.
 */
function onOutputError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  try {
    process.stderr.write(
      `iam-mfa-lint: cannot write the report: ${error.code === 'ENOSPC' ? 'no space left on device' : error.message.split('\n', 1)[0]}\n`,
    );
  } finally {
    process.exit(2);
  }
}
process.stdout.on('error', onOutputError);

function write(s: string): void {
  try {
    process.stdout.write(s);
  } catch (error) {
    onOutputError(error as NodeJS.ErrnoException);
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// Set the exit code and let Node exit on its own, so that pending writes to pipes are flushed.
process.exitCode = await main(process.argv.slice(2), {
  stdout: write,
  stderr: (s) => {
    process.stderr.write(s);
  },
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  readStdin,
});
