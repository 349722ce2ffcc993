/**
 * The `yaml` package as the executables' bundles see it (tsup.config.ts aliases `yaml` to this
 * module for the executables' bundle): the core's YAML reader imports its parser statically, and
 * evaluating the parser costs every run a fifth of its start-up, while most runs read only JSON.
 * Here each function the core uses loads the parser on its first call (dist/chunks/yaml.cjs, built
 * from yaml-bundle.ts). A name the core starts to use and this module lacks fails the build.
 */
import type * as Yaml from 'yaml';
import { lazyRequire } from './lazy-require.js';

const yaml = lazyRequire<typeof Yaml>('yaml');

export const LineCounter = function LineCounter() {
  return new (yaml().LineCounter)();
} as unknown as typeof Yaml.LineCounter;
export const parseDocument: typeof Yaml.parseDocument = (...args: Parameters<typeof Yaml.parseDocument>) =>
  yaml().parseDocument(...args);
export const isAlias = ((node: unknown) => yaml().isAlias(node)) as typeof Yaml.isAlias;
export const isMap = ((node: unknown) => yaml().isMap(node)) as typeof Yaml.isMap;
export const isPair = ((node: unknown) => yaml().isPair(node)) as typeof Yaml.isPair;
export const isScalar = ((node: unknown) => yaml().isScalar(node)) as typeof Yaml.isScalar;
export const isSeq = ((node: unknown) => yaml().isSeq(node)) as typeof Yaml.isSeq;
export const Lexer = function Lexer() {
  return new (yaml().Lexer)();
} as unknown as typeof Yaml.Lexer;
/** The one CST helper the core uses (yaml-depth.ts): the type of a lexer token. */
export const CST = {
  tokenType: (source: string) => yaml().CST.tokenType(source),
} as unknown as typeof Yaml.CST;
