import { describe, expect, it } from 'vitest';
import { globCovers, globMatch, globMatcher, globMatchesPrefix } from '../src/util/glob.js';
import { editDistance, closest } from '../src/util/distance.js';
import { isNearMiss, classifyResource, actionCanBeS3 } from '../src/iam/s3.js';

describe('globMatch', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['s3:Get*', 's3:GetObject', true],
    ['s3:Get*', 's3:PutObject', false],
    ['s3:?etObject', 's3:GetObject', true],
    ['s3:?etObject', 's3:etObject', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['*a', 'ba', true],
    ['ab', 'abc', false],
  ])('%s vs %s -> %s', (p, t, want) => expect(globMatch(p, t)).toBe(want));

  it('is case-sensitive unless asked', () => {
    expect(globMatch('arn:aws:s3:::Bucket', 'arn:aws:s3:::bucket')).toBe(false);
    expect(globMatch('S3:GETOBJECT', 's3:GetObject', { caseInsensitive: true })).toBe(true);
  });

  it('stays fast on adversarial patterns (no backtracking blow-up)', () => {
    const pattern = '*a'.repeat(5000);
    const text = 'a'.repeat(9999) + 'b';
    const t0 = performance.now();
    expect(globMatch(pattern, text)).toBe(false);
    expect(globMatch(pattern, 'a'.repeat(10000))).toBe(true);
    // A generous bound: the point is "not exponential", not a timing target.
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

/** Every string of up to `max` characters of the alphabet. */
function strings(alphabet: readonly string[], max: number): string[] {
  const out = [''];
  for (let from = 0, len = 1; len <= max; len++) {
    const to = out.length;
    for (let i = from; i < to; i++) for (const c of alphabet) out.push(out[i] + c);
    from = to;
  }
  return out;
}

describe('globMatcher', () => {
  it('answers as globMatch and as a regular expression for every short pattern and text', () => {
    const texts = strings(['a', 'b', '*', '?'], 4);
    const wrong: string[] = [];
    let matched = 0;
    for (const pattern of strings(['a', 'b', '*', '?'], 4)) {
      const re = new RegExp(`^${pattern.replace(/[*]/g, '.*').replace(/[?]/g, '.')}$`, 's');
      const matches = globMatcher(pattern);
      for (const text of texts) {
        const want = re.test(text);
        if (want) matched++;
        if (matches(text) !== want || globMatch(pattern, text) !== want) wrong.push(`${pattern} vs ${text}`);
      }
    }
    expect(wrong).toEqual([]);
    // Both answers are well represented (341 patterns x 341 texts).
    expect(matched).toBeGreaterThan(10_000);
    expect(matched).toBeLessThan(100_000);
  });

  it('matches action names as lookups write them', () => {
    const names = ['getobject', 'getobjectacl', 'putobject', 'listbucket', 'get'];
    const hits = (p: string) => names.filter(globMatcher(p));
    expect(hits('get*')).toEqual(['getobject', 'getobjectacl', 'get']);
    expect(hits('*object')).toEqual(['getobject', 'putobject']);
    expect(hits('g?t*acl')).toEqual(['getobjectacl']);
    expect(hits('*t*b*')).toEqual(['getobject', 'getobjectacl', 'putobject', 'listbucket']);
    expect(hits('get')).toEqual(['get']);
    expect(hits('?et')).toEqual(['get']);
  });
});

describe('globMatchesPrefix', () => {
  it.each([
    ['arn:aws:s3:::my-*', 'arn:aws:s3:::my-bucket/', true],
    ['arn:aws:s3:::other/*', 'arn:aws:s3:::my-bucket/', false],
    ['arn:aws:s3*', 'arn:aws:s3:::', true],
    ['arn:aws:s3:::b/key', 'arn:aws:s3:::b/', true],
  ])('%s can start with %s -> %s', (p, prefix, want) => expect(globMatchesPrefix(p, prefix)).toBe(want));
});

describe('globCovers', () => {
  it.each([
    ['s3:*', 's3:Get*', true],
    ['s3:Get*', 's3:*', false],
    ['*', 's3:GetObject', true],
    ['s3:?', 's3:*', false],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/reports/*', true],
    ['arn:aws:s3:::b/reports/*', 'arn:aws:s3:::b/*', false],
  ])('%s covers %s -> %s', (outer, inner, want) => expect(globCovers(outer, inner)).toBe(want));
});

describe('edit distance and near-misses', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('reports', 'reprots')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closest('Boolen', ['Bool', 'Null', 'StringEquals'], 3)).toBe('Bool');
  });
  it.each([
    ['my-s3-bucket-08-01-2023', 'my-s3-bucket-09-01-2023', true],
    ['my-s3-bucket-O9-01-2023', 'my-s3-bucket-09-01-2023', true],
    ['my-s3-bucket-01-09-2023', 'my-s3-bucket-09-01-2023', true],
    ['my-s3-bucket-09-01-2024', 'my-s3-bucket-09-01-2023', true],
    ['company-backups', 'my-s3-bucket-09-01-2023', false],
    ['logs', 'docs', false],
    ['my-s3-bucket-09-01-2023', 'my-s3-bucket-09-01-2023', false],
  ])('%s near %s -> %s', (a, b, want) => expect(isNearMiss(a, b)).toBe(want));
});

describe('S3 classification', () => {
  it('classifies resources', () => {
    expect(classifyResource('*')).toEqual({ kind: 'any' });
    expect(classifyResource('arn:aws:s3:::b/k/*')).toEqual({
      kind: 'bucket',
      bucket: 'b',
      key: 'k/*',
      partition: 'aws',
    });
    expect(classifyResource('arn:aws-cn:s3:::b')).toEqual({ kind: 'bucket', bucket: 'b', partition: 'aws-cn' });
    expect(classifyResource('arn:aws:s3:::home-${aws:username}/*')).toMatchObject({
      kind: 'wildcardBucket',
      bucketPattern: 'home-${aws:username}',
    });
    expect(classifyResource('arn:aws:s3:us-east-1:123456789012:accesspoint/ap')).toEqual({ kind: 'other' });
    expect(classifyResource('arn:aws:dynamodb:us-east-1:123456789012:table/T')).toEqual({ kind: 'other' });
    expect(classifyResource('arn:aws:s3*')).toEqual({ kind: 'anyS3' });
  });
  it('recognizes actions that can be S3 actions, case-insensitively', () => {
    expect(actionCanBeS3('*')).toBe(true);
    expect(actionCanBeS3('S3:GetObject')).toBe(true);
    expect(actionCanBeS3('s*:Get*')).toBe(true);
    expect(actionCanBeS3('ec2:*')).toBe(false);
    expect(actionCanBeS3('s3')).toBe(false);
  });
});
