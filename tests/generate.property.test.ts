import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { generatePolicy } from '../packages/core/src/generate/generate-policy.js';
import type { GeneratePolicyOptions } from '../packages/core/src/generate/generate-policy.js';
import { validateBucketName } from '../packages/core/src/generate/bucket-name.js';
import { lintPolicy } from '../packages/core/src/engine/lint.js';

const LOWER_DIGIT = [...'abcdefghijklmnopqrstuvwxyz0123456789'];

/** One run of lowercase letters and digits. */
const segment = fc.string({ unit: fc.constantFrom(...LOWER_DIGIT), minLength: 1, maxLength: 12 });

/** A separator between segments: mostly a hyphen, sometimes a dot, rarely a double hyphen (allowed). */
const separator = fc.oneof(
  { weight: 6, arbitrary: fc.constant('-') },
  { weight: 3, arbitrary: fc.constant('.') },
  { weight: 1, arbitrary: fc.constant('--') },
);

const IPV4_LIKE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const RESERVED_PREFIX = /^(?:xn--|sthree-|amzn-s3-demo-)/;
const RESERVED_SUFFIX = /(?:-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/;

/** Names that pass the S3 naming rules by construction (plus filters for the few exceptions). */
const validBucketName: fc.Arbitrary<string> = fc
  .tuple(segment, fc.array(fc.tuple(separator, segment), { maxLength: 7 }))
  .map(([head, rest]) => head + rest.map(([sep, seg]) => sep + seg).join(''))
  .filter((n) => n.length >= 3 && n.length <= 63)
  .filter((n) => !IPV4_LIKE.test(n) && !RESERVED_PREFIX.test(n) && !RESERVED_SUFFIX.test(n));

/** A key prefix from [a-z0-9/_-], not starting or ending with '/', without '//'. */
const prefixArb: fc.Arbitrary<string> = fc
  .array(fc.string({ unit: fc.constantFrom(...LOWER_DIGIT, '_', '-'), minLength: 1, maxLength: 10 }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.join('/'));

const optionsArb: fc.Arbitrary<GeneratePolicyOptions> = fc.record(
  {
    access: fc.constantFrom('read', 'write', 'read-write'),
    prefix: prefixArb,
    maxMfaAgeSeconds: fc.integer({ min: 1, max: 129_600 }),
    partition: fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'),
    denyWithoutMfa: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('generatePolicy (property)', () => {
  it('generated policies lint clean against their own bucket', () => {
    fc.assert(
      fc.property(validBucketName, optionsArb, (bucket, opts) => {
        fc.pre(validateBucketName(bucket) === null);
        const policy = generatePolicy(bucket, opts);
        const result = lintPolicy(policy, { buckets: [bucket] });
        expect(result.messages).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic and returns fresh objects', () => {
    fc.assert(
      fc.property(validBucketName, optionsArb, (bucket, opts) => {
        const a = generatePolicy(bucket, opts);
        const b = generatePolicy(bucket, opts);
        expect(a).toEqual(b);
        expect(a).not.toBe(b);
        expect(a.Statement).not.toBe(b.Statement);
        expect(JSON.parse(JSON.stringify(a))).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * An independent statement of the naming rules, in the order AWS lists them:
 * returns the id of the first rule broken, or null.
 */
function expectedRule(name: string): string | null {
  if (name.length < 3 || name.length > 63) return 'length';
  if (!/^[a-z0-9.-]*$/.test(name)) return 'characters';
  if (!/^[a-z0-9](?:.*[a-z0-9])?$/s.test(name)) return 'start-end';
  if (name.includes('..')) return 'consecutive-dots';
  if (IPV4_LIKE.test(name)) return 'ip-address';
  if (name.includes('.-') || name.includes('-.')) return 'dot-hyphen';
  if (RESERVED_PREFIX.test(name)) return 'reserved-prefix';
  if (RESERVED_SUFFIX.test(name)) return 'reserved-suffix';
  return null;
}

/** Strings biased towards the bucket-name alphabet, so both valid and invalid names show up often. */
const nearBucketName = fc.string({
  unit: fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...LOWER_DIGIT) },
    { weight: 4, arbitrary: fc.constantFrom('.', '-') },
    { weight: 1, arbitrary: fc.constantFrom('A', 'Z', '_', ' ', '/', '\u0000', '\n', 'é', '\u{1F600}') },
  ),
  maxLength: 70,
});

const reservedLike = fc
  .tuple(
    fc.constantFrom('', 'xn--', 'sthree-', 'amzn-s3-demo-'),
    validBucketName,
    fc.constantFrom('', '-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'),
  )
  .map(([p, n, s]) => p + n + s);

const ipLike = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 1999 })), { minLength: 3, maxLength: 5 })
  .map((parts) => parts.join('.'));

describe('validateBucketName (property)', () => {
  it('never throws and agrees with an independent check', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary', maxLength: 80 }),
          nearBucketName,
          validBucketName,
          reservedLike,
          ipLike,
        ),
        (name) => {
          let found: ReturnType<typeof validateBucketName> = null;
          expect(() => {
            found = validateBucketName(name);
          }).not.toThrow();
          const expected = expectedRule(name);
          if (expected === null) {
            expect(found).toBeNull();
          } else {
            expect(found).not.toBeNull();
            const { rule, message } = found as unknown as { rule: string; message: string };
            expect(rule).toBe(expected);
            expect(message).toContain(JSON.stringify(name));
            expect(message).not.toContain('\n');
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
