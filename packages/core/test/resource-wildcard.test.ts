import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../src/index.js';
import { iamData } from './fake-iam.js';

const found = (actions: string[], resources: string[]) =>
  lintPolicy(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }] },
    { rules: { 'resource-wildcard': 'warn' }, iamData },
  )
    .messages.filter((m) => m.ruleId === 'resource-wildcard')
    .map((m) => [m.messageId, m.message]);

describe('resource-wildcard', () => {
  it('reports a single Write or Permissions management action with resource types, and no other', () => {
    expect(
      found(['demo:GetThing', 'demo:PutThing', 'demo:ListThings', 'demo:CreateThing', 'demo:NoSuch'], ['*']),
    ).toEqual([
      [
        'action',
        'Statement 1 allows "demo:PutThing" (Write) on every resource ("*"), though it can be limited to "arn:${Partition}:demo:${Region}:${Account}:thing/${ThingId}"; name the resources it needs',
      ],
    ]);
    expect(found(['demo:tagthing'], ['*']).map(([id]) => id)).toEqual(['action']);
    expect(found(['iam:PassRole', 'iam:PutRolePolicy'], ['*']).map(([id]) => id)).toEqual(['action']);
  });

  it('reports a pattern by the actions it covers, not "service:*"', () => {
    expect(found(['demo:*Thing', 'demo:*', 'demo:Get*'], ['*'])).toEqual([
      [
        'pattern',
        'Statement 1 allows "demo:*Thing" on every resource ("*"), including 2 Write or Permissions management actions that can be limited to named resources (such as "demo:PutThing", "demo:TagThing"); name the resources they need',
      ],
    ]);
  });

  it('reports an entry that names every resource of the type, once per action', () => {
    const every = 'arn:aws:demo:*:*:thing/*';
    expect(found(['demo:PutThing', 'demo:PutThing', 'demo:GetThing'], [every]).map(([id]) => id)).toEqual([
      'actionEveryArn',
      'actionEveryArn',
    ]);
    expect(found(['demo:PutThing'], ['arn:aws:demo:us-east-1:*:thing/*'])).toEqual([]);
  });
});
