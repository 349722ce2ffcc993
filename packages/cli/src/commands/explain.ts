import { ruleIds, rules } from '@iam-mfa-lint/core';
import { readRuleDoc } from '../docs.js';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** `iam-mfa-lint explain <rule-id>`: prints the rule's documentation page. Exit 0, or 2 for an unknown rule. */
export function runExplain(ruleId: string, io: Io): number {
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) {
    io.stderr(
      `iam-mfa-lint: unknown rule ${JSON.stringify(ruleId)}; the rules are: ${[...ruleIds].sort().join(', ')}\n`,
    );
    return 2;
  }
  const doc = readRuleDoc(rule.id);
  if (doc === undefined) {
    io.stderr(
      `iam-mfa-lint: the documentation of ${rule.id} is not installed with this copy; read it at ${rule.meta.docs.url}\n`,
    );
    return 2;
  }
  io.stdout(doc.endsWith('\n') ? doc : `${doc}\n`);
  return 0;
}
