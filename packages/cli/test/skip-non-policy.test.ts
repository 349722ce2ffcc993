import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runMain } from './helpers/run-main.js';

// --skip-non-policy-files: the pre-commit hook passes every staged JSON, YAML, .template and
// Terraform file by name; those that hold no policy are skipped as a directory walk skips them,
// while policies, templates and Terraform with policies are linted as usual.
const repo = path.join(__dirname, '../../..');
const PASSING = ['package.json', 'tsconfig.json', 'docker-compose.yaml', 'variables.tf', 'bucket.template'].map(
  (f) => `fixtures/pre-commit/passing/${f}`,
);
const BUCKET = 'my-s3-bucket-09-01-2023';

function findings(stdout: string): string[] {
  const results = JSON.parse(stdout) as Array<{
    filePath: string;
    messages: Array<{ ruleId: string; line: number; column: number }>;
  }>;
  return results.flatMap((r) =>
    r.messages.map((m) => `${path.relative(repo, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`),
  );
}

describe('--skip-non-policy-files', () => {
  it('without it, named files that hold no policy are reported (exit 1)', async () => {
    const r = await runMain(['--format', 'json', ...PASSING], repo);
    expect(findings(r.stdout)).toEqual(
      expect.arrayContaining([
        'fixtures/pre-commit/passing/package.json:1:1 invalid-policy',
        'fixtures/pre-commit/passing/tsconfig.json:2:3 invalid-json',
        'fixtures/pre-commit/passing/docker-compose.yaml:1:1 invalid-policy',
      ]),
    );
    expect(r.code).toBe(1);
  });

  it('skips them: nothing reported, exit 0', async () => {
    const r = await runMain(['--skip-non-policy-files', '--bucket', BUCKET, '--format', 'json', ...PASSING], repo);
    expect(r.stderr).toBe('');
    expect(findings(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('still lints the named policies, templates and Terraform files among them', async () => {
    const blocked = [
      'fixtures/scenarios/seed/permission-policy.json',
      'fixtures/inputs/cloudformation/seed-ec2-role.yaml',
      'fixtures/pre-commit/blocked/main.tf',
    ];
    const r = await runMain(
      ['--skip-non-policy-files', '--bucket', BUCKET, '--format', 'json', ...PASSING, ...blocked],
      repo,
    );
    expect(findings(r.stdout)).toEqual([
      'fixtures/scenarios/seed/permission-policy.json:6:17 action-wildcard',
      'fixtures/scenarios/seed/permission-policy.json:7:19 resource-bucket-mismatch',
      'fixtures/inputs/cloudformation/seed-ec2-role.yaml:26:25 action-wildcard',
      'fixtures/inputs/cloudformation/seed-ec2-role.yaml:27:27 resource-bucket-mismatch',
      'fixtures/inputs/cloudformation/seed-ec2-role.yaml:30:21 mfa-unsatisfiable',
      'fixtures/pre-commit/blocked/main.tf:7:18 mfa-condition-missing',
      'fixtures/pre-commit/blocked/main.tf:8:18 action-wildcard',
    ]);
    expect(r.code).toBe(1);
  });

  it('still reports broken JSON and a policy written with comments', async () => {
    const files = [
      'fixtures/rules/invalid-json/invalid-unclosed.json',
      'fixtures/rules/invalid-json/invalid-trailing-comma.json',
    ];
    const r = await runMain(['--skip-non-policy-files', '--format', 'json', ...files], repo);
    expect(findings(r.stdout)).toEqual([`${files[0]}:6:1 invalid-json`, `${files[1]}:8:5 invalid-json`]);
    expect(r.code).toBe(1);
  });
});
