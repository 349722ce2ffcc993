import type { IamData } from '../iam/data.js';

/** Severity as configured by a user: a rule is off, reports warnings, or reports errors. */
export type RuleLevel = 'off' | 'warn' | 'error';

/** ESLint's numeric severities: 1 warning, 2 error. */
export type Severity = 1 | 2;

/** One finding, shaped as ESLint's `LintMessage` (1-based lines and columns; end is exclusive). */
export interface LintMessage {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** JSON pointer of the node the finding is about (empty string: the whole document). */
  pointer: string;
  /** A safe automatic fix, as ESLint shapes it: replace text[range[0]..range[1]) with `text`. */
  fix?: { range: [number, number]; text: string; kind: FixKind };
}

/**
 * `safe`: keeps who gets access, or only removes access that was not meant (a typo fixed).
 * `mfa`: adds an MFA requirement, which changes who gets access (applied only on request).
 */
export type FixKind = 'safe' | 'mfa';

/** A rule's level, or [level, rule options] as in ESLint configs. */
export type RuleSetting = RuleLevel | readonly [RuleLevel, Readonly<Record<string, unknown>>?];

/** Which kind of policy a document is; detected when not given. */
export type PolicyType = 'identity' | 'resource' | 'trust';

export interface LintResult {
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
}

export interface LintOptions {
  /**
   * Target buckets. When set, S3 grants must stay inside them (resource-bucket-mismatch) and
   * mfa-condition-missing looks only at statements that can reach them.
   */
  buckets?: readonly string[];
  /** Per-rule levels (or [level, options]), by rule id. Unknown ids throw a `ConfigError`. */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** The kind of document; detected from its content when absent (see detectPolicyType). */
  policyType?: PolicyType;
  /**
   * AWS's service reference (actions, resource types, condition keys). Without it the rules that
   * need it (unknown-action, resource-type-mismatch, condition-key-unknown, ...) report nothing;
   * the `iam-mfa-lint` package passes one by default.
   */
  iamData?: IamData;
}

/** Thrown for options that cannot be honoured (an unknown rule id, a bad level). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
