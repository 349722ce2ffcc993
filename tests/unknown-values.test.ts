/**
 * Issue 11 items 4, 5, 8 and "read what AWS accepts": values known only at deploy time are
 * unknown (no rule concludes anything from their text, messages show them as written), statements
 * built by functions are unknown rather than invalid, AWS managed policies are exempt from the size
 * quota, and files are read as AWS and the tools around it write them. Each shape has a fixture
 * with its exact findings and one with the corrected form, linted with every rule at its default
 * level and AWS's service reference, as the CLI does.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectInput, extractTerraform, lintFile, showUnresolved } from '../packages/core/src/index.ts';
import { nodeHclParser } from '../packages/cli/src/hcl.ts';
import { decodeText } from '../packages/cli/src/pipeline.ts';
import { runMain } from '../packages/cli/test/helpers/run-main.ts';
import { iamData } from './helpers/iam-data.ts';

const INPUTS = path.resolve(__dirname, '../fixtures/inputs');

async function lint(file: string) {
  const full = path.join(INPUTS, file);
  const r = await lintFile(decodeText(fs.readFileSync(full)), full, { explicit: true, hcl: nodeHclParser, iamData });
  if (!r) throw new Error(`${file} was skipped`);
  return r.messages;
}

const brief = (m: { line: number; column: number; ruleId: string; messageId: string; severity: number }) =>
  `${m.line}:${m.column} ${m.ruleId}/${m.messageId} (${m.severity === 2 ? 'error' : 'warn'})`;

describe('unresolved values are unknown (item 4)', () => {
  // Before: version-missing at error level ("the policy variable in ${unresolved:GetAtt Queue.Arn}"),
  // unknown-action on "${unresolved", resource-type-mismatch on "arn:aws:s3:::/*" (the Default ""
  // parameter), invalid-policy on the statements built by Fn::Transform, concat() and for.
  const shapes = [
    {
      name: 'CloudFormation: !GetAtt, !Ref of a parameter without a default, a Default "" parameter',
      file: 'cloudformation/unresolved.yaml',
      fixed: 'cloudformation/unresolved-fixed.yaml',
      findings: ['19:9 version-missing/missing (warn)', '51:25 resource-type-mismatch/mismatch (error)'],
      shown: '("arn:aws:s3:::${LogBucket}/*")',
    },
    {
      name: 'Terraform: resource attributes and variables, in values and in strings',
      file: 'terraform/unresolved/main.tf',
      fixed: 'terraform/unresolved-fixed/main.tf',
      findings: [
        '10:12 version-missing/missing (warn)',
        '24:20 resource-type-mismatch/mismatch (error)',
        // The body of `[for b in var.buckets : {...}]`, linted as the template of every statement.
        '56:18 resource-type-mismatch/mismatch (error)',
      ],
      shown: '("arn:aws:s3:::${var.bucket}/*")',
    },
  ];
  for (const shape of shapes) {
    it(shape.name, async () => {
      const messages = await lint(shape.file);
      expect(messages.map(brief)).toEqual(shape.findings);
      expect(messages[1]!.message).toContain(shape.shown);
      for (const m of messages) expect(m.message).not.toContain('unresolved');
      expect(await lint(shape.fixed)).toEqual([]);
    });
  }

  it('an unknown NotAction list is not counted', async () => {
    const text = `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", NotAction = var.actions, Resource = "*" }]
  })
}
`;
    const r = await lintFile(text, 'main.tf', { explicit: true, hcl: nodeHclParser, iamData });
    expect(r!.messages.map(brief)).toEqual(['4:38 action-wildcard/notAction (warn)']);
    expect(r!.messages[0]!.message).toContain('every service except the actions listed');
  });

  it('markers name the value as the user wrote it', async () => {
    const cfn = path.join(INPUTS, 'cloudformation/unresolved.yaml');
    const x = detectInput(fs.readFileSync(cfn, 'utf8'), cfn);
    if (!('documents' in x)) throw new Error('not a template');
    const queue = x.documents.find((d) => d.label === 'QueuePolicy')!.value as {
      Statement: Array<{ Resource: string }>;
    };
    expect(showUnresolved(queue.Statement[0]!.Resource)).toBe('!GetAtt Queue.Arn');
    const work = x.documents.find((d) => d.label === 'WorkerRole/work')!.value as {
      Statement: Array<{ Action: string[]; Resource: string }>;
    };
    expect(showUnresolved(work.Statement[0]!.Action[1]!)).toBe('!Ref ExtraAction');
    // The Default "" parameter is unknown, not the empty bucket name of "arn:aws:s3:::/*".
    expect(showUnresolved(work.Statement[1]!.Resource)).toBe('arn:aws:s3:::${LogBucket}/*');

    const tf = path.join(INPUTS, 'terraform/unresolved/main.tf');
    const t = await extractTerraform(fs.readFileSync(tf, 'utf8'), tf, nodeHclParser);
    const send = t.documents.find((d) => d.label === 'aws_iam_policy.send')!.value as {
      Statement: Array<{ Action: string | string[]; Resource: string }>;
    };
    expect(showUnresolved(send.Statement[0]!.Resource)).toBe('aws_sqs_queue.q.arn');
    expect(showUnresolved((send.Statement[1]!.Action as string[])[0]!)).toBe('var.action');
    expect(showUnresolved(send.Statement[2]!.Resource)).toBe('arn:aws:s3:::${var.bucket}/*');
  });
});

describe('statements built by functions are unknown, not invalid (item 5)', () => {
  it('Terraform concat(...) and [for ...], CloudFormation Fn::Transform: no invalid-policy, the rest is linted', async () => {
    const tf = await lint('terraform/unresolved/main.tf');
    const cfn = await lint('cloudformation/unresolved.yaml');
    expect([...tf, ...cfn].filter((m) => m.ruleId === 'invalid-policy')).toEqual([]);
    // The known statements of the same files are still checked, and the body of a `for` is a
    // statement template: "s3:ListBucket" on "arn:aws:s3:::${b}/*" is wrong for every b.
    const mismatches = tf.filter((m) => m.ruleId === 'resource-type-mismatch');
    expect(mismatches.map((m) => m.line)).toEqual([24, 56]);
    expect(mismatches[1]!.message).toMatch(/^aws_iam_policy\.per_bucket: .*\("arn:aws:s3:::\$\{b\}\/\*"\)/);
  });
});

describe('AWS managed policies in an account snapshot (item 8)', () => {
  it('are exempt from policy-too-large; the account own policy of the same size is not', async () => {
    const messages = (await lint('account/too-large.json')).filter((m) => m.ruleId === 'policy-too-large');
    expect(messages.map(brief)).toEqual(['665:23 policy-too-large/tooLarge (error)']);
    expect(messages[0]!.message).toMatch(/^managed policy "reports-read-only" v1: The policy has 9488 characters/);
    expect((await lint('account/too-large-fixed.json')).filter((m) => m.ruleId === 'policy-too-large')).toEqual([]);
  });
});

describe('files as AWS and its tools write them', () => {
  it('a Terraform plan saved as UTF-16 with a byte order mark (LE and BE) is read like its UTF-8 original', async () => {
    const r = await runMain(
      [
        path.join(INPUTS, 'terraform-plan/logs.plan.json'),
        path.join(INPUTS, 'terraform-plan/logs.utf16le.plan.json'),
        path.join(INPUTS, 'terraform-plan/logs.utf16be.plan.json'),
        '--format',
        'json',
      ],
      process.cwd(),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const [utf8, le, be] = JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string; line: number }> }>;
    expect(utf8!.messages.length).toBeGreaterThan(0);
    expect(utf8!.messages.some((m) => m.ruleId === 'invalid-json')).toBe(false);
    expect(le!.messages).toEqual(utf8!.messages);
    expect(be!.messages).toEqual(utf8!.messages);
  });

  it('a walk skips Helm templates and reports an empty .json; named explicitly, a Helm file is reported', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iml-unknown-'));
    try {
      fs.mkdirSync(path.join(dir, 'chart/templates'), { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'chart/templates/deployment.yaml'),
        '{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n',
      );
      fs.writeFileSync(path.join(dir, 'chart/templates/config.json'), '{{- toJson .Values.config }}\n');
      fs.writeFileSync(path.join(dir, 'empty.json'), '');
      const walked = await runMain([dir, '--format', 'json'], process.cwd());
      expect(walked.code).toBe(1);
      const results = JSON.parse(walked.stdout) as Array<{
        filePath: string;
        messages: Array<{ ruleId: string; messageId: string; line: number; column: number }>;
      }>;
      expect(results.map((x) => path.relative(dir, x.filePath))).toEqual(['empty.json']);
      expect(results[0]!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}/${m.messageId}`)).toEqual([
        '1:1 invalid-json/empty',
      ]);
      const named = await runMain([path.join(dir, 'chart/templates/config.json'), '--format', 'json'], process.cwd());
      expect(named.code).toBe(1);
      expect(JSON.parse(named.stdout)[0].messages[0].ruleId).toBe('invalid-json');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
