import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintDocument, lintText, parsePolicyText } from '../src/index.js';

const policy =
  '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "*", "Resource": "*" }\n  ]\n}\n';

describe('parsing with locations', () => {
  it('locates values and keys by JSON pointer', () => {
    const r = parsePolicyText(policy);
    if (!r.ok) throw new Error('parse failed');
    expect(r.locations.get('/Statement/0/Action')).toEqual({
      key: { line: 4, column: 26, endLine: 4, endColumn: 34, offset: 71, endOffset: 79 },
      value: { line: 4, column: 36, endLine: 4, endColumn: 39, offset: 81, endOffset: 84 },
    });
  });

  it('keeps positions right with CRLF line endings and a BOM', () => {
    // A target bucket makes MFA required, so the statement has two findings on two columns.
    const options = { buckets: ['b'], rules: { 'resource-bucket-mismatch': 'off' as const } };
    const lf = lintText(policy, options).messages.map((m) => [m.ruleId, m.line, m.column]);
    const crlf = lintText('\ufeff' + policy.replace(/\n/g, '\r\n'), options).messages.map((m) => [
      m.ruleId,
      m.line,
      m.column,
    ]);
    expect(lf).toEqual([
      ['mfa-condition-missing', 4, 17],
      ['action-wildcard', 4, 36],
    ]);
    expect(crlf).toEqual(lf);
  });

  it('reports invalid JSON once, at the error', () => {
    const r = lintText('{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}');
    expect(r.messages.map((m) => [m.ruleId, m.messageId, m.line, m.column])).toEqual([
      ['invalid-json', 'syntax', 3, 17],
    ]);
    expect(r.errorCount).toBe(1);
  });

  it('reports an empty or whitespace-only file', () => {
    for (const t of ['', '  \n\t', '\ufeff']) {
      expect(lintText(t).messages.map((m) => [m.ruleId, m.messageId, m.line, m.column])).toEqual([
        ['invalid-json', 'empty', 1, 1],
      ]);
    }
  });

  it('rejects raw control characters inside strings, as JSON does', () => {
    const r = lintText('{"Version": "2012-10-17",\n "Id": "a\tb", "Statement": []}');
    expect(r.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['invalid-json', 2, 10]]);
  });

  it('does not let "__proto__" keys reach Object.prototype', () => {
    lintText(
      '{"__proto__": {"polluted": true}, "Statement": {"__proto__": {"x": 1}, "Effect": "Allow", "Action": "s3:GetObject"}}',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('survives pathological nesting with a finding, not a crash', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(lintText(deep).messages.map((m) => [m.ruleId, m.line, m.column, m.message])).toEqual([
      ['invalid-policy', 1, 1, 'A policy document must be a JSON object'],
    ]);
    // Positions are found on demand without recursion, so even here the finding points at its
    // node (the second "["), not at a fallback.
    const nested = '{"Statement":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    expect(lintText(nested).messages.map((m) => [m.ruleId, m.line, m.column, m.message])).toEqual([
      ['invalid-policy', 1, 15, 'Statement 1 must be a JSON object'],
    ]);
    const broken = '['.repeat(100_000);
    expect(lintText(broken).messages.map((m) => m.ruleId)).toEqual(['invalid-json']);
  });
});

describe('grammar messages', () => {
  it.each([
    ['{"Statement": {"Effect": "Allow"}}', 'The statement has neither Action nor NotAction'],
    [
      '{"Statement": [{"Effect": "Allow", "Action": "a:b", "NotAction": "c:d"}]}',
      'Statement 1 has both Action and NotAction',
    ],
    [
      '{"Statement": [{"Effect": "Allow", "Action": "a:b", "Resource": [1]}]}',
      'Statement 1: Resource entry 1 must be a string',
    ],
    [
      '{"Statement": [{"Effect": "Allow", "Action": "a:b", "Principal": {"Aws": "*"}}]}',
      'Statement 1: Principal must be "*" or an object',
    ],
    [
      '{"Statement": [{"Effect": "Allow", "Action": "a:b", "Condition": {"Bool": "true"}}]}',
      'Statement 1: condition operator "Bool" must map condition keys to values',
    ],
    ['[]', 'A policy document must be a JSON object'],
    ['{"Version": "2012-10-17", "Statement": [], "Extra": 1}', 'The policy has an unknown element "Extra"'],
  ])('%s', (text, message) => {
    const r = lintText(text);
    expect(
      r.messages
        .filter((m) => m.ruleId === 'invalid-policy')
        .map((m) => m.message)
        .join('\n'),
    ).toContain(message);
  });
});

describe('the core stays browser-safe', () => {
  it('no source file imports a node: module or uses process/require', () => {
    const dir = join(__dirname, '..', 'src');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.ts')) files.push(join(d, e.name));
      }
    };
    walk(dir);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      expect(src, f).not.toMatch(/from ['"]node:|require\(|process\.|from ['"](fs|path|os)['"]/);
    }
  });
});

describe('offsets for fixes', () => {
  it('count the byte order mark, so fixes apply to the text as read', () => {
    const text = '\ufeff{"Statement": []}';
    const r = parsePolicyText(text);
    if (!r.ok) throw new Error('parse failed');
    const loc = r.locations.get('/Statement')!;
    expect(text.slice(loc.value.offset, loc.value.endOffset)).toBe('[]');
    expect(text.slice(loc.key!.offset, loc.key!.endOffset)).toBe('"Statement"');
  });
});

describe('lintDocument: a policy embedded in a host file', () => {
  it('reports at the positions the host lookup gives, falling back to parents', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/T' }],
    };
    const hostLine: Record<string, number> = {
      '': 10,
      '/Statement': 12,
      '/Statement/0': 13,
      '/Statement/0/Action': 15,
    };
    const r = lintDocument(doc, {
      source: {
        lookup: (p) =>
          p in hostLine
            ? { value: { line: hostLine[p]!, column: 7, endLine: hostLine[p]!, endColumn: 10 } }
            : undefined,
      },
    });
    expect(r.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['action-wildcard', 15, 7]]);
  });
});
