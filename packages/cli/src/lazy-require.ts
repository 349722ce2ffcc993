/**
 * Loads, on first use and synchronously, one of the CommonJS bundles that tsup writes next to the
 * executables' chunks (dist/chunks/<name>.cjs; see tsup.config.ts): the parsers that only some runs
 * need (YAML templates, ignore patterns, JSON syntax errors) are then not compiled by the others.
 */
import { createRequire } from 'node:module';

export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(import.meta.url)(`./${name}.cjs`) as T);
}
