/**
 * iam-mfa-lint: the core API plus the command line and its formatters.
 */
export * from '@iam-mfa-lint/core';
export { main } from './main.js';
export type { CliIo } from './main.js';
export type { FileResult } from './formatters/types.js';
export { formatJson } from './formatters/json.js';
export type { JsonFormatterOptions } from './formatters/json.js';
export { formatStylish } from './formatters/stylish.js';
export type { StylishFormatterOptions } from './formatters/stylish.js';
