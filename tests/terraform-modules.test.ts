/**
 * Issue 11 item 3: a Terraform module (the .tf files of one directory) and a plan are policy
 * sets. The seed's situation split over three files gives its three findings, each in the file
 * and at the line:column where the statement is written; the corrected module gives none.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectInput, extractTerraformModule, lintFile, lintModule } from '../packages/core/src/index.ts';
import { nodeHclParser } from '../packages/cli/src/hcl.ts';
import { main, type CliIo } from '../packages/cli/src/main.ts';
import { runMain } from '../packages/cli/test/helpers/run-main.ts';

const root = path.join(__dirname, '..');
const SCENARIOS = 'fixtures/scenarios';

interface Reported {
  filePath: string;
  documents?: number;
  messages: Array<{ ruleId: string; messageId: string; line: number; column: number; message: string }>;
}

/** `file rule/messageId@line:column` for every finding of a JSON report, in report order. */
function brief(stdout: string, from = root): string[] {
  return (JSON.parse(stdout) as Reported[]).flatMap((f) =>
    f.messages.map(
      (m) =>
        `${path.relative(from, f.filePath).split(path.sep).join('/')} ${m.ruleId}/${m.messageId}@${m.line}:${m.column}`,
    ),
  );
}

const SEED_FINDINGS = [
  `${SCENARIOS}/seed-terraform/policy.tf action-wildcard/everyAction@9:20`,
  `${SCENARIOS}/seed-terraform/policy.tf resource-bucket-mismatch/nearMiss@10:20`,
  `${SCENARIOS}/seed-terraform/policy.tf mfa-unsatisfiable/neverMfa@12:20`,
];

let temp: string | undefined;
afterEach(() => {
  if (temp) fs.rmSync(temp, { recursive: true, force: true });
  temp = undefined;
});

/** A copy of a scenario directory in a temporary folder (for runs that change files or write a cache). */
function copyScenario(name: string): string {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'iml-tfmod-'));
  fs.cpSync(path.join(root, SCENARIOS, name), path.join(temp, 'mod'), { recursive: true });
  return temp;
}

describe('the seed as a Terraform module split over three files', () => {
  it('no flag: action-wildcard, the bucket typo with "did you mean" and mfa-unsatisfiable, in policy.tf; exit 1', async () => {
    const run = await runMain([`${SCENARIOS}/seed-terraform`, '--format', 'json'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(brief(run.stdout)).toEqual(SEED_FINDINGS);
    const report = JSON.parse(run.stdout) as Reported[];
    // Every file of the module is reported; 2 documents were read (the trust and the permission policy).
    expect(report.map((f) => path.basename(f.filePath))).toEqual(['iam.tf', 'policy.tf', 's3.tf']);
    const stylish = await runMain([`${SCENARIOS}/seed-terraform`], root, { NO_COLOR: '1' });
    expect(stylish.stdout).toContain('3 problems (3 errors, 0 warnings) in 2 policies of 3 files');
    const [, typo, never] = report[1]!.messages;
    // The target bucket comes from s3.tf.
    expect(typo!.message).toContain('"my-s3-bucket-08-01-2023"');
    expect(typo!.message).toContain('did you mean "my-s3-bucket-09-01-2023"?');
    // The trust policy that makes the grant unsatisfiable is named by its file and line.
    expect(never!.message).toContain('role "aws_iam_role.tutorial" (assumable only by the service ec2.amazonaws.com');
    expect(never!.message).toContain('aws_iam_role.tutorial (iam.tf:7)');
  });

  it('the corrected module and the module whose policy a group shares give nothing; exit 0', async () => {
    const run = await runMain(
      [`${SCENARIOS}/seed-terraform-fixed`, `${SCENARIOS}/seed-terraform-group`, '--format', 'json'],
      root,
    );
    expect(run.stderr).toBe('');
    expect(brief(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('policy.tf named alone (as pre-commit names a staged file) is read with its module: the same three findings, only policy.tf reported', async () => {
    const run = await runMain([`${SCENARIOS}/seed-terraform/policy.tf`, '--format', 'json'], root);
    expect(run.stderr).toBe('');
    expect(brief(run.stdout)).toEqual(SEED_FINDINGS);
    expect((JSON.parse(run.stdout) as Reported[]).map((f) => path.basename(f.filePath))).toEqual(['policy.tf']);
    expect(run.code).toBe(1);
    // s3.tf named alone: the module is read, nothing of policy.tf is reported.
    const s3 = await runMain(
      [`${SCENARIOS}/seed-terraform/s3.tf`, '--format', 'json', '--skip-non-policy-files'],
      root,
    );
    expect(brief(s3.stdout)).toEqual([]);
    expect(s3.code).toBe(0);
  });

  it('a module file left out by --ignore-pattern is still read as context, never reported', async () => {
    const run = await runMain(
      [`${SCENARIOS}/seed-terraform`, '--ignore-pattern', '**/policy.tf', '--format', 'json'],
      root,
    );
    expect(brief(run.stdout)).toEqual([]);
    expect((JSON.parse(run.stdout) as Reported[]).map((f) => path.basename(f.filePath))).toEqual(['iam.tf', 's3.tf']);
    expect(run.code).toBe(0);
  });

  it('--stdin of one .tf file is linted alone', async () => {
    const text = fs.readFileSync(path.join(root, SCENARIOS, 'seed-terraform/policy.tf'));
    let stdout = '';
    const io: CliIo = {
      stdout: (s) => void (stdout += s),
      stderr: () => undefined,
      cwd: root,
      env: {},
      stdoutIsTTY: false,
      readStdin: async () => new Uint8Array(text),
    };
    const code = await main(['--stdin', '--stdin-filename', 'infra/policy.tf', '--format', 'json'], io);
    expect(brief(stdout)).toEqual(['infra/policy.tf action-wildcard/everyAction@9:20']);
    expect(code).toBe(1);
  });

  it('--rule and --bucket apply to module findings as to any other', async () => {
    const off = await runMain(
      [`${SCENARIOS}/seed-terraform`, '--format', 'json', '--rule', 'mfa-unsatisfiable:off'],
      root,
    );
    expect(brief(off.stdout)).toEqual(SEED_FINDINGS.slice(0, 2));
    // A target given on the command line replaces the one the module declares.
    const given = await runMain(
      [`${SCENARIOS}/seed-terraform`, '--format', 'json', '--bucket', 'my-s3-bucket-08-01-2023'],
      root,
    );
    expect(brief(given.stdout)).toEqual([SEED_FINDINGS[0], SEED_FINDINGS[2]]);
  });

  it('--cache keys the module by all its files: renaming the bucket in s3.tf changes the findings of policy.tf', async () => {
    const cwd = copyScenario('seed-terraform');
    const lint = () => runMain(['mod', '--cache', '--format', 'json'], cwd);
    const first = await lint();
    expect(brief(first.stdout, cwd)).toEqual(SEED_FINDINGS.map((b) => b.replace(`${SCENARIOS}/seed-terraform`, 'mod')));
    expect(await lint()).toEqual(first);
    const s3 = path.join(cwd, 'mod/s3.tf');
    fs.writeFileSync(s3, fs.readFileSync(s3, 'utf8').replace('09-01', '08-01'));
    const after = await lint();
    expect(brief(after.stdout, cwd)).toEqual([
      'mod/policy.tf action-wildcard/everyAction@9:20',
      'mod/policy.tf mfa-unsatisfiable/neverMfa@12:20',
    ]);
  });

  it('configuration overrides for one file of a module apply to that file; the module is still one set', async () => {
    const cwd = copyScenario('seed-terraform');
    fs.writeFileSync(
      path.join(cwd, 'iam-mfa-lint.config.json'),
      JSON.stringify({ overrides: [{ files: 'mod/policy.tf', rules: { 'action-wildcard': 'off' } }] }),
    );
    const run = await runMain(['mod', '--format', 'json'], cwd);
    expect(run.stderr).toBe('');
    expect(brief(run.stdout, cwd)).toEqual([
      'mod/policy.tf resource-bucket-mismatch/nearMiss@10:20',
      'mod/policy.tf mfa-unsatisfiable/neverMfa@12:20',
    ]);
  });

  it('a file of the module that is not HCL is reported in that file; the others are still read together', async () => {
    const cwd = copyScenario('seed-terraform');
    fs.writeFileSync(path.join(cwd, 'mod/broken.tf'), 'resource "x" {\n');
    const run = await runMain(['mod', '--format', 'json'], cwd);
    expect(brief(run.stdout, cwd)).toEqual([
      'mod/broken.tf invalid-json/syntax@1:14',
      ...SEED_FINDINGS.map((b) => b.replace(`${SCENARIOS}/seed-terraform`, 'mod')),
    ]);
    expect(run.code).toBe(1);
  });
});

describe('trust-policy-mfa-missing across the files of a module', () => {
  it("a role another account assumes without MFA (iam.tf) whose inline policy (policy.tf) reads a bucket: reported at the trust statement's Principal", async () => {
    const cwd = (temp = fs.mkdtempSync(path.join(os.tmpdir(), 'iml-tftrust-')));
    fs.mkdirSync(path.join(cwd, 'mod'));
    fs.writeFileSync(
      path.join(cwd, 'mod/iam.tf'),
      `resource "aws_iam_role" "auditor" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}
`,
    );
    const policy = `resource "aws_iam_role_policy" "read" {
  role = aws_iam_role.auditor.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::audit-reports/*" }]
  })
}
`;
    fs.writeFileSync(path.join(cwd, 'mod/policy.tf'), policy);
    const run = await runMain(['mod', '--format', 'json', '--rule', 'trust-account-unconditioned:off'], cwd);
    expect(brief(run.stdout, cwd)).toEqual(['mod/iam.tf trust-policy-mfa-missing/noMfa@6:7']);
    expect(run.stdout).toContain('policy.tf');
    expect(run.code).toBe(1);
    // Named alone, iam.tf is still read with its module (policy.tf as context, not reported).
    const named = await runMain(['mod/iam.tf', '--format', 'json', '--rule', 'trust-account-unconditioned:off'], cwd);
    expect(brief(named.stdout, cwd)).toEqual(['mod/iam.tf trust-policy-mfa-missing/noMfa@6:7']);
    expect((JSON.parse(named.stdout) as Reported[]).map((f) => path.basename(f.filePath))).toEqual(['iam.tf']);
    // Read truly alone (standard input), iam.tf has no policy that reaches a bucket.
    const io: CliIo = {
      stdout: (s) => void (stdout += s),
      stderr: () => undefined,
      cwd,
      env: {},
      stdoutIsTTY: false,
      readStdin: async () => new Uint8Array(fs.readFileSync(path.join(cwd, 'mod/iam.tf'))),
    };
    let stdout = '';
    const args = [
      '--stdin',
      '--stdin-filename',
      'mod/iam.tf',
      '--format',
      'json',
      '--rule',
      'trust-account-unconditioned:off',
    ];
    expect(await main(args, io)).toBe(0);
    expect(brief(stdout, cwd)).toEqual([]);
  });
});

describe('the seed as a plan (terraform show -json)', () => {
  it('links the attachment through the configuration (the new policy ARN is unknown): the same three findings', async () => {
    const run = await runMain(
      [`${SCENARIOS}/seed-terraform-plan/seed.plan.json`, `${SCENARIOS}/seed-terraform-plan/seed-fixed.plan.json`],
      root,
      { NO_COLOR: '1' },
    );
    const json = await runMain([`${SCENARIOS}/seed-terraform-plan`, '--format', 'json'], root);
    expect(brief(json.stdout)).toEqual([
      `${SCENARIOS}/seed-terraform-plan/seed.plan.json action-wildcard/everyAction@33:52`,
      `${SCENARIOS}/seed-terraform-plan/seed.plan.json mfa-unsatisfiable/neverMfa@33:83`,
      `${SCENARIOS}/seed-terraform-plan/seed.plan.json resource-bucket-mismatch/nearMiss@33:155`,
    ]);
    expect(run.stdout).toContain('did you mean "my-s3-bucket-09-01-2023"?');
    expect(run.stdout).toContain('role "tutorial-ec2-s3-role"');
    expect(json.code).toBe(1);
  });

  it("in a child module, the configuration references are the module call's (module.app.)", async () => {
    const file = path.join(root, SCENARIOS, 'seed-terraform-plan/seed.plan.json');
    const plan = JSON.parse(fs.readFileSync(file, 'utf8'));
    const resources = plan.planned_values.root_module.resources as Array<{ address: string }>;
    for (const r of resources) r.address = `module.app.${r.address}`;
    plan.planned_values.root_module = { resources: [], child_modules: [{ address: 'module.app', resources }] };
    plan.configuration.root_module = {
      module_calls: { app: { source: './app', module: plan.configuration.root_module } },
    };
    const r = await lintFile(JSON.stringify(plan, null, 2), file, { explicit: true });
    expect(r!.messages.map((m) => m.ruleId)).toEqual([
      'action-wildcard',
      'mfa-unsatisfiable',
      'resource-bucket-mismatch',
    ]);
    expect(r!.messages[1]!.message).toMatch(/^module\.app\.aws_iam_policy\.s3_access: /);
  });

  it('without the configuration, nothing links the policy to the role', async () => {
    const file = path.join(root, SCENARIOS, 'seed-terraform-plan/seed.plan.json');
    const plan = JSON.parse(fs.readFileSync(file, 'utf8'));
    delete plan.configuration;
    const r = await lintFile(JSON.stringify(plan, null, 2), file, { explicit: true });
    expect(r!.messages.map((m) => m.ruleId)).toEqual(['action-wildcard', 'resource-bucket-mismatch']);
  });
});

describe('policy sets of a module: every way Terraform links documents to people and roles', () => {
  const files = [
    {
      name: 'variables.tf',
      text: 'variable "role_name" {\n  default = "app-runner"\n}\n',
    },
    {
      name: 'iam.tf',
      text: `data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "app" {
  name                = var.role_name
  assume_role_policy  = data.aws_iam_policy_document.assume.json
  managed_policy_arns = [aws_iam_policy.shared.arn]
  inline_policy {
    name   = "logs"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "*" }] })
  }
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_group" "ops" {
  name = "ops"
}
`,
    },
    {
      name: 'policies.tf',
      text: `resource "aws_iam_policy" "shared" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

resource "aws_iam_user_policy_attachment" "alice" {
  user       = aws_iam_user.alice.name
  policy_arn = aws_iam_policy.shared.arn
}

resource "aws_iam_policy_attachment" "many" {
  name       = "many"
  groups     = [aws_iam_group.ops.name]
  roles      = ["app-runner"]
  policy_arn = aws_iam_policy.shared.arn
}

resource "aws_iam_group_policy" "ops" {
  group  = "ops"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:Describe*", Resource = "*" }] })
}

resource "aws_iam_instance_profile" "app" {
  role = aws_iam_role.app.id
}
`,
    },
  ];

  it('trust from a data source, managed_policy_arns, inline_policy, user, group and multi-holder attachments, instance profile, variables of another file', async () => {
    const x = await extractTerraformModule(files, nodeHclParser);
    expect(x.documents.map((d) => [d.file, d.label, d.kind])).toEqual([
      ['iam.tf', 'data.aws_iam_policy_document.assume', 'trust'],
      ['iam.tf', 'aws_iam_role.app/logs', 'identity'],
      ['policies.tf', 'aws_iam_policy.shared', 'identity'],
      ['policies.tf', 'aws_iam_group_policy.ops', 'identity'],
    ]);
    // The literal "app-runner" is the role's name (var.role_name's default, in variables.tf).
    expect(x.roles).toEqual([{ id: 'aws_iam_role.app', trust: 0, policies: [1, 2], instanceProfile: true }]);
    expect(x.people).toEqual([
      { kind: 'user', id: 'aws_iam_user.alice', policies: [2] },
      { kind: 'group', id: 'aws_iam_group.ops', policies: [2, 3] },
    ]);
  });

  it('lintModule returns one result per file, in order', async () => {
    const results = await lintModule(files, { hcl: nodeHclParser });
    expect(results.map((r) => r.documents)).toEqual([0, 2, 2]);
  });
});

describe('locals and data sources of another file of the module', () => {
  const files = [
    {
      name: 'locals.tf',
      text: `locals {
  reader = {
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  }
}
`,
    },
    {
      name: 'main.tf',
      text: `resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = one(data.aws_iam_policy_document.trust[*].json)
  inline_policy {
    name   = "logs"
    policy = data.aws_iam_policy_document.logs.json
  }
}

resource "aws_iam_role_policy" "read" {
  role   = aws_iam_role.app.id
  policy = jsonencode(local.reader)
}
`,
    },
    {
      name: 'data.tf',
      text: `data "aws_iam_policy_document" "trust" {
  count = 1
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:PutLogEvents"]
    resources = ["*"]
  }
}
`,
    },
  ];

  it('a local is read in the file where it is written; one(X[*].json) and an inline_policy reference link the role', async () => {
    const x = await extractTerraformModule(files, nodeHclParser);
    expect(x.documents.map((d) => [d.file, d.label, d.kind, d.range.line])).toEqual([
      ['locals.tf', 'local.reader', 'identity', 2],
      ['data.tf', 'data.aws_iam_policy_document.trust', 'trust', 1],
      ['data.tf', 'data.aws_iam_policy_document.logs', 'identity', 12],
    ]);
    expect(x.roles).toEqual([{ id: 'aws_iam_role.app', trust: 1, policies: [2, 0], instanceProfile: false }]);
  });
});

describe('resource types named like Object.prototype members (found by tests/fuzz.test.ts)', () => {
  it('a plan and a module with resources of type __proto__ and constructor are read without a crash', async () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: ['__proto__', 'constructor', 'toString'].map((type) => ({
            address: `${type}.x`,
            type,
            values: { role: 'r', policy_arn: 'arn:aws:iam::1:policy/p' },
          })),
        },
      },
    };
    const r = await lintFile(JSON.stringify(plan), 'plan.json', { explicit: true });
    expect(r!.messages).toEqual([]);
    const results = await lintModule(
      [
        {
          name: 'a.tf',
          text: 'resource "__proto__" "x" {\n  role = "r"\n}\nresource "constructor" "y" {\n  role = "r"\n}\n',
        },
      ],
      { hcl: nodeHclParser },
    );
    expect(results.map((x) => x.messages)).toEqual([[]]);
  });
});

describe('YAML that AWS accepts', () => {
  it('a plain policy written as YAML is linted with positions, found by a walk', async () => {
    const run = await runMain(
      [`${SCENARIOS}/seed-yaml`, '--format', 'json', '--bucket', 'my-s3-bucket-09-01-2023'],
      root,
    );
    expect(brief(run.stdout)).toEqual([
      `${SCENARIOS}/seed-yaml/permission-policy.yaml action-wildcard/everyAction@5:13`,
      `${SCENARIOS}/seed-yaml/permission-policy.yaml resource-bucket-mismatch/nearMiss@6:15`,
    ]);
    expect(run.code).toBe(1);
    // Any other YAML found by a walk is still skipped; named, it is reported.
    const cwd = (temp = fs.mkdtempSync(path.join(os.tmpdir(), 'iml-yaml-')));
    fs.writeFileSync(path.join(cwd, 'ci.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n');
    fs.writeFileSync(
      path.join(cwd, 'policy.yml'),
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:*\n    Resource: "*"\n',
    );
    const walked = await runMain(['.', '--format', 'json'], cwd);
    expect(brief(walked.stdout, cwd)).toEqual(['policy.yml action-wildcard/serviceWildcard@4:13']);
    expect(walked.code).toBe(0);
  });

  it('a template with one computed resource Type (cfn-lint fixture) is read: its other resources are linted', () => {
    const file = path.join(
      root,
      'fixtures/real-world/aws-cloudformation__cfn-lint/test/fixtures/templates/bad/resources/primary_identifiers.yaml',
    );
    const x = detectInput(fs.readFileSync(file, 'utf8'), file);
    if (!('documents' in x)) throw new Error(`not extracted: ${x.format}`);
    expect(x.format).toBe('cloudformation');
    expect(x.roles.map((r) => r.id)).toEqual([
      'RootRole',
      'RootRole2',
      'RootRole3',
      'RootRole4',
      'RootRole5',
      'RootRole6',
    ]);
  });
});

describe('references inside function calls are found in linear time (the reference scan is no hang)', () => {
  it('a 100,000-character name and 50,000 unclosed brackets in a role attribute: read within 3 CPU s', async () => {
    for (const inner of ['a'.repeat(100_000), 'a['.repeat(50_000)]) {
      const text = `resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = "\${f(${inner})}"\n}\n`;
      const start = process.cpuUsage();
      const x = await extractTerraformModule([{ name: 'main.tf', text }], nodeHclParser);
      const used = process.cpuUsage(start);
      expect((used.user + used.system) / 1000).toBeLessThan(3000);
      expect(x.documents).toEqual([]);
    }
  });
});
