/**
 * The shapes of issue 11 (fixtures/precision): minimal reproductions of what misfired on real
 * infrastructure, and their corrected forms, each with the exact findings of the rules under
 * precision work (MFA, bucket, principal and size rules), all rules on, no --bucket: as a user
 * runs `npx iam-mfa-lint .` on a repository.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { lintFile } from '../packages/core/src/index.ts';
import { nodeHclParser } from '../packages/cli/src/hcl.ts';
import { iamData } from './helpers/iam-data.ts';

const DIR = path.join(__dirname, '..', 'fixtures', 'precision');
const RULES = [
  'mfa-condition-missing',
  'mfa-unsatisfiable',
  'trust-policy-mfa-missing',
  'resource-bucket-mismatch',
  'principal-misplaced',
  'principal-wildcard',
  'policy-too-large',
];

/** file -> the findings of RULES, as `line:column rule/messageId`. */
const EXPECTED: Record<string, string[]> = {
  'lambda-role-grant.yaml': [],
  'lambda-role-grant-with-mfa.yaml': ['28:21 mfa-unsatisfiable/neverMfa'],
  'cloudtrail-bucket-policy.yaml': [],
  'group-and-ec2-role.yaml': [],
  'ec2-role-only.yaml': ['27:17 mfa-unsatisfiable/neverMfa'],
  'template-typo.yaml': ['16:23 resource-bucket-mismatch/nearMiss'],
  'template-typo-fixed.yaml': [],
  'template-other-bucket.yaml': [],
  'two-buckets.json': [],
  'vpc-endpoint-policy.json': [],
  'intent-elsewhere.json': ['13:17 mfa-condition-missing/missing'],
};

describe('issue 11 shapes (fixtures/precision)', () => {
  it('every fixture has its expectation', () => {
    expect(fs.readdirSync(DIR).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, want] of Object.entries(EXPECTED)) {
    it(`${file}: ${want.length ? want.join(', ') : 'no finding of the precision rules'}`, async () => {
      const r = await lintFile(fs.readFileSync(path.join(DIR, file), 'utf8'), file, {
        iamData,
        explicit: true,
        hcl: nodeHclParser,
      });
      const got = (r?.messages ?? [])
        .filter((m) => RULES.includes(m.ruleId))
        .map((m) => `${m.line}:${m.column} ${m.ruleId}/${m.messageId}`);
      expect(got).toEqual(want);
    });
  }
});
