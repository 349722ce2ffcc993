import type { Rule, RuleInfo } from './define.js';
import invalidJson from './invalid-json.js';
import invalidPolicy from './invalid-policy.js';
import actionWildcard from './action-wildcard.js';
import resourceBucketMismatch from './resource-bucket-mismatch.js';
import mfaConditionMissing from './mfa-condition-missing.js';
import mfaConditionInvalid from './mfa-condition-invalid.js';
import mfaConditionWeak from './mfa-condition-weak.js';
import mfaUnsatisfiable from './mfa-unsatisfiable.js';
import trustPolicyMfaMissing from './trust-policy-mfa-missing.js';
import principalMisplaced from './principal-misplaced.js';
import principalWildcard from './principal-wildcard.js';
import principalInvalid from './principal-invalid.js';
import trustAccountUnconditioned from './trust-account-unconditioned.js';
import trustFederation from './trust-federation.js';
import conditionUnbounded from './condition-unbounded.js';
import versionMissing from './version-missing.js';
import versionOutdated from './version-outdated.js';
import sidDuplicate from './sid-duplicate.js';
import sidInvalid from './sid-invalid.js';
import policyTooLarge from './policy-too-large.js';
import statementRedundant from './statement-redundant.js';
import unknownAction from './unknown-action.js';
import resourceTypeMismatch from './resource-type-mismatch.js';
import invalidArn from './invalid-arn.js';
import conditionOperatorUnknown from './condition-operator-unknown.js';
import conditionKeyUnknown from './condition-key-unknown.js';
import conditionTypeMismatch from './condition-type-mismatch.js';
import resourceWildcard from './resource-wildcard.js';
import passRoleWildcard from './pass-role-wildcard.js';
import unusedIgnore from './unused-ignore.js';
import internalError from './internal-error.js';

/** The one hand-kept list of rules. A test checks each has a docs page and fixtures. */
export const allRules: readonly Rule[] = [
  invalidJson,
  invalidPolicy,
  actionWildcard,
  resourceBucketMismatch,
  mfaConditionMissing,
  mfaConditionInvalid,
  mfaConditionWeak,
  mfaUnsatisfiable,
  trustPolicyMfaMissing,
  principalMisplaced,
  principalWildcard,
  principalInvalid,
  trustAccountUnconditioned,
  trustFederation,
  conditionUnbounded,
  versionMissing,
  versionOutdated,
  sidDuplicate,
  sidInvalid,
  policyTooLarge,
  statementRedundant,
  unknownAction,
  resourceTypeMismatch,
  invalidArn,
  conditionOperatorUnknown,
  conditionKeyUnknown,
  conditionTypeMismatch,
  resourceWildcard,
  passRoleWildcard,
  unusedIgnore,
  internalError,
];

/** The rules' public metadata. */
export const rules: readonly RuleInfo[] = allRules.map((r) => ({ id: r.id, meta: r.meta }));

export const ruleIds: readonly string[] = allRules.map((r) => r.id);

const byId = new Map(allRules.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}

/**
 * Rules that hosts report (the CLI: unused ignore entries of a configuration file, a file the
 * tool failed on); they never
 * report on a policy, so their fixtures are CLI runs rather than policy files.
 */
export const hostRuleIds: readonly string[] = ['unused-ignore', 'internal-error'];
