import { describe, expect, it } from 'vitest';
import { classToken, litToken } from '../src/iam/arn-match.js';
import { checkArn } from '../src/iam/arn.js';

describe('litToken', () => {
  it('gives one shared token per character, ASCII or not, holding that character', () => {
    for (const c of ['a', ':', '*', '\u0001', '\u007f', '\u0080', 'é', '\ud83d', '']) {
      const t = litToken(c);
      expect(t).toEqual({ kind: 'lit', c });
      expect(litToken(c)).toBe(t);
    }
    expect(litToken('a')).not.toBe(litToken('b'));
    expect(litToken('a')).not.toBe(litToken('A'));
  });
});

describe('classToken', () => {
  it('gives the token of its kind and class, the same each time', () => {
    for (const cls of ['any', 'noColon', 'partition', 'digit', 'bucket', 'noSlash', 'noColonSlash'] as const) {
      for (const kind of ['one', 'star'] as const) {
        expect(classToken(kind, cls)).toEqual({ kind, cls });
        expect(classToken(kind, cls)).toBe(classToken(kind, cls));
      }
    }
  });
});

describe('checkArn: a short ARN and the segments a wildcard stands for', () => {
  it('takes a `*` or a variable that may stand for colons in any of the first segments, and only those', () => {
    // A `*` ending its segment, or a variable not filling a whole segment, may stand for the rest.
    for (const ok of [
      'arn:aws:sqs:*',
      'arn:aws:sqs:us-*',
      'arn:*:sqs',
      'arn:aws:*',
      'arn:aws:s*',
      'arn:aws:sqs:${aws:PrincipalTag/x}1',
      'arn:aws:sqs:us-east-1:*',
    ])
      expect(checkArn(ok, undefined), ok).toBeUndefined();
    // Literal segments, a `?`, a `*` inside a segment or a variable filling a segment stand for no colon.
    for (const short of [
      'arn:aws:sqs:us-east-1',
      'arn:aws:sqs:us-east-?',
      'arn:aws:sqs:u*s',
      'arn:aws:sqs:us-east-1:123456789012',
    ])
      expect(checkArn(short, undefined)?.messageId, short).toBe('tooFewParts');
  });
});
