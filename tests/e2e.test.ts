import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ruleIds } from '../packages/core/src/index.ts';

// End-to-end runs of the BUILT binary (run `pnpm build` first; `pnpm test` does).
const root = join(__dirname, '..');
const bin = join(root, 'packages/cli/bin/iam-mfa-lint.js');

function run(args: string[], env: Record<string, string> = {}) {
  if (!existsSync(join(root, 'packages/cli/dist/bin.cjs')))
    throw new Error('packages/cli/dist is missing: run `pnpm build` before the tests');
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built iam-mfa-lint binary', () => {
  it('reports exactly the seed findings as JSON and exits 1', () => {
    const r = run(['--format', 'json', '--bucket', 'my-s3-bucket-09-01-2023', 'fixtures/scenarios/seed']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Array<{
      filePath: string;
      messages: Array<Record<string, unknown>>;
      errorCount: number;
      warningCount: number;
    }>;
    expect(out.map((f) => [f.filePath, f.errorCount, f.warningCount])).toEqual([
      [join(root, 'fixtures/scenarios/seed/permission-policy.json'), 2, 0],
      [join(root, 'fixtures/scenarios/seed/trust-policy.json'), 0, 0],
    ]);
    expect(out[0]!.messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.endLine, m.endColumn])).toEqual([
      ['action-wildcard', 2, 6, 17, 6, 20],
      ['resource-bucket-mismatch', 2, 7, 19, 7, 59],
    ]);
    // With the role manifest (fixtures/scenarios/seed-role) the two files are a set: the EC2 role
    // can never carry MFA.
    const set = run([
      '--format',
      'json',
      '--bucket',
      'my-s3-bucket-09-01-2023',
      'fixtures/scenarios/seed',
      'fixtures/scenarios/seed-role',
    ]);
    expect(set.code).toBe(1);
    const perm = (JSON.parse(set.stdout) as Array<{ filePath: string; messages: Array<Record<string, unknown>> }>).find(
      (f) => f.filePath.endsWith('permission-policy.json'),
    )!;
    expect(perm.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ['action-wildcard', 6, 17],
      ['resource-bucket-mismatch', 7, 19],
      ['mfa-unsatisfiable', 10, 11],
    ]);
    expect(String(out[0]!.messages[1]!.message)).toContain('did you mean "my-s3-bucket-09-01-2023"?');
  });

  it('the seed as a Terraform module over three files: the three findings in policy.tf with no flag, exit 1', () => {
    const r = run(['--format', 'json', 'fixtures/scenarios/seed-terraform']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Array<{
      filePath: string;
      messages: Array<Record<string, unknown>>;
      errorCount: number;
    }>;
    expect(out.map((f) => [f.filePath, f.errorCount])).toEqual([
      [join(root, 'fixtures/scenarios/seed-terraform/iam.tf'), 0],
      [join(root, 'fixtures/scenarios/seed-terraform/policy.tf'), 3],
      [join(root, 'fixtures/scenarios/seed-terraform/s3.tf'), 0],
    ]);
    expect(out[1]!.messages.map((m) => [m.ruleId, m.messageId, m.line, m.column])).toEqual([
      ['action-wildcard', 'everyAction', 9, 20],
      ['resource-bucket-mismatch', 'nearMiss', 10, 20],
      ['mfa-unsatisfiable', 'neverMfa', 12, 20],
    ]);
    expect(String(out[1]!.messages[1]!.message)).toContain('did you mean "my-s3-bucket-09-01-2023"?');
    const fixed = run(['fixtures/scenarios/seed-terraform-fixed', 'fixtures/scenarios/seed-terraform-group']);
    expect([fixed.code, fixed.stderr]).toEqual([0, '']);
  });

  it('prints stylish output with a summary (the quick start: the seed and its role manifest)', () => {
    const r = run(['--bucket', 'my-s3-bucket-09-01-2023', 'fixtures/scenarios/seed', 'fixtures/scenarios/seed-role']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('fixtures/scenarios/seed/permission-policy.json');
    // A row: position, severity, the message (long ones wrap onto lines indented under it), the rule id last.
    const row = (position: string, ruleId: string) =>
      new RegExp(`^ +${position} +error +(?:.*\\n {16}(?! ))*.*${ruleId}$`, 'm');
    expect(r.stdout).toMatch(row('6:17', 'action-wildcard'));
    expect(r.stdout).toMatch(row('7:19', 'resource-bucket-mismatch'));
    expect(r.stdout).toMatch(row('10:11', 'mfa-unsatisfiable'));
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain('✖ 3 problems (3 errors, 0 warnings)');
  });

  it('exits 0 on a clean folder and 2 on a missing path, with one stderr line', () => {
    expect(
      run(['--bucket', 'my-s3-bucket-09-01-2023', 'fixtures/rules/mfa-condition-weak/valid-bool-in-allow.json']).code,
    ).toBe(0);
    const missing = run(['no/such/dir']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toEqual(['iam-mfa-lint: no such file or directory: no/such/dir']);
  });

  it('ends quietly with the usual exit code when the reader closes the pipe (`| head -c 100`)', async () => {
    // The JSON report of fixtures/ is far larger than a pipe's buffer, so writes after the reader
    // has gone fail with EPIPE.
    const child = spawn(process.execPath, [bin, '--format', 'json', 'fixtures'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (b: Buffer) => resolve(String(b))));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(first.startsWith('[{"filePath":')).toBe(true);
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('generates a policy that lints clean against its bucket', () => {
    const g = run(['generate', '--bucket', 'my-s3-bucket-09-01-2023', '--access', 'read-write', '--deny-without-mfa']);
    expect(g.code).toBe(0);
    const doc = JSON.parse(g.stdout) as { Statement: Array<{ Effect: string }> };
    expect(doc.Statement.map((s) => s.Effect)).toEqual(['Allow', 'Allow', 'Deny']);
    const bad = run(['generate', '--bucket', 'My_Bucket']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('My_Bucket');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('the package exports the core API in ESM and CommonJS', () => {
    const esm = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { generatePolicy, lintText, rules } from 'iam-mfa-lint'; const r = lintText(JSON.stringify(generatePolicy('my-s3-bucket-09-01-2023')), { buckets: ['my-s3-bucket-09-01-2023'] }); console.log(r.messages.length, rules.length);",
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(esm.stderr).toBe('');
    // Every rule in the source list is exported by the build (the list grows with each issue).
    expect(esm.stdout.trim()).toBe(`0 ${ruleIds.length}`);
    const cjs = spawnSync(
      process.execPath,
      ['-e', "const { lintText } = require('iam-mfa-lint'); console.log(lintText('{').messages[0].ruleId);"],
      { cwd: root, encoding: 'utf8' },
    );
    expect(cjs.stdout.trim()).toBe('invalid-json');
  });
});

describe('output to a full stdout (issue 13, defect 9; a closed one: above)', () => {
  it('a full device (> /dev/full) prints one line and exits 2', () => {
    const r = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${bin}" --format json fixtures/scenarios/seed > /dev/full`],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('iam-mfa-lint: cannot write the report: no space left on device\n');
  });
});

describe('the V8 code cache of the built binary (packages/cli/src/compile-cache.ts)', () => {
  const SEED = ['--format', 'json', '--bucket', 'my-s3-bucket-09-01-2023', 'fixtures/scenarios/seed'];

  it('is written by the first lint run, used by the next, and changes no output or exit code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-mfa-lint-e2e-v8cache-'));
    try {
      const cacheDir = join(dir, 'cache');
      const off = run(SEED, { IAM_MFA_LINT_COMPILE_CACHE: '0' });
      expect(off.code).toBe(1);
      // --help and usage errors run yargs, not the lint path: they write no cache.
      expect(run(['--help'], { IAM_MFA_LINT_COMPILE_CACHE: cacheDir }).code).toBe(0);
      expect(run(['--no-such-option'], { IAM_MFA_LINT_COMPILE_CACHE: cacheDir }).code).toBe(2);
      expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);
      const first = run(SEED, { IAM_MFA_LINT_COMPILE_CACHE: cacheDir });
      expect(first).toEqual(off);
      const [file, ...others] = readdirSync(cacheDir);
      expect(others).toEqual([]);
      const written = readFileSync(join(cacheDir, file!));
      const mtime = statSync(join(cacheDir, file!)).mtimeMs;
      const second = run(SEED, { IAM_MFA_LINT_COMPILE_CACHE: cacheDir });
      expect(second).toEqual(off);
      // Used, not rewritten.
      expect(statSync(join(cacheDir, file!)).mtimeMs).toBe(mtime);
      // A damaged cache is not used (no crash, same output) and is written anew.
      const damaged = Buffer.from(written);
      for (let i = 64; i < damaged.length; i += 97) damaged[i]! ^= 0x5a;
      writeFileSync(join(cacheDir, file!), damaged);
      expect(run(SEED, { IAM_MFA_LINT_COMPILE_CACHE: cacheDir })).toEqual(off);
      expect(readFileSync(join(cacheDir, file!)).equals(damaged)).toBe(false);
      expect(run(SEED, { IAM_MFA_LINT_COMPILE_CACHE: cacheDir })).toEqual(off);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a cache directory that cannot be used changes nothing: a file, a shared directory, a missing parent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-mfa-lint-e2e-v8cache-'));
    try {
      const off = run(SEED, { IAM_MFA_LINT_COMPILE_CACHE: '0' });
      writeFileSync(join(dir, 'file'), 'not a directory');
      mkdirSync(join(dir, 'shared'));
      chmodSync(join(dir, 'shared'), 0o777);
      for (const cacheDir of [
        join(dir, 'file'),
        join(dir, 'file', 'below'),
        join(dir, 'shared'),
        join(dir, 'no', 'such'),
      ]) {
        expect(run(SEED, { IAM_MFA_LINT_COMPILE_CACHE: cacheDir })).toEqual(off);
      }
      expect(readFileSync(join(dir, 'file'), 'utf8')).toBe('not a directory');
      if (process.platform !== 'win32') expect(readdirSync(join(dir, 'shared'))).toEqual([]);
      expect(existsSync(join(dir, 'no'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
