import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generatePolicy, lintText, type LintResult, type PolicyDocument } from '../packages/core/src/index.ts';
import { loadManagedPolicies } from './helpers/corpus.ts';

/** Every finding lies inside the text: lines exist and columns fit their line. */
function positionsInside(text: string, r: LintResult): boolean {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
  return r.messages.every((m) => {
    if (m.line < 1 || m.endLine < m.line || m.endLine > lines.length) return false;
    if (m.column < 1 || m.column > lines[m.line - 1]!.length + 1) return false;
    // A range may take in a line break, but never reaches past the end of the text.
    const last = m.endLine === lines.length;
    return m.endColumn >= 1 && m.endColumn <= lines[m.endLine - 1]!.length + (last ? 1 : 2);
  });
}

describe('lint never throws, stays inside the text, and is deterministic', () => {
  it('on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined) ?? 'null';
        const a = lintText(text, { buckets: ['my-s3-bucket-09-01-2023'] });
        const b = lintText(text, { buckets: ['my-s3-bucket-09-01-2023'] });
        expect(a).toEqual(b);
        expect(positionsInside(text, a)).toBe(true);
        expect(a.errorCount + a.warningCount).toBe(a.messages.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('on any string, including broken JSON, control characters and lone surrogates', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string({
            unit: fc.constantFrom(
              '{',
              '}',
              '[',
              ']',
              '"',
              ':',
              ',',
              ' ',
              '\n',
              '\r',
              '\\',
              'a',
              '1',
              '\u0000',
              '\ufeff',
            ),
          }),
        ),
        (text) => {
          const r = lintText(text);
          expect(positionsInside(text, r)).toBe(true);
          expect(lintText(text)).toEqual(r);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('on policy-shaped values with arbitrary leaves', () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
    );
    const statement = fc.dictionary(
      fc.constantFrom(
        'Sid',
        'Effect',
        'Action',
        'NotAction',
        'Resource',
        'NotResource',
        'Principal',
        'Condition',
        '__proto__',
        'constructor',
      ),
      leaf,
    );
    fc.assert(
      fc.property(
        fc.record({ Version: leaf, Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })) }),
        (doc) => {
          const text = JSON.stringify(doc, null, 2);
          const r = lintText(text);
          expect(positionsInside(text, r)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

type Stmt = Record<string, unknown> & { Effect: string; Condition?: Record<string, Record<string, unknown>> };

function statements(doc: PolicyDocument): Stmt[] {
  return (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as unknown as Stmt[];
}

function count(r: LintResult, ruleId: string, messageId?: string): number {
  return r.messages.filter((m) => m.ruleId === ruleId && (!messageId || m.messageId === messageId)).length;
}

const lint = (doc: unknown, buckets: string[] = []) => lintText(JSON.stringify(doc, null, 2), { buckets });
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('mutations of real and generated policies: the matching rule fires every time', () => {
  const corpus = loadManagedPolicies().filter((d) => d.latest);

  it('AWS managed policies: Action to "*", a broken MFA value, BoolIfExists in an Allow, Bool "false" in a Deny', () => {
    let mutated = 0;
    for (const { name, document } of corpus) {
      const doc = document as PolicyDocument;
      const allowIndex = statements(doc).findIndex((s) => s.Effect === 'Allow' && 'Action' in s);
      if (allowIndex < 0) continue;
      const base = lint(doc);
      const baseWildcards = count(base, 'action-wildcard', 'everyAction');

      const original = statements(doc)[allowIndex]!.Action;
      const hadStar = (Array.isArray(original) ? original : [original]).some((a) => a === '*' || a === '*:*');
      const star = clone(doc);
      statements(star)[allowIndex]!.Action = '*';
      expect(count(lint(star), 'action-wildcard', 'everyAction'), `${name}: Action "*"`).toBe(
        hadStar ? baseWildcards : baseWildcards + 1,
      );

      const ture = clone(doc);
      const s1 = statements(ture)[allowIndex]!;
      s1.Condition = {
        ...(s1.Condition ?? {}),
        Bool: { ...(s1.Condition?.Bool ?? {}), 'aws:MultiFactorAuthPresent': 'ture' },
      };
      expect(count(lint(ture), 'mfa-condition-invalid', 'badBoolean'), `${name}: "ture"`).toBe(1);

      const ifExists = clone(doc);
      const s2 = statements(ifExists)[allowIndex]!;
      s2.Condition = { ...(s2.Condition ?? {}), BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } };
      expect(count(lint(ifExists), 'mfa-condition-weak', 'ifExistsInAllow'), `${name}: BoolIfExists`).toBe(1);

      const deny = clone(doc);
      const list = statements(deny);
      list.push({
        Effect: 'Deny',
        Action: 's3:*',
        Resource: '*',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
      });
      deny.Statement = list as unknown as PolicyDocument['Statement'];
      expect(count(lint(deny), 'mfa-condition-weak', 'boolFalseInDeny'), `${name}: Bool false in Deny`).toBe(1);

      // The unmutated policy has none of these MFA findings.
      expect(count(base, 'mfa-condition-invalid') + count(base, 'mfa-condition-weak'), name).toBe(0);
      mutated++;
    }
    expect(mutated).toBeGreaterThan(1500);
  });

  it('AWS managed policies naming an S3 bucket: the bucket changed by one character', () => {
    let mutated = 0;
    for (const { name, document } of corpus) {
      const text = JSON.stringify(document, null, 2);
      const m = /"arn:aws:s3:::([a-z0-9][a-z0-9.-]{4,61}[a-z0-9])(\/[^"]*)?"/.exec(text);
      if (!m) continue;
      const bucket = m[1]!;
      const i = Math.floor(bucket.length / 2);
      const typo = bucket.slice(0, i) + (bucket[i] === 'x' ? 'y' : 'x') + bucket.slice(i + 1);
      const before = lintText(text, { buckets: [bucket] });
      const after = lintText(text.replace(m[0], m[0].replace(bucket, typo)), { buckets: [bucket] });
      const statementHasS3Allow = count(after, 'resource-bucket-mismatch') > count(before, 'resource-bucket-mismatch');
      // The ARN may sit in a Deny or a statement without S3 actions: then no S3 grant changes.
      if (statementHasS3Allow) {
        expect(
          after.messages.some(
            (x) => x.ruleId === 'resource-bucket-mismatch' && x.message.includes(`did you mean "${bucket}"`),
          ),
          name,
        ).toBe(true);
        mutated++;
      }
    }
    expect(mutated).toBeGreaterThan(5);
  });

  it('generated policies: every defect is caught, and the original is clean', () => {
    const bucket = fc.constantFrom('my-s3-bucket-09-01-2023', 'reports.example.com', 'abc', 'data-lake-raw-2024');
    const opts = fc.record({
      access: fc.constantFrom('read' as const, 'write' as const, 'read-write' as const),
      denyWithoutMfa: fc.boolean(),
      maxMfaAgeSeconds: fc.option(fc.integer({ min: 1, max: 129_600 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(bucket, opts, fc.nat(), (b, o, seed) => {
        const doc = generatePolicy(b, o);
        expect(lint(doc, [b]).messages).toEqual([]);
        const allows = statements(doc).filter((s) => s.Effect === 'Allow');
        const pick = seed % allows.length;

        const star = clone(doc);
        statements(star).filter((s) => s.Effect === 'Allow')[pick]!.Action = '*';
        expect(count(lint(star, [b]), 'action-wildcard', 'everyAction')).toBe(1);

        const typo = clone(doc);
        const t = statements(typo).filter((s) => s.Effect === 'Allow')[pick]!;
        t.Resource = String(t.Resource).replace(`:::${b}`, `:::${b.slice(0, -1)}${b.endsWith('x') ? 'y' : 'x'}`);
        expect(count(lint(typo, [b]), 'resource-bucket-mismatch', 'nearMiss')).toBe(1);

        const noMfa = clone(doc);
        for (const s of statements(noMfa)) if (s.Effect === 'Allow') delete s.Condition!.Bool;
        const r = lint(noMfa, [b]);
        if (o.denyWithoutMfa || o.maxMfaAgeSeconds) expect(count(r, 'mfa-condition-missing')).toBe(0);
        else expect(count(r, 'mfa-condition-missing')).toBe(allows.length);

        const ture = clone(doc);
        statements(ture).filter((s) => s.Effect === 'Allow')[pick]!.Condition!.Bool = {
          'aws:MultiFactorAuthPresent': 'ture',
        };
        expect(count(lint(ture, [b]), 'mfa-condition-invalid', 'badBoolean')).toBe(1);

        const weak = clone(doc);
        const w = statements(weak).filter((s) => s.Effect === 'Allow')[pick]!;
        w.Condition!.BoolIfExists = w.Condition!.Bool!;
        delete w.Condition!.Bool;
        expect(count(lint(weak, [b]), 'mfa-condition-weak', 'ifExistsInAllow')).toBe(1);

        if (o.denyWithoutMfa) {
          const boolDeny = clone(doc);
          const d = statements(boolDeny).find((s) => s.Effect === 'Deny')!;
          d.Condition = { Bool: { 'aws:MultiFactorAuthPresent': 'false' } };
          expect(count(lint(boolDeny, [b]), 'mfa-condition-weak', 'boolFalseInDeny')).toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
