/**
 * README.md's rule table is generated from the rules' metadata (rules/index.ts and each rule's
 * meta). This test fails when they differ; `pnpm gen:docs` (this file with --update) rewrites it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules, setRuleIds, type RuleInfo } from '../packages/core/src/index.ts';
import { defaultColumn, rulesTable, withRulesTable } from './helpers/readme-rules.ts';

const readmePath = join(__dirname, '..', 'README.md');

describe('README rule table', () => {
  it('is the table generated from the rules metadata (pnpm gen:docs to update)', async () => {
    const readme = readFileSync(readmePath, 'utf8');
    await expect(withRulesTable(readme, rulesTable(rules, setRuleIds))).toMatchFileSnapshot(readmePath);
  });

  it('words default severities with the messages whose own default differs', () => {
    const rule = (severity: 'warn' | 'error', messages: Record<string, { severity?: 'warn' | 'error' }>): RuleInfo => ({
      id: 'x',
      meta: {
        description: 'd',
        severity,
        docs: { url: '' },
        messages: Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, { text: 't', ...v }])),
      },
    });
    expect(defaultColumn(rule('error', { a: {}, b: { severity: 'error' } }))).toBe('error');
    expect(defaultColumn(rule('error', { a: {}, b: { severity: 'warn' }, c: { severity: 'warn' } }))).toBe(
      'error (`b`, `c`: warning)',
    );
    expect(defaultColumn(rule('warn', { a: {}, b: { severity: 'error' } }))).toBe('warning (`b`: error)');
  });

  it('refuses a README without the markers', () => {
    expect(() => withRulesTable('# x\n', '| t |')).toThrow(/README.md: the rule table markers are missing/);
  });

  it('lists every rule once, set rules marked', () => {
    const table = rulesTable(rules, setRuleIds);
    for (const r of rules) expect(table.split(`| [${r.id}](docs/rules/${r.id}.md) |`).length).toBe(2);
    expect(table).toContain('| [mfa-unsatisfiable](docs/rules/mfa-unsatisfiable.md) | error | (sets) ');
  });
});
