/**
 * The command line: a table of commands (lint, generate, verify, explain), each in
 * `commands/`, parsed with yargs. `main(argv, io)` returns the exit code and never throws.
 */
import yargs from 'yargs';
import type { Argv } from 'yargs';
import { version as VERSION } from '../package.json';
import { runExplain } from './commands/explain.js';
import { generateOptions, runGenerate } from './commands/generate.js';
import { runLint } from './commands/lint.js';
import { runVerify, verifyBuilder } from './commands/verify.js';
import type { CliIo } from './io.js';
import { decodeLintArgs, lastValue, lintOptions, oneLine, SessionError, UsageError } from './options.js';

export type { CliIo } from './io.js';

const NAME = 'iam-mfa-lint';
const USAGE_HINT = `Run '${NAME} --help' for usage.`;

interface Command {
  /** yargs' command string. */
  usage: string;
  describe: string;
  options: (y: Argv) => Argv;
  run: (argv: Record<string, unknown>, io: CliIo) => number | Promise<number>;
}

const COMMANDS: readonly Command[] = [
  {
    usage: '$0 [paths..]',
    describe: 'Lint AWS IAM policy files for wildcard actions, wrong-bucket ARNs and missing or weak MFA conditions',
    options: lintOptions,
    run: (argv, io) => runLint(decodeLintArgs(argv), io),
  },
  {
    usage: 'generate',
    describe: 'Print a least-privilege policy for one S3 bucket that requires MFA',
    options: generateOptions,
    run: runGenerate,
  },
  {
    usage: 'verify [paths..]',
    describe: 'Prove that no request to a bucket is allowed without MFA (exit 1 with a counterexample)',
    options: verifyBuilder,
    run: runVerify,
  },
  {
    usage: 'explain <rule>',
    describe: "Print a rule's documentation",
    options: (y) => y.positional('rule', { type: 'string', describe: 'Rule id' }),
    run: (argv, io) => runExplain(String(lastValue(argv.rule as string | string[] | undefined) ?? ''), io),
  },
];

async function run(argv: string[], io: CliIo): Promise<number> {
  let usageError: string | undefined;
  let chosen: { command: Command; args: Record<string, unknown> } | undefined;
  let output = '';

  let parser = yargs(argv, io.cwd)
    .scriptName(NAME)
    .locale('en')
    .exitProcess(false)
    .strict()
    .wrap(100)
    // Repeated options collect into arrays; file names such as `1e3` stay strings.
    .parserConfiguration({ 'duplicate-arguments-array': true, 'parse-positional-numbers': false })
    .version(VERSION)
    .alias('version', 'v')
    .help()
    .alias('help', 'h')
    .fail((message: string | undefined, error: Error | undefined) => {
      usageError ??= oneLine(message || error?.message || 'invalid arguments');
    });
  for (const command of COMMANDS) {
    parser = parser.command(command.usage, command.describe, command.options, (args) => {
      chosen = { command, args: args as Record<string, unknown> };
    });
  }
  parser = parser.epilogue(
    'Exit codes: 0 no problems, 1 lint errors or too many warnings, 2 usage or file system errors.',
  );

  try {
    await parser.parseAsync(argv, {}, (_error: Error | undefined, _argv: unknown, out: string) => {
      output = out ?? '';
    });
  } catch (error) {
    if (usageError === undefined) {
      // yargs reports argument problems by throwing when the failure handler is bypassed.
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof Error && error.name === 'YError') usageError = oneLine(message);
      else throw error;
    }
  }

  try {
    if (usageError !== undefined) throw new UsageError(usageError);
    if (output !== '') {
      // --help or --version.
      io.stdout(output.endsWith('\n') ? output : `${output}\n`);
      return 0;
    }
    if (!chosen) throw new UsageError('no command given');
    return await chosen.command.run(chosen.args, io);
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
