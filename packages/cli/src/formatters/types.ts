import type { LintMessage } from '@iam-mfa-lint/core';

/** The lint result of one file, as the CLI reports it (ESLint's `LintResult` shape, minus extras). */
export interface FileResult {
  /** Absolute path of the linted file. */
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  /** Policy documents read in the file, when known (the summary and SARIF's run.properties count them). */
  documents?: number;
}
