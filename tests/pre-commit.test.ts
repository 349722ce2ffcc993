import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatePolicy } from '../packages/core/src/index.ts';
import { childEnv } from './helpers/env.ts';

/** Stylish output with each finding on one line again (the formatter wraps long messages under their first line). */
const unwrap = (out: string): string => out.replace(/\n {8,}(?=\S)/g, ' ');

// A real pre-commit run, no mocks: the framework installs this repository's hook the way it does
// for any user (git clone at a rev, `npm install`, `npm pack`, `npm install -g`); commits of the
// tutorial's policy, a YAML template and a .tf file with wildcard grants are blocked, while
// commits of a generated policy and of JSON/YAML/.template/.tf files with no policy go through.
// The hook repository is a snapshot of the working tree (tracked and untracked files, without
// ignored ones such as node_modules and dist), so that uncommitted changes are what is tested.

const repo = path.join(__dirname, '..');
const BUCKET = 'my-s3-bucket-09-01-2023';

function hasPreCommit(): boolean {
  return spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
}

const available = hasPreCommit();
const inCi = Boolean(process.env.CI);
if (!available && !inCi) {
  console.warn(
    'tests/pre-commit.test.ts skipped: the pre-commit framework is not installed (apt-get install pre-commit); CI installs it and runs this test',
  );
}

/** The environment for git and pre-commit: no pnpm/npm settings leaking in from `pnpm test`. */
function cleanEnv(home: string): NodeJS.ProcessEnv {
  return childEnv({
    PRE_COMMIT_HOME: path.join(home, 'pre-commit-cache'),
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: home,
  });
}

function git(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8' });
}

describe.skipIf(!available && !inCi)('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  let tmp: string;
  let env: NodeJS.ProcessEnv;
  let user: string;

  beforeAll(() => {
    if (!available) throw new Error('pre-commit is not installed: .ci/run installs it (apt-get install pre-commit)');
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-pre-commit-')));
    env = cleanEnv(tmp);

    // The hook repository: the working tree, committed.
    const hook = path.join(tmp, 'hook-repo');
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: repo,
      encoding: 'utf8',
    })
      .split('\0')
      .filter((f) => f !== '');
    for (const rel of new Set(listed)) {
      const from = path.join(repo, rel);
      let st: fs.Stats;
      try {
        st = fs.lstatSync(from);
      } catch {
        continue; // deleted in the working tree
      }
      if (!st.isFile()) continue;
      fs.mkdirSync(path.dirname(path.join(hook, rel)), { recursive: true });
      fs.copyFileSync(from, path.join(hook, rel));
      fs.chmodSync(path.join(hook, rel), st.mode & 0o777);
    }
    git(hook, env, 'init', '-q');
    git(hook, env, 'add', '-A');
    git(hook, env, 'commit', '-q', '-m', 'snapshot of the working tree');
    const rev = git(hook, env, 'rev-parse', 'HEAD').trim();

    // The user's repository, with the hook installed in git.
    user = path.join(tmp, 'user-repo');
    fs.mkdirSync(user);
    git(user, env, 'init', '-q');
    fs.writeFileSync(
      path.join(user, '.pre-commit-config.yaml'),
      [
        'repos:',
        `  - repo: ${hook}`,
        `    rev: ${rev}`,
        '    hooks:',
        '      - id: iam-mfa-lint',
        `        args: [--bucket, ${BUCKET}]`,
        '',
      ].join('\n'),
    );
    execFileSync('pre-commit', ['install'], { cwd: user, env, encoding: 'utf8' });
    // Install the hook's environment once (npm install + pack + global install: about a minute).
    const installed = spawnSync('pre-commit', ['install-hooks'], {
      cwd: user,
      env,
      encoding: 'utf8',
      timeout: 900_000,
    });
    if (installed.status !== 0)
      throw new Error(`pre-commit install-hooks failed:\n${installed.stdout}\n${installed.stderr}`);
  }, 900_000);

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('blocks a commit of the tutorial policy and prints the findings', () => {
    fs.copyFileSync(
      path.join(repo, 'fixtures/scenarios/seed/permission-policy.json'),
      path.join(user, 'permission-policy.json'),
    );
    git(user, env, 'add', '.pre-commit-config.yaml', 'permission-policy.json');
    const r = spawnSync('git', ['commit', '-m', 'tutorial policy'], {
      cwd: user,
      env,
      encoding: 'utf8',
      timeout: 300_000,
    });
    const out = r.stdout + r.stderr;
    expect(r.status).not.toBe(0);
    expect(out).toMatch(/iam-mfa-lint\.+Failed/);
    expect(out).toContain(
      [
        'permission-policy.json',
        '  6:17  error  Statement 1 allows every action of every AWS service ("*"); list',
        '               only the actions it needs (for S3 data: s3:GetObject,',
        '               s3:PutObject, s3:ListBucket)  action-wildcard',
        '  7:19  error  Statement 1 grants S3 access on bucket "my-s3-bucket-08-01-2023",',
        '               which is not the target bucket; did you mean',
        '               "my-s3-bucket-09-01-2023"?',
        '               ("arn:aws:s3:::my-s3-bucket-08-01-2023/*")',
        '               resource-bucket-mismatch',
        '',
        '\u2716 2 problems (2 errors, 0 warnings) in 1 policy of 1 file',
      ].join('\n'),
    );
    // Nothing was committed.
    expect(spawnSync('git', ['rev-parse', '--verify', '-q', 'HEAD'], { cwd: user, env }).status).not.toBe(0);
  });

  it('lets a commit of a generated policy through', () => {
    git(user, env, 'rm', '-q', '--cached', 'permission-policy.json');
    fs.rmSync(path.join(user, 'permission-policy.json'));
    fs.mkdirSync(path.join(user, 'policies'));
    const policy = generatePolicy(BUCKET, { access: 'read-write', denyWithoutMfa: true });
    fs.writeFileSync(path.join(user, 'policies', 'bucket-access.json'), JSON.stringify(policy, null, 2) + '\n');
    git(user, env, 'add', '.pre-commit-config.yaml', 'policies/bucket-access.json');
    const r = spawnSync('git', ['commit', '-m', 'generated policy'], {
      cwd: user,
      env,
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(r.stdout + r.stderr).toMatch(/iam-mfa-lint\.+Passed/);
    expect(r.status).toBe(0);
    expect(git(user, env, 'log', '--format=%s')).toBe('generated policy\n');
    expect(git(user, env, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort()).toEqual([
      '.pre-commit-config.yaml',
      'policies/bucket-access.json',
    ]);
  });

  /** Stages copies of repository files (destination in the user's repository -> source) and commits. */
  function commit(files: Record<string, string>, message: string) {
    for (const [to, from] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(user, to)), { recursive: true });
      fs.copyFileSync(path.join(repo, from), path.join(user, to));
    }
    git(user, env, 'add', ...Object.keys(files));
    const r = spawnSync('git', ['commit', '-m', message], { cwd: user, env, encoding: 'utf8', timeout: 300_000 });
    return { status: r.status, out: r.stdout + r.stderr };
  }

  /** Expects the commit to have been blocked; unstages and removes the files. */
  function expectBlocked(r: { status: number | null; out: string }, files: string[]) {
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/iam-mfa-lint\.+Failed/);
    expect(git(user, env, 'log', '--format=%s')).toBe('generated policy\n');
    git(user, env, 'rm', '-q', '--cached', ...files);
    for (const f of files) fs.rmSync(path.join(user, f));
  }

  it('blocks a commit of a YAML CloudFormation template with a wildcard grant', () => {
    const r = commit({ 'infra/stack.yaml': 'fixtures/inputs/cloudformation/seed-ec2-role.yaml' }, 'stack');
    expect(r.out).toMatch(/^infra\/stack\.yaml$/m);
    expect(unwrap(r.out)).toMatch(/^\s+26:25\s+error\s+InstanceRole\/S3WithMfa: .*action-wildcard$/m);
    expectBlocked(r, ['infra/stack.yaml']);
  });

  it('blocks a commit of a Terraform .tf file with a wildcard grant', () => {
    const r = commit({ 'infra/main.tf': 'fixtures/pre-commit/blocked/main.tf' }, 'terraform');
    expect(r.out).toMatch(/^infra\/main\.tf$/m);
    expect(unwrap(r.out)).toMatch(/^\s+8:18\s+error\s+aws_iam_policy\.bucket_admin: .*action-wildcard$/m);
    expectBlocked(r, ['infra/main.tf']);
  });

  it('lets a commit of JSON, YAML, .template and Terraform files that hold no policy through', () => {
    const names = ['package.json', 'tsconfig.json', 'docker-compose.yaml', 'bucket.template', 'variables.tf'];
    const r = commit(
      Object.fromEntries(names.map((n) => [`app/${n}`, `fixtures/pre-commit/passing/${n}`])),
      'no policies',
    );
    // Passed, not "(no files to check) Skipped": the hook ran on them.
    expect(r.out).toMatch(/iam-mfa-lint\.+Passed/);
    expect(r.status).toBe(0);
    expect(git(user, env, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort()).toEqual(
      names.map((n) => `app/${n}`).sort(),
    );
  });
});
