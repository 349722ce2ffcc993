import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../src/index.js';
import { iamData } from './fake-iam.js';

const found = (actions: string[], resources: string[]) =>
  lintPolicy(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resources }] },
    { rules: { 'resource-type-mismatch': 'error' }, iamData },
  )
    .messages.filter((m) => m.ruleId === 'resource-type-mismatch')
    .map((m) => m.messageId);

const thing = 'arn:aws:demo:us-east-1:123456789012:thing/t1';
const stack = 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1';
const transform = 'arn:aws:cloudformation:us-east-1:aws:transform/Serverless-2016-10-31';

describe('resource-type-mismatch', () => {
  it('lets an action without resource types through only where a resource stands for any resource', () => {
    expect(found(['demo:ListThings'], [thing])).toEqual(['needsWildcard']);
    expect(found(['demo:ListThings'], [thing, '?'])).toEqual([]);
    expect(found(['demo:ListThings'], ['**', thing])).toEqual([]);
    expect(found(['demo:ListThings', 'demo:GetThing'], [thing, '??'])).toEqual(['needsWildcard']);
    // Asked once per statement, the answer holds for each action that needs it.
    expect(found(['demo:ListThings', 'demo:List*', 'demo:GetThing'], [thing, '?'])).toEqual([]);
  });

  it('matches the resource types, an unknown type fitting anything', () => {
    expect(found(['demo:GetThing', 'demo:GetWidget'], [thing])).toEqual([]);
    expect(found(['demo:GetThing'], [stack])).toEqual(['mismatch']);
    expect(found(['demo:Get*'], [stack])).toEqual([]);
    expect(found(['demo:*Things', 'demo:GetThing'], [stack])).toEqual(['patternMismatch', 'mismatch']);
  });

  it("matches each statement's own resources, whatever an earlier statement matched", () => {
    const statements = [
      { Effect: 'Allow', Action: ['demo:GetThing', 'demo:PutThing'], Resource: thing },
      { Effect: 'Allow', Action: ['demo:PutThing', 'demo:GetThing'], Resource: [stack] },
      { Effect: 'Allow', Action: ['demo:TagThing'], Resource: [stack, thing] },
      { Effect: 'Allow', Action: ['demo:GetThing'], Resource: stack },
    ];
    expect(
      lintPolicy(
        { Version: '2012-10-17', Statement: statements },
        { rules: { 'resource-type-mismatch': 'error' }, iamData },
      )
        .messages.filter((m) => m.ruleId === 'resource-type-mismatch')
        .map((m) => m.message.slice(0, m.message.indexOf(' only'))),
    ).toEqual([
      'Statement 2 allows "demo:PutThing"',
      'Statement 2 allows "demo:GetThing"',
      'Statement 4 allows "demo:GetThing"',
    ]);
  });

  it('reads the documented resources of the prefixes that have some, in any case', () => {
    expect(found(['cloudformation:CreateChangeSet'], [transform])).toEqual([]);
    expect(found(['CloudFormation:createchangeset'], [transform])).toEqual([]);
    expect(found(['cloudformation:CreateChangeSet'], [stack])).toEqual([]);
    expect(found(['cloudformation:CreateChangeSet'], [thing])).toEqual(['mismatch']);
  });
});
