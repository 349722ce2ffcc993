import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../src/index.js';

const only = { rules: { 'statement-redundant': 'error' as const } };
const found = (statements: unknown[]) =>
  lintPolicy({ Version: '2012-10-17', Statement: statements }, only)
    .messages.filter((m) => m.ruleId === 'statement-redundant')
    .map((m) => [m.messageId, m.message]);

describe('statement-redundant, a statement alone in its scope', () => {
  it('reports an action that a pattern of its own statement covers', () => {
    expect(found([{ Effect: 'Allow', Action: ['s3:GetObject', 'ec2:Describe*', 's3:Get*'], Resource: '*' }])).toEqual([
      [
        'actionCoveredInStatement',
        'Action "s3:GetObject" is redundant: "s3:Get*" in the same statement already covers it; remove it',
      ],
    ]);
  });

  it('reports an action covered by a pattern of any service', () => {
    expect(found([{ Effect: 'Allow', Action: ['s3:GetObject', '*:Get*'], Resource: 'arn:aws:s3:::b/*' }])).toEqual([
      [
        'actionCoveredInStatement',
        'Action "s3:GetObject" is redundant: "*:Get*" in the same statement already covers it; remove it',
      ],
    ]);
  });

  it('reports nothing when its patterns cover none of its other actions', () => {
    expect(
      found([
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:List*', 'ec2:Get*'], Resource: '*' },
        { Effect: 'Allow', Action: ['s3:PutObject', 's3:Get*'], Resource: 'arn:aws:s3:::b/*' },
      ]),
    ).toEqual([]);
  });

  it('counts the comparisons of its actions against its patterns toward the bound', () => {
    // Each action and pattern against itself and every pattern of the service, none covering:
    // 2,250 x 751 = 1,689,750 comparisons (under the bound of 2,000,000), then 3,000 x 1,501.
    const actions = Array.from({ length: 1_500 }, (_, i) => `s3:A${i}x`);
    const patterns = Array.from({ length: 1_500 }, (_, i) => `s3:B${i}Z*`);
    expect(found([{ Effect: 'Allow', Action: [...actions, ...patterns.slice(0, 750)], Resource: '*' }])).toEqual([]);
    expect(
      lintPolicy(
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [...actions, ...patterns], Resource: '*' }] },
        only,
      )
        .messages.filter((m) => m.ruleId === 'statement-redundant')
        .map((m) => m.message),
    ).toEqual([
      'The policy is too large to check for redundant statements: its actions would need 4503000 comparisons, over the limit of 2000000',
    ]);
  });
});
