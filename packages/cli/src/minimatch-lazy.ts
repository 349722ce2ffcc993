/**
 * `minimatch` as the executables' bundles see it (an alias in tsup.config.ts): it is needed only
 * for ignore patterns and configuration globs, so it is loaded on the first one
 * (dist/chunks/minimatch.cjs).
 */
import type * as MinimatchModule from 'minimatch';
import { lazyRequire } from './lazy-require.js';

const minimatch = lazyRequire<typeof MinimatchModule>('minimatch');

export const Minimatch = function Minimatch(...args: ConstructorParameters<typeof MinimatchModule.Minimatch>) {
  return new (minimatch().Minimatch)(...args);
} as unknown as typeof MinimatchModule.Minimatch;
