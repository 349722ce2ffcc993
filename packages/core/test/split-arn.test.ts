import { describe, expect, it } from 'vitest';
import { splitArn } from '../src/iam/s3.js';

describe('splitArn', () => {
  it('splits at the first five colons and keeps the rest whole', () => {
    expect(splitArn('arn:aws:s3:::bucket/key')).toEqual(['arn', 'aws', 's3', '', '', 'bucket/key']);
    expect(splitArn('arn:aws:logs:us-east-1:123456789012:log-group:g:*')).toEqual([
      'arn',
      'aws',
      'logs',
      'us-east-1',
      '123456789012',
      'log-group:g:*',
    ]);
    expect(splitArn('')).toEqual(['']);
    expect(splitArn(':')).toEqual(['', '']);
    expect(splitArn('arn:aws')).toEqual(['arn', 'aws']);
  });

  it('leaves colons inside policy variables alone, nested or unclosed', () => {
    expect(splitArn('arn:aws:s3:::b/${aws:username}/x')).toEqual(['arn', 'aws', 's3', '', '', 'b/${aws:username}/x']);
    expect(splitArn('arn:${a:${b:c}}:s3')).toEqual(['arn', '${a:${b:c}}', 's3']);
    expect(splitArn('arn:${aws:x:y')).toEqual(['arn', '${aws:x:y']);
    expect(splitArn('a}:b')).toEqual(['a}', 'b']);
  });
});
