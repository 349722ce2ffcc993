/**
 * A lint worker thread's script (dist/worker.cjs): the CLI's bundle, from the code cache the main
 * thread wrote (compile-cache.ts), runs the worker's loop (worker-thread.ts).
 */
import { join } from 'node:path';
import type * as Cli from './cli-bundle.js';
import { compileCacheDir, loadBundle } from './compile-cache.js';

loadBundle<typeof Cli>(join(__dirname, 'chunks', 'cli.cjs'), compileCacheDir(process.env)).exports.startWorker();
