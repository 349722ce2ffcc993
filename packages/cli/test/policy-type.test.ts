import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMain } from './helpers/run-main.js';

/** A queue policy: one statement, with a Principal (line 5, column 5) and no other finding. */
const QUEUE_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
    "Action": "sqs:SendMessage",
    "Resource": "arn:aws:sqs:us-east-1:123456789012:orders"
  }]
}
`;
/** An identity policy: its only statement (line 3, column 17) has no Principal. */
const IDENTITY_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "cloudwatch:GetMetricData", "Resource": "*" }]
}
`;

let root: string;

function run(argv: string[]) {
  return runMain(argv, root);
}

function findings(stdout: string): Array<{ ruleId: string; messageId: string; line: number; column: number }> {
  const results = JSON.parse(stdout) as Array<{
    messages: Array<{ ruleId: string; messageId: string; line: number; column: number }>;
  }>;
  return results.flatMap((r) =>
    r.messages.map(({ ruleId, messageId, line, column }) => ({ ruleId, messageId, line, column })),
  );
}

beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-policy-type-')));
  fs.writeFileSync(path.join(root, 'queue.json'), QUEUE_POLICY);
  fs.writeFileSync(path.join(root, 'identity.json'), IDENTITY_POLICY);
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('--policy-type', () => {
  it('without it, detects each document: a policy with a Principal is a resource policy (no finding)', async () => {
    const r = await run(['queue.json', 'identity.json', '--format', 'json']);
    expect(findings(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('identity: a Principal is misplaced, reported at its key, exit 1', async () => {
    const r = await run(['queue.json', '--policy-type', 'identity', '--format', 'json']);
    expect(findings(r.stdout)).toEqual([
      { ruleId: 'principal-misplaced', messageId: 'principalInIdentityPolicy', line: 5, column: 5 },
    ]);
    expect(JSON.parse(r.stdout)[0].messages[0].message).toContain('an identity policy');
    expect(r.code).toBe(1);
  });

  it('resource: a statement without a Principal is reported; trust names the trust policy', async () => {
    const resource = await run(['identity.json', '--policy-type', 'resource', '--format', 'json']);
    expect(findings(resource.stdout)).toEqual([
      { ruleId: 'principal-misplaced', messageId: 'principalMissing', line: 3, column: 17 },
    ]);
    expect(resource.code).toBe(1);
    const trust = await run(['identity.json', '--policy-type', 'trust', '--format', 'json']);
    expect(findings(trust.stdout)).toEqual([
      { ruleId: 'principal-misplaced', messageId: 'principalMissing', line: 3, column: 17 },
    ]);
    expect(JSON.parse(trust.stdout)[0].messages[0].message).toContain('a role trust policy');
  });

  it('applies to every file of the run, and the last value wins when repeated', async () => {
    const r = await run([
      'queue.json',
      'identity.json',
      '--policy-type',
      'trust',
      '--policy-type',
      'identity',
      '--format',
      'json',
    ]);
    expect(findings(r.stdout)).toEqual([
      { ruleId: 'principal-misplaced', messageId: 'principalInIdentityPolicy', line: 5, column: 5 },
    ]);
  });

  it('rejects an unknown kind with one line on stderr and exit 2', async () => {
    const r = await run(['queue.json', '--policy-type', 'bucket']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [first] = r.stderr.split('\n');
    expect(first).toMatch(/^iam-mfa-lint: .*policy-type.*bucket/);
    expect(first).toMatch(/identity.*resource.*trust/);
  });

  it('requires a value', async () => {
    const r = await run(['queue.json', '--policy-type']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/policy-type/);
  });
});
