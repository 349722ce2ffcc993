/**
 * The resource types and properties policies are read from: `--list-inputs` prints the readers'
 * tables, docs/inputs/README.md shows the same text, and the tables reach the readers (a policy on
 * a newly listed type is read and linted; an endpoint policy's "Principal": "*" is not public access).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CFN_POLICY_PROPERTIES, TERRAFORM_POLICY_ATTRIBUTES, lintFile } from '@iam-mfa-lint/core';
import { runMain } from '../packages/cli/test/helpers/run-main.ts';

const root = join(__dirname, '..');
const START = '<!-- list-inputs:start (iam-mfa-lint --list-inputs; tests/inputs-list.test.ts) -->';
const END = '<!-- list-inputs:end -->';

const run = (argv: string[]) => runMain(argv, root);

describe('--list-inputs', () => {
  it('prints every table row, exit 0, and docs/inputs/README.md shows the same text', async () => {
    const r = await run(['--list-inputs']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    for (const [type, props] of Object.entries(CFN_POLICY_PROPERTIES))
      for (const [p, kind] of props) expect(r.stdout).toContain(`| \`${type}\` | \`${p}\` | ${kind} |`);
    for (const [type, attrs] of Object.entries(TERRAFORM_POLICY_ATTRIBUTES))
      for (const [a, kind] of attrs) expect(r.stdout).toContain(`| \`${type}\` | \`${a}\` | ${kind} |`);
    const docs = readFileSync(join(root, 'docs/inputs/README.md'), 'utf8');
    const section = docs.slice(docs.indexOf(START) + START.length, docs.indexOf(END));
    expect(docs.includes(START) && docs.includes(END)).toBe(true);
    expect(section.trim()).toBe(r.stdout.trim());
  });

  it('the generated CloudFormation table holds the policies that were skipped before', () => {
    expect(CFN_POLICY_PROPERTIES['AWS::ECR::Repository']).toEqual([['RepositoryPolicyText', 'resource']]);
    expect(CFN_POLICY_PROPERTIES['AWS::EC2::VPCEndpoint']).toEqual([['PolicyDocument', 'resource']]);
    expect(CFN_POLICY_PROPERTIES['AWS::OpenSearchService::Domain']).toEqual([['AccessPolicies', 'resource']]);
    expect(CFN_POLICY_PROPERTIES['AWS::SSO::PermissionSet']).toEqual([['InlinePolicy', 'identity']]);
    expect(CFN_POLICY_PROPERTIES['AWS::SecretsManager::ResourcePolicy']).toEqual([['ResourcePolicy', 'resource']]);
    // Not IAM policy languages, however named.
    expect(CFN_POLICY_PROPERTIES['AWS::SNS::Subscription']).toBeUndefined();
    expect(CFN_POLICY_PROPERTIES['AWS::NetworkManager::CoreNetwork']).toBeUndefined();
  });
});

describe('a run says how many policies it read', () => {
  it('lintFile counts the documents of a template, a policy file, and none in a template without policies', async () => {
    const template = readFileSync(join(root, 'fixtures/inputs/cloudformation/resource-policies.yaml'), 'utf8');
    expect((await lintFile(template, 'resource-policies.yaml'))?.documents).toBe(5);
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    expect((await lintFile(policy, 'p.json'))?.documents).toBe(1);
    const empty = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n';
    expect((await lintFile(empty, 't.yaml'))?.documents).toBe(0);
  });

  it('stylish names the policies and files read; a run that read none says "0 problems in 0 policies"; SARIF counts them', async () => {
    const file = 'fixtures/inputs/cloudformation/resource-policies.yaml';
    const r = await run([file]);
    expect(r.code).toBe(1);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 5 problems (4 errors, 1 warning) in 5 policies of 1 file');
    const none = await run(['fixtures/inputs/cloudformation/no-policies.yaml']);
    expect(none).toEqual({ code: 0, stdout: '0 problems in 0 policies of 1 file\n', stderr: '' });
    const sarif = JSON.parse((await run(['--format', 'sarif', file])).stdout);
    expect(sarif.runs[0].properties).toEqual({ policiesRead: 5, filesRead: 1 });
    const json = JSON.parse((await run(['--format', 'json', file])).stdout);
    expect(Array.isArray(json)).toBe(true);
  });

  it('a VPC endpoint policy with "Principal": "*" is no public access (CloudFormation and Terraform); an ECR one is', async () => {
    const yaml = await run(['--format', 'json', 'fixtures/inputs/cloudformation/resource-policies.yaml']);
    const wildcard = (out: string) =>
      JSON.parse(out)[0]
        .messages.filter((m: { ruleId: string }) => m.ruleId === 'principal-wildcard')
        .map(
          (m: { line: number; column: number; message: string }) => `${m.line}:${m.column} ${m.message.split(':')[0]}`,
        );
    expect(wildcard(yaml.stdout)).toEqual(['11:24 Repo', '33:20 Search']);
    const tf = await run(['--format', 'json', 'fixtures/inputs/terraform/resource-policies/main.tf']);
    expect(wildcard(tf.stdout)).toEqual(['8:19 aws_ecr_repository_policy.repo']);
    const plan = await run(['--format', 'json', 'fixtures/inputs/terraform-plan/resource-policies.plan.json']);
    expect(wildcard(plan.stdout)).toEqual([
      '1:352 aws_ecr_repository_policy.repo',
      '1:999 aws_opensearch_domain_policy.search',
    ]);
  });
});
