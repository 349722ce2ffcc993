/**
 * iam-mfa-lint: the core API plus the command line and its formatters.
 */
export * from '@iam-mfa-lint/core';
// These three take precedence over the core's: they pass AWS's service reference by default.
export { lintText, lintPolicy, lintDocument } from './lint-with-data.js';
export { createNodeIamData, defaultIamData, IamDataError } from './iam-data.js';
export type { NodeIamDataOptions } from './iam-data.js';
export { main } from './main.js';
export type { CliIo } from './main.js';
export type { FileResult } from './formatters/types.js';
export { formatJson } from './formatters/json.js';
export type { JsonFormatterOptions } from './formatters/json.js';
export { formatStylish } from './formatters/stylish.js';
export type { StylishFormatterOptions } from './formatters/stylish.js';
export { formatSarif } from './formatters/sarif.js';
export type { SarifFormatterOptions } from './formatters/sarif.js';
export { formatGithub } from './formatters/github.js';
export type { GithubFormatterOptions } from './formatters/github.js';
export { formatCompact } from './formatters/compact.js';
export type { CompactFormatterOptions } from './formatters/compact.js';
