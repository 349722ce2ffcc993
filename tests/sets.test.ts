/** Policy sets: the seed role directory, account snapshots (CLI and API output), manifests. */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  lintSet,
  policySetFromAccountDetails,
  readRoleManifest,
  resolveSet,
  PolicySetError,
} from '../packages/core/src/index.ts';
import { runMain } from '../packages/cli/test/helpers/run-main.ts';
import { loadSetFixture } from './helpers/sets.ts';

const root = join(__dirname, '..');

function run(argv: string[], cwd = root) {
  return runMain(argv, cwd, { NO_COLOR: '1' });
}

interface JsonFile {
  filePath: string;
  messages: Array<{ ruleId: string; messageId: string; line: number; column: number; message: string }>;
}

describe('the seed scenario as a set', () => {
  it('lintSet reports mfa-unsatisfiable at the MFA condition, naming the role and the trust policy line', () => {
    // fixtures/scenarios/seed-role/iam-mfa-lint.role.json names the seed's two files.
    const r = lintSet(loadSetFixture(join(root, 'fixtures/scenarios'), 'seed-role'), {
      buckets: ['my-s3-bucket-09-01-2023'],
    });
    const byFile = Object.fromEntries(
      r.documents.map((d) => [d.document.file, d.result.messages.map((m) => [m.ruleId, m.line, m.column])]),
    );
    expect(byFile).toEqual({
      '../seed/trust-policy.json': [],
      '../seed/permission-policy.json': [
        ['action-wildcard', 6, 17],
        ['resource-bucket-mismatch', 7, 19],
        ['mfa-unsatisfiable', 10, 11],
      ],
    });
    const m = r.documents.find((d) => d.document.file === '../seed/permission-policy.json')!.result.messages[2]!;
    expect(m.message).toContain(
      'role "tutorial-ec2-s3-role" (assumable only by the service ec2.amazonaws.com: ../seed/trust-policy.json:4)',
    );
    expect(r.errorCount).toBe(3);
  });

  it('the seed folder alone: each file on its own, exactly the two statement-level findings', async () => {
    const r = await run(['--format', 'json', '--bucket', 'my-s3-bucket-09-01-2023', 'fixtures/scenarios/seed']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as JsonFile[];
    expect(
      out.map((f) => [f.filePath.slice(root.length + 1), f.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`)]),
    ).toEqual([
      ['fixtures/scenarios/seed/permission-policy.json', ['action-wildcard@6:17', 'resource-bucket-mismatch@7:19']],
      ['fixtures/scenarios/seed/trust-policy.json', []],
    ]);
  });

  it('the CLI lints the seed as a set through its role manifest, once, with the seed folder or without', async () => {
    const alone = await run([
      '--format',
      'json',
      '--bucket',
      'my-s3-bucket-09-01-2023',
      'fixtures/scenarios/seed-role',
    ]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toBe('');
    const setFindings = (JSON.parse(alone.stdout) as JsonFile[]).map((f) => [
      f.filePath.slice(root.length + 1),
      f.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`),
    ]);
    // Files outside the linted paths come after the others, in the manifest's order.
    expect(setFindings).toEqual([
      ['fixtures/scenarios/seed/trust-policy.json', []],
      [
        'fixtures/scenarios/seed/permission-policy.json',
        ['action-wildcard@6:17', 'resource-bucket-mismatch@7:19', 'mfa-unsatisfiable@10:11'],
      ],
    ]);
    const r = await run([
      '--format',
      'json',
      '--bucket',
      'my-s3-bucket-09-01-2023',
      'fixtures/scenarios/seed',
      'fixtures/scenarios/seed-role',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as JsonFile[];
    expect(
      out.map((f) => [f.filePath.slice(root.length + 1), f.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`)]),
    ).toEqual([
      [
        'fixtures/scenarios/seed/permission-policy.json',
        ['action-wildcard@6:17', 'resource-bucket-mismatch@7:19', 'mfa-unsatisfiable@10:11'],
      ],
      ['fixtures/scenarios/seed/trust-policy.json', []],
    ]);
  });
});

describe('account snapshots (get-account-authorization-details)', () => {
  const expected = [
    ['mfa-condition-invalid', 'user "alice" inline policy "read-own-home": '],
    [
      'trust-policy-mfa-missing',
      'role "break-glass" trust policy: Role "break-glass" can be assumed by arn:aws:iam::123456789012:root without MFA, and its sessions reach bucket "acme-reports-prod": s3:GetObject',
    ],
    [
      'mfa-unsatisfiable',
      'role "github-reports-publish" inline policy "publish-reports": Statement 1 grants only to requests made with MFA',
    ],
    ['action-wildcard', 'managed policy "reports-read-mfa" v1 (not the default version): '],
    ['mfa-condition-weak', 'managed policy "reports-read-mfa" v1 (not the default version): '],
    ['resource-bucket-mismatch', 'managed policy "ci-artifacts-deploy" v1 (attached to user "ci-deployer"): '],
    [
      'mfa-condition-missing',
      'managed policy "AdministratorAccess" v1 (attached to group "admins", role "break-glass"): ',
    ],
    ['action-wildcard', 'managed policy "AdministratorAccess" v1 (attached to group "admins", role "break-glass"): '],
    [
      'resource-bucket-mismatch',
      'managed policy "AdministratorAccess" v1 (attached to group "admins", role "break-glass"): ',
    ],
  ];

  for (const [file, lines] of [
    ['authorization-details.json', [22, 172, 270, 334, 340, 376, 446, 447, 448]],
    ['authorization-details.raw-api.json', [12, 131, 175, 203, 203, 223, 263, 263, 263]],
  ] as const) {
    it(`${file}: findings named by principal and policy, at their line in the file`, async () => {
      const r = await run(['--format', 'json', '--bucket', 'acme-reports-prod', `fixtures/scenarios/account/${file}`]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const [out] = JSON.parse(r.stdout) as JsonFile[];
      // Only the rules this repository's issue set owns are pinned; other rules may add findings.
      const ours = out!.messages.filter((m) => expected.some(([id]) => id === m.ruleId));
      expect(ours.map((m) => m.ruleId)).toEqual(expected.map(([id]) => id));
      ours.forEach((m, i) => expect(m.message.startsWith(expected[i]![1]!)).toBe(true));
      expect(ours.map((m) => m.line)).toEqual([...lines]);
    });
  }

  it('the data-analyst role (trust requires MFA) and the force-mfa policy raise nothing', () => {
    const d = policySetFromAccountDetails(
      readFileSync(join(root, 'fixtures/scenarios/account/authorization-details.json'), 'utf8'),
      'snapshot.json',
    )!;
    expect(d.problems).toEqual([]);
    expect(d.set.accountId).toBe('123456789012');
    const r = lintSet(d.set, { buckets: ['acme-reports-prod'] });
    const clean = r.documents.filter((x) => x.result.messages.length === 0).map((x) => x.document.label);
    expect(clean).toEqual(
      expect.arrayContaining([
        'role "data-analyst" trust policy',
        'managed policy "force-mfa" v1',
        'managed policy "reports-read-mfa" v2',
        'group "developers" inline policy "assume-data-analyst"',
      ]),
    );
    const resolved = resolveSet(d.set);
    const bob = resolved.principals.find((p) => p.name === 'bob')!;
    expect(bob.effectivePolicies.map((x) => x.label).sort()).toEqual([
      'group "developers" inline policy "assume-data-analyst"',
      'managed policy "AdministratorAccess" v1',
      'managed policy "force-mfa" v1',
    ]);
  });

  it('an encoded document that does not decode is a one-line problem at its position', () => {
    const text = JSON.stringify(
      {
        RoleDetailList: [{ RoleName: 'r', AssumeRolePolicyDocument: '%7B%22Version%22%3A' }],
        UserDetailList: [],
        GroupDetailList: [],
        Policies: [],
      },
      null,
      2,
    );
    const d = policySetFromAccountDetails(text, 'x.json')!;
    expect(d.problems).toHaveLength(1);
    expect(d.problems[0]!.message).toMatch(/^role "r" trust policy: /);
    expect(d.problems[0]!.range.line).toBe(5);
  });

  it('other JSON is not mistaken for a snapshot', () => {
    expect(policySetFromAccountDetails('{"Version":"2012-10-17","Statement":[]}')).toBeUndefined();
    expect(policySetFromAccountDetails('{"Policies":[],"Other":1}')).toBeUndefined();
  });
});

describe('role manifests', () => {
  it('validates the manifest', () => {
    expect(readRoleManifest({ role: 'r', trustPolicy: 't.json', policies: ['p.json'] })).toEqual({
      role: 'r',
      trustPolicy: 't.json',
      policies: ['p.json'],
    });
    expect(readRoleManifest({ role: 'r', policies: 'p.json' })).toEqual({
      error: '"policies" must be an array of file paths',
    });
    expect(readRoleManifest({ role: 'r', policies: [], extra: 1 })).toEqual({
      error: 'unknown member "extra" (expected role, trustPolicy, policies, accountId)',
    });
    expect(readRoleManifest([])).toEqual({ error: 'a role manifest must be a JSON object' });
  });

  it('a bad manifest or a missing file: one line naming the manifest, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    writeFileSync(
      join(dir, 'iam-mfa-lint.role.json'),
      JSON.stringify({ role: 'r', trustPolicy: 'trust.json', policies: ['missing.json'] }),
    );
    writeFileSync(
      join(dir, 'trust.json'),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    );
    const r = await run(['.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'iam-mfa-lint: iam-mfa-lint.role.json: no such file or directory: missing.json',
    ]);
  });

  it('a file outside the linted directory is reported; a file that is not JSON is linted alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    const sub = join(dir, 'role');
    mkdirSync(sub);
    writeFileSync(
      join(sub, 'iam-mfa-lint.role.json'),
      JSON.stringify({ role: 'app', trustPolicy: 'trust.json', policies: ['../shared.json', 'broken.json'] }),
    );
    writeFileSync(
      join(sub, 'trust.json'),
      JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        null,
        2,
      ),
    );
    writeFileSync(join(sub, 'broken.json'), '{ "Version": ');
    writeFileSync(
      join(dir, 'shared.json'),
      JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::b/*',
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
          ],
        },
        null,
        2,
      ),
    );
    const r = await run(['--format', 'json', 'role'], dir);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as JsonFile[];
    expect(out.map((f) => [f.filePath.slice(dir.length + 1), f.messages.map((m) => m.ruleId)])).toEqual([
      ['role/broken.json', ['invalid-json']],
      ['role/trust.json', []],
      ['shared.json', ['mfa-unsatisfiable']],
    ]);
    const off = await run(['--format', 'json', '--rule', 'mfa-unsatisfiable:off', 'role'], dir);
    expect((JSON.parse(off.stdout) as JsonFile[]).flatMap((f) => f.messages.map((m) => m.ruleId))).toEqual([
      'invalid-json',
    ]);
  });

  it('a manifest reads only regular files inside the linted tree (issue 13, defect 7)', async () => {
    const outer = mkdtempSync(join(tmpdir(), 'manifest-outer-'));
    const project = join(outer, 'project');
    mkdirSync(join(project, 'role'), { recursive: true });
    writeFileSync(join(outer, 'secret.json'), '{"Version": "2012-10-17", "Statement": [{"Sid": "TopSecret"}]}');
    writeFileSync(join(project, 'role', 'trust.json'), '{"Version": "2012-10-17", "Statement": []}');
    for (const [name, target] of [
      ['escape', '../../secret.json'],
      ['device', '/dev/zero'],
    ] as const) {
      writeFileSync(
        join(project, 'role', 'iam-mfa-lint.role.json'),
        JSON.stringify({ role: 'app', trustPolicy: 'trust.json', policies: [target] }),
      );
      const r = await run(['--format', 'json', 'role'], project);
      expect(r.code, name).toBe(2);
      const why =
        name === 'escape'
          ? 'is outside the linted tree (the working directory and the paths named): not read'
          : 'is not a regular file: not read';
      expect(r.stderr, name).toBe(`iam-mfa-lint: role/iam-mfa-lint.role.json: ${JSON.stringify(target)} ${why}\n`);
      expect(r.stdout, name).not.toContain('TopSecret');
    }
  });

  it('resolveSet rejects references to unknown documents', () => {
    expect(() => resolveSet({ documents: [], principals: [{ kind: 'role', name: 'r', policies: ['nope'] }] })).toThrow(
      PolicySetError,
    );
  });
});
