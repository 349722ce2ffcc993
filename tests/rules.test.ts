import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  hostRuleIds,
  lintText,
  rules,
  ruleIds,
  setRuleIds,
  type PolicyType,
  type RuleLevel,
  type RuleSetting,
} from '../packages/core/src/index.ts';
import { iamData } from './helpers/iam-data.ts';

const root = join(__dirname, '..');
const fixtureDir = (id: string) => join(root, 'fixtures', 'rules', id);

/** Fixture options: target buckets, the kind of document, and the rule's own options. */
interface FixtureOptions {
  buckets?: string[];
  policyType?: PolicyType;
  ruleOptions?: Record<string, unknown>;
}

interface Expected {
  options: FixtureOptions;
  files: Record<
    string,
    { options?: FixtureOptions; findings: Array<{ messageId: string; line: number; column: number }> }
  >;
}

function only(id: string): Record<string, RuleLevel> {
  return Object.fromEntries(ruleIds.map((r) => [r, r === id ? 'error' : 'off']));
}

describe('rule metadata', () => {
  it('has stable kebab-case ids, unique, matching the module file name', () => {
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const id of ruleIds) {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(existsSync(join(root, 'packages/core/src/rules', `${id}.ts`))).toBe(true);
    }
  });

  it('lists exactly the rules that have fixtures (fixtures/rules/<id>/)', () => {
    // The rule list is rules/index.ts; docs pages: tests/docs.test.ts; README's table is generated from it: tests/readme.test.ts.
    // Host-reported rules (unused-ignore, internal-error) are tested through the CLI instead.
    expect(ruleIds.filter((r) => !hostRuleIds.includes(r)).sort()).toEqual(
      readdirSync(join(root, 'fixtures/rules')).sort(),
    );
  });

  for (const r of rules) {
    it(`${r.id}: description, severity, docs URL and docs page`, () => {
      expect(r.meta.description.length).toBeGreaterThan(20);
      expect(['warn', 'error']).toContain(r.meta.severity);
      expect(r.meta.docs.url).toMatch(new RegExp(`/docs/rules/${r.id}\\.md$`));
      expect(existsSync(join(root, 'docs/rules', `${r.id}.md`))).toBe(true);
      expect(Object.keys(r.meta.messages).length).toBeGreaterThan(0);
    });
  }
});

describe('rule fixtures', () => {
  // Cross-document rules have set fixtures (folders, account snapshots): tests/set-rules.test.ts.
  // Host-reported rules (unused-ignore) are tested through the CLI: packages/cli/test/ecosystem.test.ts.
  for (const id of ruleIds.filter((r) => !setRuleIds.includes(r) && !hostRuleIds.includes(r))) {
    describe(id, () => {
      const dir = fixtureDir(id);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.json') && f !== 'expected.json')
        .sort();

      it('has at least 3 invalid and 2 valid fixtures, each with expectations', () => {
        expect(files.filter((f) => f.startsWith('invalid-')).length).toBeGreaterThanOrEqual(3);
        expect(files.filter((f) => f.startsWith('valid-')).length).toBeGreaterThanOrEqual(2);
        expect(Object.keys(expected.files).sort()).toEqual(files);
      });

      for (const file of files) {
        it(file, () => {
          const e = expected.files[file]!;
          const buckets = e.options?.buckets ?? expected.options.buckets ?? [];
          const policyType = e.options?.policyType ?? expected.options.policyType;
          const ruleOptions = e.options?.ruleOptions ?? expected.options.ruleOptions;
          const config: Record<string, RuleSetting> = only(id);
          if (ruleOptions) config[id] = ['error', ruleOptions];
          const result = lintText(readFileSync(join(dir, file), 'utf8'), {
            buckets,
            rules: config,
            iamData,
            ...(policyType ? { policyType } : {}),
          });
          const got = result.messages.map((m) => ({
            ruleId: m.ruleId,
            messageId: m.messageId,
            line: m.line,
            column: m.column,
          }));
          expect(got).toEqual(e.findings.map((f) => ({ ruleId: id, ...f })));
          if (file.startsWith('valid-')) expect(got).toEqual([]);
          else expect(got.length).toBeGreaterThan(0);
          // Every message is fully rendered: no placeholder is left unfilled.
          for (const m of result.messages) expect(m.message).not.toMatch(/\{\{/);
        });
      }
    });
  }
});
