import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding, Response } from '../src/protocol.js';
import { respond } from '../src/service.js';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SEED = fs.readFileSync(path.join(repo, 'fixtures/scenarios/seed/permission-policy.json'), 'utf8');
const BUCKET = 'my-s3-bucket-09-01-2023';

function lint(text: string, buckets: string[] = [BUCKET]): Extract<Response, { kind: 'lint' }> {
  const res = respond({ id: 1, kind: 'lint', text, buckets });
  if (res.kind !== 'lint') throw new Error(`expected findings, got ${JSON.stringify(res)}`);
  return res;
}
const brief = (f: Finding) =>
  `${f.line}:${f.column} ${f.severity} ${f.ruleId}/${f.messageId}${f.fixable ? ' (fix)' : ''}`;

describe('the playground worker', () => {
  it('lints a policy as the CLI does, with docs links and which findings have a safe fix', () => {
    const res = lint(SEED);
    expect(res.format).toBe('policy');
    expect(res.findings.map(brief)).toEqual([
      '6:17 error action-wildcard/everyAction',
      '7:19 error resource-bucket-mismatch/nearMiss (fix)',
    ]);
    expect(res.findings[0]!.docsUrl).toMatch(/\/docs\/rules\/action-wildcard\.md$/);
  });

  it('reads YAML templates, names Terraform source, and words broken JSON', () => {
    const yaml = fs.readFileSync(path.join(repo, 'fixtures/inputs/cloudformation/seed-ec2-role.yaml'), 'utf8');
    expect(lint(yaml, []).format).toBe('cloudformation');
    const hcl = lint('resource "aws_iam_policy" "p" {\n  policy = "{}"\n}\n');
    expect(hcl).toMatchObject({ format: 'terraform', findings: [] });
    expect(hcl.note).toMatch(/^Terraform source \(\.tf\) is read by the CLI only/);
    expect(lint('{ "Version": ').findings.map((f) => f.ruleId)).toEqual(['invalid-json']);
  });

  it("applies one finding's safe fix, or all of them until stable", () => {
    const one = respond({ id: 2, kind: 'fix', text: SEED, buckets: [BUCKET], index: 1 });
    expect(one).toMatchObject({ kind: 'text', applied: 1 });
    const fixed = (one as Extract<Response, { kind: 'text' }>).text;
    expect(fixed).toBe(SEED.replace('my-s3-bucket-08-01-2023', BUCKET));
    // action-wildcard has no safe fix: asking for it changes nothing.
    expect(respond({ id: 3, kind: 'fix', text: SEED, buckets: [BUCKET], index: 0 })).toMatchObject({
      kind: 'text',
      text: SEED,
      applied: 0,
    });
    expect(respond({ id: 4, kind: 'fix', text: SEED, buckets: [BUCKET] })).toMatchObject({
      kind: 'text',
      text: fixed,
      applied: 1,
    });
  });

  it('generates a policy that lints clean, and refuses a bad bucket name in one line', () => {
    const res = respond({
      id: 5,
      kind: 'generate',
      bucket: BUCKET,
      options: { access: 'read-write', prefix: 'reports', maxMfaAgeSeconds: 3600, denyWithoutMfa: true },
    });
    expect(res.kind).toBe('text');
    expect(lint((res as Extract<Response, { kind: 'text' }>).text).findings).toEqual([]);
    const bad = respond({ id: 6, kind: 'generate', bucket: 'Bad_Bucket', options: {} });
    expect(bad).toMatchObject({ id: 6, kind: 'error' });
    expect((bad as Extract<Response, { kind: 'error' }>).message).toMatch(/^[^\n]*Bad_Bucket[^\n]*$/);
  });
});
