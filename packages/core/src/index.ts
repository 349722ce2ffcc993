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
export type {
  LintMessage,
  LintResult,
  LintOptions,
  RuleLevel,
  RuleSetting,
  Severity,
  FixKind,
  PolicyType,
  Audience,
  DocumentSource,
  NodeLookup,
  Range,
  NodeLocation,
} from './types.js';
export { detectPolicyType } from './iam/policy-type.js';
export { normalize } from './model/normalize.js';
export { ConfigError } from './types.js';
export { lintText, lintPolicy, lintDocument } from './engine/lint.js';
export { createFinding, resolveRuleConfig, compareMessages, toResult } from './engine/levels.js';
export { rules, ruleIds, hostRuleIds } from './rules/index.js';
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
  lintExtractionFiles,
  lintModule,
  lintFile,
  lintFileSync,
  looksLikeAccountDetails,
  extractTerraform,
  extractTerraformModule,
  targetBuckets,
  extractCloudFormation,
  extractTerraformPlan,
  extractAwsCli,
  emptyExtraction,
  LineIndex,
  unresolvedMarker,
  showUnresolved,
  hasUnresolved,
  ACCOUNT_PLACEHOLDER,
} from './inputs/index.js';
export type {
  Extraction,
  ExtractedDocument,
  ExtractedRole,
  InputFormat,
  InputProblem,
  DetectedInput,
  DetectOptions,
  FileLintOptions,
  HclParser,
  SourceFile,
} from './inputs/index.js';
// Evaluation, verify, policy sets and the trust/bucket generators (issue 4; see docs/evaluation.md, docs/sets.md).
export { evaluate, toEvalPolicy, inferPrincipalType, accountOf } from './eval/evaluate.js';
export type {
  EvalRequest,
  EvalPolicy,
  EvalResult,
  DecidingStatement,
  Decision,
  PolicyKind,
  PrincipalType,
} from './eval/evaluate.js';
export { verifyBucket, findInvalidCondition, actionClass, MFA_CONTEXTS, MFA_CONTEXT_LABELS } from './eval/verify.js';
export type { VerifyOptions, VerifyResult, VerifyCell, MfaContext, InvalidStatement } from './eval/verify.js';
export { verifySets } from './eval/verify-sets.js';
export type { VerifySetsResult } from './eval/verify-sets.js';
export { S3_ACTIONS } from './iam/generated/s3-actions.js';
export type { S3ActionInfo } from './iam/generated/s3-actions.js';
export { lintSet } from './engine/set.js';
export type { SetLintResult, SetDocumentResult } from './engine/set.js';
export { resolveSet, PolicySetError } from './set/types.js';
export type { PolicySet, SetDocument, SetPrincipal, PrincipalKind } from './set/types.js';
export { policySetFromAccountDetails, isAccountAuthorizationDetails } from './inputs/account-details.js';
export type { AccountDetailsResult } from './inputs/account-details.js';
export { ROLE_MANIFEST, readRoleManifest, policySetFromRoleManifest } from './inputs/role-manifest.js';
export type { RoleManifest, ManifestFile } from './inputs/role-manifest.js';
export { setRuleIds } from './rules/set-rule-ids.js';
export { generateTrustPolicy } from './generate/generate-trust-policy.js';
export type { GenerateTrustPolicyOptions } from './generate/generate-trust-policy.js';
export { generateBucketPolicy } from './generate/generate-bucket-policy.js';
export type { GenerateBucketPolicyOptions } from './generate/generate-bucket-policy.js';
export { globMatch, globMatchesPrefix } from './util/glob.js';
export { BoundedCache } from './util/cache.js';
export { TERRAFORM_POLICY_ATTRIBUTES } from './inputs/terraform-plan.js';
export { CFN_POLICY_PROPERTIES, CFN_SPEC_SOURCE } from './inputs/generated/cfn-policy-properties.js';
export { applyFixes, fixUntilStable, MAX_FIX_PASSES } from './fix/apply.js';
export type { FixOutcome } from './fix/apply.js';
