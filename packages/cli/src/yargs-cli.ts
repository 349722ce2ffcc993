/**
 * The whole command line on yargs: the command table (lint, generate, verify, explain), --help,
 * --version and every usage error. main.ts loads it only for lines the fast path
 * (fast-args.ts) leaves to it, so a plain lint run never evaluates yargs.
 */
import yargs from 'yargs';
import type { Argv } from 'yargs';
import { version as VERSION } from '../package.json';
import { runExplain } from './commands/explain.js';
import { generateOptions, runGenerate } from './commands/generate.js';
import { runLint } from './commands/lint.js';
import { runVerify, verifyBuilder } from './commands/verify.js';
import type { CliIo } from './io.js';
import { decodeLintArgs, lastValue, lintOptions, oneLine } from './options.js';

const NAME = 'iam-mfa-lint';

interface Command {
  /** yargs' command string. */
  usage: string;
  describe: string;
  options: (y: Argv) => Argv;
  run: (argv: Record<string, unknown>, io: CliIo) => number | Promise<number>;
}

/** What a command line asks for: a command to run, text to print (--help, --version) or a usage error. */
export type Parsed =
  | { kind: 'run'; command: string; args: Record<string, unknown>; run: () => number | Promise<number> }
  | { kind: 'output'; text: string }
  | { kind: 'usage'; message: string };

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

/** Parses `argv` with yargs. Throws only on a failure of yargs itself (an internal error). */
export async function parseCommandLine(argv: string[], io: CliIo): Promise<Parsed> {
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

  if (usageError !== undefined) return { kind: 'usage', message: usageError };
  // --help or --version.
  if (output !== '') return { kind: 'output', text: output.endsWith('\n') ? output : `${output}\n` };
  if (!chosen) return { kind: 'usage', message: 'no command given' };
  const { command, args } = chosen;
  return { kind: 'run', command: command.usage, args, run: () => command.run(args, io) };
}
