import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMain } from '../packages/cli/test/helpers/run-main.ts';

// Inputs built to break a linter: each gives a clear finding, or one stderr line and exit 2,
// never a stack trace or a hang.

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-adversarial-'));
}

function run(args: string[], cwd: string) {
  return runMain(args, cwd);
}

function json(stdout: string) {
  return JSON.parse(stdout) as Array<{
    filePath: string;
    messages: Array<{ ruleId: string; messageId: string; line: number; column: number }>;
  }>;
}

describe('adversarial inputs through the CLI', () => {
  it('a 50 MB policy file: linted, findings at the right place, no crash', async () => {
    const dir = tmp();
    const statements = [];
    // ~50 MB: many statements, each a valid grant with an MFA condition; the last one grants "*".
    const one = {
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: ['arn:aws:s3:::my-s3-bucket-09-01-2023/' + 'k'.repeat(200) + '/*'],
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    };
    const size = JSON.stringify(one).length;
    for (let i = 0; i < Math.ceil(50e6 / size); i++) statements.push(one);
    statements.push({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/T' });
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    expect(text.length).toBeGreaterThan(50e6);
    fs.writeFileSync(path.join(dir, 'big.json'), text);
    const r = await run(
      ['--format', 'json', '--rule', 'statement-redundant:off', '--rule', 'policy-too-large:off', 'big.json'],
      dir,
    );
    expect(r.stderr).toBe('');
    const found = json(r.stdout)[0]!.messages.filter((m) => m.ruleId === 'action-wildcard');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(1);
    expect(found[0]!.column).toBe(text.lastIndexOf('"Action":"*"') + '"Action":'.length + 1);
    expect(r.code).toBe(1);
  }, 300_000);

  it('an Action array of 1,000,000 entries', async () => {
    const dir = tmp();
    const actions = Array.from({ length: 1_000_000 }, (_, i) => (i === 999_999 ? 's3:*' : 'ec2:DescribeInstances'));
    fs.writeFileSync(
      path.join(dir, 'many.json'),
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }),
    );
    const r = await run(['--format', 'json', '--rule', 'statement-redundant:off', 'many.json'], dir);
    expect(r.stderr).toBe('');
    const ids = json(r.stdout)[0]!
      .messages.filter((m) => m.ruleId === 'action-wildcard')
      .map((m) => m.messageId);
    expect(ids).toEqual(['serviceWildcard']);
  }, 300_000);

  it('NUL bytes, invalid UTF-8, a BOM with CRLF, and duplicate keys', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'nul.json'), '{"Version": "2012-10-17",\u0000 "Statement": []}');
    fs.writeFileSync(path.join(dir, 'latin1.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    fs.writeFileSync(
      path.join(dir, 'bom-crlf.json'),
      '\ufeff{\r\n  "Version": "2012-10-17",\r\n  "Statement": [\r\n    { "Effect": "Allow", "Action": "*", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/T" }\r\n  ]\r\n}\r\n',
    );
    fs.writeFileSync(
      path.join(dir, 'dup.json'),
      '{\n  "Version": "2012-10-17",\n  "Statement": [],\n  "Statement": [{ "Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*" }]\n}\n',
    );
    const r = await run(['--format', 'json', '.'], dir);
    expect(r.stderr).toBe('');
    const by = Object.fromEntries(
      json(r.stdout).map((f) => [
        path.basename(f.filePath),
        f.messages.map((m) => [m.ruleId, m.messageId, m.line, m.column]),
      ]),
    );
    expect(by['nul.json']).toEqual([['invalid-json', 'syntax', 1, 26]]);
    expect(by['latin1.json']).toEqual([['invalid-json', 'invalidUtf8', 1, 3]]);
    expect(by['bom-crlf.json']).toEqual([['action-wildcard', 'everyAction', 4, 36]]);
    expect(by['dup.json']).toEqual([['invalid-policy', 'duplicateKey', 4, 3]]);
  });
});

describe('unreadable paths, even for root', () => {
  // chmod does not stop root (CI runs as root); /proc/self/mem is a file that fails every read.
  it.runIf(fs.existsSync('/proc/self/mem'))(
    'a file whose read fails: one stderr line, the rest still linted, exit 2',
    async () => {
      const dir = tmp();
      fs.writeFileSync(
        path.join(dir, 'ok.json'),
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}',
      );
      const r = await run(['--format', 'json', '/proc/self/mem', 'ok.json'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual(['iam-mfa-lint: input/output error: /proc/self/mem']);
      expect(json(r.stdout).map((f) => path.basename(f.filePath))).toEqual(['ok.json']);
    },
  );
});

describe('--fix is crash-safe', () => {
  /**
   * Resolves with the number of files `isFixed` holds for once it reaches `atLeast`, or once the
   * child has exited; checks on every change in `dir` (inotify) and, as a fallback, every 20 ms.
   * Bounded: gives up after `limitMs`.
   */
  function whenFixed(
    dir: string,
    files: readonly string[],
    isFixed: (f: string) => boolean,
    atLeast: number,
    exited: () => boolean,
    limitMs: number,
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const n = files.filter(isFixed).length;
        if (n >= atLeast || exited()) finish(() => resolve(n));
      };
      const watcher = fs.watch(dir, check);
      const poll = setInterval(check, 20);
      const limit = setTimeout(
        () => finish(() => reject(new Error(`fewer than ${atLeast} files fixed after ${limitMs} ms`))),
        limitMs,
      );
      const finish = (then: () => void) => {
        watcher.close();
        clearInterval(poll);
        clearTimeout(limit);
        then();
      };
      check();
    });
  }

  it('a process killed while writing leaves every file either old or new, never broken', async () => {
    const dir = tmp();
    const old = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Read',
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::my-s3-bucket-09-01-2023/' + 'x'.repeat(20_000) + '/*',
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      },
      null,
      2,
    );
    const fixed = old.replace('"BoolIfExists"', '"Bool"');
    const count = 400;
    const files = Array.from({ length: count }, (_, i) => path.join(dir, `p${i}.json`));
    // The fix shortens the file, so its size tells old from new without reading it.
    const isFixed = (f: string) => fs.statSync(f, { throwIfNoEntry: false })?.size === Buffer.byteLength(fixed);
    const bin = path.join(__dirname, '..', 'packages', 'cli', 'bin', 'iam-mfa-lint.js');
    let killedMidway = 0;
    // Kill on progress, not on a timer: as soon as the first file, a tenth, a quarter, half of them are replaced.
    for (const atLeast of [1, count / 10, count / 4, count / 2]) {
      for (const f of files) fs.writeFileSync(f, old);
      const child = spawn(process.execPath, [bin, '--fix', '.'], { cwd: dir, stdio: 'ignore' });
      let exited = false;
      const closed = new Promise((r) => child.on('close', () => r((exited = true))));
      await whenFixed(dir, files, isFixed, atLeast, () => exited, 90_000);
      child.kill('SIGKILL');
      await closed;
      let fixedCount = 0;
      for (const f of files) {
        const now = fs.readFileSync(f, 'utf8');
        expect([old, fixed]).toContain(now);
        if (now === fixed) fixedCount++;
      }
      expect(fixedCount).toBeGreaterThanOrEqual(atLeast);
      if (fixedCount < count) killedMidway++;
      // Only our own temporary files can be left next to them, never a half-written policy.
      for (const f of fs.readdirSync(dir)) expect(f).toMatch(/^p\d+\.json$|^\.p\d+\.json\.\d+\.[0-9a-f]+\.tmp$/);
      for (const f of fs.readdirSync(dir)) if (f.endsWith('.tmp')) fs.rmSync(path.join(dir, f));
    }
    // The kills landed in the middle of the runs, so the checks above meant something.
    expect(killedMidway).toBeGreaterThanOrEqual(3);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 400_000);
});
