import type { Rule, RuleInfo } from './define.js';
import invalidJson from './invalid-json.js';
import invalidPolicy from './invalid-policy.js';
import actionWildcard from './action-wildcard.js';
import resourceBucketMismatch from './resource-bucket-mismatch.js';
import mfaConditionMissing from './mfa-condition-missing.js';
import mfaConditionInvalid from './mfa-condition-invalid.js';
import mfaConditionWeak from './mfa-condition-weak.js';

/** The one hand-kept list of rules. A test checks each has a docs page and fixtures. */
export const allRules: readonly Rule[] = [
  invalidJson,
  invalidPolicy,
  actionWildcard,
  resourceBucketMismatch,
  mfaConditionMissing,
  mfaConditionInvalid,
  mfaConditionWeak,
];

/** The rules' public metadata. */
export const rules: readonly RuleInfo[] = allRules.map((r) => ({ id: r.id, meta: r.meta }));

export const ruleIds: readonly string[] = allRules.map((r) => r.id);

export function getRule(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
