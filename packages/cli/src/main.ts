/**
 * The command line: `main(argv, io)` returns the exit code and never throws. A plain lint command
 * line is parsed by the fast path (fast-args.ts, Node's `util.parseArgs`); every other line, and
 * every mistake, by yargs (yargs-cli.ts, loaded only then), which words the usage errors.
 */
import { runLint } from './commands/lint.js';
import { parseLintArgvFast } from './fast-args.js';
import type { CliIo } from './io.js';
import { decodeLintArgs, oneLine, SessionError, UsageError } from './options.js';

export type { CliIo } from './io.js';

const NAME = 'iam-mfa-lint';
const USAGE_HINT = `Run '${NAME} --help' for usage.`;

async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    const fast = parseLintArgvFast(argv);
    if (fast) return await runLint(decodeLintArgs(fast), io);
    const { parseCommandLine } = await import('./yargs-cli.js');
    const parsed = await parseCommandLine(argv, io);
    if (parsed.kind === 'usage') throw new UsageError(parsed.message);
    if (parsed.kind === 'output') {
      io.stdout(parsed.text);
      return 0;
    }
    return await parsed.run();
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${NAME}: ${error.message}\n${USAGE_HINT}\n`);
      return 2;
    }
    if (error instanceof SessionError) {
      io.stderr(`${NAME}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/**
 * Run the command line `argv` (without the node and script paths) and return the exit code:
 * 0 no problems, 1 lint errors or too many warnings, 2 usage error, unreadable path or internal failure.
 * Never throws and never exits the process.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${NAME}: internal error: ${oneLine(message)}\n`);
    const debug = io.env.IAM_MFA_LINT_DEBUG;
    if (debug !== undefined && debug !== '' && error instanceof Error && error.stack) {
      io.stderr(`${error.stack}\n`);
    }
    return 2;
  }
}
