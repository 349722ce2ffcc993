import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, ruleIds, setRuleIds, type LintOptions } from '../packages/core/src/index.ts';
import { iamData } from './helpers/iam-data.ts';

const docsDir = join(__dirname, '..', 'docs', 'rules');

interface Example {
  kind: 'correct' | 'incorrect';
  code: string;
  line: number;
  options: LintOptions;
}

/** Fenced ```json correct / ```json incorrect blocks, with an optional lint-options comment before. */
export function examples(markdown: string): Example[] {
  const out: Example[] = [];
  const lines = markdown.split('\n');
  let pending: LintOptions = {};
  for (let i = 0; i < lines.length; i++) {
    const opt = /^<!--\s*lint-options:\s*(.*?)\s*-->$/.exec(lines[i]!);
    if (opt) {
      pending = JSON.parse(opt[1]!) as LintOptions;
      continue;
    }
    const fence = /^```json\s+(correct|incorrect)\s*$/.exec(lines[i]!);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end++;
    out.push({ kind: fence[1] as Example['kind'], code: lines.slice(start, end).join('\n'), line: start, options: pending });
    pending = {};
    i = end;
  }
  return out;
}

describe('rule docs examples', () => {
  // Cross-document rules show policy sets (```json set-incorrect blocks): tests/set-rules.test.ts.
  for (const id of ruleIds.filter((r) => !setRuleIds.includes(r))) {
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
