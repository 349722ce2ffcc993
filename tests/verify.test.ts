/** verify: core verifyBucket and the `iam-mfa-lint verify` command. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateBucketPolicy,
  generatePolicy,
  generateTrustPolicy,
  lintPolicy,
  toEvalPolicy,
  verifyBucket,
  type GeneratePolicyOptions,
} from '../packages/core/src/index.ts';
import { runMain } from '../packages/cli/test/helpers/run-main.ts';

const root = join(__dirname, '..');
const BUCKET = 'my-s3-bucket-09-01-2023';

function run(argv: string[], cwd = root) {
  return runMain(argv, cwd, { NO_COLOR: '1' });
}

function tmp(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'verify-'));
  for (const [name, doc] of Object.entries(files))
    writeFileSync(join(dir, name), typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2) + '\n');
  return dir;
}

describe('verifyBucket', () => {
  const combos: GeneratePolicyOptions[] = [];
  for (const access of ['read', 'write', 'read-write'] as const)
    for (const prefix of [undefined, 'home/team'])
      for (const maxMfaAgeSeconds of [undefined, 3600])
        for (const partition of ['aws', 'aws-cn', 'aws-us-gov'] as const)
          for (const denyWithoutMfa of [false, true]) {
            const o: GeneratePolicyOptions = { access, partition, denyWithoutMfa };
            if (prefix) o.prefix = prefix;
            if (maxMfaAgeSeconds) o.maxMfaAgeSeconds = maxMfaAgeSeconds;
            combos.push(o);
          }

  it(`every generatePolicy combination (${combos.length}) enforces MFA, and grants with it`, () => {
    for (const o of combos) {
      const r = verifyBucket(BUCKET, [toEvalPolicy('generated.json', 'identity', generatePolicy(BUCKET, o))]);
      expect({ o, enforced: r.enforced }).toEqual({ o, enforced: true });
      const withMfa = r.cells
        .filter((c) => c.context === 'mfa' && c.allowedActions.length > 0)
        .map((c) => c.actionClass)
        .sort();
      expect(withMfa).toContain('bucket list');
      expect(withMfa).toContain(o.access === 'write' ? 'object write' : 'object read');
      // No request without MFA in any class, for any context.
      expect(r.cells.filter((c) => c.context !== 'mfa' && c.allowedActions.length > 0)).toEqual([]);
    }
  });

  it('BoolIfExists "true" in an Allow: a counterexample with long-term access keys (no MFA key at all)', () => {
    const weak = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::${BUCKET}/*`,
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    };
    const r = verifyBucket(BUCKET, [toEvalPolicy('weak.json', 'identity', weak)]);
    expect(r.enforced).toBe(false);
    expect(r.counterexample!.context).toBe('long-term-keys');
    expect(r.counterexample!.request.action).toBe('s3:GetObject');
    expect(Object.keys(r.counterexample!.request.context!).filter((k) => /multifactor/i.test(k))).toEqual([]);
    expect(r.counterexample!.result.statements).toEqual([
      { policyId: 'weak.json', kind: 'identity', effect: 'Allow', index: 0, pointer: '/Statement/0' },
    ]);
  });

  it('the trust and bucket generators verify 0, alone and with a permission policy that has no MFA condition', () => {
    const open = toEvalPolicy('open.json', 'identity', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:*', Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] },
      ],
    });
    const trust = toEvalPolicy(
      'trust.json',
      'trust',
      generateTrustPolicy({ accountId: '111122223333', maxMfaAgeSeconds: 3600 }),
    );
    const bucketPolicy = toEvalPolicy(
      'bucket.json',
      'resource',
      generateBucketPolicy(BUCKET, { principals: ['arn:aws:iam::111122223333:role/analyst'], access: 'read-write' }),
    );
    expect(verifyBucket(BUCKET, [trust, open]).enforced).toBe(true);
    expect(verifyBucket(BUCKET, [bucketPolicy]).enforced).toBe(true);
    expect(verifyBucket(BUCKET, [bucketPolicy, open]).enforced).toBe(true);
    // Without the MFA condition on the trust policy the same role leaks.
    const lax = toEvalPolicy('lax.json', 'trust', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }],
    });
    const r = verifyBucket(BUCKET, [lax, open]);
    expect(r.enforced).toBe(false);
    expect(r.counterexample!.context).toBe('temporary-no-mfa');
    expect(r.counterexample!.via).toEqual([
      { policyId: 'lax.json', kind: 'trust', effect: 'Allow', index: 0, pointer: '/Statement/0' },
    ]);
  });

  it('a bucket policy with Principal "*" and no MFA is a counterexample for anonymous callers', () => {
    const pub = toEvalPolicy('bucket.json', 'resource', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/public/*` },
      ],
    });
    const r = verifyBucket(BUCKET, [pub]);
    expect(r.enforced).toBe(false);
    expect(r.counterexample!.request.resource).toBe(`arn:aws:s3:::${BUCKET}/public/x`);
    expect(r.cells.find((c) => c.actionClass === 'object read' && c.context === 'anonymous')!.allowedActions).toEqual([
      'GetObject',
    ]);
  });

  it('finds access hidden behind other condition keys (s3:prefix) and outside named prefixes', () => {
    const p = toEvalPolicy('p.json', 'identity', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: `arn:aws:s3:::${BUCKET}`,
          Condition: { StringLike: { 's3:prefix': 'reports/*' } },
        },
        {
          Effect: 'Deny',
          Action: 's3:ListBucket',
          Resource: `arn:aws:s3:::${BUCKET}`,
          Condition: {
            BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' },
            StringNotLike: { 's3:prefix': 'reports/*' },
          },
        },
      ],
    });
    const r = verifyBucket(BUCKET, [p]);
    expect(r.enforced).toBe(false);
    expect(r.counterexample!.request.context!['s3:prefix']).toBe('reports/x');
  });
});

describe('generators', () => {
  it('generateTrustPolicy and generateBucketPolicy lint clean with all rules and reject bad input', () => {
    for (const doc of [
      generateTrustPolicy({ accountId: '111122223333' }),
      generateTrustPolicy({
        principals: ['arn:aws:iam::111122223333:user/alice', '444455556666'],
        maxMfaAgeSeconds: 900,
      }),
      generateBucketPolicy(BUCKET),
      generateBucketPolicy(BUCKET, {
        principals: ['arn:aws:iam::111122223333:root'],
        access: 'write',
        prefix: 'in',
        maxMfaAgeSeconds: 3600,
        partition: 'aws-us-gov',
      }),
    ]) {
      expect(lintPolicy(doc, { buckets: [BUCKET] }).messages).toEqual([]);
    }
    expect(generateTrustPolicy({ accountId: '111122223333', maxMfaAgeSeconds: 60 })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AssumeRoleWithMfa',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'sts:AssumeRole',
          Condition: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            NumericLessThan: { 'aws:MultiFactorAuthAge': '60' },
          },
        },
      ],
    });
    expect(() => generateTrustPolicy({})).toThrow(/exactly one of accountId and principals/);
    expect(() => generateTrustPolicy({ principals: ['arn:aws:iam::111122223333:user/*'] })).toThrow(
      /without wildcards/,
    );
    expect(() => generateTrustPolicy({ accountId: '12345' })).toThrow(/12 digits/);
    expect(() => generateTrustPolicy({ accountId: '111122223333', maxMfaAgeSeconds: 0 })).toThrow(RangeError);
    expect(() => generateBucketPolicy(BUCKET, { principals: ['*'] })).toThrow(/Invalid principal/);
    expect(() => generateBucketPolicy('Bad_Bucket')).toThrow(/Bad_Bucket/);
  });
});

describe('iam-mfa-lint verify', () => {
  it('exit 1 and a counterexample with long-term keys for BoolIfExists "true" in an Allow', async () => {
    const r = await run([
      'verify',
      '--bucket',
      BUCKET,
      'fixtures/rules/mfa-condition-weak/invalid-bool-if-exists-in-allow.json',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^object read\s+ALLOW 1\/16 fixtures\/rules\/mfa-condition-weak\/invalid-bool-if-exists-in-allow.json:4\s+deny\s+ALLOW 1\/16 /m,
    );
    expect(r.stdout).toContain('Access WITHOUT MFA is possible (long-term keys (no MFA key)). Counterexample:');
    expect(r.stdout).toContain('"action": "s3:GetObject"');
    expect(r.stdout).toContain('allowed by fixtures/rules/mfa-condition-weak/invalid-bool-if-exists-in-allow.json:4');
    expect(r.stdout.slice(r.stdout.indexOf('Counterexample'))).not.toMatch(/MultiFactorAuth/);
  });

  it('shows control characters of a file name as escapes, never raw', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-mfa-lint-verify-'));
    writeFileSync(
      join(dir, 'weak\u001b[2J\nx.json'),
      readFileSync(join(root, 'fixtures/rules/mfa-condition-weak/invalid-bool-if-exists-in-allow.json')),
    );
    const r = await run(['verify', '--bucket', BUCKET, 'weak\u001b[2J\nx.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('Bucket my-s3-bucket-09-01-2023: weak\\u001b[2J\\nx.json (identity)');
    expect(r.stdout).toContain('allowed by weak\\u001b[2J\\nx.json:4');
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('exit 0 for generated policies, and JSON output', async () => {
    const dir = tmp({
      'policy.json': generatePolicy(BUCKET, { access: 'read-write', denyWithoutMfa: true }),
      'trust.json': generateTrustPolicy({ accountId: '111122223333' }),
    });
    const r = await run(['verify', '--bucket', BUCKET, '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /MFA enforced: no request to bucket my-s3-bucket-09-01-2023 or its objects is allowed without MFA \(\d+ requests evaluated\)\./,
    );
    const j = await run(['verify', '--bucket', BUCKET, '--format', 'json', 'policy.json'], dir);
    expect(j.code).toBe(0);
    const out = JSON.parse(j.stdout) as {
      enforced: boolean;
      policies: Array<{ file: string; kind: string }>;
      cells: Array<{ actionClass: string; context: string; allowedActions: string[] }>;
    };
    expect(out.enforced).toBe(true);
    expect(out.policies).toEqual([{ file: 'policy.json', kind: 'identity' }]);
    expect(
      out.cells.find((c) => c.actionClass === 'object write' && c.context === 'mfa')!.allowedActions.sort(),
    ).toEqual(['AbortMultipartUpload', 'DeleteObject', 'PutObject']);
  });

  it('the seed role: no session can carry MFA, so the MFA column is n/a and nothing is allowed', async () => {
    const r = await run(['verify', '--bucket', 'my-s3-bucket-08-01-2023', 'fixtures/scenarios/seed']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^object read\s+deny\s+deny\s+n\/a$/m);
  });

  it('an account snapshot: every user and role is verified; the counterexample names the principal', async () => {
    const r = await run([
      'verify',
      '--bucket',
      'acme-artifacts',
      'fixtures/scenarios/account/authorization-details.raw-api.json',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'Bucket acme-artifacts: 7 users and roles of the account snapshot; without MFA through user "ci-deployer", role "break-glass"',
    );
    expect(r.stdout).toContain('"principal": "arn:aws:iam::123456789012:user/service/ci-deployer"');
    expect(r.stdout).toContain(
      'allowed by fixtures/scenarios/account/authorization-details.raw-api.json:223 (managed policy "ci-artifacts-deploy" v1)',
    );
  });

  it("in a snapshot, a role that trusts the account is assumable only by the callers its users' own policies allow", async () => {
    const A = '123456789012';
    const snapshot = (userPolicy: unknown) => ({
      UserDetailList: [
        {
          UserName: 'alice',
          Arn: `arn:aws:iam::${A}:user/alice`,
          UserPolicyList: [{ PolicyName: 'assume', PolicyDocument: userPolicy }],
          GroupList: [],
          AttachedManagedPolicies: [],
        },
      ],
      GroupDetailList: [],
      RoleDetailList: [
        {
          RoleName: 'reader',
          Arn: `arn:aws:iam::${A}:role/reader`,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }],
          },
          RolePolicyList: [
            {
              PolicyName: 'read',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data-bucket/*' }],
              },
            },
          ],
          AttachedManagedPolicies: [],
        },
      ],
      Policies: [],
    });
    const onlyWithMfa = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Resource: `arn:aws:iam::${A}:role/reader`,
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    };
    const always = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] };
    const dir = tmp({ 'mfa.json': snapshot(onlyWithMfa), 'open.json': snapshot(always) });
    const ok = await run(['verify', '--bucket', 'data-bucket', 'mfa.json'], dir);
    expect(ok.code).toBe(0);
    const leak = await run(['verify', '--bucket', 'data-bucket', 'open.json'], dir);
    expect(leak.code).toBe(1);
    expect(leak.stdout).toContain('without MFA through role "reader"');
    expect(leak.stdout).toContain('"principal": "arn:aws:sts::123456789012:assumed-role/reader/verify-session"');
  });

  it('usage and input errors: one line, exit 2', async () => {
    for (const [argv, message] of [
      [['verify', 'x.json'], /Missing required argument: bucket/],
      [['verify', '--bucket', 'Bad_Bucket', 'fixtures/scenarios/seed'], /invalid --bucket "Bad_Bucket"/],
      [['verify', '--bucket', BUCKET], /no files given/],
      [
        ['verify', '--bucket', BUCKET, 'fixtures/rules/invalid-json/invalid-trailing-comma.json'],
        /invalid-trailing-comma.json: not a JSON policy document/,
      ],
      [['verify', '--bucket', BUCKET, 'no/such.json'], /no such file or directory: no\/such.json/],
    ] as const) {
      const r = await run([...argv]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(
        r.stderr
          .trim()
          .split('\n')
          .filter((l) => !l.startsWith("Run 'iam-mfa-lint --help'")),
      ).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });
});
