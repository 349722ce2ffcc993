import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintText } from '@iam-mfa-lint/core';
import { runMain } from './helpers/run-main.js';
import { applyFixes, writeFileAtomic } from '../src/fix.js';

const BUCKET = 'my-s3-bucket-09-01-2023';
let root: string;

function write(rel: string, content: string | Uint8Array, mode?: number): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  if (mode !== undefined) fs.chmodSync(file, mode);
  return file;
}

function run(argv: string[]) {
  return runMain(argv, root);
}

beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-fix-')));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** A policy with one statement; `condition` is the text of its Condition member, or none. */
function policy(statement: string, eol = '\n'): string {
  return ['{', '  "Version": "2012-10-17",', '  "Statement": [', statement, '  ]', '}', ''].join(eol);
}

describe('fix data from the rules', () => {
  it('rewrites a near-miss bucket inside the ARN, as a JSON string, keeping the key part', () => {
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::my-s3-bucket-08-01-2023/a\\"b/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}';
    const r = lintText(text, { buckets: [BUCKET] });
    const m = r.messages.find((x) => x.messageId === 'nearMiss')!;
    const literal = '"arn:aws:s3:::my-s3-bucket-08-01-2023/a\\"b/*"';
    const at = text.indexOf(literal);
    expect(m.fix).toEqual({
      range: [at, at + literal.length],
      text: '"arn:aws:s3:::my-s3-bucket-09-01-2023/a\\"b/*"',
      kind: 'safe',
    });
    const fixed = applyFixes(text, r.messages, new Set(['safe'])).text;
    expect(JSON.parse(fixed).Statement[0].Resource).toBe('arn:aws:s3:::my-s3-bucket-09-01-2023/a"b/*');
    expect(lintText(fixed, { buckets: [BUCKET] }).messages).toEqual([]);
  });

  it('offers no fix for a bucket that is not a near miss', () => {
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::totally-different/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}';
    const m = lintText(text, { buckets: [BUCKET] }).messages;
    expect(m.map((x) => [x.messageId, x.fix])).toEqual([['otherBucket', undefined]]);
  });

  it('does not rename an operator whose block also holds a non-MFA key', () => {
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true","aws:SecureTransport":"true"}}}]}';
    const m = lintText(text, { buckets: ['b'] }).messages;
    expect(m.map((x) => x.messageId)).toEqual(['ifExistsInAllow']);
    expect(m[0]!.fix).toBeUndefined();
  });

  it('does not rename a misspelled key onto a key that the block already has', () => {
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true","aws:MultiFactorAuthPresnt":"true"}}}]}';
    const m = lintText(text, { buckets: ['b'] }).messages;
    expect(m.map((x) => [x.messageId, x.fix])).toEqual([['keyMisspelled', undefined]]);
  });

  it('the MFA fix inserts a Condition in the statement, in the file style (CRLF, 4-space indent)', () => {
    const text = [
      '{',
      '    "Version": "2012-10-17",',
      '    "Statement": [',
      '        {',
      '            "Effect": "Allow",',
      '            "Action": "s3:GetObject",',
      '            "Resource": "arn:aws:s3:::b/*"',
      '        }',
      '    ]',
      '}',
      '',
    ].join('\r\n');
    const m = lintText(text, { buckets: ['b'] }).messages;
    expect(m.map((x) => [x.ruleId, x.fix?.kind])).toEqual([['mfa-condition-missing', 'mfa']]);
    expect(applyFixes(text, m, new Set(['safe'])).applied).toBe(0);
    const fixed = applyFixes(text, m, new Set(['mfa'])).text;
    expect(fixed).toBe(
      text.replace(
        '"Resource": "arn:aws:s3:::b/*"\r\n',
        '"Resource": "arn:aws:s3:::b/*",\r\n            "Condition": {\r\n                "Bool": {\r\n                    "aws:MultiFactorAuthPresent": "true"\r\n                }\r\n            }\r\n',
      ),
    );
    expect(lintText(fixed, { buckets: ['b'] }).messages).toEqual([]);
  });

  it('the MFA fix adds Bool to an existing Condition, or the key to an existing Bool block; one-line files stay one line', () => {
    const withCond =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}';
    const a = applyFixes(withCond, lintText(withCond, { buckets: ['b'] }).messages, new Set(['mfa'])).text;
    expect(a).toBe(withCond.replace('"10.0.0.0/8"}}', '"10.0.0.0/8"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}'));
    const withBool =
      '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}}';
    const b = applyFixes(withBool, lintText(withBool, { buckets: ['b'] }).messages, new Set(['mfa'])).text;
    expect(b).toBe(
      withBool.replace(
        '"aws:SecureTransport": "true"',
        '"aws:SecureTransport": "true", "aws:MultiFactorAuthPresent": "true"',
      ),
    );
    const emptyCond =
      '{\n\t"Version": "2012-10-17",\n\t"Statement": {\n\t\t"Effect": "Allow",\n\t\t"Action": "s3:GetObject",\n\t\t"Resource": "arn:aws:s3:::b/*",\n\t\t"Condition": {}\n\t}\n}\n';
    const c = applyFixes(emptyCond, lintText(emptyCond, { buckets: ['b'] }).messages, new Set(['mfa'])).text;
    expect(c).toBe(
      emptyCond.replace(
        '"Condition": {}',
        '"Condition": {\n\t\t\t"Bool": {\n\t\t\t\t"aws:MultiFactorAuthPresent": "true"\n\t\t\t}\n\t\t}',
      ),
    );
    for (const t of [a, b, c]) expect(lintText(t, { buckets: ['b'] }).messages).toEqual([]);
  });
});

describe('--fix', () => {
  it('fixes the weak and invalid MFA conditions byte-exactly, keeping CRLF, BOM, mode and missing final newline', async () => {
    const stmt = [
      '    {',
      '      "Effect": "Allow",',
      '      "Action": "s3:GetObject",',
      '      "Resource": "arn:aws:s3:::my-s3-bucket-08-01-2023/*",',
      '      "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresnt": "ture" } }',
      '    }',
    ].join('\r\n');
    const original = '\uFEFF' + policy(stmt, '\r\n').replace(/\r\n$/, '');
    const file = write('p.json', original, 0o640);
    const r = await run(['--fix', '--bucket', BUCKET, 'p.json']);
    expect(r.stderr).toBe('iam-mfa-lint: fixed 1 file\n');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
    const after = fs.readFileSync(file);
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(after.toString('utf8')).toBe(
      original
        .replace('my-s3-bucket-08-01-2023', BUCKET)
        .replace('"BoolIfExists"', '"Bool"')
        .replace('"aws:MultiFactorAuthPresnt"', '"aws:MultiFactorAuthPresent"')
        .replace('"ture"', '"true"'),
    );
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    // No temporary file is left behind.
    expect(fs.readdirSync(root)).toEqual(['p.json']);
    // Second run: nothing to do.
    const again = await run(['--fix', '--bucket', BUCKET, 'p.json']);
    expect([again.code, again.stdout, again.stderr]).toEqual([0, '', '']);
  });

  it('turns Bool "false" in a Deny into BoolIfExists and reports what no fix can repair', async () => {
    const file = write(
      'deny.json',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}\n',
    );
    const r = await run(['--fix', '--format', 'json', 'deny.json']);
    expect(fs.readFileSync(file, 'utf8')).toContain(
      '"Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}',
    );
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string; line: number; column: number }> }>;
    expect(out[0]!.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['action-wildcard', 1, 65]]);
  });

  it('adds the MFA condition only with --fix-type mfa', async () => {
    const text = policy(
      '    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "arn:aws:s3:::b/*"\n    }',
    );
    const file = write('m.json', text);
    const safe = await run(['--fix', '--bucket', 'b', 'm.json']);
    expect(safe.code).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    const mfa = await run(['--fix', '--fix-type', 'mfa', '--bucket', 'b', 'm.json']);
    expect(mfa.code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      text.replace(
        '"arn:aws:s3:::b/*"\n',
        '"arn:aws:s3:::b/*",\n      "Condition": {\n        "Bool": {\n          "aws:MultiFactorAuthPresent": "true"\n        }\n      }\n',
      ),
    );
  });

  it('--fix-dry-run prints a unified diff and writes nothing', async () => {
    const text = fs.readFileSync(
      path.join(__dirname, '../../../fixtures/rules/mfa-condition-invalid/invalid-value-typo.json'),
      'utf8',
    );
    const file = write('policies/typo.json', text);
    const r = await run(['--fix-dry-run', '--bucket', BUCKET, 'policies']);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '--- a/policies/typo.json',
        '+++ b/policies/typo.json',
        '@@ -7,7 +7,7 @@',
        '       "Resource": "arn:aws:s3:::my-s3-bucket-09-01-2023/*",',
        '       "Condition": {',
        '         "Bool": {',
        '-          "aws:MultiFactorAuthPresent": "ture"',
        '+          "aws:MultiFactorAuthPresent": "true"',
        '         }',
        '       }',
        '     }',
        '',
      ].join('\n'),
    );
  });

  it('rejects --fix-type without --fix, unknown kinds, and --fix with --fix-dry-run (exit 2, one line)', async () => {
    write('a.json', '{}');
    for (const argv of [
      ['--fix-type', 'mfa', 'a.json'],
      ['--fix', '--fix-type', 'risky', 'a.json'],
      ['--fix', '--fix-dry-run', 'a.json'],
    ]) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('writes atomically: the temporary file lives in the same folder and replaces a symlink target, not the link', () => {
    const target = write('real/policy.json', 'old');
    fs.symlinkSync(target, path.join(root, 'link.json'));
    writeFileAtomic(path.join(root, 'link.json'), Buffer.from('new'));
    expect(fs.lstatSync(path.join(root, 'link.json')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(fs.readdirSync(path.join(root, 'real'))).toEqual(['policy.json']);
  });
});
