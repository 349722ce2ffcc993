/**
 * The core's lint functions with AWS's service reference on by default: `iam-mfa-lint`'s
 * `lintText`, `lintPolicy` and `lintDocument` pass the Node.js provider (createNodeIamData) unless
 * the caller gives `iamData` itself. `@iam-mfa-lint/core` alone lints without the reference.
 */
import {
  lintDocument as coreLintDocument,
  lintPolicy as coreLintPolicy,
  lintText as coreLintText,
  type DocumentSource,
  type LintOptions,
  type LintResult,
} from '@iam-mfa-lint/core';
import { defaultIamData } from './iam-data.js';

function withData<T extends LintOptions>(options: T): T {
  return options.iamData ? options : { ...options, iamData: defaultIamData() };
}

/** Lints the text of one policy document (see the core's lintText), with the IAM reference. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  return coreLintText(text, withData(options));
}

/** Lints a policy given as a value (see the core's lintPolicy), with the IAM reference. */
export function lintPolicy(document: unknown, options: LintOptions = {}): LintResult {
  return coreLintPolicy(document, withData(options));
}

/** Lints a policy that sits inside a host file (see the core's lintDocument), with the IAM reference. */
export function lintDocument(document: unknown, options: LintOptions & { source?: DocumentSource } = {}): LintResult {
  return coreLintDocument(document, withData(options));
}
