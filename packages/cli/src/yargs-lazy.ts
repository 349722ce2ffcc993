/**
 * `yargs` as the executables' bundle sees it (an alias in tsup.config.ts): yargs-cli.ts, the only
 * module that calls it, runs only for lines the fast path leaves to yargs (--help, the other
 * commands, usage errors), so yargs is loaded then (dist/chunks/yargs.cjs) and the bundle that
 * every run reads stays a third smaller.
 */
import type YargsFactory from 'yargs';
import { lazyRequire } from './lazy-require.js';

const yargs = lazyRequire<{ default: typeof YargsFactory }>('yargs');

export default ((...args: Parameters<typeof YargsFactory>) => yargs().default(...args)) as typeof YargsFactory;
