import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  evaluate,
  lintFileSync,
  lintText,
  ruleIds,
  toEvalPolicy,
  verifyBucket,
  type LintOptions,
} from '@iam-mfa-lint/core';
import { iamData } from './helpers/iam-data.ts';
import { runMain } from '../packages/cli/test/helpers/run-main.ts';
import { cpuMs } from './helpers/cpu.ts';

// Regression tests for the defects of issue 13 (each reproduced before its fix).

/** Every rule on, with IAM data and a target bucket: the widest path through the rules. */
const ALL: LintOptions = {
  rules: Object.fromEntries(ruleIds.map((id) => [id, 'error' as const])),
  iamData,
  buckets: ['my-s3-bucket-09-01-2023'],
};

function policy(statement: Record<string, unknown> | Array<Record<string, unknown>>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statement }, null, 2);
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-attack-'));
}

describe('1: wildcards cost linear time', () => {
  it('"s3:*?*?*?*?*?*?*?*?*?*?!" with every rule and IAM data lints in well under a second', () => {
    const text = policy({ Effect: 'Allow', Action: 's3:*?*?*?*?*?*?*?*?*?*?!', Resource: 's3:*?*?*?*?*?*?*?*?*?*?!' });
    lintText(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), ALL); // warm the S3 data
    const { value: r, ms } = cpuMs(() => lintText(text, ALL));
    expect(ms).toBeLessThan(1000);
    expect(r.messages.some((m) => m.ruleId === 'unknown-action')).toBe(true);
  });
});

describe('1: no regular expression is built at run time from anything but a constant', () => {
  // Each allowed call names its file and the exact line, so a new call (or a changed one) fails.
  const ALLOWED: Record<string, string[]> = {};

  function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? sources(p) : /\.[cm]?[jt]s$/.test(e.name) ? [p] : [];
    });
  }

  it('packages/core/src and packages/cli/src call RegExp() only where allow-listed', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const found: string[] = [];
    for (const file of [
      ...sources(path.join(root, 'packages/core/src')),
      ...sources(path.join(root, 'packages/cli/src')),
    ]) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line) => {
          if (/\bRegExp\s*\(/.test(line)) found.push(`${rel}: ${line.trim()}`);
        });
    }
    const allowed = Object.entries(ALLOWED).flatMap(([file, lines]) => lines.map((l) => `${file}: ${l}`));
    expect(found).toEqual(allowed);
  });
});

const PROTO_KEYS = [
  'constructor',
  '__proto__',
  'CONSTRUCTOR',
  '__PROTO__',
  'Constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf',
];

/** Policies that put one object-prototype name in every position a policy supplies a key or name. */
function protoPolicies(k: string): string[] {
  const cond = (c: Record<string, unknown>) =>
    policy({
      Sid: 'A',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::my-s3-bucket-09-01-2023/*',
      Condition: c,
    });
  return [
    cond({ StringEquals: { [k]: 'x' } }),
    cond({ StringEquals: { [`aws:${k}`]: 'x' } }),
    cond({ StringEquals: { [`s3:${k}`]: 'x' } }),
    cond({ StringEquals: { [`aws:ResourceTag/${k}`]: 'x', [`aws:PrincipalTag/${k}`]: 'y' } }),
    cond({ [k]: { 'aws:MultiFactorAuthPresent': 'true' } }),
    cond({ [`${k}IfExists`]: { [k]: 'true' } }),
    cond({ [`ForAnyValue:${k}`]: { [k]: ['a'] } }),
    cond({ Bool: { [k]: 'true' }, BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }),
    policy({
      Sid: k,
      Effect: 'Allow',
      Action: [`${k}:${k}`, `s3:${k}`, `${k}:*`, k],
      Resource: [k, `arn:aws:${k}:::${k}`, `arn:aws:s3:::${k}/*`],
    }),
    policy([
      { Sid: k, Effect: 'Deny', NotAction: `${k}:x`, NotResource: `arn:aws:${k}:us-east-1:123456789012:${k}/x` },
      { Sid: k, Effect: 'Deny', Action: 's3:*', Resource: '*' },
    ]),
    policy({
      Effect: 'Allow',
      Principal: { [k]: 'x' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::my-s3-bucket-09-01-2023/*',
    }),
    policy({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::123456789012:${k}` },
      NotPrincipal: { [k]: '*' },
      Action: 'sts:AssumeRole',
    }),
    policy({ Effect: k, Action: 's3:GetObject', Resource: '*' }),
    JSON.stringify({
      Version: k,
      Id: k,
      [k]: 1,
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', [k]: { [k]: k } }],
    }),
    `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"${k}": "a", "${k}": "b"}}}]}`,
  ];
}

describe('2: object-prototype names as policy keys', () => {
  it('lintText never throws and reports them as unknown keys, operators or names', () => {
    for (const k of PROTO_KEYS) {
      for (const text of protoPolicies(k)) {
        expect(() => lintText(text, ALL), `${k} in ${text}`).not.toThrow();
      }
    }
    const r = lintText(
      policy({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { StringEquals: { constructor: 'x' } },
      }),
      ALL,
    );
    expect(
      r.messages.filter((m) => m.ruleId === 'condition-key-unknown').map((m) => [m.messageId, m.line, m.column]),
    ).toEqual([['malformed', 9, 9]]);
    const tag = lintText(
      policy({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { StringEquals: { 's3:__proto__': 'x' } },
      }),
      ALL,
    );
    expect(
      tag.messages.filter((m) => m.ruleId === 'condition-key-unknown').map((m) => [m.messageId, m.line, m.column]),
    ).toEqual([['unknownKey', 9, 9]]);
    const op = lintText(
      policy({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { ['__proto__']: { 'aws:SourceIp': '10.0.0.0/8' } },
      }),
      ALL,
    );
    expect(op.messages.filter((m) => m.ruleId === 'condition-operator-unknown').map((m) => [m.line, m.column])).toEqual(
      [[8, 7]],
    );
  });

  it('the CLI lints every file of a run and reports each one', async () => {
    const dir = tmp();
    const names: string[] = [];
    for (const k of PROTO_KEYS.slice(0, 4)) {
      protoPolicies(k).forEach((text, i) => {
        const name = `${k.replace(/_/g, 'u')}-${i}.json`;
        fs.writeFileSync(path.join(dir, name), text);
        names.push(name);
      });
    }
    fs.writeFileSync(path.join(dir, 'zz-star.json'), policy({ Effect: 'Allow', Action: '*', Resource: '*' }));
    // Terraform source: principal types and condition tests and variables become object keys.
    fs.writeFileSync(
      path.join(dir, 'proto.tf'),
      `data "aws_iam_policy_document" "constructor" {
  statement {
    sid     = "__proto__"
    actions = ["constructor:*"]
    principals {
      type        = "__proto__"
      identifiers = ["polluted"]
    }
    condition {
      test     = "__proto__"
      variable = "polluted"
      values   = ["true"]
    }
    condition {
      test     = "constructor"
      variable = "__proto__"
      values   = ["x"]
    }
  }
}
`,
    );
    names.push('proto.tf');
    const r = await runMain(['--format', 'json', '--bucket', 'my-s3-bucket-09-01-2023', '.'], dir);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.stderr).toBe('');
    const files = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>;
    expect(files.map((f) => path.basename(f.filePath)).sort()).toEqual([...names, 'zz-star.json'].sort());
    expect(files.find((f) => f.filePath.endsWith('zz-star.json'))!.messages.map((m) => m.ruleId)).toContain(
      'action-wildcard',
    );
    expect(r.code).toBe(1);
  });
});

describe('11: a syntax error never points past the end of the text', () => {
  /** The UTF-16 offset of a 1-based line and column (CRLF, CR and LF end lines). */
  function offsetOf(text: string, line: number, column: number): number {
    const starts = [0];
    for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
    return starts[line - 1]! + column - 1;
  }

  it.each(['{', '[', '{"a":', '{\n', '"abc', '{"Version"', '{\r\n', '{"Statement": [', 'tru', '{"a": 1,'])(
    '%j',
    (text) => {
      const [m, ...rest] = lintText(text).messages;
      expect(rest).toEqual([]);
      expect(m!.ruleId).toBe('invalid-json');
      const start = offsetOf(text, m!.line, m!.column);
      const end = offsetOf(text, m!.endLine, m!.endColumn);
      expect(start).toBeLessThanOrEqual(end);
      expect(end).toBeLessThanOrEqual(text.length);
    },
  );

  it('"{" reports the end of the text as an empty range at line 1, column 2', () => {
    expect(lintText('{').messages.map((m) => [m.messageId, m.line, m.column, m.endLine, m.endColumn])).toEqual([
      ['syntax', 1, 2, 1, 2],
    ]);
  });
});

describe('12: verify refuses to prove anything from an invalid condition', () => {
  const BUCKET = 'my-s3-bucket-09-01-2023';
  const allow = { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` };
  const deny = (condition: unknown) => ({
    Sid: 'DenyWithoutMfa',
    Effect: 'Deny',
    Action: '*',
    Resource: '*',
    Condition: condition,
  });
  const invalid: Array<[string, unknown]> = [
    ['null value', { BoolIfExists: { 'aws:MultiFactorAuthPresent': null } }],
    ['object value', { BoolIfExists: { 'aws:MultiFactorAuthPresent': { x: 'false' } } }],
    ['empty list', { BoolIfExists: { 'aws:MultiFactorAuthPresent': [] } }],
    ['null in a list', { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false', null] } }],
    ['operator block not an object', { BoolIfExists: 'aws:MultiFactorAuthPresent' }],
    ['Condition not an object', ['BoolIfExists']],
    ['unknown operator', { BoolIfExist: { 'aws:MultiFactorAuthPresent': 'false' } }],
  ];

  it.each(invalid)('core: %s gives an error result naming the statement, never "enforced"', (_, condition) => {
    const r = verifyBucket(BUCKET, [
      toEvalPolicy('p.json', 'identity', { Version: '2012-10-17', Statement: [allow, deny(condition)] }),
    ]);
    expect(r.enforced).toBe(false);
    expect(r.invalid).toMatchObject({
      policyId: 'p.json',
      statement: 'Statement "DenyWithoutMfa"',
      pointer: '/Statement/1',
    });
    expect(r.requests).toBe(0);
  });

  it('core: the valid Deny still proves MFA enforced', () => {
    const r = verifyBucket(BUCKET, [
      toEvalPolicy('p.json', 'identity', {
        Version: '2012-10-17',
        Statement: [allow, deny({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } })],
      }),
    ]);
    expect(r.invalid).toBeUndefined();
    expect(r.enforced).toBe(true);
  });

  it('CLI: exit 2 with one line naming the file and the statement', async () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, 'p.json'),
      policy([allow, deny({ BoolIfExists: { 'aws:MultiFactorAuthPresent': null } })]),
    );
    const r = await runMain(['verify', '--bucket', BUCKET, 'p.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'iam-mfa-lint: p.json:17: Statement "DenyWithoutMfa": the value of BoolIfExists aws:MultiFactorAuthPresent is null, not a string, number or boolean; verify proves nothing from an invalid policy\n',
    );
  });
});

describe('4: sizes', () => {
  it('a JSON string of 9 million characters, in every position, with every rule', () => {
    const huge = 'a'.repeat(9_000_000);
    const texts = [
      policy({ Sid: huge, Effect: 'Allow', Action: `s3:${huge}`, Resource: `arn:aws:s3:::${huge}` }),
      policy({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { StringEquals: { [`aws:PrincipalTag/${huge}`]: huge } },
      }),
      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:${'\\"'.repeat(2_000_000)}", "Resource": "*"}]}`,
      `{"Version": "2012-10-17", "Statement": "${huge}`,
    ];
    for (const text of texts) {
      const { value: r, ms } = cpuMs(() => lintText(text, ALL));
      expect(r.messages.length).toBeGreaterThan(0);
      expect(ms).toBeLessThan(30_000);
    }
  }, 120_000);

  it('10,000 identical statements: every rule in linear time; statement-redundant and sid-duplicate report each copy', () => {
    const one = {
      Sid: 'S',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: ['arn:aws:s3:::my-s3-bucket-09-01-2023/*'],
    };
    const text = policy(Array.from({ length: 10_000 }, () => one));
    const only = (id: string): LintOptions => ({
      ...ALL,
      rules: Object.fromEntries(ruleIds.map((r) => [r, r === id ? 'error' : 'off'])),
    });
    for (const [id, line] of [
      ['statement-redundant', 17],
      ['sid-duplicate', 15],
    ] as const) {
      const { value: r, ms } = cpuMs(() => lintText(text, only(id)));
      expect(ms, id).toBeLessThan(10_000);
      expect(r.messages).toHaveLength(9_999);
      expect(r.messages[0]!.line).toBe(line);
    }
    const redundant = lintText(text, only('statement-redundant')).messages;
    expect(redundant.map((m) => m.messageId)).toEqual(Array(9_999).fill('statementCovered'));
    expect(redundant.at(-1)!.message).toContain('Statement "S" (line 4)');
  }, 120_000);

  it('statement-redundant says the policy is too large rather than compare millions of distinct pairs', () => {
    const text = policy(
      Array.from({ length: 3_000 }, (_, i) => ({
        Effect: 'Allow',
        Action: ['s3:GetObject', `s3:Get${'x'.repeat(i % 50)}Object${i}`],
        Resource: '*',
      })),
    );
    const { value: r, ms } = cpuMs(() => lintText(text, { rules: { 'statement-redundant': 'error' } }));
    expect(ms).toBeLessThan(10_000);
    expect(
      r.messages.filter((m) => m.ruleId === 'statement-redundant').map((m) => [m.messageId, m.line, m.column]),
    ).toEqual([['tooLarge', 1, 1]]);
  }, 60_000);
});

describe('13: NotPrincipal with an account ARN in a Deny exempts only the principals it names', () => {
  // IAM User Guide, "AWS JSON policy elements: NotPrincipal": with NotPrincipal [user/Bob, account
  // 444455556666 root], "all principals except the user named Bob in AWS account 444455556666 are
  // explicitly denied"; the account entry is there so that the account itself is not denied.
  const bucketPolicy = toEvalPolicy('bucket.json', 'resource', {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowAccount',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444455556666:root' },
        Action: 's3:*',
        Resource: ['arn:aws:s3:::BUCKETNAME', 'arn:aws:s3:::BUCKETNAME/*'],
      },
      {
        Sid: 'DenyAllButBob',
        Effect: 'Deny',
        NotPrincipal: { AWS: ['arn:aws:iam::444455556666:user/Bob', 'arn:aws:iam::444455556666:root'] },
        Action: 's3:*',
        Resource: ['arn:aws:s3:::BUCKETNAME', 'arn:aws:s3:::BUCKETNAME/*'],
      },
    ],
  });
  const identity = toEvalPolicy('admin.json', 'identity', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  });
  const ask = (principal: string) =>
    evaluate(
      { principal, action: 's3:GetObject', resource: 'arn:aws:s3:::BUCKETNAME/key', resourceAccount: '111122223333' },
      [bucketPolicy, identity],
    );

  it('Bob is not denied', () => {
    expect(ask('arn:aws:iam::444455556666:user/Bob').decision).toBe('allow');
  });
  it('another user of the same account is denied by DenyAllButBob', () => {
    const r = ask('arn:aws:iam::444455556666:user/Alice');
    expect(r.decision).toBe('explicit-deny');
    expect(r.statements.map((s) => s.pointer)).toEqual(['/Statement/1']);
  });
  it('a role session of the same account is denied too', () => {
    expect(ask('arn:aws:sts::444455556666:assumed-role/Ops/session').decision).toBe('explicit-deny');
  });
  it('the account principal itself is exempt', () => {
    expect(ask('arn:aws:iam::444455556666:root').decision).toBe('allow');
  });
});

describe('F: YAML templates cannot crash or stall the yaml parser', () => {
  const template = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;
  /** Lints a text as `template.yaml` with every rule: its findings and the CPU time it took. */
  function lintYaml(text: string) {
    const { value, ms } = cpuMs(() => lintFileSync(text, 'template.yaml', ALL));
    const found = (value?.messages ?? []).map((m) => `${m.ruleId}/${m.messageId}@${m.line}:${m.column}`);
    return { found, messages: value?.messages ?? [], ms };
  }
  lintYaml(template('  R:\n    Type: AWS::IAM::ManagedPolicy\n')); // warm the parser

  // Before: "Maximum call stack size exceeded" at a column that changed from run to run, and a
  // 1,000-level sequence followed by blank lines aborted the process inside V8.
  it('100,000 levels of nesting, block or flow, plain or under !Sub: one tooDeep finding at the first token past 256', () => {
    const n = 100_000;
    const cases: Array<[string, string, string]> = [
      ['block sequences', `  R:\n    ${'- '.repeat(n)}x\n`, '4:513'],
      ['flow sequences', `  R: ${'['.repeat(n)}${']'.repeat(n)}\n`, '3:260'],
      ['flow mappings', `  R: ${'{a: '.repeat(n)}x${'}'.repeat(n)}\n`, '3:1022'],
      ['!Sub lists', `  R: ${'!Sub ['.repeat(n)}x${']'.repeat(n)}\n`, '3:1535'],
      [
        'a deep sequence, then blank lines',
        `  R:\n    ${'- '.repeat(1_000)}x\n${'\n'.repeat(160_000)}  - y\n`,
        '4:513',
      ],
    ];
    for (const [what, resources, at] of cases) {
      const { found, messages, ms } = lintYaml(template(resources));
      expect(found, what).toEqual([`invalid-json/tooDeep@${at}`]);
      expect(messages[0]!.message).toBe(
        'Invalid YAML: the document nests more than 256 levels deep (collections inside collections)',
      );
      expect(ms, what).toBeLessThan(2_000);
    }
  });

  it('through the CLI: exit 1, the one finding in the report, nothing on stderr', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'deep.yaml'), template(`  R: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`));
    const r = await runMain(['--format', 'compact', 'deep.yaml'], dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'deep.yaml:3:260: error Invalid YAML: the document nests more than 256 levels deep (collections inside collections) [invalid-json]\n',
    );
    expect(r.code).toBe(1);
  });

  it('an alias bomb ("billion laughs", 10^10 leaves) is reported at its first alias, never expanded', () => {
    const list = (item: string) => `[${Array(10).fill(item).join(', ')}]`;
    const levels = Array.from({ length: 10 }, (_, i) => `  a${i}: &a${i} ${list(i === 0 ? 'lol' : `*a${i - 1}`)}`);
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nMappings:\n${levels.join('\n')}\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: !Sub [x, *a9]\n`;
    const { found, messages, ms } = lintYaml(text);
    expect(found).toEqual(['invalid-json/syntax@4:12']);
    expect(messages[0]!.message).toBe('Invalid YAML: aliases (*name) are not supported in templates');
    expect(ms).toBeLessThan(1_000);
  });

  it('a 1,000,000-character key and a 50,000-entry flow list of actions cost linear time', () => {
    const longKey = lintYaml(template(`  ${'K'.repeat(1_000_000)}: x\n`));
    expect(longKey.found).toEqual(['invalid-json/syntax@3:3']);
    expect(longKey.ms).toBeLessThan(2_000);
    const actions = [...Array(49_999).fill('s3:GetObject'), 's3:*'].join(', ');
    const flow = lintYaml(
      template(
        `  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: [${actions}]\n            Resource: "*"\n`,
      ),
    );
    expect(flow.found.filter((f) => f.startsWith('action-wildcard/'))).toEqual([
      `action-wildcard/serviceWildcard@10:${'            Action: ['.length + 49_999 * 'S3:GetObject, '.length + 1}`,
    ]);
    expect(flow.ms).toBeLessThan(10_000);
  }, 60_000);
});

describe('F: a YAML file of a million syntax errors', () => {
  // yaml makes an Error per problem; tree.ts turns off V8's stack capture while it parses (only
  // the first error is read). Before: 1 MB of stray `]` took about 15 CPU seconds, these 300 KB about 4.6; now about 2.
  it('300,000 stray brackets: the first error, in linear time', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nResources: x\n${']'.repeat(300_000)}\n`;
    lintFileSync('AWSTemplateFormatVersion: "2010-09-09"\nResources: x\n]\n', 'template.yaml', ALL);
    const limit = Error.stackTraceLimit;
    const { value, ms } = cpuMs(() => lintFileSync(text, 'template.yaml', ALL));
    expect(Error.stackTraceLimit).toBe(limit); // restored
    expect(value!.messages.map((m) => [m.ruleId, m.messageId, m.line, m.column, m.message])).toEqual([
      ['invalid-json', 'syntax', 3, 1, 'Invalid YAML: Unexpected flow-seq-end token in YAML stream: "]"'],
    ]);
    expect(ms).toBeLessThan(3_200);
  });
});
