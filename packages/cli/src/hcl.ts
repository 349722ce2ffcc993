/**
 * The Node.js HCL parser lent to the core's Terraform input. It is a WebAssembly module that
 * takes ~150 ms to load: it is loaded only when a .tf file is actually linted, so that linting
 * JSON policies (pre-commit on every commit) stays fast.
 */
import { createRequire } from 'node:module';
import type { HclParser } from '@iam-mfa-lint/core';

type Hcl2Json = typeof import('@cdktn/hcl2json');
let loaded: Promise<Hcl2Json> | undefined;
// The package is CommonJS; require(), not import(): the executables' bundle runs in a vm.Script
// (compile-cache.ts), where import() has no loader.
const load = (): Promise<Hcl2Json> =>
  (loaded ??= Promise.resolve().then(() => createRequire(import.meta.url)('@cdktn/hcl2json') as Hcl2Json));

export const nodeHclParser: HclParser = {
  parse: async (fileName, text) => (await load()).parse(fileName, text),
  getExpressionAst: async (fileName, text) => (await load()).getExpressionAst(fileName, text),
};
