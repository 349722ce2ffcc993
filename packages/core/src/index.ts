/**
 * @iam-mfa-lint/core: parse, lint and generate AWS IAM policy documents.
 * Pure TypeScript: no Node.js APIs, so it runs in a browser too.
 */
export type {
  PolicyDocument,
  Statement,
  Principal,
  Effect,
  PolicyVersion,
  ConditionBlock,
  ConditionValue,
  ConditionValues,
  StringOrStringArray,
} from './model/generated/iam-policy.js';
export type { LintMessage, LintResult, LintOptions, RuleLevel, RuleSetting, Severity, FixKind, PolicyType } from './engine/types.js';
export { detectPolicyType } from './iam/policy-type.js';
export { normalize } from './model/normalize.js';
export { ConfigError } from './engine/types.js';
export { lintText, lintPolicy, lintDocument } from './engine/lint.js';
export type { DocumentSource, NodeLookup } from './engine/lint.js';
export type { Range, NodeLocation } from './model/parse.js';
export { rules, ruleIds } from './rules/index.js';
export type { RuleMeta, RuleInfo } from './rules/define.js';
export { generatePolicy } from './generate/generate-policy.js';
export type { GeneratePolicyOptions, Access, Partition } from './generate/generate-policy.js';
export { validateBucketName, BucketNameError } from './generate/bucket-name.js';
export type { PolicyModel, NStatement, NCondition, NList, Located } from './model/normalize.js';
export { parsePolicyText } from './model/parse.js';
