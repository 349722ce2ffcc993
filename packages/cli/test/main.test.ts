import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatePolicy, lintText } from '@iam-mfa-lint/core';
import { main, type CliIo } from '../src/main.js';
import pkg from '../package.json';

const HINT = "Run 'iam-mfa-lint --help' for usage.\n";

/**
 * `"Action":"*"` on `"Resource":"*"` without MFA: with a target bucket (`--bucket b`; without one nothing
 * asks for MFA), an mfa-condition-missing error at the "Allow" (line 1,
 * column 48) and an action-wildcard error at the "*" of Action (line 1, column 65).
 */
const STAR = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
/** A target bucket for STAR (so that MFA is asked for), without the bucket rule's finding on Resource "*". */
const TARGET = ['--bucket', 'b', '--rule', 'resource-bucket-mismatch:off'];
const TARGET_OPTIONS = { buckets: ['b'], rules: { 'resource-bucket-mismatch': 'off' as const } };
/** `"Action":"ec2:*"`: an action-wildcard warning only (line 1, column 65). */
const SERVICE_STAR = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}';
/** No findings. */
const CLEAN =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}]}';
/** The STAR policy over several lines: "Allow" is at line 5, column 17, the "*" of Action at line 6, column 17. */
const STAR_PRETTY = JSON.stringify(JSON.parse(STAR), null, 2) + '\n';

let root: string;

function write(rel: string, content: string | Uint8Array): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(
  argv: string[],
  options: { env?: Record<string, string | undefined>; tty?: boolean; io?: Partial<CliIo> } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    cwd: root,
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    ...options.io,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** The JSON results of a run, with paths relative to the temp dir. */
function jsonResults(
  r: Run,
): Array<{ filePath: string; messages: Array<Record<string, unknown>>; errorCount: number; warningCount: number }> {
  const parsed = JSON.parse(r.stdout) as Array<{
    filePath: string;
    messages: Array<Record<string, unknown>>;
    errorCount: number;
    warningCount: number;
  }>;
  return parsed.map((p) => ({ ...p, filePath: path.relative(root, p.filePath).split(path.sep).join('/') }));
}

const isRoot = process.getuid?.() === 0;

beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-main-')));
});

afterEach(() => {
  try {
    fs.chmodSync(path.join(root, 'locked.json'), 0o644);
  } catch {
    /* not there */
  }
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the policies the tests rely on', () => {
  it('give the findings the tests expect', () => {
    expect(lintText(STAR, TARGET_OPTIONS).messages.map((m) => [m.ruleId, m.severity, m.line, m.column])).toEqual([
      ['mfa-condition-missing', 2, 1, 48],
      ['action-wildcard', 2, 1, 65],
    ]);
    // With no target bucket and no MFA anywhere in the policy, nothing asks for MFA (issue 11).
    expect(lintText(STAR).messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['action-wildcard', 1, 65]]);
    expect(lintText(SERVICE_STAR).messages.map((m) => [m.ruleId, m.severity, m.line, m.column])).toEqual([
      ['action-wildcard', 1, 1, 65],
    ]);
    expect(lintText(CLEAN).messages).toEqual([]);
    expect(lintText(STAR_PRETTY, TARGET_OPTIONS).messages.map((m) => [m.ruleId, m.severity, m.line, m.column])).toEqual(
      [
        ['mfa-condition-missing', 2, 5, 17],
        ['action-wildcard', 2, 6, 17],
      ],
    );
  });
});

describe('help, version and usage errors', () => {
  it('--help prints usage to stdout and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('iam-mfa-lint [paths..]');
    expect(r.stdout).toContain('--max-warnings');
    expect(r.stdout).toContain('generate');
    expect(r.stdout.endsWith('\n')).toBe(true);
  });

  it('generate --help prints the generate options', async () => {
    const r = await run(['generate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('--deny-without-mfa');
    expect(r.stdout).toContain('--max-mfa-age');
  });

  it('--version prints the package version', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('no paths is a usage error', async () => {
    expect(await run([])).toEqual({
      code: 2,
      stdout: '',
      stderr: `iam-mfa-lint: no paths given: pass the policy files or directories to lint\n${HINT}`,
    });
  });

  it('an unknown option is a usage error on one line', async () => {
    write('a.json', CLEAN);
    expect(await run(['--frobnicate', 'a.json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `iam-mfa-lint: Unknown argument: frobnicate\n${HINT}`,
    });
  });

  it('an invalid --format is a usage error on one line', async () => {
    write('a.json', CLEAN);
    const r = await run(['--format', 'xml', 'a.json']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `iam-mfa-lint: Invalid values: Argument: format, Given: "xml", Choices: "stylish", "json", "sarif", "github", "compact"\n${HINT}`,
    });
  });

  it('an option without its value is a usage error', async () => {
    const r = await run(['a.json', '--bucket']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`iam-mfa-lint: Not enough arguments following: bucket\n${HINT}`);
  });

  it.each([['abc'], ['1.5'], ['-2']])('--max-warnings %s is a usage error', async (value) => {
    write('a.json', CLEAN);
    expect(await run(['a.json', `--max-warnings=${value}`])).toEqual({
      code: 2,
      stdout: '',
      stderr: `iam-mfa-lint: invalid --max-warnings value: expected an integer >= 0\n${HINT}`,
    });
  });

  it('an unknown rule id is a usage error naming it', async () => {
    write('a.json', STAR);
    expect(await run(['--rule', 'no-such-rule:off', 'a.json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `iam-mfa-lint: unknown rule "no-such-rule" in --rule no-such-rule:off\n${HINT}`,
    });
  });

  it('an unknown rule level is a usage error naming it', async () => {
    write('a.json', STAR);
    expect(await run(['--rule', 'action-wildcard:loud', 'a.json'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'iam-mfa-lint: invalid level "loud" for rule "action-wildcard" in --rule action-wildcard:loud: expected off, warn or error\n' +
        HINT,
    });
  });

  it('a --rule without a level is a usage error', async () => {
    write('a.json', STAR);
    expect(await run(['--rule', 'action-wildcard', 'a.json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `iam-mfa-lint: invalid --rule value "action-wildcard": expected <rule-id>:off|warn|error\n${HINT}`,
    });
  });
});

describe('linting', () => {
  it('exits 0 with no output for a clean file', async () => {
    write('a.json', CLEAN);
    expect(await run(['a.json'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 and prints stylish output for an error, long messages wrapped under themselves', async () => {
    write('policies/admin.json', STAR_PRETTY);
    const r = await run([...TARGET, 'policies']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'policies/admin.json\n' +
        '  5:17  error  Statement 1 allows "*" on "*" without requiring MFA, and no Deny\n' +
        '               in this policy guards it; add "Condition": {"Bool":\n' +
        '               {"aws:MultiFactorAuthPresent": "true"}}  mfa-condition-missing\n' +
        '  6:17  error  Statement 1 allows every action of every AWS service ("*"); list\n' +
        '               only the actions it needs (for S3 data: s3:GetObject,\n' +
        '               s3:PutObject, s3:ListBucket)  action-wildcard\n' +
        '\n' +
        '\u2716 2 problems (2 errors, 0 warnings) in 1 policy of 1 file\n',
    );
  });

  it('--format compact prints one line per finding', async () => {
    write('policies/admin.json', STAR_PRETTY);
    const r = await run([...TARGET, '--format', 'compact', 'policies']);
    expect(r).toEqual({
      code: 1,
      stderr: '',
      stdout:
        'policies/admin.json:5:17: error Statement 1 allows "*" on "*" without requiring MFA, and no Deny in this policy guards it; add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} [mfa-condition-missing]\n' +
        'policies/admin.json:6:17: error Statement 1 allows every action of every AWS service ("*"); list only the actions it needs (for S3 data: s3:GetObject, s3:PutObject, s3:ListBucket) [action-wildcard]\n',
    });
    write('clean.json', CLEAN);
    expect(await run(['--format', 'compact', 'clean.json'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('escapes control characters from a policy and a file name in stylish, compact and github output', async () => {
    const policy = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:\u001b[2JGetObject\u0007',
            Resource: 'arn:aws:s3:::b/*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      },
      null,
      2,
    );
    write('evil\nname.json', policy);
    const outputs: string[] = [];
    for (const format of ['stylish', 'compact', 'github']) {
      const r = await run(['--format', format, 'evil\nname.json']);
      expect(r.code, format).toBe(1);
      expect(r.stdout, format).toContain('s3:\\u001b[2JGetObject\\u0007');
      // No character a terminal acts on, bar the line feeds that end the report's own lines.
      expect(r.stdout, format).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      outputs.push(r.stdout);
    }
    expect(outputs[0]!.split('\n')[0]).toBe('evil\\nname.json');
    expect(outputs[1]).toBe(
      'evil\\nname.json:6:17: error Statement 1: "s3:\\u001b[2JGetObject\\u0007" is not an action of s3; the entry grants or denies nothing [unknown-action]\n',
    );
    expect(outputs[2]).toMatch(
      /^::error file=evil%0Aname\.json,line=6,col=17,endLine=6,endColumn=\d+,title=unknown-action::Statement 1: "s3:\\u001b\[2JGetObject\\u0007" is not/,
    );
  });

  it('a warning alone exits 0', async () => {
    write('w.json', SERVICE_STAR);
    const r = await run(['w.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  1:65  warning  ');
    expect(r.stdout.endsWith('\u2716 1 problem (0 errors, 1 warning) in 1 policy of 1 file\n')).toBe(true);
  });

  it('--max-warnings: more warnings than allowed exits 1 with a message', async () => {
    write('w1.json', SERVICE_STAR);
    write('w2.json', SERVICE_STAR);
    const over = await run(['.', '--max-warnings', '1']);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('iam-mfa-lint found too many warnings (maximum: 1).\n');
    const zero = await run(['.', '--max-warnings', '0']);
    expect(zero.code).toBe(1);
    expect(zero.stderr).toBe('iam-mfa-lint found too many warnings (maximum: 0).\n');
    const enough = await run(['.', '--max-warnings', '2']);
    expect(enough).toMatchObject({ code: 0, stderr: '' });
    const unlimited = await run(['.']);
    expect(unlimited).toMatchObject({ code: 0, stderr: '' });
  });

  it('--max-warnings does not add its message when there are errors', async () => {
    write('w.json', SERVICE_STAR);
    write('e.json', STAR);
    const r = await run(['.', '--max-warnings', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
  });

  it('--quiet drops warnings from the output and the counts', async () => {
    write('w.json', SERVICE_STAR);
    expect(await run(['w.json', '--quiet', '--max-warnings', '0'])).toEqual({ code: 0, stdout: '', stderr: '' });
    write('e.json', STAR);
    const r = await run(['.', ...TARGET, '--quiet', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(jsonResults(r).map((x) => [x.filePath, x.messages.length, x.errorCount, x.warningCount])).toEqual([
      ['e.json', 2, 2, 0],
      ['w.json', 0, 0, 0],
    ]);
  });

  it('--rule sets rule levels', async () => {
    write('e.json', STAR);
    const off = ['--rule', 'mfa-condition-missing:off'];
    expect(await run(['e.json', ...TARGET, '--rule', 'action-wildcard:off', ...off])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    const oneOff = await run(['e.json', ...TARGET, '--rule', 'action-wildcard:off', '--format', 'json']);
    expect(oneOff.code).toBe(1);
    expect(jsonResults(oneOff)[0]!.messages.map((m) => [m.ruleId, m.severity])).toEqual([['mfa-condition-missing', 2]]);
    const warned = await run(['e.json', '--rule', 'action-wildcard:warn', ...off, '--format', 'json']);
    expect(warned.code).toBe(0);
    expect(jsonResults(warned)[0]!.messages.map((m) => [m.ruleId, m.severity, m.line, m.column])).toEqual([
      ['action-wildcard', 1, 1, 65],
    ]);
    write('w.json', SERVICE_STAR);
    const raised = await run(['w.json', '--rule=action-wildcard:error', '--format=json']);
    expect(raised.code).toBe(1);
    expect(jsonResults(raised)[0]!.messages.map((m) => [m.ruleId, m.severity])).toEqual([['action-wildcard', 2]]);
  });

  it('--ext (repeatable, comma-separated, dot optional) selects files in directories', async () => {
    write('a.json', STAR);
    write('b.policy', STAR);
    write('c.iam', STAR);
    write('d.txt', STAR);
    const r = await run(['.', '--ext', 'policy,.iam', '--ext', 'txt', '--format', 'json']);
    expect(jsonResults(r).map((x) => x.filePath)).toEqual(['b.policy', 'c.iam', 'd.txt']);
  });

  it('--ignore-pattern skips files and directories', async () => {
    write('a.json', STAR);
    write('fixtures/b.json', STAR);
    write('sub/c.json', STAR);
    write('sub/c.skip.json', STAR);
    const r = await run(['.', '--ignore-pattern', 'fixtures', '--ignore-pattern', '*.skip.json', '--format', 'json']);
    expect(jsonResults(r).map((x) => x.filePath)).toEqual(['a.json', 'sub/c.json']);
  });

  it.each(['json', 'stylish'])(
    'writes a %s report while it lints, waiting for a slow reader, with the text of a report written at the end',
    async (format) => {
      // 12 files of 40 statements each, 80 findings per file: about 200 KB of report, several pieces.
      const big = JSON.stringify(
        { Version: '2012-10-17', Statement: Array.from({ length: 40 }, () => JSON.parse(STAR).Statement[0]) },
        null,
        2,
      );
      for (let i = 0; i < 12; i++) write(`d/${String(i).padStart(2, '0')}.json`, big);
      // --output-file: the report is made whole after the run.
      const atEnd = await run(['d', ...TARGET, '--format', format, '--output-file', 'report.txt']);
      expect(atEnd.code).toBe(1);
      const whole = fs.readFileSync(path.join(root, 'report.txt'), 'utf8');
      expect(whole.length).toBeGreaterThan(150_000);
      // To standard output: each wait (one before each file) sees how much was written by then.
      let stdout = '';
      let written = 0;
      const seen: number[] = [];
      const streamed = await run(['d', ...TARGET, '--format', format], {
        io: {
          stdout: (s) => {
            written += s.length;
            stdout += s;
          },
          stdoutDrained: () => {
            seen.push(written);
            return written > 0 ? Promise.resolve() : undefined;
          },
        },
      });
      expect(streamed.code).toBe(1);
      expect(stdout).toBe(whole);
      expect(seen).toHaveLength(12);
      expect(seen[0]).toBe(0);
      // Pieces went out before the last file was linted.
      expect(seen.some((n) => n > 0 && n < whole.length)).toBe(true);
      // With --fix-dry-run (its diffs come first) the report is written at the end, the same text.
      const dry = await run(['d', ...TARGET, '--format', format, '--fix-dry-run']);
      expect(dry.stdout.endsWith(whole)).toBe(true);
    },
  );

  it('walks nested directories, skipping node_modules, .git, FIFOs and symlink loops', async () => {
    write('z/y/x.json', STAR);
    write('z/a.json', CLEAN);
    write('node_modules/dep/p.json', STAR);
    write('.git/p.json', STAR);
    fs.symlinkSync('..', path.join(root, 'z', 'up'));
    execSync(`mkfifo ${JSON.stringify(path.join(root, 'z', 'fifo.json'))}`);
    const r = await run(['.', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(jsonResults(r).map((x) => x.filePath)).toEqual(['z/a.json', 'z/y/x.json']);
  });

  it('passes --bucket to the core', async () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other-bucket/*' }],
    });
    write('p.json', text);
    const withBucket = await run(['p.json', '--bucket', 'my-bucket', '--format', 'json']);
    const expected = lintText(text, { buckets: ['my-bucket'] }).messages.map((m) => m.ruleId);
    expect(jsonResults(withBucket)[0]!.messages.map((m) => m.ruleId)).toEqual(expected);
    expect(expected).toContain('resource-bucket-mismatch');
    const twoBuckets = await run(['p.json', '--bucket', 'my-bucket', '--bucket', 'other-bucket', '--format', 'json']);
    expect(jsonResults(twoBuckets)[0]!.messages.map((m) => m.ruleId)).toEqual(
      lintText(text, { buckets: ['my-bucket', 'other-bucket'] }).messages.map((m) => m.ruleId),
    );
  });

  it('takes paths after --, keeps number-like names and does not let --bucket swallow paths', async () => {
    write('--odd.json', SERVICE_STAR);
    write('1e3', SERVICE_STAR);
    write('007', SERVICE_STAR);
    const r = await run(['--bucket', 'my-bucket', '1e3', '--format', 'json', '--', '--odd.json', '007']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(jsonResults(r).map((x) => [x.filePath, x.warningCount])).toEqual([
      ['1e3', 1],
      ['--odd.json', 1],
      ['007', 1],
    ]);
  });

  it('--max-warnings -1 means unlimited', async () => {
    write('w.json', SERVICE_STAR);
    expect((await run(['w.json', '--max-warnings', '-1'])).code).toBe(0);
    expect((await run(['w.json', '--max-warnings=-1'])).code).toBe(0);
  });

  it('a missing path exits 2 after linting and reporting the others', async () => {
    write('e.json', STAR);
    const r = await run(['missing.json', 'e.json', 'gone/dir', ...TARGET, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'iam-mfa-lint: no such file or directory: missing.json\niam-mfa-lint: no such file or directory: gone/dir\n',
    );
    expect(jsonResults(r).map((x) => [x.filePath, x.errorCount])).toEqual([['e.json', 2]]);
  });

  it.skipIf(isRoot)('an unreadable file exits 2 after linting and reporting the others', async () => {
    write('e.json', STAR);
    fs.chmodSync(write('locked.json', STAR), 0o000);
    const r = await run(['.', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('iam-mfa-lint: permission denied: locked.json\n');
    expect(jsonResults(r).map((x) => x.filePath)).toEqual(['e.json']);
  });

  it('reports invalid UTF-8 at the line and column of the first bad byte', async () => {
    const before = Buffer.from('{\n  "Version": "2012-10-17",\n  "Sid": "caf\u00e9 \u{1F600}', 'utf8');
    const bytes = Buffer.concat([before, Buffer.from([0xff]), Buffer.from('"\n}\n')]);
    write('bad.json', bytes);
    const r = await run(['bad.json', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(jsonResults(r)).toEqual([
      {
        filePath: 'bad.json',
        messages: [
          {
            ruleId: 'invalid-json',
            severity: 2,
            message: `File is not valid UTF-8 text (invalid byte at offset ${before.length})`,
            // Line 3 is `  "Sid": "café 😀`: 17 UTF-16 code units before the bad byte.
            line: 3,
            column: 18,
            endLine: 3,
            endColumn: 19,
            messageId: 'invalidUtf8',
          },
        ],
        errorCount: 1,
        warningCount: 0,
      },
    ]);
    expect(before.length).toBe(49);
  });

  it('reports a truncated multi-byte sequence at its first byte', async () => {
    write('t.json', Buffer.from([0x7b, 0x0a, 0xe2, 0x82, 0x0a]));
    const r = await run(['t.json', '--format', 'json']);
    const [m] = jsonResults(r)[0]!.messages;
    expect([m!.message, m!.line, m!.column]).toEqual(['File is not valid UTF-8 text (invalid byte at offset 2)', 2, 1]);
  });

  it('the invalid-UTF-8 finding obeys --rule invalid-json levels', async () => {
    write('t.json', Buffer.from([0x7b, 0x0a, 0xe2, 0x82, 0x0a]));
    const warn = await run(['t.json', '--format', 'json', '--rule', 'invalid-json:warn']);
    const [m] = jsonResults(warn)[0]!.messages;
    expect([m!.ruleId, m!.messageId, m!.severity]).toEqual(['invalid-json', 'invalidUtf8', 1]);
    expect(warn.code).toBe(0);
    const off = await run(['t.json', '--format', 'json', '--rule', 'invalid-json:off']);
    expect(jsonResults(off)[0]!.messages).toEqual([]);
    expect(off.code).toBe(0);
  });

  it('reads a UTF-8 byte order mark as nothing', async () => {
    write('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CLEAN)]));
    expect(await run(['bom.json'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('color', () => {
  beforeEach(() => {
    write('e.json', STAR);
  });

  it('is off when stdout is not a terminal', async () => {
    expect((await run(['e.json'])).stdout).not.toContain('\u001b[');
  });

  it('is on when stdout is a terminal', async () => {
    expect((await run(['e.json'], { tty: true })).stdout).toContain('\u001b[31merror\u001b[39m');
  });

  it('NO_COLOR turns it off on a terminal', async () => {
    expect((await run(['e.json'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await run(['e.json'], { tty: true, env: { NO_COLOR: '' } })).stdout).toContain('\u001b[');
  });

  it('FORCE_COLOR turns it on, except 0 and false', async () => {
    expect((await run(['e.json'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).toContain('\u001b[');
    expect((await run(['e.json'], { env: { FORCE_COLOR: '' } })).stdout).toContain('\u001b[');
    expect((await run(['e.json'], { tty: true, env: { FORCE_COLOR: '0' } })).stdout).not.toContain('\u001b[');
    expect((await run(['e.json'], { tty: true, env: { FORCE_COLOR: 'false' } })).stdout).not.toContain('\u001b[');
  });

  it('never colors JSON', async () => {
    expect((await run(['e.json', '--format', 'json'], { env: { FORCE_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });
});

describe('internal errors', () => {
  it('are reported on one line without a stack', async () => {
    write('e.json', STAR);
    const r = await run(['e.json'], {
      io: {
        stdout: () => {
          throw new Error('disk on fire');
        },
      },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('iam-mfa-lint: internal error: disk on fire\n');
  });

  it('come with the stack when IAM_MFA_LINT_DEBUG is set', async () => {
    write('e.json', STAR);
    const r = await run(['e.json'], {
      env: { IAM_MFA_LINT_DEBUG: '1' },
      io: {
        stdout: () => {
          throw new Error('disk on fire');
        },
      },
    });
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('iam-mfa-lint: internal error: disk on fire');
    expect(lines[1]).toBe('Error: disk on fire');
    expect(lines[2]).toMatch(/^\s+at /);
  });
});

describe('generate', () => {
  it('prints the generated policy', async () => {
    const r = await run(['generate', '--bucket', 'my-bucket']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(JSON.stringify(generatePolicy('my-bucket', {}), null, 2) + '\n');
    expect(JSON.parse(r.stdout)).toEqual(generatePolicy('my-bucket'));
  });

  it('passes every option', async () => {
    const r = await run([
      'generate',
      '--bucket=my-bucket',
      '--access',
      'read-write',
      '--prefix',
      'team/a',
      '--max-mfa-age',
      '3600',
      '--partition',
      'aws-cn',
      '--deny-without-mfa',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(
      generatePolicy('my-bucket', {
        access: 'read-write',
        prefix: 'team/a',
        maxMfaAgeSeconds: 3600,
        partition: 'aws-cn',
        denyWithoutMfa: true,
      }),
    );
  });

  it('the generated policy lints clean for its bucket', async () => {
    const r = await run(['generate', '--bucket', 'my-bucket', '--access', 'write', '--max-mfa-age', '900']);
    write('gen.json', r.stdout);
    expect(await run(['gen.json', '--bucket', 'my-bucket'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('a bad bucket name exits 2 with the core message on one line and no stack', async () => {
    let expected = '';
    try {
      generatePolicy('Bad_Bucket');
    } catch (error) {
      expected = (error as Error).message;
    }
    expect(expected).not.toBe('');
    const r = await run(['generate', '--bucket', 'Bad_Bucket']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `iam-mfa-lint: ${expected}\n` });
  });

  it('a bad --max-mfa-age exits 2 with one line', async () => {
    const r = await run(['generate', '--bucket', 'my-bucket', '--max-mfa-age', '0']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr.startsWith('iam-mfa-lint: ')).toBe(true);
    expect(r.stderr).not.toContain('    at ');
  });

  it('--bucket is required', async () => {
    expect(await run(['generate'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `iam-mfa-lint: Missing required argument: bucket\n${HINT}`,
    });
  });

  it('--bucket must be given once', async () => {
    expect(await run(['generate', '--bucket', 'a-bucket', '--bucket', 'b-bucket'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `iam-mfa-lint: --bucket must be given exactly once\n${HINT}`,
    });
  });

  it('an invalid --partition is a usage error', async () => {
    const r = await run(['generate', '--bucket', 'my-bucket', '--partition', 'mars']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `iam-mfa-lint: Invalid values: Argument: partition, Given: "mars", Choices: "aws", "aws-cn", "aws-us-gov"\n${HINT}`,
    });
  });

  it('lint options are unknown to generate', async () => {
    const r = await run(['generate', '--bucket', 'my-bucket', '--quiet']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `iam-mfa-lint: Unknown argument: quiet\n${HINT}` });
  });
});
