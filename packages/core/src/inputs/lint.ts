import { lintSet } from '../engine/set.js';
import { toResult } from '../engine/lint.js';
import type { PolicySet } from '../set/types.js';
import type { LintMessage, LintOptions, LintResult, RuleLevel } from '../engine/types.js';
import type { Extraction } from './types.js';

export interface LintExtractionOptions extends LintOptions {}

/**
 * The target buckets for an extraction: the ones given, else the one bucket a template defines
 * with a literal name (a template with several named buckets, or none, has no default target).
 */
export function targetBuckets(extraction: Extraction, given: readonly string[] | undefined): string[] {
  if (given && given.length > 0) return [...given];
  return extraction.buckets.length === 1 ? [...extraction.buckets] : [];
}

function levelOf(options: LintOptions, ruleId: string): RuleLevel | undefined {
  const s = options.rules?.[ruleId];
  return s === undefined ? undefined : Array.isArray(s) ? (s[0] as RuleLevel) : (s as RuleLevel);
}

/**
 * Lints every document of an extraction with positions in the host file. Each message names its
 * document (`AppRole/S3Access: ...`); file-level problems (malformed YAML) come first. Throws
 * `ConfigError` for unknown rules, as lintText does.
 */
export function lintExtraction(extraction: Extraction, options: LintExtractionOptions = {}): LintResult {
  const messages: LintMessage[] = [];
  for (const p of extraction.problems) {
    const level = levelOf(options, p.ruleId);
    if (level === 'off') continue;
    messages.push({ ruleId: p.ruleId, messageId: p.messageId, severity: level === 'warn' ? 1 : 2, message: p.message, ...pick(p.range), pointer: '' });
  }
  const buckets = targetBuckets(extraction, options.buckets);
  // The documents of one file form a policy set: each role's trust policy with its inline and
  // attached policies, so the cross-document rules (mfa-unsatisfiable) run inside templates.
  const set: PolicySet = {
    documents: extraction.documents.map((d, i) => ({ id: `doc${i}`, kind: d.kind, value: d.value, label: d.label, source: d.source })),
    principals: extraction.roles.map((r) => ({
      kind: 'role' as const,
      name: r.id,
      policies: r.policies.map((i) => `doc${i}`),
      ...(r.trust !== undefined ? { trustPolicy: `doc${r.trust}` } : {}),
      instanceProfile: r.instanceProfile,
    })),
  };
  const result = lintSet(set, { ...options, buckets });
  result.documents.forEach((d) => {
    const label = d.document.label;
    for (const m of d.result.messages) messages.push({ ...m, message: `${label}: ${m.message}` });
  });
  return toResult(messages);
}

function pick(r: { line: number; column: number; endLine: number; endColumn: number }) {
  return { line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn };
}
