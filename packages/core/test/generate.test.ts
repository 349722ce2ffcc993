import { describe, it, expect } from 'vitest';
import { generatePolicy } from '../src/generate/generate-policy.js';
import type { GeneratePolicyOptions } from '../src/generate/generate-policy.js';
import { BucketNameError, assertValidBucketName, validateBucketName } from '../src/generate/bucket-name.js';

const BUCKET = 'my-s3-bucket-09-01-2023';
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

/** Run `fn`, expect it to throw, and return what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}

describe('generatePolicy', () => {
  it('defaults to read access in the aws partition', () => {
    expect(generatePolicy(BUCKET)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListBucketWithMfa',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::my-s3-bucket-09-01-2023',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
        {
          Sid: 'ReadObjectsWithMfa',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::my-s3-bucket-09-01-2023/*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
  });

  it('read access', () => {
    expect(generatePolicy('abc', { access: 'read' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListBucketWithMfa',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::abc',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
        {
          Sid: 'ReadObjectsWithMfa',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::abc/*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
  });

  it('write access', () => {
    expect(generatePolicy('abc', { access: 'write' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListBucketWithMfa',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::abc',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
        {
          Sid: 'WriteObjectsWithMfa',
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'],
          Resource: 'arn:aws:s3:::abc/*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
  });

  it('read-write access (read actions first)', () => {
    expect(generatePolicy('abc', { access: 'read-write' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListBucketWithMfa',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::abc',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
        {
          Sid: 'ReadWriteObjectsWithMfa',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'],
          Resource: 'arn:aws:s3:::abc/*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
  });

  it('prefix restricts listing and object access', () => {
    expect(generatePolicy(BUCKET, { access: 'read', prefix: 'home/alice' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListBucketWithMfa',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::my-s3-bucket-09-01-2023',
          Condition: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            StringLike: { 's3:prefix': ['home/alice/', 'home/alice/*'] },
          },
        },
        {
          Sid: 'ReadObjectsWithMfa',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::my-s3-bucket-09-01-2023/home/alice/*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
  });

  it('strips leading and trailing slashes from the prefix', () => {
    expect(generatePolicy('abc', { prefix: '//reports/2024///' })).toEqual(
      generatePolicy('abc', { prefix: 'reports/2024' }),
    );
    expect(generatePolicy('abc', { prefix: '/x/' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListBucketWithMfa',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::abc',
          Condition: { ...MFA, StringLike: { 's3:prefix': ['x/', 'x/*'] } },
        },
        {
          Sid: 'ReadObjectsWithMfa',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::abc/x/*',
          Condition: MFA,
        },
      ],
    });
  });

  it('maxMfaAgeSeconds adds NumericLessThan on every Allow (string value)', () => {
    expect(generatePolicy('abc', { access: 'write', prefix: 'in', maxMfaAgeSeconds: 3600 })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListBucketWithMfa',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::abc',
          Condition: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
            StringLike: { 's3:prefix': ['in/', 'in/*'] },
          },
        },
        {
          Sid: 'WriteObjectsWithMfa',
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'],
          Resource: 'arn:aws:s3:::abc/in/*',
          Condition: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
          },
        },
      ],
    });
  });

  it('accepts the age bounds 1 and 129600', () => {
    const one = generatePolicy('abc', { maxMfaAgeSeconds: 1 });
    const max = generatePolicy('abc', { maxMfaAgeSeconds: 129600 });
    expect(JSON.stringify(one)).toContain('"aws:MultiFactorAuthAge":"1"');
    expect(JSON.stringify(max)).toContain('"aws:MultiFactorAuthAge":"129600"');
  });

  it.each([
    ['aws', 'arn:aws:s3:::abc'],
    ['aws-cn', 'arn:aws-cn:s3:::abc'],
    ['aws-us-gov', 'arn:aws-us-gov:s3:::abc'],
  ] as const)('partition %s', (partition, arn) => {
    expect(generatePolicy('abc', { partition, access: 'read-write', denyWithoutMfa: true })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListBucketWithMfa',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: arn,
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
        {
          Sid: 'ReadWriteObjectsWithMfa',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'],
          Resource: `${arn}/*`,
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
        {
          Sid: 'DenyS3WithoutMfa',
          Effect: 'Deny',
          Action: 's3:*',
          Resource: [arn, `${arn}/*`],
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ],
    });
  });

  it('denyWithoutMfa appends a Deny on the whole bucket, even with a prefix and an age', () => {
    expect(
      generatePolicy(BUCKET, { prefix: 'team', maxMfaAgeSeconds: 900, denyWithoutMfa: true, partition: 'aws-cn' }),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListBucketWithMfa',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws-cn:s3:::my-s3-bucket-09-01-2023',
          Condition: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            NumericLessThan: { 'aws:MultiFactorAuthAge': '900' },
            StringLike: { 's3:prefix': ['team/', 'team/*'] },
          },
        },
        {
          Sid: 'ReadObjectsWithMfa',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws-cn:s3:::my-s3-bucket-09-01-2023/team/*',
          Condition: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            NumericLessThan: { 'aws:MultiFactorAuthAge': '900' },
          },
        },
        {
          Sid: 'DenyS3WithoutMfa',
          Effect: 'Deny',
          Action: 's3:*',
          Resource: ['arn:aws-cn:s3:::my-s3-bucket-09-01-2023', 'arn:aws-cn:s3:::my-s3-bucket-09-01-2023/*'],
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ],
    });
  });

  it('denyWithoutMfa: false adds nothing', () => {
    expect(generatePolicy('abc', { denyWithoutMfa: false })).toEqual(generatePolicy('abc'));
  });

  it('keeps the documented property order', () => {
    const doc = generatePolicy('abc', { prefix: 'p', maxMfaAgeSeconds: 60, denyWithoutMfa: true });
    expect(Object.keys(doc)).toEqual(['Version', 'Statement']);
    for (const st of doc.Statement as object[]) {
      expect(Object.keys(st)).toEqual(['Sid', 'Effect', 'Action', 'Resource', 'Condition']);
    }
  });

  it('returns a fresh plain object on every call', () => {
    const a = generatePolicy('abc', { access: 'read-write', prefix: 'p', maxMfaAgeSeconds: 60 });
    const b = generatePolicy('abc', { access: 'read-write', prefix: 'p', maxMfaAgeSeconds: 60 });
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    // Mutating one result must not leak into the next.
    const st = a.Statement as { Action: string[]; Condition: Record<string, Record<string, unknown>> }[];
    st[1]!.Action.push('s3:*');
    st[0]!.Condition.Bool!['aws:MultiFactorAuthPresent'] = 'false';
    expect(generatePolicy('abc', { access: 'read-write', prefix: 'p', maxMfaAgeSeconds: 60 })).toEqual(b);
    // Results are plain JSON.
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
  });

  it('does not mutate the options object', () => {
    const opts: GeneratePolicyOptions = Object.freeze({ prefix: '/a/', access: 'write' });
    generatePolicy('abc', opts);
    expect(opts).toEqual({ prefix: '/a/', access: 'write' });
  });
});

describe('generatePolicy validation', () => {
  it('rejects a bad bucket name with BucketNameError', () => {
    const err = thrown(() => generatePolicy('My_Bucket'));
    expect(err).toBeInstanceOf(BucketNameError);
    expect((err as BucketNameError).rule).toBe('characters');
    expect((err as Error).message).toContain('"My_Bucket"');
  });

  it.each([['readwrite'], ['READ'], ['rw'], [''], [null], [1]])('rejects access %j with TypeError', (access) => {
    const err = thrown(() => generatePolicy('abc', { access: access as never }));
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toMatch(/access/);
    expect((err as Error).message).not.toContain('\n');
  });

  it.each([['aws-iso'], ['AWS'], [''], [42]])('rejects partition %j with TypeError', (partition) => {
    const err = thrown(() => generatePolicy('abc', { partition: partition as never }));
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toMatch(/partition/);
    expect((err as Error).message).not.toContain('\n');
  });

  it.each([
    ['', 'empty'],
    ['/', 'empty'],
    ['///', 'empty'],
    ['logs/*', '"*"'],
    ['a?b', '"?"'],
    ['home/${aws:username}', '"$"'],
    ['a{b', '"{"'],
    ['a}b', '"}"'],
    ['a//b', '"//"'],
    ['a\u0000b', 'U+0000'],
    ['a\nb', 'U+000A'],
    ['a\tb', 'U+0009'],
    ['a\u007fb', 'U+007F'],
  ])('rejects prefix %j with TypeError naming %s', (prefix, named) => {
    const err = thrown(() => generatePolicy('abc', { prefix }));
    expect(err).toBeInstanceOf(TypeError);
    const message = (err as Error).message;
    expect(message).toContain('prefix');
    expect(message).toContain(named);
    expect(message).not.toContain('\n');
  });

  it('rejects a non-string prefix with TypeError', () => {
    expect(() => generatePolicy('abc', { prefix: 5 as never })).toThrow(TypeError);
  });

  it.each([[0], [-1], [1.5], [129601], [Number.MAX_SAFE_INTEGER + 1], [NaN], [Infinity], ['60'], [null]])(
    'rejects maxMfaAgeSeconds %j with RangeError',
    (age) => {
      const err = thrown(() => generatePolicy('abc', { maxMfaAgeSeconds: age as never }));
      expect(err).toBeInstanceOf(RangeError);
      expect((err as Error).message).toContain('maxMfaAgeSeconds');
      expect((err as Error).message).toContain('129600');
      expect((err as Error).message).not.toContain('\n');
    },
  );

  it('validates the bucket before the options', () => {
    expect(() => generatePolicy('ab', { access: 'nope' as never })).toThrow(BucketNameError);
  });
});

describe('validateBucketName', () => {
  it.each([
    ['my-s3-bucket-09-01-2023'],
    ['a.b-c'],
    ['abc'],
    ['a'.repeat(63)],
    ['0ab'],
    ['docexamplebucket1'],
    ['example.com'],
    ['my--bucket'],
    ['xn-abc'],
    ['bucket-s3alias1'],
    ['1.2.3.4.5'],
    ['1.2.3.a'],
  ])('accepts %s', (name) => {
    expect(validateBucketName(name)).toBeNull();
    expect(() => assertValidBucketName(name)).not.toThrow();
  });

  it.each([
    ['length', 'ab'],
    ['length', ''],
    ['length', 'a'.repeat(64)],
    ['characters', 'My_Bucket', '"M"'],
    ['characters', 'my_bucket', '"_"'],
    ['characters', 'my bucket', '" " (U+0020)'],
    ['characters', 'bücket', '"ü"'],
    ['start-end', '-bucket', 'begin'],
    ['start-end', 'bucket-', 'end'],
    ['start-end', '.bucket', 'begin'],
    ['start-end', 'bucket.', 'end'],
    ['consecutive-dots', 'my..bucket', '".."'],
    ['ip-address', '192.168.5.4', 'IP address'],
    ['dot-hyphen', 'my.-bucket', '".-"'],
    ['dot-hyphen', 'my-.bucket', '"-."'],
    ['reserved-prefix', 'xn--bucket', '"xn--"'],
    ['reserved-prefix', 'sthree-bucket', '"sthree-"'],
    ['reserved-prefix', 'sthree-configurator', '"sthree-"'],
    ['reserved-prefix', 'amzn-s3-demo-bucket', '"amzn-s3-demo-"'],
    ['reserved-suffix', 'bucket-s3alias', '"-s3alias"'],
    ['reserved-suffix', 'bucket--ol-s3', '"--ol-s3"'],
    ['reserved-suffix', 'bucket.mrap', '".mrap"'],
    ['reserved-suffix', 'bucket--x-s3', '"--x-s3"'],
    ['reserved-suffix', 'bucket--table-s3', '"--table-s3"'],
  ])('rule %s: rejects %j', (rule, name, detail?: string) => {
    const found = validateBucketName(name);
    expect(found).not.toBeNull();
    expect(found!.rule).toBe(rule);
    expect(found!.message).toContain(JSON.stringify(name));
    if (detail) expect(found!.message).toContain(detail);
    expect(found!.message).not.toContain('\n');

    const err = thrown(() => assertValidBucketName(name));
    expect(err).toBeInstanceOf(BucketNameError);
    expect(err).toBeInstanceOf(Error);
    expect((err as BucketNameError).name).toBe('BucketNameError');
    expect((err as BucketNameError).rule).toBe(rule);
    expect((err as BucketNameError).message).toContain(name);
  });

  it('uses the documented wording for bad characters', () => {
    expect(validateBucketName('My_Bucket')).toEqual({
      rule: 'characters',
      message:
        'Bucket name "My_Bucket" is invalid: only lowercase letters, digits, dots (.) and hyphens (-) are allowed; found "M".',
    });
  });

  it('reports the length it found', () => {
    expect(validateBucketName('a'.repeat(64))!.message).toContain('64');
  });

  it('reports the first rule broken, in the documented order', () => {
    // Too long and with bad characters: length comes first.
    expect(validateBucketName('A'.repeat(70))!.rule).toBe('length');
    // Bad characters and a bad start: characters comes first.
    expect(validateBucketName('-Bucket')!.rule).toBe('characters');
    // Reserved prefix that also ends badly: start-end comes first.
    expect(validateBucketName('xn--bucket-')!.rule).toBe('start-end');
  });

  it('does not throw for a non-string at run time', () => {
    expect(validateBucketName(undefined as never)).toMatchObject({ rule: 'type' });
    expect(() => assertValidBucketName(42 as never)).toThrow(BucketNameError);
  });
});
