import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintText as coreLintText } from '../packages/core/src/index.ts';
import { lintText as cliLintText, lintPolicy as cliLintPolicy } from '../packages/cli/src/index.ts';
import { createNodeIamData, IamDataError } from '../packages/cli/src/iam-data.ts';
import {
  arnPatternMatchesTemplate,
  keySupportByActions,
  lookupAction,
  resolveConditionKey,
  statementServices,
} from '../packages/core/src/iam/data.ts';
import { checkArn } from '../packages/core/src/iam/arn.ts';
import { iamData } from './helpers/iam-data.ts';

const TYPO = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sqs:SendMesage', Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs' }],
  },
  null,
  2,
);

describe('Node provider of the IAM reference', () => {
  it('knows service prefixes, actions (case-insensitive), resource types and keys', () => {
    expect(iamData.hasService('S3')).toBe(true);
    expect(iamData.hasService('s3x')).toBe(false);
    const s3 = iamData.service('s3')!;
    expect(s3.actions.get('getobject')).toMatchObject({ name: 'GetObject', accessLevel: 'Read' });
    expect(s3.resourceTypes.get('bucket')?.arn).toBe('arn:${Partition}:s3:::${BucketName}');
    expect(s3.conditionKeys.get('s3:tlsversion')).toEqual({ key: 's3:TlsVersion', type: 'Numeric' });
    expect(iamData.service('nope')).toBeUndefined();
    expect(iamData.servicePrefixes()).toContain('dynamodb');
  });

  it('resolves global keys, with tag suffixes', () => {
    expect(iamData.globalConditionKey('AWS:SourceIp')?.type).toBe('IPAddress');
    expect(iamData.globalConditionKey('aws:ResourceTag/Team')?.type).toBe('String');
    expect(iamData.globalConditionKey('aws:ResourceTag/')).toBeUndefined();
    expect(iamData.globalConditionKey('aws:SourceIps')).toBeUndefined();
  });

  it('reads a service only when asked, once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-data-'));
    try {
      for (const sub of ['actions', 'resourceTypes', 'conditionKeys']) fs.mkdirSync(path.join(dir, sub));
      fs.writeFileSync(path.join(dir, 'services.json'), JSON.stringify(['demo', 'other']));
      fs.writeFileSync(
        path.join(dir, 'actions', 'demo.json'),
        JSON.stringify({ doit: { name: 'DoIt', accessLevel: 'Write', resourceTypes: [], conditionKeys: [] } }),
      );
      fs.writeFileSync(path.join(dir, 'resourceTypes', 'demo.json'), '{}');
      fs.writeFileSync(path.join(dir, 'conditionKeys', 'demo.json'), '{}');
      const data = createNodeIamData({ dataDir: dir });
      // 'other' has no files: knowing the prefix must not read them.
      expect(data.hasService('other')).toBe(true);
      expect(data.service('demo')!.actions.get('doit')?.name).toBe('DoIt');
      fs.rmSync(path.join(dir, 'actions', 'demo.json'));
      expect(data.service('DEMO')!.actions.size).toBe(1); // cached
      expect(() => data.service('other')).toThrow(IamDataError);
      expect(() => data.service('other')).toThrow(/^cannot read the IAM reference data .*other\.json: /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('iam-mfa-lint lints with the reference by default; the core alone does not', () => {
  it('cli lintText/lintPolicy report unknown-action; core lintText without iamData does not', () => {
    expect(cliLintText(TYPO).messages.map((m) => [m.ruleId, m.messageId, m.line, m.column])).toEqual([
      ['unknown-action', 'unknownAction', 6, 17],
    ]);
    expect(cliLintText(TYPO).messages[0]!.message).toContain('did you mean "sqs:SendMessage"?');
    expect(cliLintPolicy(JSON.parse(TYPO)).messages.map((m) => m.ruleId)).toEqual(['unknown-action']);
    expect(coreLintText(TYPO).messages).toEqual([]);
    expect(coreLintText(TYPO, { iamData }).messages.map((m) => m.ruleId)).toEqual(['unknown-action']);
  });
});

describe('reference helpers', () => {
  it('matches resource patterns against ARN formats', () => {
    const bucket = 'arn:${Partition}:s3:::${BucketName}';
    const object = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
    expect(arnPatternMatchesTemplate('arn:aws:s3:::b', bucket)).toBe(true);
    expect(arnPatternMatchesTemplate('arn:aws:s3:::b/*', bucket)).toBe(false);
    expect(arnPatternMatchesTemplate('arn:aws:s3:::b', object)).toBe(false);
    expect(arnPatternMatchesTemplate('arn:aws:s3:::b/*', object)).toBe(true);
    expect(arnPatternMatchesTemplate('arn:aws:s3:::b*', object)).toBe(true);
    expect(arnPatternMatchesTemplate('arn:aws:s3:::b/home/${aws:username}/*', object)).toBe(true);
    expect(arnPatternMatchesTemplate('arn:aws:s3:us-east-1:123456789012:b/*', object)).toBe(false);
    expect(
      arnPatternMatchesTemplate(
        'arn:aws:logs:*:*:log-group:/aws/lambda/*:*',
        'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}',
      ),
    ).toBe(true);
    expect(
      arnPatternMatchesTemplate(
        'arn:aws:ssm:us-east-1::parameter/aws/service/x',
        'arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}',
      ),
    ).toBe(true);
  });

  it('looks actions up case-insensitively, with patterns', () => {
    const r = lookupAction(iamData, 'S3:Get*');
    expect(r.kind).toBe('service');
    if (r.kind === 'service') expect(r.actions.map((a) => a.name)).toContain('GetObject');
    expect(lookupAction(iamData, '*').kind).toBe('skip');
    expect(lookupAction(iamData, 's3x:Get').kind).toBe('unknownService');
  });

  it('resolves keys of the statement services, with suffixes', () => {
    const s = statementServices(iamData, ['s3:GetObject', 'kms:Decrypt'], false);
    expect(resolveConditionKey(iamData, 's3:ExistingObjectTag/team', s)?.key).toBe('s3:ExistingObjectTag/<key>');
    expect(resolveConditionKey(iamData, 'kms:EncryptionContext:project', s)?.source).toBe('kms');
    expect(resolveConditionKey(iamData, 'ec2:Region', s)).toBeUndefined();
  });

  it('tells whether some action of a statement supports a service key (issue 12)', () => {
    const support = (actions: string[], key: string) => keySupportByActions(iamData, actions, key);
    expect(support(['s3:GetObject'], 's3:prefix')).toBe('unsupported');
    expect(support(['s3:Get*'], 's3:prefix')).toBe('unsupported');
    // A wildcard counts every action it matches: s3:ListBucket takes s3:prefix.
    expect(support(['s3:GetObject', 's3:List*'], 's3:prefix')).toBe('supported');
    // Keys on the action's row for a resource type, and placeholders.
    expect(support(['ec2:RunInstances'], 'ec2:InstanceType')).toBe('supported');
    expect(support(['s3:GetObject'], 's3:ExistingObjectTag/classification')).toBe('supported');
    expect(support(['secretsmanager:ListSecrets'], 'secretsmanager:ResourceTag/team')).toBe('unsupported');
    expect(support(['secretsmanager:GetSecretValue'], 'secretsmanager:ResourceTag/team')).toBe('supported');
    // Documented by AWS outside the reference.
    expect(support(['aws-marketplace:Subscribe'], 'aws-marketplace:ProductId')).toBe('supported');
    // Nothing to decide: global keys, unknown actions or services, "*", computed values, keys of no service.
    expect(support(['s3:GetObject'], 'aws:SourceIp')).toBe('undecided');
    expect(support(['s3:GetObject', 's3:GetNewThing'], 's3:prefix')).toBe('undecided');
    expect(support(['s3:GetObject', 'nosuch:Thing'], 's3:prefix')).toBe('undecided');
    expect(support(['*'], 's3:prefix')).toBe('undecided');
    expect(support(['${var.action}'], 's3:prefix')).toBe('undecided');
    // A key its own service lists on no action (a gap of the reference).
    expect(support(['kms:CreateKey'], 'kms:CustomerMasterKeySpec')).toBe('undecided');
    expect(support(['sts:AssumeRoleWithWebIdentity'], 'token.actions.githubusercontent.com:sub')).toBe('undecided');
  });

  it('checks ARNs', () => {
    expect(checkArn('arn:aws:iam::aws:policy/ReadOnlyAccess', iamData)).toBeUndefined();
    expect(checkArn('arn:aws:iam::${aws:PrincipalAccount}:role/x', iamData)).toBeUndefined();
    expect(checkArn('arn:aws:s3:::b/*', iamData)).toBeUndefined();
    expect(checkArn('arn:aws:s3:us-east-1::b/*', iamData)?.messageId).toBe('regionNotAllowed');
    expect(checkArn('arn:aws:s3::123456789012:b', iamData)?.messageId).toBe('accountNotAllowed');
    expect(checkArn('arn:aws:sqs:us-east1:123456789012:q', undefined)?.messageId).toBe('badRegion');
    expect(checkArn('arn:aws:sqs:us-east-1:12345:q', undefined)?.messageId).toBe('badAccount');
    expect(checkArn('arn:aws-cm:sqs:us-east-1:123456789012:q', undefined)).toEqual({
      messageId: 'unknownPartition',
      data: { partition: 'aws-cm', hint: '; did you mean "aws-cn"?' },
    });
  });
});
