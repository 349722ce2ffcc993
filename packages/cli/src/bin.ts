/**
 * The executable (dist/bin.cjs, CommonJS: an ES module entry costs Node's module loader more at
 * start-up): loads the CLI's bundle with V8's code cache (compile-cache.ts), runs the command line
 * and, after a lint run that found no valid cache, writes one.
 */
import { join } from 'node:path';
import type * as Cli from './cli-bundle.js';
import { compileCacheDir, loadBundle } from './compile-cache.js';

const bundle = loadBundle<typeof Cli>(join(__dirname, 'chunks', 'cli.cjs'), compileCacheDir(process.env));
const argv = process.argv.slice(2);
// Set the exit code and let Node exit on its own, so that pending writes to pipes are flushed.
void bundle.exports.runProcess(argv).then((code) => {
  process.exitCode = code;
  if (bundle.exports.isLintRun(argv)) bundle.saveCache();
});
