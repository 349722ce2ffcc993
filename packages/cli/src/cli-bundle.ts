/**
 * The executables' code, bundled as one CommonJS file (dist/chunks/cli.cjs, see tsup.config.ts)
 * that bin.ts and worker.ts load with V8's code cache (compile-cache.ts): the command line with its
 * process wiring, and the worker threads' loop.
 */
import { once } from 'node:events';
import { parseLintArgvFast } from './fast-args.js';
import { main } from './main.js';

export { startWorker } from './worker-thread.js';

/** Set when the reader of standard output has gone: nothing more is written. */
let closed = false;

/**
 * A reader that stopped reading (`| head`) is not an error: the run goes on without writing (a
 * JSON report is written while files are linted) and exits quietly with the code it has. A full
 * disk or another write failure is: one line, exit 2.
 */
function onOutputError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') {
    closed = true;
    return;
  }
  try {
    process.stderr.write(
      `iam-mfa-lint: cannot write the report: ${error.code === 'ENOSPC' ? 'no space left on device' : error.message.split('\n', 1)[0]}\n`,
    );
  } finally {
    process.exit(2);
  }
}

function write(s: string): void {
  if (closed) return;
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

/** Runs the command line `argv` in this process and returns the exit code (main() never throws). */
export function runProcess(argv: string[]): Promise<number> {
  process.stdout.on('error', onOutputError);
  return main(argv, {
    stdout: write,
    stderr: (s) => {
      process.stderr.write(s);
    },
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    // A pipe takes only what its reader has read: the rest waits in memory until the event loop
    // runs, which a run that lints without pause would never let it do.
    // (An error while waiting, a closed pipe, ends the wait: onOutputError has dealt with it.)
    stdoutDrained: () =>
      !closed && process.stdout.writableNeedDrain ? once(process.stdout, 'drain').catch(() => undefined) : undefined,
    readStdin,
  });
}

/** True for a plain lint command line (the fast path): the runs whose compiled code is worth caching. */
export function isLintRun(argv: string[]): boolean {
  return parseLintArgvFast(argv) !== undefined;
}
