import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostRuleIds, lintText, ruleIds, setRuleIds, type LintOptions } from '../packages/core/src/index.ts';
import { iamData } from './helpers/iam-data.ts';
import { docExamples as examples } from './helpers/docs.ts';

const docsDir = join(__dirname, '..', 'docs', 'rules');

describe('rule docs examples', () => {
  // Cross-document rules show policy sets (```json set-incorrect blocks): tests/set-rules.test.ts.
  // Host-reported rules (unused-ignore) have no policy examples; their pages show a CLI run.
  for (const id of ruleIds.filter((r) => !setRuleIds.includes(r) && !hostRuleIds.includes(r))) {
    describe(id, () => {
      const md = readFileSync(join(docsDir, `${id}.md`), 'utf8');
      const ex = examples(md);
      it('has incorrect and correct examples', () => {
        expect(ex.filter((e) => e.kind === 'incorrect').length).toBeGreaterThanOrEqual(1);
        expect(ex.filter((e) => e.kind === 'correct').length).toBeGreaterThanOrEqual(1);
        expect(md.startsWith(`# ${id}\n`)).toBe(true);
      });
      for (const e of ex) {
        it(`${e.kind} example at line ${e.line} yields ${e.kind === 'correct' ? 'no finding' : `only ${id}`}`, () => {
          const r = lintText(e.code, { iamData, ...e.options });
          if (e.kind === 'correct') expect(r.messages).toEqual([]);
          else {
            expect(r.messages.length).toBeGreaterThan(0);
            expect(r.messages.map((m) => m.ruleId)).toEqual(r.messages.map(() => id));
          }
        });
      }
    });
  }

  it('every page in docs/rules belongs to a rule', () => {
    const pages = readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual([...ruleIds].sort());
  });
});
