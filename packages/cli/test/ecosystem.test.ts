import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AjvDraft04Import from 'ajv-draft-04';
import { rules } from '@iam-mfa-lint/core';
import { runMain } from './helpers/run-main.js';

const BUCKET = 'my-s3-bucket-09-01-2023';
const repoRoot = path.join(__dirname, '..', '..', '..');
const SEED = fs.readFileSync(path.join(repoRoot, 'fixtures/scenarios/seed/permission-policy.json'), 'utf8');
/** A Deny with Bool "false" (weak, fixable) in a statement with a Sid, and a wildcard Allow. */
const WEAK = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AllowAll', Effect: 'Allow', Action: 'ec2:*', Resource: 'arn:aws:ec2:*:*:instance/*' },
      {
        Sid: 'DenyNoMfa',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ],
  },
  null,
  2,
);

let root: string;

function write(rel: string, content: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

function run(argv: string[], cwd = root) {
  return runMain(argv, cwd);
}

type Json = Array<{
  filePath: string;
  messages: Array<{ ruleId: string; messageId: string; line: number; column: number; severity: number }>;
}>;
const findings = (stdout: string) =>
  (JSON.parse(stdout) as Json).flatMap((f) =>
    f.messages.map((m) => [
      path.relative(root, f.filePath).split(path.sep).join('/'),
      m.ruleId,
      m.severity,
      m.line,
      m.column,
    ]),
  );

beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-eco-')));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('config file', () => {
  it('is found by walking up from the current directory: buckets, rules, overrides, ignorePatterns', async () => {
    write(
      'iam-mfa-lint.config.json',
      JSON.stringify({
        buckets: [BUCKET],
        rules: { 'action-wildcard': 'warn' },
        ignorePatterns: ['vendor'],
        overrides: [
          { files: ['team/legacy/**'], rules: { 'action-wildcard': 'off' }, buckets: ['my-s3-bucket-08-01-2023'] },
        ],
      }),
    );
    write('team/policies/seed.json', SEED);
    write('team/legacy/seed.json', SEED);
    write('team/vendor/x/seed.json', SEED);
    const r = await run(['--format', 'json', '.'], path.join(root, 'team'));
    expect(r.stderr).toBe('');
    expect(findings(r.stdout)).toEqual([
      ['team/policies/seed.json', 'action-wildcard', 1, 6, 17],
      ['team/policies/seed.json', 'resource-bucket-mismatch', 2, 7, 19],
    ]);
    expect(r.code).toBe(1);
    // The command line wins over the config.
    const cli = await run(
      ['--format', 'json', '--rule', 'action-wildcard:error', '--bucket', 'my-s3-bucket-08-01-2023', 'policies'],
      path.join(root, 'team'),
    );
    expect(findings(cli.stdout)).toEqual([['team/policies/seed.json', 'action-wildcard', 2, 6, 17]]);
  });

  it('--config FILE and rule options as [level, options]; --print-config shows the effective settings', async () => {
    write(
      'conf/custom.json',
      JSON.stringify({
        buckets: ['a-bucket'],
        rules: { 'mfa-condition-missing': ['warn', {}] },
        overrides: [{ files: 'p/*.json', policyType: 'identity' }],
      }),
    );
    write('p/x.json', '{}');
    const r = await run(['--config', 'conf/custom.json', '--print-config', 'p/x.json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      configFile: 'conf/custom.json',
      file: 'p/x.json',
      ignored: false,
      buckets: ['a-bucket'],
      policyType: 'detected from each document',
      rules: { 'mfa-condition-missing': ['warn', {}] },
      ignore: [],
    });
    // Globs are relative to the config file's folder: p/*.json is conf/p/*.json here.
    write('conf/p/y.json', '{}');
    const y = await run(['--config', 'conf/custom.json', '--print-config', 'conf/p/y.json']);
    expect(JSON.parse(y.stdout).policyType).toBe('identity');
  });

  it.each([
    [
      { rules: { 'action-wildcard': 'warning' } },
      'iam-mfa-lint.config.json: rules["action-wildcard"]: must be "off", "warn", "error" or ["off"|"warn"|"error", {options}]',
    ],
    [
      { rules: { 'no-such-rule': 'off' } },
      'iam-mfa-lint.config.json: rules["no-such-rule"]: unknown rule "no-such-rule"',
    ],
    [{ bucket: ['x'] }, 'iam-mfa-lint.config.json: bucket: unknown key'],
    [{ overrides: [{ rules: {} }] }, 'iam-mfa-lint.config.json: overrides[0]: missing required key "files"'],
    [{ policyType: 'role' }, 'iam-mfa-lint.config.json: policyType: must be one of "identity", "resource", "trust"'],
    [{ ignore: [{ rule: 'action-wildcard', sid: 3 }] }, 'iam-mfa-lint.config.json: ignore[0].sid: must be string'],
    [{ ignore: [{ rule: 'nope' }] }, 'iam-mfa-lint.config.json: ignore[0].rule: unknown rule "nope"'],
  ])('rejects %j with one line naming the key, exit 2', async (config, message) => {
    write('iam-mfa-lint.config.json', JSON.stringify(config));
    write('a.json', '{}');
    const r = await run(['a.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`iam-mfa-lint: ${message}\n`);
  });

  it('rejects a config that is not JSON, or a missing --config file', async () => {
    write('iam-mfa-lint.config.json', '{ "rules": ');
    write('a.json', '{}');
    const bad = await run(['a.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^iam-mfa-lint: iam-mfa-lint\.config\.json: not valid JSON \(.+\)\n$/);
    const missing = await run(['--config', 'nope.json', 'a.json']);
    expect([missing.code, missing.stderr]).toEqual([2, 'iam-mfa-lint: nope.json: no such file\n']);
  });
});

describe('ignore entries', () => {
  it('suppress findings by rule, files and Sid; --report-unused-ignores reports the rest at their line', async () => {
    write(
      'iam-mfa-lint.config.json',
      [
        '{',
        '  "ignore": [',
        '    { "rule": "mfa-condition-weak", "files": "policies/*.json", "sid": "DenyNoMfa", "reason": "ticket 42" },',
        '    { "rule": "action-wildcard", "sid": "NoSuchSid" }',
        '  ]',
        '}',
      ].join('\n'),
    );
    write('policies/weak.json', WEAK);
    write('other/weak.json', WEAK);
    const r = await run(['--format', 'json', 'policies', 'other']);
    expect(findings(r.stdout)).toEqual([
      ['policies/weak.json', 'action-wildcard', 1, 7, 17],
      ['other/weak.json', 'action-wildcard', 1, 7, 17],
      ['other/weak.json', 'mfa-condition-weak', 2, 16, 9],
    ]);
    const unused = await run(['--format', 'json', '--report-unused-ignores', 'policies', 'other']);
    expect(findings(unused.stdout).slice(3)).toEqual([['iam-mfa-lint.config.json', 'unused-ignore', 2, 4, 5]]);
    expect((JSON.parse(unused.stdout) as Json)[2]!.messages[0]!.messageId).toBe('unusedIgnore');
    expect(unused.code).toBe(1);
    // unused-ignore is a declared rule: its level follows --rule like every other rule's.
    const warn = await run([
      '--format',
      'json',
      '--report-unused-ignores',
      '--rule',
      'unused-ignore:warn',
      'policies',
      'other',
    ]);
    expect((JSON.parse(warn.stdout) as Json)[2]!.messages[0]!.severity).toBe(1);
    const off = await run([
      '--format',
      'json',
      '--report-unused-ignores',
      '--rule',
      'unused-ignore:off',
      'policies',
      'other',
    ]);
    expect(findings(off.stdout).map((f) => f[1])).not.toContain('unused-ignore');
  });
});

describe('baseline', () => {
  it('--write-baseline records today; --baseline reports only new findings, surviving unrelated edits', async () => {
    const file = write('policies/weak.json', WEAK);
    const w = await run(['--write-baseline', '.iam-mfa-lint-baseline.json', 'policies']);
    expect(w.code).toBe(0);
    expect(w.stderr).toBe('iam-mfa-lint: wrote 2 findings to .iam-mfa-lint-baseline.json\n');
    const baseline = JSON.parse(fs.readFileSync(path.join(root, '.iam-mfa-lint-baseline.json'), 'utf8'));
    expect(
      baseline.findings.map((e: { file: string; ruleId: string; count: number }) => [e.file, e.ruleId, e.count]),
    ).toEqual([
      ['policies/weak.json', 'action-wildcard', 1],
      ['policies/weak.json', 'mfa-condition-weak', 1],
    ]);

    const same = await run(['--baseline', '.iam-mfa-lint-baseline.json', '--format', 'json', 'policies']);
    expect([same.code, findings(same.stdout)]).toEqual([0, []]);

    // Unrelated edits: statements reordered, keys reordered, reformatted, a statement added.
    const doc = JSON.parse(WEAK);
    doc.Statement.reverse();
    doc.Statement[0] = {
      Condition: doc.Statement[0].Condition,
      Effect: 'Deny',
      Resource: '*',
      Action: '*',
      Sid: 'DenyNoMfa',
    };
    doc.Statement.unshift({ Sid: 'Read', Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' });
    fs.writeFileSync(file, JSON.stringify(doc, null, 4));
    const moved = await run(['--baseline', '.iam-mfa-lint-baseline.json', '--format', 'json', 'policies']);
    expect([moved.code, findings(moved.stdout)]).toEqual([0, []]);

    // A new mistake is reported.
    doc.Statement.push({ Sid: 'New', Effect: 'Allow', Action: '*', Resource: 'arn:aws:ec2:*:*:instance/*' });
    fs.writeFileSync(file, JSON.stringify(doc, null, 4));
    const added = await run(['--baseline', '.iam-mfa-lint-baseline.json', '--format', 'json', 'policies']);
    expect(added.code).toBe(1);
    // Line 30 is the new statement's "Action": "*" (the fourth statement, 4-space indents).
    expect(JSON.stringify(doc, null, 4).split('\n')[29]).toBe('            "Action": "*",');
    expect(findings(added.stdout).filter((f) => f[1] === 'action-wildcard')).toEqual([
      ['policies/weak.json', 'action-wildcard', 2, 30, 23],
    ]);
  });

  it('rejects a baseline that is not one', async () => {
    write('b.json', '{"findings": 3}');
    write('a.json', '{}');
    const r = await run(['--baseline', 'b.json', 'a.json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('baseline b.json: not an iam-mfa-lint baseline');
  });
});

describe('--format sarif', () => {
  it('validates against the official SARIF 2.1.0 schema and carries what GitHub code scanning reads', async () => {
    write('policies/seed.json', SEED);
    write('policies/weak.json', WEAK);
    const r = await run(['--format', 'sarif', '--bucket', BUCKET, '--output-file', 'out/results.sarif', 'policies']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const log = JSON.parse(fs.readFileSync(path.join(root, 'out/results.sarif'), 'utf8'));

    const schemaFile = path.join(repoRoot, 'fixtures', 'vendor', 'sarif', 'sarif-schema-2.1.0.json');
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    const Ajv04 = ((AjvDraft04Import as unknown as { default?: typeof AjvDraft04Import }).default ??
      AjvDraft04Import) as typeof AjvDraft04Import;
    const validate = new Ajv04({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);

    const run0 = log.runs[0];
    expect(run0.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(rules.map((x) => x.id));
    const weakRule = run0.tool.driver.rules.find((x: { id: string }) => x.id === 'mfa-condition-weak');
    expect(weakRule.helpUri).toMatch(/docs\/rules\/mfa-condition-weak\.md$/);
    expect(weakRule.help.markdown).toContain('BoolIfExists');
    expect(weakRule.help.text.length).toBeGreaterThan(20);
    expect(weakRule.defaultConfiguration.level).toBe('error');
    expect(Number(weakRule.properties['security-severity'])).toBeGreaterThanOrEqual(7);
    expect(
      run0.results.map(
        (x: {
          ruleId: string;
          level: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }>;
        }) => [
          x.ruleId,
          x.level,
          x.locations[0]!.physicalLocation.artifactLocation.uri,
          x.locations[0]!.physicalLocation.region,
        ],
      ),
    ).toEqual([
      ['action-wildcard', 'error', 'policies/seed.json', { startLine: 6, startColumn: 17, endLine: 6, endColumn: 20 }],
      [
        'resource-bucket-mismatch',
        'error',
        'policies/seed.json',
        { startLine: 7, startColumn: 19, endLine: 7, endColumn: 59 },
      ],
      [
        'action-wildcard',
        'warning',
        'policies/weak.json',
        { startLine: 7, startColumn: 17, endLine: 7, endColumn: 24 },
      ],
      [
        'mfa-condition-weak',
        'error',
        'policies/weak.json',
        { startLine: 16, startColumn: 9, endLine: 16, endColumn: 15 },
      ],
    ]);
    for (const x of run0.results) expect(x.partialFingerprints['iamMfaLint/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(run0.results[0].message.text).toContain('allows every action');
  });
});

describe('--format github', () => {
  it('prints one workflow command per finding, escaped', async () => {
    write('p, 1.json', WEAK);
    const r = await run(['--format', 'github', 'p, 1.json']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^::warning file=p%2C 1\.json,line=7,col=17,endLine=7,endColumn=24,title=action-wildcard::Statement "AllowAll" /,
    );
    expect(lines[1]).toMatch(
      /^::error file=p%2C 1\.json,line=16,col=9,endLine=16,endColumn=15,title=mfa-condition-weak::Bool "false" in a Deny/,
    );
  });
});

describe('explain', () => {
  it('prints the rule docs page; an unknown rule is exit 2', async () => {
    const r = await run(['explain', 'mfa-condition-weak']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(fs.readFileSync(path.join(repoRoot, 'docs/rules/mfa-condition-weak.md'), 'utf8'));
    const bad = await run(['explain', 'mfa-weak']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^iam-mfa-lint: unknown rule "mfa-weak"; the rules are: action-wildcard, .*mfa-condition-weak/,
    );
  });
});
