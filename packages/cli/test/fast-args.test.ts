/**
 * The fast path of the command line (src/fast-args.ts) against yargs (src/yargs-cli.ts): on every
 * line it accepts, it must give the lint command exactly what yargs gives it (the decoded
 * LintArgs, or the same usage error); every line it declines goes to yargs, so the answers to
 * --help, the other commands and every mistake are yargs' own.
 */
import { describe, expect, it } from 'vitest';
import { parseLintArgvFast } from '../src/fast-args.js';
import type { CliIo } from '../src/io.js';
import { decodeLintArgs, LINT_OPTIONS, type LintArgs } from '../src/options.js';
import { parseCommandLine } from '../src/yargs-cli.js';

const io: CliIo = { stdout: () => {}, stderr: () => {}, cwd: '/', env: {}, stdoutIsTTY: false };

function decoded(args: Record<string, unknown>): LintArgs | { error: string } {
  try {
    return decodeLintArgs(args);
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** Lines the fast path must take, as the pre-commit hook, CI and people write them. */
const PLAIN: string[][] = [
  ['policy.json'],
  ['a.json', 'b.yaml', 'dir'],
  ['--skip-non-policy-files', 'a.json', 'README.md', 'main.tf'],
  ['--format', 'json', 'policies'],
  ['--format=sarif', '-o', 'out.sarif', 'policies'],
  ['-f', 'compact', '--quiet', 'p.json'],
  ['--bucket', 'b1', '--bucket', 'b2', 'p.json'],
  ['--rule', 'action-wildcard:off', '--rule', 'mfa-condition-missing:warn', 'p.json'],
  ['--max-warnings', '0', 'p.json'],
  ['--max-warnings=12', 'p.json'],
  ['--ext', '.json,yaml', '--ext', 'tf', '--ignore-pattern', 'vendor/**', '.'],
  ['--policy-type', 'trust', 'trust.json'],
  ['--concurrency', '2', '--cache', '--cache-location', '.cache/', 'policies'],
  ['--fix', '--fix-type', 'safe,mfa', 'p.json'],
  ['--fix-dry-run', 'p.json'],
  ['--baseline', 'base.json', 'p.json'],
  ['--write-baseline', 'base.json', 'p.json'],
  ['-c', 'conf.json', '--report-unused-ignores', 'p.json'],
  ['--print-config', 'p.json'],
  ['--list-rules'],
  ['--list-inputs'],
  ['--stdin', '--stdin-filename', 'x.yaml'],
  ['--stdin'],
  ['--quiet', '--quiet', 'p.json'],
  ['--format', 'json', '--format', 'stylish', 'p.json'],
  ['p.json', '--', '-weird-name.json'],
  ['--', 'a.json', 'b.json'],
  ['1e3', '0x10', 'p.json'],
  // Accepted by both parsers, refused by decodeLintArgs with the same error.
  [],
  ['--stdin', 'p.json'],
  ['--stdin-filename', 'x.json'],
  ['--fix', '--fix-dry-run', 'p.json'],
  ['--fix-type', 'bogus', '--fix', 'p.json'],
  ['--rule', 'nope:off', 'p.json'],
  ['--rule', 'action-wildcard', 'p.json'],
  ['--bucket', 's3://bucket', 'p.json'],
  ['--bucket', 'a b', 'p.json'],
  ['--concurrency', '0', 'p.json'],
  ['--concurrency', 'many', 'p.json'],
];

/** Lines left to yargs: help and version, other commands, mistakes and forms yargs reads its own way. */
const DECLINED: string[][] = [
  ['--help'],
  ['-h'],
  ['--version'],
  ['-v'],
  ['generate', '--bucket', 'b'],
  ['verify', '--bucket', 'b', 'p.json'],
  ['explain', 'action-wildcard'],
  ['help'],
  ['p.json', '--help'],
  ['--bogus', 'p.json'],
  ['-x', 'p.json'],
  ['--no-quiet', 'p.json'],
  ['--quiet=true', 'p.json'],
  ['-fjson', 'p.json'],
  ['--format', 'bogus', 'p.json'],
  ['--policy-type', 'user', 'p.json'],
  ['--format'],
  ['--bucket'],
  ['--bucket=', 'p.json'],
  ['--bucket', '-x', 'p.json'],
  ['--max-warnings', 'abc', 'p.json'],
  ['--max-warnings', '0x10', 'p.json'],
  ['--max-warnings', '1.5', 'p.json'],
  ['--max-warnings', '-2', 'p.json'],
  ['-'],
  ['-', 'p.json'],
];

describe('the fast command-line path', () => {
  it.each(PLAIN.map((argv) => [argv.join(' ') || '(nothing)', argv]))(
    'takes %s and gives the lint command what yargs gives it',
    async (_name, argv) => {
      const fast = parseLintArgvFast(argv as string[]);
      expect(fast).toBeDefined();
      const slow = await parseCommandLine([...(argv as string[])], io);
      expect(slow.kind).toBe('run');
      if (slow.kind !== 'run') return;
      expect(slow.command).toBe('$0 [paths..]');
      expect(decoded(fast!)).toEqual(decoded(slow.args));
    },
  );

  it.each(DECLINED.map((argv) => [argv.join(' '), argv]))('leaves %s to yargs', (_name, argv) => {
    expect(parseLintArgvFast(argv as string[])).toBeUndefined();
  });

  it('knows every option of the lint command, under the names yargs knows', async () => {
    // Each option given once with a valid value: both parsers agree on all of them at once.
    const argv: string[] = [];
    for (const [name, spec] of Object.entries(LINT_OPTIONS)) {
      if (['stdin', 'stdin-filename', 'print-config', 'fix-dry-run', 'write-baseline'].includes(name)) continue;
      if (spec.type === 'boolean') argv.push(`--${name}`);
      else argv.push(`--${name}`, spec.choices?.[1] ?? (spec.type === 'number' ? '3' : valueFor(name)));
    }
    argv.push('p.json');
    const fast = parseLintArgvFast(argv);
    expect(fast).toBeDefined();
    const slow = await parseCommandLine(argv, io);
    expect(slow.kind).toBe('run');
    if (slow.kind === 'run') expect(decoded(fast!)).toEqual(decoded(slow.args));
    expect(decoded(fast!)).not.toHaveProperty('error');
  });
});

function valueFor(name: string): string {
  if (name === 'rule') return 'action-wildcard:warn';
  if (name === 'fix-type') return 'mfa';
  if (name === 'concurrency') return '2';
  if (name === 'ext') return 'json';
  return `${name}-value`;
}
