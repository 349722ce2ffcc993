import { describe, expect, it } from 'vitest';
import { evaluate, toEvalPolicy, type EvalRequest } from '../src/index.ts';

const A = '111122223333';
const USER = `arn:aws:iam::${A}:user/alice`;

function allowWith(condition: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return toEvalPolicy('p.json', 'identity', {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: condition, ...extra },
    ],
  });
}
function req(context: EvalRequest['context'] = {}, over: Partial<EvalRequest> = {}): EvalRequest {
  return { principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context, ...over };
}
const decide = (cond: Record<string, unknown>, ctx: EvalRequest['context'] = {}) =>
  evaluate(req(ctx), [allowWith(cond)]).decision;

describe('evaluate: decisions and deciding statements', () => {
  const policy = toEvalPolicy('user.json', 'identity', {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Read', Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' },
      { Sid: 'NoSecret', Effect: 'Deny', Action: '*', Resource: 'arn:aws:s3:::b/secret/*' },
    ],
  });
  it('allow names the Allow statement', () => {
    expect(evaluate(req(), [policy])).toEqual({
      decision: 'allow',
      statements: [
        { policyId: 'user.json', kind: 'identity', effect: 'Allow', index: 0, pointer: '/Statement/0', sid: 'Read' },
      ],
    });
  });
  it('an explicit Deny overrides the Allow and is the deciding statement', () => {
    expect(evaluate(req({}, { resource: 'arn:aws:s3:::b/secret/x' }), [policy])).toEqual({
      decision: 'explicit-deny',
      statements: [
        { policyId: 'user.json', kind: 'identity', effect: 'Deny', index: 1, pointer: '/Statement/1', sid: 'NoSecret' },
      ],
    });
  });
  it('nothing applicable: implicit deny with no statements', () => {
    expect(evaluate(req({}, { action: 's3:PutObject' }), [policy])).toEqual({
      decision: 'implicit-deny',
      statements: [],
    });
  });
  it('actions match case-insensitively with * and ?; resources case-sensitively', () => {
    const p = (action: string, resource: string) =>
      toEvalPolicy('p', 'identity', {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
      });
    expect(evaluate(req(), [p('S3:GETOBJEC?', 'arn:aws:s3:::b/*')]).decision).toBe('allow');
    expect(evaluate(req(), [p('s3:GetObject', 'arn:aws:s3:::B/*')]).decision).toBe('implicit-deny');
    expect(evaluate(req(), [p('s3:GetObject', 'arn:aws:s3:::?/k')]).decision).toBe('allow');
    expect(evaluate(req(), [p('s3:GetObject', 'arn:aws:s3:::??/k')]).decision).toBe('implicit-deny');
  });
  it('NotAction and NotResource', () => {
    const p = toEvalPolicy('p', 'identity', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', NotAction: 's3:Delete*', NotResource: 'arn:aws:s3:::other/*' }],
    });
    expect(evaluate(req(), [p]).decision).toBe('allow');
    expect(evaluate(req({}, { action: 's3:DeleteObject' }), [p]).decision).toBe('implicit-deny');
    expect(evaluate(req({}, { resource: 'arn:aws:s3:::other/k' }), [p]).decision).toBe('implicit-deny');
  });
  it('is linear-time on adversarial wildcard patterns (no backtracking)', () => {
    const p = toEvalPolicy('p', 'identity', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/${'*a'.repeat(2000)}*b` }],
    });
    const t = performance.now();
    expect(evaluate(req({}, { resource: `arn:aws:s3:::b/${'a'.repeat(20000)}` }), [p]).decision).toBe('implicit-deny');
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('evaluate: condition operators', () => {
  it('Bool, BoolIfExists and the MFA contexts', () => {
    expect(decide({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, { 'aws:MultiFactorAuthPresent': 'true' })).toBe(
      'allow',
    );
    expect(decide({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, { 'aws:MultiFactorAuthPresent': 'false' })).toBe(
      'implicit-deny',
    );
    expect(decide({ Bool: { 'aws:MultiFactorAuthPresent': true } }, {})).toBe('implicit-deny');
    // long-term keys carry no MFA key: BoolIfExists lets them through
    expect(decide({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }, {})).toBe('allow');
    expect(decide({ Bool: { 'aws:MultiFactorAuthPresent': 'ture' } }, { 'aws:MultiFactorAuthPresent': 'true' })).toBe(
      'implicit-deny',
    );
  });
  it('String operators: exact, ignore-case, like, negated (NOR over values), absent keys', () => {
    expect(decide({ StringEquals: { 'aws:username': ['bob', 'alice'] } }, { 'aws:username': 'alice' })).toBe('allow');
    expect(decide({ StringEquals: { 'aws:username': 'Alice' } }, { 'aws:username': 'alice' })).toBe('implicit-deny');
    expect(decide({ StringEqualsIgnoreCase: { 'aws:username': 'ALICE' } }, { 'aws:username': 'alice' })).toBe('allow');
    expect(decide({ StringNotEqualsIgnoreCase: { 'aws:username': 'ALICE' } }, { 'aws:username': 'alice' })).toBe(
      'implicit-deny',
    );
    expect(decide({ StringLike: { 'aws:username': 'a?i*' } }, { 'aws:username': 'alice' })).toBe('allow');
    expect(decide({ StringEquals: { 'aws:username': 'a*' } }, { 'aws:username': 'alice' })).toBe('implicit-deny');
    expect(decide({ StringNotLike: { 'aws:username': ['b*', 'c*'] } }, { 'aws:username': 'alice' })).toBe('allow');
    expect(decide({ StringNotLike: { 'aws:username': ['b*', 'a*'] } }, { 'aws:username': 'alice' })).toBe(
      'implicit-deny',
    );
    // an absent key: positive operators do not match, negated ones do
    expect(decide({ StringEquals: { 'aws:username': 'alice' } }, {})).toBe('implicit-deny');
    expect(decide({ StringNotEquals: { 'aws:username': 'alice' } }, {})).toBe('allow');
    expect(decide({ StringEqualsIfExists: { 'aws:username': 'bob' } }, {})).toBe('allow');
  });
  it('condition keys compare case-insensitively', () => {
    expect(decide({ StringEquals: { 'AWS:UserName': 'alice' } }, { 'aws:username': 'alice' })).toBe('allow');
  });
  it('Numeric and Date operators', () => {
    expect(
      decide({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '3599' }),
    ).toBe('allow');
    expect(
      decide({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '3600' }),
    ).toBe('implicit-deny');
    expect(
      decide({ NumericLessThanEquals: { 'aws:MultiFactorAuthAge': 3600 } }, { 'aws:MultiFactorAuthAge': 3600 }),
    ).toBe('allow');
    expect(decide({ NumericGreaterThanIfExists: { 'aws:MultiFactorAuthAge': '10' } }, {})).toBe('allow');
    expect(decide({ NumericEquals: { 'aws:MultiFactorAuthAge': 'ten' } }, { 'aws:MultiFactorAuthAge': '10' })).toBe(
      'implicit-deny',
    );
    expect(
      decide(
        { DateLessThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } },
        { 'aws:CurrentTime': '2024-12-31T23:59:59Z' },
      ),
    ).toBe('allow');
    expect(
      decide({ DateGreaterThan: { 'aws:CurrentTime': '1735689600' } }, { 'aws:CurrentTime': '2025-01-01T00:00:01Z' }),
    ).toBe('allow');
    expect(
      decide({ DateEquals: { 'aws:CurrentTime': '2025-01-01' } }, { 'aws:CurrentTime': '2025-01-01T00:00:00Z' }),
    ).toBe('allow');
  });
  it('BinaryEquals, IpAddress / NotIpAddress (IPv4 and IPv6), Null', () => {
    expect(decide({ BinaryEquals: { 'aws:x': 'QmluYXJ5' } }, { 'aws:x': 'QmluYXJ5' })).toBe('allow');
    expect(decide({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.77' })).toBe(
      'allow',
    );
    expect(decide({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.114.1' })).toBe(
      'implicit-deny',
    );
    expect(decide({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db8:1::5' })).toBe(
      'allow',
    );
    expect(decide({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db9::5' })).toBe(
      'implicit-deny',
    );
    expect(
      decide({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } }, { 'aws:SourceIp': '8.8.8.8' }),
    ).toBe('allow');
    expect(decide({ Null: { 'aws:MultiFactorAuthAge': 'true' } }, {})).toBe('allow');
    expect(decide({ Null: { 'aws:MultiFactorAuthAge': 'false' } }, {})).toBe('implicit-deny');
  });
  it('Arn operators compare the six fields separately', () => {
    expect(decide({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/*' } }, { 'aws:PrincipalArn': USER })).toBe(
      'allow',
    );
    expect(decide({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*' } }, { 'aws:PrincipalArn': USER })).toBe(
      'implicit-deny',
    );
    expect(decide({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }, { 'aws:PrincipalArn': USER })).toBe(
      'allow',
    );
  });
  it('ForAllValues / ForAnyValue over multivalued keys', () => {
    expect(decide({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } }, { 'aws:TagKeys': ['a', 'b'] })).toBe(
      'allow',
    );
    expect(decide({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } }, { 'aws:TagKeys': ['a', 'c'] })).toBe(
      'implicit-deny',
    );
    expect(decide({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }, {})).toBe('allow');
    expect(decide({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['c'] } }, { 'aws:TagKeys': ['a', 'c'] })).toBe(
      'allow',
    );
    expect(decide({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['c'] } }, {})).toBe('implicit-deny');
  });
  it('several keys and operators are ANDed', () => {
    const cond = {
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
    };
    expect(decide(cond, { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '10' })).toBe('allow');
    expect(decide(cond, { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '7200' })).toBe(
      'implicit-deny',
    );
    expect(
      decide(
        { StringEquals: { 'aws:username': 'alice', 'aws:PrincipalTag/team': 'red' } },
        { 'aws:username': 'alice', 'aws:PrincipalTag/team': 'blue' },
      ),
    ).toBe('implicit-deny');
  });
});

describe('evaluate: policy variables', () => {
  const home = (version: string, resource: string) =>
    toEvalPolicy('p', 'identity', {
      Version: version,
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }],
    });
  it('${aws:username} and ${aws:PrincipalTag/k} in Resource and in condition values', () => {
    expect(
      evaluate(req({ 'aws:username': 'alice' }, { resource: 'arn:aws:s3:::b/home/alice/x' }), [
        home('2012-10-17', 'arn:aws:s3:::b/home/${aws:username}/*'),
      ]).decision,
    ).toBe('allow');
    expect(
      evaluate(req({ 'aws:username': 'bob' }, { resource: 'arn:aws:s3:::b/home/alice/x' }), [
        home('2012-10-17', 'arn:aws:s3:::b/home/${aws:username}/*'),
      ]).decision,
    ).toBe('implicit-deny');
    expect(
      evaluate(req({ 'aws:PrincipalTag/team': 'red' }, { resource: 'arn:aws:s3:::b/red/x' }), [
        home('2012-10-17', 'arn:aws:s3:::b/${aws:PrincipalTag/team}/*'),
      ]).decision,
    ).toBe('allow');
    expect(
      decide(
        { StringEquals: { 'aws:PrincipalTag/owner': '${aws:username}' } },
        { 'aws:username': 'alice', 'aws:PrincipalTag/owner': 'alice' },
      ),
    ).toBe('allow');
  });
  it('an absent key leaves the entry unmatched; a default value applies', () => {
    expect(
      evaluate(req({}, { resource: 'arn:aws:s3:::b/home/alice/x' }), [
        home('2012-10-17', 'arn:aws:s3:::b/home/${aws:username}/*'),
      ]).decision,
    ).toBe('implicit-deny');
    expect(
      evaluate(req({}, { resource: 'arn:aws:s3:::b/home/guest/x' }), [
        home('2012-10-17', "arn:aws:s3:::b/home/${aws:username, 'guest'}/*"),
      ]).decision,
    ).toBe('allow');
  });
  it('${*}, ${?} and ${$} are literal characters', () => {
    const p = home('2012-10-17', 'arn:aws:s3:::b/a${*}b${?}${$}');
    expect(evaluate(req({}, { resource: 'arn:aws:s3:::b/a*b?$' }), [p]).decision).toBe('allow');
    expect(evaluate(req({}, { resource: 'arn:aws:s3:::b/axb?$' }), [p]).decision).toBe('implicit-deny');
    expect(evaluate(req({}, { resource: 'arn:aws:s3:::b/a*bx$' }), [p]).decision).toBe('implicit-deny');
  });
  it('Version 2008-10-17 does not expand variables', () => {
    const p = home('2008-10-17', 'arn:aws:s3:::b/home/${aws:username}/*');
    expect(evaluate(req({ 'aws:username': 'alice' }, { resource: 'arn:aws:s3:::b/home/alice/x' }), [p]).decision).toBe(
      'implicit-deny',
    );
    expect(
      evaluate(req({ 'aws:username': 'alice' }, { resource: 'arn:aws:s3:::b/home/${aws:username}/x' }), [p]).decision,
    ).toBe('allow');
  });
});

describe('evaluate: resource and trust policies', () => {
  const bucket = (principal: unknown, effect = 'Allow') =>
    toEvalPolicy('bucket.json', 'resource', {
      Version: '2012-10-17',
      Statement: [{ Effect: effect, Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    });
  it('a bucket policy naming the user allows without an identity policy (same account)', () => {
    expect(evaluate(req(), [bucket({ AWS: USER })]).decision).toBe('allow');
  });
  it('a bucket policy naming only the account delegates to identity policies', () => {
    expect(evaluate(req(), [bucket({ AWS: A })]).decision).toBe('implicit-deny');
    expect(evaluate(req(), [bucket({ AWS: `arn:aws:iam::${A}:root` }), allowWith({})]).decision).toBe('allow');
  });
  it('a role ARN names its sessions; "*" includes anonymous callers', () => {
    const session = `arn:aws:sts::${A}:assumed-role/app/i-0abc`;
    expect(
      evaluate(req({}, { principal: session }), [bucket({ AWS: `arn:aws:iam::${A}:role/path/app` })]).decision,
    ).toBe('allow');
    expect(evaluate(req({}, { principal: '' }), [bucket('*')]).decision).toBe('allow');
    expect(evaluate(req({}, { principal: '' }), [allowWith({})]).decision).toBe('implicit-deny');
  });
  it('a Deny in the bucket policy overrides an identity Allow', () => {
    expect(evaluate(req(), [bucket('*', 'Deny'), allowWith({})]).decision).toBe('explicit-deny');
  });
  it('cross-account needs both sides', () => {
    const other = 'arn:aws:iam::444455556666:user/eve';
    expect(evaluate(req({}, { principal: other, resourceAccount: A }), [bucket({ AWS: other })]).decision).toBe(
      'implicit-deny',
    );
    expect(
      evaluate(req({}, { principal: other, resourceAccount: A }), [bucket({ AWS: '444455556666' }), allowWith({})])
        .decision,
    ).toBe('allow');
  });
  it('trust policies: the trust must allow; an account principal also needs the caller identity Allow', () => {
    const role = `arn:aws:iam::${A}:role/app`;
    const trust = (principal: unknown) =>
      toEvalPolicy('trust.json', 'trust', {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: principal,
            Action: 'sts:AssumeRole',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      });
    const assume = (ctx: EvalRequest['context']) => ({
      principal: USER,
      action: 'sts:AssumeRole',
      resource: role,
      context: ctx,
    });
    const anyAssume = toEvalPolicy('id', 'identity', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
    });
    expect(evaluate(assume({ 'aws:MultiFactorAuthPresent': 'true' }), [trust({ AWS: USER })]).decision).toBe('allow');
    expect(evaluate(assume({}), [trust({ AWS: USER }), anyAssume]).decision).toBe('implicit-deny');
    expect(evaluate(assume({ 'aws:MultiFactorAuthPresent': 'true' }), [trust({ AWS: A })]).decision).toBe(
      'implicit-deny',
    );
    expect(evaluate(assume({ 'aws:MultiFactorAuthPresent': 'true' }), [trust({ AWS: A }), anyAssume]).decision).toBe(
      'allow',
    );
    expect(
      evaluate({ principal: 'ec2.amazonaws.com', action: 'sts:AssumeRole', resource: role }, [
        toEvalPolicy('t', 'trust', {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      ]).decision,
    ).toBe('allow');
  });
});
