import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// scripts/build-if-missing.mjs --if-stale (`pnpm demo`, tests/pack.test.ts) on a copy of the
// script in a miniature repository with no tsup: a fresh build is left alone, silently; a stale
// or missing one is rebuilt, which here stops at "tsup is not installed" (exit 1), after naming
// what changed.
const repo = path.join(__dirname, '..');
const INPUTS = [
  'tsconfig.base.json',
  'docs/rules/action-wildcard.md',
  ...['core', 'cli'].flatMap((p) =>
    ['src/index.ts', 'package.json', 'tsconfig.json', 'tsup.config.ts'].map((f) => `packages/${p}/${f}`),
  ),
];
const OUTPUTS = [
  'packages/core/dist/index.js',
  'packages/core/dist/index.cjs',
  'packages/core/dist/index.d.ts',
  'packages/cli/dist/index.js',
  'packages/cli/dist/bin.cjs',
  'packages/cli/dist/chunks/cli.cjs',
  'packages/cli/dist/docs/rules/action-wildcard.md',
  'packages/cli/dist/iam-index.json',
];
const T0 = new Date('2026-01-01T00:00:00Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let root: string;

function touch(rel: string, time: Date): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, '');
  fs.utimesSync(file, time, time);
}

function build(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build-if-missing.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: '', HOME: root },
  });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-freshness-')));
  fs.mkdirSync(path.join(root, 'scripts'));
  fs.copyFileSync(path.join(repo, 'scripts/build-if-missing.mjs'), path.join(root, 'scripts/build-if-missing.mjs'));
  fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "mini", "private": true }\n');
  for (const f of INPUTS) touch(f, T0);
  for (const f of OUTPUTS) touch(f, later(10));
  // Directories: their times change when an entry is added or removed.
  for (const dir of ['docs/rules', 'packages/core/src', 'packages/cli/src'])
    fs.utimesSync(path.join(root, dir), T0, T0);
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const NO_TSUP = /the packages need a build and tsup is not installed/;

describe('scripts/build-if-missing.mjs --if-stale', () => {
  it('leaves a fresh build alone and prints nothing', () => {
    expect(build('--if-stale')).toEqual({ code: 0, stderr: '', stdout: '' });
  });

  it.each(INPUTS)('rebuilds when %s is newer than the build', (input) => {
    touch(input, later(20));
    const r = build('--if-stale');
    const named = input.startsWith('docs/rules/') ? 'docs/rules' : input.replace(/\/index\.ts$/, '');
    expect(r.stderr).toMatch(
      new RegExp(`^iam-mfa-lint build: ${named.replace(/\./g, '\\.')} changed since the last build\\n`),
    );
    expect(r.stderr).toMatch(NO_TSUP);
    expect(r.code).toBe(1);
  });

  it('rebuilds when a source file was deleted (its directory changed)', () => {
    touch('packages/cli/src/extra.ts', T0);
    fs.utimesSync(path.join(root, 'packages/cli/src'), T0, T0);
    expect(build('--if-stale').code).toBe(0);
    fs.rmSync(path.join(root, 'packages/cli/src/extra.ts'));
    const r = build('--if-stale');
    expect(r.stderr).toMatch(/^iam-mfa-lint build: packages\/cli\/src changed since the last build\n/);
    expect(r.code).toBe(1);
  });

  it('rebuilds when an output is missing, with or without --if-stale', () => {
    fs.rmSync(path.join(root, 'packages/cli/dist/bin.cjs'));
    expect(build('--if-stale')).toMatchObject({ code: 1, stderr: expect.stringMatching(NO_TSUP) });
    expect(build()).toMatchObject({ code: 1, stderr: expect.stringMatching(NO_TSUP) });
  });

  it('rebuilds when the compact IAM index is missing', () => {
    fs.rmSync(path.join(root, 'packages/cli/dist/iam-index.json'));
    expect(build('--if-stale')).toMatchObject({ code: 1, stderr: expect.stringMatching(NO_TSUP) });
    expect(build()).toMatchObject({ code: 1, stderr: expect.stringMatching(NO_TSUP) });
  });

  it('without --if-stale (postinstall), leaves an existing but stale build alone', () => {
    touch('packages/core/src/index.ts', later(20));
    expect(build()).toEqual({ code: 0, stderr: '', stdout: '' });
  });
});
