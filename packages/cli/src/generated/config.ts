/* eslint-disable */
/**
 * Generated from schemas/config.schema.json by scripts/gen-types.mjs (json-schema-to-typescript).
 * Do not edit by hand: change the schema and run `pnpm gen:types`.
 */

/**
 * Target S3 buckets: S3 grants must stay inside them. --bucket on the command line replaces them.
 */
export type Buckets = string[];
/**
 * The kind of policy documents; detected from each document when absent.
 *
 * This interface was referenced by `IamMfaLintConfig`'s JSON-Schema
 * via the `definition` "PolicyType".
 */
export type PolicyType = 'identity' | 'resource' | 'trust';
/**
 * A level, or [level, options].
 *
 * This interface was referenced by `IamMfaLintConfig`'s JSON-Schema
 * via the `definition` "RuleSetting".
 */
export type RuleSetting = RuleLevel | [RuleLevel] | [RuleLevel, {[option: string]: unknown}];
/**
 * This interface was referenced by `IamMfaLintConfig`'s JSON-Schema
 * via the `definition` "Globs".
 */
export type Globs = string | string[];
/**
 * This interface was referenced by `IamMfaLintConfig`'s JSON-Schema
 * via the `definition` "Buckets".
 */
export type Buckets1 = string[];
/**
 * This interface was referenced by `IamMfaLintConfig`'s JSON-Schema
 * via the `definition` "RuleLevel".
 */
export type RuleLevel = 'off' | 'warn' | 'error';

/**
 * iam-mfa-lint.config.json: the linter's configuration for a repository. Globs are minimatch patterns relative to the folder of the config file.
 */
export interface IamMfaLintConfig {
  /**
   * The URL or path of this schema, for editors.
   */
  $schema?: string;
  buckets?: Buckets;
  policyType?: PolicyType;
  rules?: Rules;
  /**
   * Files and folders never linted (globs relative to the config file; a pattern without "/" matches a name at any depth).
   */
  ignorePatterns?: string[];
  /**
   * Settings for some files only; later entries win over earlier ones, all over the top level.
   */
  overrides?: Override[];
  /**
   * Findings to suppress, by rule, files and statement Sid (IAM JSON has no comments).
   */
  ignore?: Ignore[];
}
/**
 * Rule levels by rule id: "off", "warn", "error" or [level, options].
 *
 * This interface was referenced by `IamMfaLintConfig`'s JSON-Schema
 * via the `definition` "Rules".
 */
export interface Rules {
  [k: string]: RuleSetting;
}
/**
 * This interface was referenced by `IamMfaLintConfig`'s JSON-Schema
 * via the `definition` "Override".
 */
export interface Override {
  files: Globs;
  buckets?: Buckets1;
  policyType?: PolicyType;
  rules?: Rules;
}
/**
 * This interface was referenced by `IamMfaLintConfig`'s JSON-Schema
 * via the `definition` "Ignore".
 */
export interface Ignore {
  /**
   * The rule whose findings are suppressed.
   */
  rule: string;
  /**
   * Only in these files (default: every file).
   */
  files?: string | string[];
  /**
   * Only in the statement with this Sid (default: every statement).
   */
  sid?: string;
  /**
   * Why the finding is accepted (not used by the linter; for reviewers).
   */
  reason?: string;
}
