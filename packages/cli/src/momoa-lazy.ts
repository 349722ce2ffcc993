/**
 * `@humanwhocodes/momoa` as the executables' bundles see it (an alias in tsup.config.ts): the core
 * parses with it only to word a JSON syntax error, so it is loaded then (dist/chunks/momoa.cjs).
 */
import type * as Momoa from '@humanwhocodes/momoa';
import { lazyRequire } from './lazy-require.js';

const momoa = lazyRequire<typeof Momoa>('momoa');

export const parse: typeof Momoa.parse = (...args: Parameters<typeof Momoa.parse>) => momoa().parse(...args);
