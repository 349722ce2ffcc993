/**
 * The Node.js HCL parser lent to the core's Terraform input. It is a WebAssembly module that
 * takes ~150 ms to load: it is loaded only when a .tf file is actually linted, so that linting
 * JSON policies (pre-commit on every commit) stays fast.
 */
import type { HclParser } from '@iam-mfa-lint/core';

type Hcl2Json = typeof import('@cdktn/hcl2json');
let loaded: Promise<Hcl2Json> | undefined;
const load = (): Promise<Hcl2Json> => (loaded ??= import('@cdktn/hcl2json'));

export const nodeHclParser: HclParser = {
  parse: async (fileName, text) => (await load()).parse(fileName, text),
  getExpressionAst: async (fileName, text) => (await load()).getExpressionAst(fileName, text),
};
