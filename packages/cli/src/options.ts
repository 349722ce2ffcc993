/**
 * The lint command's options, declared once (LINT_OPTIONS, read by yargs through `lintOptions` and by
 * the fast path of fast-args.ts) and decoded once: `decodeLintArgs` turns either parser's output into
 * the one `LintArgs` the lint command, the session (config, fixes, baselines, reports) and the
 * workers read.
 */
import type { Argv, Options } from 'yargs';
import { ruleIds, validateBucketName, type FixKind, type PolicyType, type RuleLevel } from '@iam-mfa-lint/core';
import { DEFAULT_CACHE_FILE } from './cache.js';
import { DEFAULT_EXTENSIONS } from './files.js';
import { FIX_KINDS } from './fix.js';
import { FILES_PER_WORKER, MIN_FILES_FOR_WORKERS } from './pool.js';

export const LEVELS: readonly RuleLevel[] = ['off', 'warn', 'error'];
export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'compact'] as const;
export type Format = (typeof FORMATS)[number];
export const POLICY_TYPES: readonly PolicyType[] = ['identity', 'resource', 'trust'];

/** A problem with the command line: reported on one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A problem with the command line's files (config, baseline, output) that ends the run with exit code 2. */
export class SessionError extends Error {
  override name = 'SessionError';
}

/** Collapse a possibly multi-line message (yargs writes some over several lines) into one line. */
export function oneLine(message: string): string {
  return message.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ').trim();
}

/** All values of a repeatable option (yargs gives a scalar once, an array when repeated). */
export function allValues(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

/** The last value of an option that may have been repeated. */
export function lastValue<T>(value: T | T[] | undefined): T | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

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

/**
 * `--bucket` values: a bucket ARN or an `s3://` URL is a usage error that names the bucket meant;
 * an empty name, or one with characters no bucket name has, is a usage error. Names are not held
 * to today's naming rules as `generate` holds them: buckets made under older rules (capitals,
 * underscores) exist and are linted.
 */
function parseBuckets(values: readonly string[]): string[] {
  return values.map((value) => {
    const name = value.trim();
    if (name === '') throw new UsageError('--bucket needs a bucket name');
    const meant = /^arn:[^:]*:s3:::([^/]+)/.exec(name)?.[1] ?? /^s3:\/\/([^/]+)/i.exec(name)?.[1];
    if (meant !== undefined)
      throw new UsageError(
        `--bucket ${JSON.stringify(value)} is not a bucket name; did you mean the bucket name ${JSON.stringify(meant)}?`,
      );
    if (!/^[A-Za-z0-9._-]+$/.test(name)) {
      const problem = validateBucketName(name);
      throw new UsageError(
        `invalid --bucket ${JSON.stringify(value)}: ${oneLine(problem?.message ?? 'a bucket name has only letters, digits, dots, hyphens and underscores')}`,
      );
    }
    return name;
  });
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

export interface SessionArgs {
  config?: string;
  printConfig?: string;
  fix: boolean;
  fixDryRun: boolean;
  fixTypes: FixKind[];
  baseline?: string;
  writeBaseline?: string;
  outputFile?: string;
  reportUnusedIgnores: boolean;
  /** The paths named on the command line: --fix writes only inside them. */
  paths: string[];
  /** SARIF reports carry fingerprints; other formats need them only for baselines. */
  sarif?: boolean;
}

function decodeSessionArgs(argv: Record<string, unknown>): SessionArgs {
  const str = (k: string) => {
    const v = lastValue(argv[k] as string | string[] | undefined);
    return v === undefined ? undefined : String(v);
  };
  const bool = (k: string) => lastValue(argv[k] as boolean | boolean[] | undefined) === true;
  const fixTypes: FixKind[] = [];
  for (const raw of allValues(argv['fix-type'])) {
    for (const part of raw.split(',')) {
      const t = part.trim();
      if (!(FIX_KINDS as readonly string[]).includes(t))
        throw new SessionError(`invalid --fix-type value ${JSON.stringify(t)}: expected safe or mfa`);
      if (!fixTypes.includes(t as FixKind)) fixTypes.push(t as FixKind);
    }
  }
  const out: SessionArgs = {
    fix: bool('fix'),
    fixDryRun: bool('fix-dry-run'),
    fixTypes: fixTypes.length ? fixTypes : ['safe'],
    reportUnusedIgnores: bool('report-unused-ignores'),
    paths: [...allValues(argv.paths), ...allValues(argv._)],
    sarif: lastValue(argv.format as string | string[] | undefined) === 'sarif',
  };
  if (out.fix && out.fixDryRun) throw new SessionError('--fix and --fix-dry-run cannot be used together');
  if (fixTypes.length && !out.fix && !out.fixDryRun) throw new SessionError('--fix-type needs --fix or --fix-dry-run');
  for (const [key, name] of [
    ['config', 'config'],
    ['printConfig', 'print-config'],
    ['baseline', 'baseline'],
    ['writeBaseline', 'write-baseline'],
    ['outputFile', 'output-file'],
  ] as const) {
    const v = str(name);
    if (v === '') throw new SessionError(`--${name} needs a file name`);
    if (v !== undefined) out[key] = v;
  }
  if (out.baseline !== undefined && out.writeBaseline !== undefined)
    throw new SessionError('--baseline and --write-baseline cannot be used together');
  return out;
}

export interface LintArgs {
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
  /** --concurrency: worker threads for large runs (1: none); undefined: chosen from the cores and the file count. */
  concurrency: number | undefined;
  /** --cache: reuse the outcomes of unchanged files; --cache-location: the cache file or its directory. */
  cache: boolean;
  cacheLocation: string | undefined;
  /** --stdin: lint standard input, named by --stdin-filename (default `<stdin>`). */
  stdin: { filename: string } | undefined;
  /** --list-rules: print the rules and exit. */
  listRules: boolean;
  /** --list-inputs: print the resource types and properties policies are read from, and exit. */
  listInputs: boolean;
  /** --skip-non-policy-files: named files that hold no policy are skipped, as in a walk (the pre-commit hook). */
  skipNonPolicyFiles: boolean;
}

export function decodeLintArgs(argv: Record<string, unknown>): LintArgs {
  // Paths after `--` land in `_` (the default command consumes no command name).
  const paths = [...allValues(argv.paths), ...allValues(argv._)];
  const listRules = lastValue(argv['list-rules'] as boolean | boolean[] | undefined) === true;
  const listInputs = lastValue(argv['list-inputs'] as boolean | boolean[] | undefined) === true;
  const useStdin = lastValue(argv.stdin as boolean | boolean[] | undefined) === true;
  const stdinFilename = lastValue(argv['stdin-filename'] as string | string[] | undefined);
  if (stdinFilename !== undefined && !useStdin) throw new UsageError('--stdin-filename needs --stdin');
  if (stdinFilename === '') throw new UsageError('--stdin-filename needs a file name');
  if (useStdin && paths.length > 0) throw new UsageError('--stdin lints standard input: give no paths with it');
  if (paths.length === 0 && !useStdin && !listRules && !listInputs && argv['print-config'] === undefined)
    throw new UsageError('no paths given: pass the policy files or directories to lint');
  const session = decodeSessionArgs(argv);
  if (useStdin && session.fix)
    throw new UsageError('--fix cannot write standard input back: use --fix-dry-run with --stdin');
  return {
    paths,
    buckets: parseBuckets(allValues(argv.bucket)),
    format: (lastValue(argv.format as Format | Format[] | undefined) ?? 'stylish') as Format,
    quiet: Boolean(lastValue(argv.quiet as boolean | boolean[] | undefined)),
    maxWarnings: parseMaxWarnings(argv['max-warnings']),
    rules: parseRules(allValues(argv.rule)),
    extensions: parseExtensions(allValues(argv.ext)),
    ignorePatterns: allValues(argv['ignore-pattern']),
    session,
    policyType: lastValue(argv['policy-type'] as PolicyType | PolicyType[] | undefined),
    concurrency: parseConcurrency(argv.concurrency),
    cache: lastValue(argv.cache as boolean | boolean[] | undefined) === true,
    cacheLocation: lastValue(argv['cache-location'] as string | string[] | undefined),
    stdin: useStdin ? { filename: stdinFilename ?? '<stdin>' } : undefined,
    listRules,
    listInputs,
    skipNonPolicyFiles: lastValue(argv['skip-non-policy-files'] as boolean | boolean[] | undefined) === true,
  };
}

function parseConcurrency(value: unknown): number | undefined {
  const v = lastValue(value as unknown[] | unknown);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(
      `invalid --concurrency value ${JSON.stringify(String(v))}: expected a whole number from 1 to 256`,
    );
  return n;
}

/** One option of the lint command, as yargs declares it; the fast parser (fast-args.ts) reads the same table. */
export interface LintOptionSpec {
  type: 'string' | 'boolean' | 'number';
  alias?: string;
  choices?: readonly string[];
  default?: string | boolean | number;
  /** Every option that takes a value requires one. */
  requiresArg?: true;
  describe: string;
}

/**
 * The lint command's options, in the order `--help` lists them: the session's (config, fixes,
 * baselines, the report file), then the lint's own. Declared once, for yargs (`lintOptions`) and
 * for the fast path that parses a plain lint command line without it (fast-args.ts).
 */
export const LINT_OPTIONS: Readonly<Record<string, LintOptionSpec>> = {
  config: {
    alias: 'c',
    type: 'string',
    requiresArg: true,
    describe: 'Use this config file instead of the nearest iam-mfa-lint.config.json',
  },
  'print-config': {
    type: 'string',
    requiresArg: true,
    describe: 'Print the effective configuration for this file and exit',
  },
  fix: {
    type: 'boolean',
    describe: 'Apply safe fixes to the files (atomically), then report what is left',
  },
  'fix-dry-run': { type: 'boolean', describe: 'Print the fixes as a unified diff without writing' },
  'fix-type': {
    type: 'string',
    requiresArg: true,
    describe:
      'Kinds of fixes to apply: safe, mfa (adds MFA conditions; changes who gets access) (repeatable or comma-separated) [default: safe]',
  },
  baseline: {
    type: 'string',
    requiresArg: true,
    describe: 'Report only findings not in this baseline file',
  },
  'write-baseline': {
    type: 'string',
    requiresArg: true,
    describe: 'Write every current finding to this baseline file and exit 0',
  },
  'output-file': {
    alias: 'o',
    type: 'string',
    requiresArg: true,
    describe: 'Write the report to this file instead of stdout',
  },
  'report-unused-ignores': {
    type: 'boolean',
    describe: "Report the config's ignore entries that match no finding (as errors)",
  },
  bucket: {
    type: 'string',
    requiresArg: true,
    describe: 'Target S3 bucket; grants must stay inside it (repeatable)',
  },
  format: {
    alias: 'f',
    type: 'string',
    choices: FORMATS,
    default: 'stylish',
    requiresArg: true,
    describe: 'Output format',
  },
  quiet: { type: 'boolean', default: false, describe: 'Report errors only' },
  concurrency: {
    type: 'string',
    requiresArg: true,
    describe: `Worker threads for runs of ${MIN_FILES_FOR_WORKERS} files or more (1: none) [default: one fewer than the cores, at most one per ${FILES_PER_WORKER} files]`,
  },
  cache: {
    type: 'boolean',
    describe: 'Only lint files that changed since the last run (their content, the options, the tool or the IAM data)',
  },
  'cache-location': {
    type: 'string',
    requiresArg: true,
    describe: `The cache file, or a directory for it [default: ${DEFAULT_CACHE_FILE}]`,
  },
  'max-warnings': {
    type: 'number',
    default: -1,
    requiresArg: true,
    describe: 'Number of warnings to trigger a nonzero exit code (-1: unlimited)',
  },
  rule: {
    type: 'string',
    requiresArg: true,
    describe: 'Set a rule level, as <rule-id>:off|warn|error (repeatable)',
  },
  ext: {
    type: 'string',
    requiresArg: true,
    describe:
      'File extensions searched in directories (repeatable or comma-separated) [default: .json, .yaml, .yml, .template, .tf]',
  },
  'ignore-pattern': {
    type: 'string',
    requiresArg: true,
    describe: 'Glob of files and directories to skip, relative to the current directory (repeatable)',
  },
  stdin: { type: 'boolean', describe: 'Lint the text on standard input' },
  'stdin-filename': {
    type: 'string',
    requiresArg: true,
    describe:
      'The file name of standard input (its kind, the config that applies, the name in reports) [default: <stdin>]',
  },
  'skip-non-policy-files': {
    type: 'boolean',
    describe:
      'Skip named files that hold no policy, as a directory walk does (the pre-commit hook passes every staged file)',
  },
  'list-inputs': {
    type: 'boolean',
    describe: 'Print every resource type and property that policies are read from, and exit',
  },
  'list-rules': {
    type: 'boolean',
    describe: 'Print every rule with its default severity and description, and exit',
  },
  'policy-type': {
    type: 'string',
    choices: POLICY_TYPES,
    requiresArg: true,
    describe: 'Kind of every linted policy [default: detected from each document]',
  },
};

/** The lint command's positional paths and options, for yargs. */
export function lintOptions(y: Argv): Argv {
  let out: Argv = y.positional('paths', {
    type: 'string',
    array: true,
    describe: 'Policy files and directories to lint (directories are searched recursively)',
  }) as unknown as Argv;
  for (const [name, spec] of Object.entries(LINT_OPTIONS)) {
    const { choices, ...rest } = spec;
    const options: Options = choices ? { ...rest, choices: [...choices] } : rest;
    out = out.option(name, options) as unknown as Argv;
  }
  return out;
}
