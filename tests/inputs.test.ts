import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  detectInput,
  extractTerraform as coreExtractTerraform,
  lintExtraction,
  lintFile as coreLintFile,
  ruleIds,
  type LintMessage,
  type LintOptions,
} from '../packages/core/src/index.ts';
import { nodeHclParser } from '../packages/cli/src/hcl.ts';

const extractTerraform = (text: string, fileName: string) => coreExtractTerraform(text, fileName, nodeHclParser);
const lintAnyFile = (text: string, file: string, options: LintOptions, explicit: boolean) =>
  coreLintFile(text, file, { ...options, explicit, hcl: nodeHclParser });
import { runMain } from '../packages/cli/test/helpers/run-main.ts';
import { decodeText } from '../packages/cli/src/pipeline.ts';

/** The rules these fixtures were written for; rules added later stay off so the positions stay put. */
const CORE = [
  'action-wildcard',
  'resource-bucket-mismatch',
  'mfa-condition-missing',
  'mfa-condition-invalid',
  'mfa-condition-weak',
  'invalid-json',
  'invalid-policy',
];
const rules = Object.fromEntries(ruleIds.filter((id) => !CORE.includes(id)).map((id) => [id, 'off' as const]));
const ROOT = path.resolve(__dirname, '../fixtures/inputs');
const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'expected.json'), 'utf8')) as Record<
  string,
  Array<{
    ruleId: string;
    messageId: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    document: string;
  }>
>;

async function lintFile(file: string, options: { buckets?: string[] } = {}, explicit = true) {
  // Decoded as the CLI decodes (UTF-8, or UTF-16 with a byte order mark).
  return lintAnyFile(decodeText(fs.readFileSync(file)), file, { rules, ...options }, explicit);
}

function brief(m: LintMessage) {
  return `${m.line}:${m.column} ${m.ruleId}/${m.messageId}`;
}

describe('fixtures/inputs: findings at their lines and columns in the host file', () => {
  it('covers every format the issue names', () => {
    const files = Object.keys(expected);
    expect(files.filter((f) => f.startsWith('cloudformation/')).length).toBeGreaterThanOrEqual(6);
    expect(files.filter((f) => f.startsWith('terraform/')).length).toBeGreaterThanOrEqual(3);
    expect(files.filter((f) => f.startsWith('terraform-plan/')).length).toBeGreaterThanOrEqual(2);
    expect(files.filter((f) => f.startsWith('aws-cli/')).length).toBeGreaterThanOrEqual(3);
  });

  for (const [file, findings] of Object.entries(expected)) {
    it(file, async () => {
      const result = await lintFile(path.join(ROOT, file));
      expect(result).toBeDefined();
      const got = result!.messages.map((m) => ({
        ruleId: m.ruleId,
        messageId: m.messageId,
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
      }));
      expect(got).toEqual(findings.map(({ document: _d, ...rest }) => rest));
      // Every finding names the resource it is about (logical id / address / CLI path).
      result!.messages.forEach((m, i) => expect(m.message.startsWith(`${findings[i]!.document}: `)).toBe(true));
    });
  }
});

describe('CloudFormation', () => {
  const seed = path.join(ROOT, 'cloudformation/seed-ec2-role.yaml');

  it('the seed scenario as a template: the template bucket is the target; the role set is recorded', async () => {
    const text = fs.readFileSync(seed, 'utf8');
    const x = detectInput(text, seed);
    if (!('documents' in x)) throw new Error(`not extracted: ${x.format}`);
    expect(x.format).toBe('cloudformation');
    expect(x.buckets).toEqual(['my-s3-bucket-09-01-2023']);
    expect(x.documents.map((d) => [d.label, d.kind])).toEqual([
      ['InstanceRole/AssumeRolePolicyDocument', 'trust'],
      ['InstanceRole/S3WithMfa', 'identity'],
    ]);
    expect(x.roles).toEqual([{ id: 'InstanceRole', trust: 0, policies: [1], instanceProfile: true }]);
    const nearMiss = (await lintFile(seed))!.messages.find((m) => m.ruleId === 'resource-bucket-mismatch')!;
    expect(nearMiss.message).toContain('did you mean "my-s3-bucket-09-01-2023"?');
  });

  it('the seed template is a policy set: mfa-unsatisfiable fires on the role policy, in the YAML', async () => {
    const r = await lintAnyFile(fs.readFileSync(seed, 'utf8'), seed, { rules: { 'mfa-unsatisfiable': 'error' } }, true);
    const found = r!.messages.filter((m) => m.ruleId === 'mfa-unsatisfiable');
    expect(found.map(brief)).toEqual(['30:21 mfa-unsatisfiable/neverMfa']);
    expect(found[0]!.message).toMatch(/^InstanceRole\/S3WithMfa: /);
    expect(found[0]!.message).toContain('ec2.amazonaws.com');
    // Without the instance role's trust policy in the set, nothing says the grant is unsatisfiable.
    const alone = fs.readFileSync(seed, 'utf8').replace(/ {6}AssumeRolePolicyDocument:[\s\S]*?(?= {6}Policies:)/, '');
    const r2 = await lintAnyFile(alone, seed, { rules: { 'mfa-unsatisfiable': 'error' } }, true);
    expect(r2!.messages.filter((m) => m.ruleId === 'mfa-unsatisfiable')).toEqual([]);
  });

  it('--bucket overrides the template bucket', async () => {
    const r = await lintFile(seed, { buckets: ['my-s3-bucket-08-01-2023'] });
    expect(r!.messages.map(brief)).toEqual(['26:25 action-wildcard/everyAction']);
  });

  const template = (resource: string, extra = '') => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  BucketParam:
    Type: String
${extra}Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: ${resource}
`;
  const lintTemplate = (text: string, buckets: string[] = ['target-bucket']) => {
    const x = detectInput(text, 't.yaml');
    if (!('documents' in x)) throw new Error('not a template');
    return { x, r: lintExtraction(x, { rules, buckets }) };
  };

  it('unresolvable values never produce a wrong-bucket finding, but still need MFA', () => {
    for (const resource of [
      "!Sub 'arn:aws:s3:::${BucketParam}/*'",
      "!Join ['', [!ImportValue shared-bucket-arn, '/*']]",
      '!Ref BucketParam',
      "!Sub 'arn:aws:s3:::logs-${AWS::AccountId}/*'",
      '!GetAtt SomeBucket.Arn',
    ]) {
      const { r } = lintTemplate(template(resource));
      expect(
        r.messages.map((m) => `${m.ruleId}/${m.messageId}`),
        resource,
      ).toEqual(['mfa-condition-missing/missing']);
      expect(r.messages[0]!.line).toBe(12);
    }
  });

  it('parameters with defaults, partitions, bucket names and the account placeholder resolve', () => {
    const { x } = lintTemplate(
      template("!Sub 'arn:${AWS::Partition}:s3:::${Name}/*'", '  Name:\n    Type: String\n    Default: other-bucket\n'),
    );
    expect((x.documents[0]!.value as any).Statement[0].Resource).toBe('arn:aws:s3:::other-bucket/*');
    const { r } = lintTemplate(
      template("!Sub 'arn:${AWS::Partition}:s3:::${Name}/*'", '  Name:\n    Type: String\n    Default: target-buckt\n'),
    );
    expect(r.messages.map(brief)).toEqual(['17:28 resource-bucket-mismatch/nearMiss']);
    const principal = detectInput(
      `Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root' }\n            Action: sts:AssumeRole\n`,
      'r.yaml',
    );
    if (!('documents' in principal)) throw new Error('not a template');
    expect((principal.documents[0]!.value as any).Statement[0].Principal.AWS).toBe('arn:aws:iam::123456789012:root');
  });

  it('Fn::If reads the branch that is switched on and drops AWS::NoValue', () => {
    const x = detectInput(fs.readFileSync(path.join(ROOT, 'cloudformation/intrinsics.yaml'), 'utf8'), 'i.yaml');
    if (!('documents' in x)) throw new Error('not a template');
    const statements = (x.documents[0]!.value as any).Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(['ReadReports', 'ReadArchive', 'ReadExternal', 'ListInAccount']);
    expect(statements[0].Resource).toBe('arn:aws:s3:::acme-reports-prod/*');
    expect(statements[2].Resource).toBe('${unresolved:!Ref ExternalBucketArn}/*');
    expect(statements[3].Resource).toBe('arn:aws:s3:::logs-${unresolved:~AWS::AccountId}');
  });

  it('a malformed template gives one finding at its position and never throws', () => {
    const text = fs.readFileSync(path.join(ROOT, 'cloudformation/intrinsics.yaml'), 'utf8');
    for (let cut = 1; cut < text.length; cut += 5) {
      const broken = text.slice(0, cut) + '\n  - [: {\n';
      const x = detectInput(broken, 'broken.yaml', { explicit: true });
      if (!('documents' in x)) continue;
      const r = lintExtraction(x, { rules });
      const problems = r.messages.filter((m) => m.ruleId === 'invalid-json');
      expect(problems.length).toBeLessThanOrEqual(1);
      if (problems.length) expect(problems[0]!.message).toMatch(/^Invalid YAML: /);
    }
  });

  it('with all rules on, no finding is about an unresolved value', async () => {
    for (const file of Object.keys(expected)) {
      const r = await lintAnyFile(fs.readFileSync(path.join(ROOT, file), 'utf8'), file, {}, true);
      for (const m of r!.messages) expect(m.message, `${file} ${brief(m)}`).not.toMatch(/unresolved:/);
    }
  });
});

describe('Terraform source', () => {
  it('an HCL syntax error is one finding at its line', async () => {
    const x = await extractTerraform('resource "aws_iam_policy" "p" {\n  name = "x"\n', 'bad.tf');
    expect(x.problems).toHaveLength(1);
    expect(x.problems[0]!.message).toMatch(/^Invalid Terraform \(HCL\): Unclosed configuration block/);
    expect(x.problems[0]!.range.line).toBe(1);
  });

  it('roles are assembled from trust policy, role policies and instance profiles', async () => {
    const file = path.join(ROOT, 'terraform/heredoc/main.tf');
    const x = await extractTerraform(fs.readFileSync(file, 'utf8'), file);
    expect(x.roles).toEqual([{ id: 'aws_iam_role.app', trust: 0, policies: [1], instanceProfile: true }]);
    expect((x.documents[1]!.value as any).Statement[0].Resource).toBe('arn:aws:s3:::${unresolved:~var.bucket}/*');
  });

  it("a role's inline_policy blocks are identity policies of the role (a data source's too)", async () => {
    const file = path.join(ROOT, 'terraform/inline-policy/main.tf');
    const x = await extractTerraform(fs.readFileSync(file, 'utf8'), file);
    expect(x.documents.map((d) => [d.label, d.kind])).toEqual([
      ['aws_iam_role.ops', 'trust'],
      ['aws_iam_role.ops/everything', 'identity'],
      ['data.aws_iam_policy_document.logs', 'identity'],
    ]);
    expect(x.roles).toEqual([{ id: 'aws_iam_role.ops', trust: 0, policies: [1, 2], instanceProfile: false }]);
  });

  it('policies written in locals are read where they are written, once for all the resources that use them', async () => {
    const file = path.join(ROOT, 'terraform/locals/main.tf');
    const x = await extractTerraform(fs.readFileSync(file, 'utf8'), file);
    // jsonencode(local.x) of an object (two resources, one document), local.y holding jsonencode(...);
    // local.missing is not in the file: nothing is read for it.
    expect(x.documents.map((d) => [d.label, d.kind])).toEqual([
      ['local.reader_statements', 'identity'],
      ['local.queue_policy', 'resource'],
    ]);
    expect((x.documents[0]!.value as any).Statement[0].Action).toBe('s3:*');
    expect(x.problems).toEqual([]);
  });

  it('statements given to modules as HCL objects (terraform-aws-iam, terraform-aws-lambda) are policies', async () => {
    const file = path.join(ROOT, 'terraform/module-statements/main.tf');
    const x = await extractTerraform(fs.readFileSync(file, 'utf8'), file);
    expect(x.documents.map((d) => [d.label, d.kind])).toEqual([
      ['module.deploy_role.trust_policy_permissions', 'trust'],
      ['module.deploy_role.inline_policy_permissions', 'identity'],
      ['module.function.policy_statements', 'identity'],
    ]);
    expect((x.documents[0]!.value as any).Statement[1]).toEqual({
      Sid: 'TrustWithTypo',
      Effect: 'Allow',
      Action: ['sts:AssumeRole'],
      Principal: { AWS: ['arn:aws:iam::111122223333:role/ops'] },
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': ['yes'] } },
    });
    // The entry's name without other characters, as the modules make the Sid.
    expect((x.documents[2]!.value as any).Statement[0].Sid).toBe('readobjects');
  });

  it('a role takes the one document of a data source with count (X[0].json, one(X[*].json))', async () => {
    const tf = [
      'data "aws_iam_policy_document" "trust" {',
      '  count = 1',
      '  statement {',
      '    actions = ["sts:AssumeRole"]',
      '    principals {',
      '      type        = "Service"',
      '      identifiers = ["ec2.amazonaws.com"]',
      '    }',
      '  }',
      '}',
      'data "aws_iam_policy_document" "read" {',
      '  count = 1',
      '  statement {',
      '    actions   = ["s3:GetObject"]',
      '    resources = ["arn:aws:s3:::example/*"]',
      '  }',
      '}',
      'resource "aws_iam_role" "app" {',
      '  assume_role_policy = data.aws_iam_policy_document.trust[0].json',
      '}',
      'resource "aws_iam_role_policy" "read" {',
      '  role   = aws_iam_role.app.id',
      '  policy = one(data.aws_iam_policy_document.read[*].json)',
      '}',
    ].join('\n');
    const x = await extractTerraform(tf, 'main.tf');
    expect(x.roles).toEqual([{ id: 'aws_iam_role.app', trust: 0, policies: [1], instanceProfile: false }]);
  });

  it('aws_iam_policy_document: effect defaults to Allow, &{} is a policy variable', async () => {
    const file = path.join(ROOT, 'terraform/policy-document/main.tf');
    const x = await extractTerraform(fs.readFileSync(file, 'utf8'), file);
    const doc = x.documents[0]!.value as any;
    expect(doc.Statement[0].Effect).toBe('Allow');
    expect(doc.Statement[2].Resource).toEqual(['arn:aws:s3:::acme-artifacts/${aws:username}/*']);
    expect(doc.Statement[1].Condition).toEqual({ Bool: { 'aws:MultiFactorAuthPresent': ['false'] } });
  });
});

describe('CLI: directories, detection and noise', () => {
  function run(argv: string[], cwd = process.cwd()) {
    return runMain(argv, cwd);
  }

  it('iam-mfa-lint fixtures/inputs finds policies in every supported file', async () => {
    const ruleArgs = ruleIds.filter((id) => !CORE.includes(id)).flatMap((id) => ['--rule', `${id}:off`]);
    const r = await run([ROOT, '--format', 'json', ...ruleArgs]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as Array<{
      filePath: string;
      messages: Array<{ line: number; column: number; ruleId: string }>;
    }>;
    expect(results.map((x) => path.relative(ROOT, x.filePath)).sort()).toEqual(Object.keys(expected).sort());
    for (const res of results) {
      const want = expected[path.relative(ROOT, res.filePath)]!;
      expect(res.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(
        want.map((m) => `${m.line}:${m.column} ${m.ruleId}`),
      );
    }
  });

  it('files of no known shape found by a walk are skipped; named explicitly, they are reported', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iml-inputs-'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "app", "version": "1.0.0" }\n');
    fs.mkdirSync(path.join(dir, '.github'));
    fs.writeFileSync(path.join(dir, 'ci.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n');
    fs.writeFileSync(path.join(dir, 'chart.yaml'), 'kind: {{ .Values.kind }\n');
    fs.writeFileSync(path.join(dir, 'vars.tf'), 'variable "x" {}\n');
    const walked = await run([dir, '--format', 'json']);
    expect(walked.code).toBe(0);
    expect(JSON.parse(walked.stdout).map((x: { filePath: string }) => path.basename(x.filePath))).toEqual(['vars.tf']);
    const named = await run([path.join(dir, 'package.json'), path.join(dir, 'ci.yml'), '--format', 'json']);
    expect(named.code).toBe(1);
    const [pkg, ci] = JSON.parse(named.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
    expect(pkg!.messages[0]!.ruleId).toBe('invalid-policy');
    expect(ci!.messages).toEqual([expect.objectContaining({ ruleId: 'invalid-policy', line: 1, column: 1 })]);
    expect(ci!.messages[0]!.message).toContain('not a CloudFormation template');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
