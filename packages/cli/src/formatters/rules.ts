import type { RuleInfo } from '@iam-mfa-lint/core';

const SEVERITY = { error: 'error', warn: 'warning' } as const;

/**
 * `--list-rules`: one line per rule, `id  default  description`, from the rules' metadata. A rule
 * some of whose messages default to another severity says so (`error (some: warning)`).
 */
export function formatRuleList(rules: readonly RuleInfo[]): string {
  const rows = [...rules]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((r) => {
      const others = new Set(Object.values(r.meta.messages).map((m) => m.severity ?? r.meta.severity));
      others.delete(r.meta.severity);
      const severity = SEVERITY[r.meta.severity] + [...others].map((o) => ` (some: ${SEVERITY[o]})`).join('');
      return [r.id, severity, r.meta.description.replace(/[\u0000-\u001f\u007f]/g, ' ')] as const;
    });
  let idWidth = 0;
  let severityWidth = 0;
  for (const [id, severity] of rows) {
    idWidth = Math.max(idWidth, id.length);
    severityWidth = Math.max(severityWidth, severity.length);
  }
  return rows
    .map(([id, severity, description]) => `${id.padEnd(idWidth)}  ${severity.padEnd(severityWidth)}  ${description}\n`)
    .join('');
}
