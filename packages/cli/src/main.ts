import fs from 'node:fs';
import path from 'node:path';
import yargs from 'yargs';
import type { Argv } from 'yargs';
import {
  ConfigError,
  generatePolicy,
  lintText,
  ruleIds,
  type GeneratePolicyOptions,
  type LintMessage,
  type LintOptions,
  type PolicyType,
  type RuleLevel,
} from '@iam-mfa-lint/core';
import { version as VERSION } from '../package.json';
import { DEFAULT_EXTENSIONS, describeFsError, expandPaths, shownPath } from './files.js';
import { lintAnyFile, lintAnyFileSync } from './inputs/index.js';
import { defaultIamData } from './iam-data.js';
import { formatJson, formatJsonChunks } from './formatters/json.js';
import { formatStylish } from './formatters/stylish.js';
import type { FileResult } from './formatters/types.js';
import { decodeSessionArgs, LintSession, SessionError, sessionOptions, SESSION_FORMATS, type SessionArgs } from './session.js';
import { runExplain } from './explain.js';
import { lintAccountDetails, lintRoleSets, withSetFindings } from './sets.js';
import { runVerify, verifyBuilder } from './verify.js';
import { defaultConcurrency, lintInWorkers, MIN_FILES_FOR_WORKERS, workerScript, type WorkerJob, type WorkerOutcome } from './pool.js';

/** Everything `main` touches outside itself, so that it can run in-process under test. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
}

const NAME = 'iam-mfa-lint';
const USAGE_HINT = `Run '${NAME} --help' for usage.`;
const LEVELS: readonly RuleLevel[] = ['off', 'warn', 'error'];
const FORMATS = ['stylish', 'json', ...SESSION_FORMATS] as const;
type Format = (typeof FORMATS)[number];
const ACCESSES = ['read', 'write', 'read-write'] as const;
const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const;

/** A problem with the command line: reported on one line, exit code 2. */
class UsageError extends Error {
  override name = 'UsageError';
}

/** Collapse a possibly multi-line message (yargs writes some over several lines) into one line. */
function oneLine(message: string): string {
  return message.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ').trim();
}

/** All values of a repeatable option (yargs gives a scalar once, an array when repeated). */
function allValues(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

/** The last value of an option that may have been repeated. */
function lastValue<T>(value: T | T[] | undefined): T | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function useColor(io: CliIo): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  return io.stdoutIsTTY;
}

// ---------------------------------------------------------------------------------------------
// Option decoding

function parseRules(values: readonly string[]): Record<string, RuleLevel> {
  const rules: Record<string, RuleLevel> = {};
  const known = new Set(ruleIds);
  for (const value of values) {
    const colon = value.lastIndexOf(':');
    if (colon <= 0) {
      throw new UsageError(`invalid --rule value ${JSON.stringify(value)}: expected <rule-id>:off|warn|error`);
    }
    const id = value.slice(0, colon).trim();
    const level = value.slice(colon + 1).trim();
    if (!known.has(id)) throw new UsageError(`unknown rule ${JSON.stringify(id)} in --rule ${value}`);
    if (!(LEVELS as readonly string[]).includes(level)) {
      throw new UsageError(
        `invalid level ${JSON.stringify(level)} for rule ${JSON.stringify(id)} in --rule ${value}: expected off, warn or error`,
      );
    }
    rules[id] = level as RuleLevel;
  }
  return rules;
}

function parseExtensions(values: readonly string[]): string[] {
  const extensions: string[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const ext = part.trim();
      if (ext === '' || ext === '.') throw new UsageError(`invalid --ext value ${JSON.stringify(value)}`);
      const dotted = ext.startsWith('.') ? ext : `.${ext}`;
      if (!extensions.includes(dotted)) extensions.push(dotted);
    }
  }
  return extensions.length > 0 ? extensions : [...DEFAULT_EXTENSIONS];
}

function parseMaxWarnings(value: unknown): number {
  const n = lastValue(value as number | number[] | undefined);
  if (n === undefined) return -1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < -1) {
    throw new UsageError(`invalid --max-warnings value: expected an integer >= 0`);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Reading files

/** Offset of the first byte of the first ill-formed UTF-8 sequence, or -1 when the bytes are well-formed. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = bytes[k];
    return b !== undefined && b >= lo && b <= hi;
  };
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
    } else if (b >= 0xc2 && b <= 0xdf) {
      if (!cont(i + 1)) return i;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      const lo = b === 0xe0 ? 0xa0 : 0x80;
      const hi = b === 0xed ? 0x9f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2)) return i;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const lo = b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xf4 ? 0x8f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return -1;
}

/** 1-based line and column (in UTF-16 code units, as ESLint counts) of the end of `text`. */
function endPosition(text: string): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    line++;
    lineStart = m.index + m[0].length;
  }
  return { line, column: text.length - lineStart + 1 };
}

function invalidUtf8Message(bytes: Uint8Array): LintMessage {
  let offset = firstInvalidUtf8Offset(bytes);
  if (offset < 0) offset = 0; // TextDecoder disagreed with us; should not happen.
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  const { line, column } = endPosition(before);
  return {
    ruleId: 'invalid-json',
    messageId: 'invalidUtf8',
    severity: 2,
    message: `File is not valid UTF-8 text (invalid byte at offset ${offset})`,
    line,
    column,
    endLine: line,
    endColumn: column + 1,
    pointer: '',
  };
}

function toFileResult(filePath: string, messages: LintMessage[], quiet: boolean): FileResult {
  const kept = quiet ? messages.filter((m) => m.severity === 2) : messages;
  return {
    filePath,
    messages: kept,
    errorCount: kept.filter((m) => m.severity === 2).length,
    warningCount: kept.filter((m) => m.severity === 1).length,
  };
}

// ---------------------------------------------------------------------------------------------
// Commands

interface LintArgs {
  paths: string[];
  buckets: string[];
  format: Format;
  quiet: boolean;
  maxWarnings: number;
  rules: Record<string, RuleLevel>;
  extensions: string[];
  ignorePatterns: string[];
  session: SessionArgs;
  /** --policy-type: the kind of every linted document (overrides the config); undefined: detect. */
  policyType: PolicyType | undefined;
  /** --concurrency: worker threads for large runs (1: none). */
  concurrency: number;
  /** --skip-non-policy-files: named files that hold no policy are skipped, as in a walk. */
  skipNonPolicyFiles: boolean;
}

function decodeLintArgs(argv: Record<string, unknown>): LintArgs {
  // Paths after `--` land in `_` (the default command consumes no command name).
  const paths = [...allValues(argv.paths), ...allValues(argv._)];
  if (paths.length === 0 && argv['print-config'] === undefined) throw new UsageError('no paths given: pass the policy files or directories to lint');
  return {
    paths,
    buckets: allValues(argv.bucket),
    format: (lastValue(argv.format as Format | Format[] | undefined) ?? 'stylish') as Format,
    quiet: Boolean(lastValue(argv.quiet as boolean | boolean[] | undefined)),
    maxWarnings: parseMaxWarnings(argv['max-warnings']),
    rules: parseRules(allValues(argv.rule)),
    extensions: parseExtensions(allValues(argv.ext)),
    ignorePatterns: allValues(argv['ignore-pattern']),
    session: decodeSessionArgs(argv),
    policyType: lastValue(argv['policy-type'] as PolicyType | PolicyType[] | undefined),
    concurrency: parseConcurrency(argv.concurrency),
    skipNonPolicyFiles: Boolean(lastValue(argv['skip-non-policy-files'] as boolean | boolean[] | undefined)),
  };
}

function parseConcurrency(value: unknown): number {
  const v = lastValue(value as unknown[] | unknown);
  if (v === undefined) return defaultConcurrency();
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`invalid --concurrency value ${JSON.stringify(String(v))}: expected a whole number from 1 to 256`);
  return n;
}

async function runLint(args: LintArgs, io: CliIo): Promise<number> {
  const lintOptions = { buckets: args.buckets, rules: args.rules, iamData: defaultIamData() };
  // Let the core reject the configuration once, before any file is read.
  try {
    lintText('{}', lintOptions);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(oneLine(error.message));
    throw error;
  }

  const session = new LintSession(args.session, io, { buckets: args.buckets, rules: args.rules });
  if (args.session.printConfig !== undefined) {
    io.stdout(session.printConfig(args.session.printConfig));
    return 0;
  }

  const { files: expanded, errors } = expandPaths(args.paths, {
    cwd: io.cwd,
    extensions: args.extensions,
    ignorePatterns: args.ignorePatterns,
  });
  const files = session.filterFiles(expanded);
  const explicitFiles = new Set(args.skipNonPolicyFiles ? [] : args.paths.map((p) => path.resolve(io.cwd, p)));
  const problems = [...errors];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const results: FileResult[] = [];
  // Role directories (iam-mfa-lint.role.json) are linted as sets: see sets.ts and docs/sets.md.
  const sets = lintRoleSets(files, (f) => session.optionsFor(f, lintOptions), io.cwd);
  problems.push(...sets.problems);

  // Large runs lint on worker threads (--concurrency); results come back in walk order.
  const pending = files.filter((f) => !sets.consumed.has(f));
  const outcomes = new Map<string, WorkerOutcome>();
  const script = workerScript();
  if (args.concurrency > 1 && pending.length >= MIN_FILES_FOR_WORKERS && session.parallelSafe && script) {
    const jobs: WorkerJob[] = pending.map((file) => {
      const { iamData: _ignored, ...options }: LintOptions = session.optionsFor(file, lintOptions);
      if (args.policyType) options.policyType = args.policyType;
      return { file, explicit: explicitFiles.has(file), options };
    });
    const done = await lintInWorkers(jobs, args.concurrency, script);
    pending.forEach((file, i) => outcomes.set(file, done[i]!));
  }

  for (const file of files) {
    if (sets.consumed.has(file)) continue;
    const outcome = outcomes.get(file);
    if (outcome?.kind === 'skip') continue;
    if (outcome?.kind === 'fsError') {
      problems.push(describeFsError(Object.assign(new Error(outcome.message), { code: outcome.code }), shownPath(io.cwd, file)));
      continue;
    }
    if (outcome?.kind === 'crash') throw new Error(outcome.message);
    if (outcome?.kind === 'result') {
      const messages = session.afterLint(file, new Uint8Array(), '', outcome.result, () => outcome.result);
      results.push(toFileResult(file, withSetFindings(sets, file, messages), args.quiet));
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      problems.push(describeFsError(error, shownPath(io.cwd, file)));
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      results.push(toFileResult(file, [invalidUtf8Message(bytes)], args.quiet));
      continue;
    }
    const fileOptions = session.optionsFor(file, lintOptions);
    if (args.policyType) (fileOptions as LintOptions).policyType = args.policyType;
    const accountSet = lintAccountDetails(text, file, fileOptions, io.cwd);
    if (accountSet) {
      results.push(toFileResult(file, accountSet, args.quiet));
      continue;
    }
    // Each file's content decides what it holds (policy, template, plan, CLI output); a walked
    // file that holds no policies is skipped (see packages/core/src/inputs/detect.ts).
    const explicit = explicitFiles.has(file);
    const result = await lintAnyFile(text, file, fileOptions, explicit, lintText);
    if (!result) continue;
    const messages = session.afterLint(file, bytes, text, result, (t) => lintAnyFileSync(t, file, fileOptions, explicit, lintText) ?? result);
    results.push(toFileResult(file, withSetFindings(sets, file, messages), args.quiet));
  }
  for (const [file, messages] of sets.outside) results.push(toFileResult(file, messages, args.quiet));
  results.push(...session.extraResults());

  const sessionOutput = session.format(args.format, results, VERSION);
  let acceptAll: boolean;
  if (sessionOutput === undefined && args.format === 'json' && !session.writesToFile) {
    // Large JSON reports are written in pieces of about 1 MB rather than built as one string.
    acceptAll = session.emit('');
    let buffer = '';
    for (const chunk of formatJsonChunks(results)) {
      buffer += chunk;
      if (buffer.length >= 1 << 20) {
        io.stdout(buffer);
        buffer = '';
      }
    }
    if (buffer !== '') io.stdout(buffer);
  } else {
    const output =
      sessionOutput ??
      (args.format === 'json' ? formatJson(results) : formatStylish(results, { cwd: io.cwd, useColor: useColor(io) && !session.writesToFile }));
    acceptAll = session.emit(output);
  }

  for (const problem of problems) io.stderr(`${NAME}: ${problem}\n`);

  const errorCount = results.reduce((sum, r) => sum + r.errorCount, 0);
  const warningCount = results.reduce((sum, r) => sum + r.warningCount, 0);
  const tooManyWarnings = args.maxWarnings >= 0 && warningCount > args.maxWarnings;
  if (errorCount === 0 && tooManyWarnings) {
    io.stderr(`${NAME} found too many warnings (maximum: ${args.maxWarnings}).\n`);
  }

  if (problems.length > 0) return 2;
  if (acceptAll) return 0;
  return errorCount > 0 || tooManyWarnings ? 1 : 0;
}

function runGenerate(argv: Record<string, unknown>, io: CliIo): number {
  const buckets = allValues(argv.bucket);
  if (buckets.length !== 1) throw new UsageError('--bucket must be given exactly once');
  const options: GeneratePolicyOptions = {};
  const access = lastValue(argv.access as string | string[] | undefined);
  if (access !== undefined) options.access = access as GeneratePolicyOptions['access'];
  const prefix = lastValue(argv.prefix as string | string[] | undefined);
  if (prefix !== undefined) options.prefix = String(prefix);
  const maxAge = lastValue(argv['max-mfa-age'] as number | number[] | undefined);
  if (maxAge !== undefined) {
    if (typeof maxAge !== 'number' || !Number.isFinite(maxAge)) {
      throw new UsageError('invalid --max-mfa-age value: expected a number of seconds');
    }
    options.maxMfaAgeSeconds = maxAge;
  }
  const partition = lastValue(argv.partition as string | string[] | undefined);
  if (partition !== undefined) options.partition = partition as GeneratePolicyOptions['partition'];
  if (lastValue(argv['deny-without-mfa'] as boolean | boolean[] | undefined) === true) {
    options.denyWithoutMfa = true;
  }

  let policy: unknown;
  try {
    policy = generatePolicy(buckets[0]!, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${NAME}: ${oneLine(message)}\n`);
    return 2;
  }
  io.stdout(JSON.stringify(policy, null, 2) + '\n');
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Command line

function lintBuilder(y: Argv): Argv {
  return sessionOptions(y)
    .positional('paths', {
      type: 'string',
      array: true,
      describe: 'Policy files and directories to lint (directories are searched recursively)',
    })
    .option('bucket', {
      type: 'string',
      requiresArg: true,
      describe: 'Target S3 bucket; grants must stay inside it (repeatable)',
    })
    .option('format', {
      alias: 'f',
      type: 'string',
      choices: FORMATS as unknown as string[],
      default: 'stylish',
      requiresArg: true,
      describe: 'Output format',
    })
    .option('quiet', { type: 'boolean', default: false, describe: 'Report errors only' })
    .option('concurrency', {
      type: 'string',
      requiresArg: true,
      describe: `Worker threads for runs of ${MIN_FILES_FOR_WORKERS} files or more (1: none) [default: the number of cores]`,
    })
    .option('max-warnings', {
      type: 'number',
      default: -1,
      requiresArg: true,
      describe: 'Number of warnings to trigger a nonzero exit code (-1: unlimited)',
    })
    .option('rule', {
      type: 'string',
      requiresArg: true,
      describe: 'Set a rule level, as <rule-id>:off|warn|error (repeatable)',
    })
    .option('ext', {
      type: 'string',
      requiresArg: true,
      describe: 'File extensions searched in directories (repeatable or comma-separated) [default: .json, .yaml, .yml, .template, .tf]',
    })
    .option('ignore-pattern', {
      type: 'string',
      requiresArg: true,
      describe: 'Glob of files and directories to skip, relative to the current directory (repeatable)',
    })
    .option('policy-type', {
      type: 'string',
      choices: ['identity', 'resource', 'trust'],
      requiresArg: true,
      describe: 'Kind of every linted policy [default: detected from each document]',
    })
    .option('skip-non-policy-files', {
      type: 'boolean',
      describe: 'Skip named files that hold no policy, as a directory walk does (the pre-commit hook passes every staged file)',
    }) as unknown as Argv;
}

function generateBuilder(y: Argv): Argv {
  return y
    .option('bucket', { type: 'string', requiresArg: true, demandOption: true, describe: 'The S3 bucket' })
    .option('access', {
      type: 'string',
      choices: ACCESSES as unknown as string[],
      requiresArg: true,
      describe: 'Access granted to objects [default: read]',
    })
    .option('prefix', { type: 'string', requiresArg: true, describe: 'Restrict access to this key prefix' })
    .option('max-mfa-age', {
      type: 'number',
      requiresArg: true,
      describe: 'Also require the MFA authentication to be at most this many seconds old',
    })
    .option('partition', {
      type: 'string',
      choices: PARTITIONS as unknown as string[],
      requiresArg: true,
      describe: 'AWS partition of the ARNs [default: aws]',
    })
    .option('deny-without-mfa', {
      type: 'boolean',
      describe: 'Append an explicit Deny of all S3 actions on the bucket without MFA',
    }) as unknown as Argv;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let usageError: string | undefined;
  let command: 'lint' | 'generate' | 'explain' | 'verify' | undefined;
  let parsed: Record<string, unknown> | undefined;
  let output = '';

  const parser = yargs(argv, io.cwd)
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
    })
    .command(
      '$0 [paths..]',
      'Lint AWS IAM policy files for wildcard actions, wrong-bucket ARNs and missing or weak MFA conditions',
      lintBuilder,
      (args) => {
        command = 'lint';
        parsed = args as Record<string, unknown>;
      },
    )
    .command(
      'generate',
      'Print a least-privilege policy for one S3 bucket that requires MFA',
      generateBuilder,
      (args) => {
        command = 'generate';
        parsed = args as Record<string, unknown>;
      },
    )
    .command('verify [paths..]', 'Prove that no request to a bucket is allowed without MFA (exit 1 with a counterexample)', verifyBuilder, (args) => {
      command = 'verify';
      parsed = args as Record<string, unknown>;
    })
    .command('explain <rule>', "Print a rule's documentation", (y) => y.positional('rule', { type: 'string', describe: 'Rule id' }), (args) => {
      command = 'explain';
      parsed = args as Record<string, unknown>;
    })
    .epilogue(`Exit codes: 0 no problems, 1 lint errors or too many warnings, 2 usage or file system errors.`);

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
    if (command === 'generate') return runGenerate(parsed ?? {}, io);
    if (command === 'verify') return runVerify(parsed ?? {}, io);
    if (command === 'explain') return runExplain(String(lastValue(parsed?.rule as string | string[] | undefined) ?? ''), io);
    if (command === 'lint') return await runLint(decodeLintArgs(parsed ?? {}), io);
    throw new UsageError('no command given');
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
