/**
 * Cross-document rules (docs/sets.md): each one over its fixtures (fixtures/rules/<id>/: role
 * directories with iam-mfa-lint.role.json, or get-account-authorization-details files), run alone.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  lintSet,
  policySetFromAccountDetails,
  ruleIds,
  rules,
  setRuleIds,
  type RuleLevel,
} from '../packages/core/src/index.ts';
import { loadSetFixture } from './helpers/sets.ts';
import { iamData } from './helpers/iam-data.ts';
import { docExamples, expectAnnotated, unmatchedFindings } from './helpers/docs.ts';

const root = join(__dirname, '..');

interface Finding {
  file: string;
  messageId: string;
  line: number;
  column: number;
}
interface Expected {
  options: { buckets?: string[] };
  files: Record<string, { options?: { buckets?: string[] }; findings: Finding[] }>;
}

function only(id: string): Record<string, RuleLevel> {
  return Object.fromEntries(ruleIds.map((r) => [r, r === id ? 'error' : 'off']));
}

describe('set rules', () => {
  it('are exactly mfa-unsatisfiable and trust-policy-mfa-missing', () => {
    expect([...setRuleIds].sort()).toEqual(['mfa-unsatisfiable', 'trust-policy-mfa-missing']);
    for (const id of setRuleIds)
      expect(rules.find((r) => r.id === id)!.meta.docs.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
  });

  for (const id of setRuleIds) {
    describe(id, () => {
      const dir = join(root, 'fixtures', 'rules', id);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      const entries = readdirSync(dir)
        .filter((f) => f !== 'expected.json')
        .sort();

      it('has at least 3 invalid and 2 valid fixtures, each with expectations', () => {
        expect(entries.filter((f) => f.startsWith('invalid-')).length).toBeGreaterThanOrEqual(3);
        expect(entries.filter((f) => f.startsWith('valid-')).length).toBeGreaterThanOrEqual(2);
        expect(Object.keys(expected.files).sort()).toEqual(entries);
        expect(existsSync(join(root, 'docs/rules', `${id}.md`))).toBe(true);
      });

      for (const entry of entries) {
        it(entry, () => {
          const e = expected.files[entry]!;
          const buckets = e.options?.buckets ?? expected.options.buckets ?? [];
          const result = lintSet(loadSetFixture(dir, entry), { buckets, rules: only(id) });
          const got = result.documents.flatMap((d) =>
            d.result.messages.map((m) => ({
              ruleId: m.ruleId,
              file: d.document.file ?? d.document.id,
              messageId: m.messageId,
              line: m.line,
              column: m.column,
            })),
          );
          expect(got).toEqual(e.findings.map((f) => ({ ruleId: id, ...f })));
          if (entry.startsWith('valid-')) expect(got).toEqual([]);
          else expect(got.length).toBeGreaterThan(0);
          for (const d of result.documents) for (const m of d.result.messages) expect(m.message).not.toMatch(/\{\{/);
        });
      }
    });
  }
});

describe('set rule docs examples', () => {
  for (const id of setRuleIds) {
    describe(id, () => {
      const md = readFileSync(join(root, 'docs/rules', `${id}.md`), 'utf8');
      const ex = docExamples(md, 'set-', `docs/rules/${id}.md`);
      it('has set-incorrect and set-correct examples and no single-document ones', () => {
        expect(md.startsWith(`# ${id}\n`)).toBe(true);
        expect(ex.filter((e) => e.kind === 'incorrect').length).toBeGreaterThanOrEqual(1);
        expect(ex.filter((e) => e.kind === 'correct').length).toBeGreaterThanOrEqual(1);
        expect(md).not.toMatch(/^```json (in)?correct$/m);
      });
      for (const e of ex) {
        it(`${e.kind} example at line ${e.line} yields exactly its stated findings with all rules on`, () => {
          expectAnnotated(e);
          // A rule's page shows that rule's findings only.
          expect(e.expect.map((f) => f.ruleId)).toEqual(e.expect.map(() => id));
          const details = policySetFromAccountDetails(e.code, `${id}.md`);
          expect(details?.problems).toEqual([]);
          const r = lintSet(details!.set, { iamData, ...e.options });
          const found = r.documents.flatMap((d) => d.result.messages);
          expect(unmatchedFindings(e.expect, found)).toEqual({ missing: [], unexpected: [] });
        });
      }
    });
  }
});
