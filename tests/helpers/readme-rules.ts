import type { RuleInfo } from '../../packages/core/src/index.ts';

export const RULES_START =
  "<!-- rules:start: generated from the rules' metadata (packages/core/src/rules/); edit it there and run pnpm gen:docs -->";
export const RULES_END = '<!-- rules:end -->';

const WORD = { error: 'error', warn: 'warning' } as const;

/** A rule's default severity, with the messages whose own default differs: error (`serviceWildcard`: warning). */
export function defaultColumn(rule: RuleInfo): string {
  const other = new Map<string, string[]>();
  for (const [id, spec] of Object.entries(rule.meta.messages)) {
    if (spec.severity && spec.severity !== rule.meta.severity)
      other.set(spec.severity, [...(other.get(spec.severity) ?? []), id]);
  }
  const parts = [...other].map(
    ([severity, ids]) => `${ids.map((id) => `\`${id}\``).join(', ')}: ${WORD[severity as keyof typeof WORD]}`,
  );
  return WORD[rule.meta.severity] + (parts.length ? ` (${parts.join('; ')})` : '');
}

/** The README's rule table, one row per rule in the order of rules/index.ts. */
export function rulesTable(rules: readonly RuleInfo[], setRuleIds: readonly string[]): string {
  const rows = rules.map((r) => {
    const what = (setRuleIds.includes(r.id) ? '(sets) ' : '') + r.meta.description.replace(/\|/g, '\\|');
    return `| [${r.id}](docs/rules/${r.id}.md) | ${defaultColumn(r)} | ${what} |`;
  });
  return ['| Rule | Default | What it reports |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The README with the text between the markers replaced by the table; throws when a marker is missing. */
export function withRulesTable(readme: string, table: string): string {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start < 0 || end < start)
    throw new Error(`README.md: the rule table markers are missing (${RULES_START} ... ${RULES_END})`);
  return readme.slice(0, start + RULES_START.length) + '\n' + table + '\n' + readme.slice(end);
}
