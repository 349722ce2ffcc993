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
}

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
  /** Per-rule level overrides, by rule id. Unknown ids throw a `ConfigError`. */
  rules?: Readonly<Record<string, RuleLevel>>;
}

/** Thrown for options that cannot be honoured (an unknown rule id, a bad level). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
