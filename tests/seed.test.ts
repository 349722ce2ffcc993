import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../packages/core/src/index.ts';

const seed = (f: string) => readFileSync(join(__dirname, '..', 'fixtures/scenarios/seed', f), 'utf8');
const buckets = ['my-s3-bucket-09-01-2023'];

describe('the tutorial seed scenario', () => {
  it('permission policy: exactly action-wildcard and resource-bucket-mismatch with the did-you-mean', () => {
    const r = lintText(seed('permission-policy.json'), { buckets });
    expect(r.messages.map((m) => [m.ruleId, m.messageId, m.line, m.column, m.severity])).toEqual([
      ['action-wildcard', 'everyAction', 6, 17, 2],
      ['resource-bucket-mismatch', 'nearMiss', 7, 19, 2],
    ]);
    expect(r.messages[1]!.message).toContain('"my-s3-bucket-08-01-2023"');
    expect(r.messages[1]!.message).toContain('did you mean "my-s3-bucket-09-01-2023"?');
    expect(r.errorCount).toBe(2);
    expect(r.warningCount).toBe(0);
  });

  it('trust policy: no findings', () => {
    expect(lintText(seed('trust-policy.json'), { buckets }).messages).toEqual([]);
  });

  it('the MFA condition with a JSON boolean true counts as effective', () => {
    const r = lintText(seed('permission-policy.json'), { buckets: ['my-s3-bucket-08-01-2023'] });
    expect(r.messages.map((m) => m.ruleId)).toEqual(['action-wildcard']);
  });
});
