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
export type { IamData, IamService, IamAction, IamResourceType, IamConditionKey } from './iam/data.js';
export {
  detectInput,
  lintExtraction,
  targetBuckets,
  extractCloudFormation,
  extractTerraformPlan,
  extractAwsCli,
  emptyExtraction,
  LineIndex,
  unresolvedMarker,
  hasUnresolved,
  ACCOUNT_PLACEHOLDER,
} from './inputs/index.js';
export type { Extraction, ExtractedDocument, ExtractedRole, InputFormat, InputProblem, DetectedInput, DetectOptions } from './inputs/index.js';
// Evaluation, verify, policy sets and the trust/bucket generators (issue 4; see docs/evaluation.md, docs/sets.md).
export { evaluate, toEvalPolicy, inferPrincipalType, accountOf } from './eval/evaluate.js';
export type { EvalRequest, EvalPolicy, EvalResult, DecidingStatement, Decision, PolicyKind, PrincipalType } from './eval/evaluate.js';
export { verifyBucket, findInvalidCondition, actionClass, MFA_CONTEXTS, MFA_CONTEXT_LABELS } from './eval/verify.js';
export type { VerifyOptions, VerifyResult, VerifyCell, MfaContext, InvalidStatement } from './eval/verify.js';
export { S3_ACTIONS } from './iam/generated/s3-actions.js';
export type { S3ActionInfo } from './iam/generated/s3-actions.js';
export { lintSet } from './engine/set.js';
export type { SetLintResult, SetDocumentResult } from './engine/set.js';
export { resolveSet, PolicySetError } from './set/types.js';
export type { PolicySet, SetDocument, SetPrincipal, PrincipalKind } from './set/types.js';
export { policySetFromAccountDetails, isAccountAuthorizationDetails } from './set/account-details.js';
export type { AccountDetailsResult } from './set/account-details.js';
export { ROLE_MANIFEST, readRoleManifest, policySetFromRoleManifest } from './set/manifest.js';
export type { RoleManifest, ManifestFile } from './set/manifest.js';
export { setRuleIds } from './rules/set-rule-ids.js';
export { generateTrustPolicy } from './generate/generate-trust-policy.js';
export type { GenerateTrustPolicyOptions } from './generate/generate-trust-policy.js';
export { generateBucketPolicy } from './generate/generate-bucket-policy.js';
export type { GenerateBucketPolicyOptions } from './generate/generate-bucket-policy.js';
export { globMatch, globMatchesPrefix } from './util/glob.js';
export { TERRAFORM_POLICY_ATTRIBUTES } from './inputs/terraform-plan.js';
