#!/usr/bin/env node
// The root's `postinstall` script (npm and pnpm run it after installing the root): builds
// packages/core and packages/cli with tsup when a build is missing, so that the root installs as
// a runnable package with plain `npm install`, as the pre-commit framework does (see
// .pre-commit-hooks.yaml): it runs `npm install` in a clone, then `npm pack`, which bundles the
// built CLI (bundleDependencies), then `npm install -g` of that tarball. `postinstall`, not
// `prepare`: `npm pack` runs `prepare` and prints its banner on stdout, where pre-commit reads
// the tarball's name. An existing build is left alone (`pnpm build` rebuilds). Output goes to
// stderr.
//
// `--if-stale` (`pnpm demo`, tests/pack.test.ts): also rebuild when a build input (the packages'
// sources, manifests and build configs, the rule docs shipped in the CLI) is newer than the
// oldest output, and say nothing when the build is fresh; tsup's output is shown only on failure.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Installed from the packed tarball (`npm install -g`): the CLI is bundled, nothing to build.
if (!existsSync(join(root, 'packages'))) process.exit(0);
const outputs = {
  'packages/core': ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts'],
  'packages/cli': ['dist/index.js', 'dist/bin.cjs', 'dist/chunks/cli.cjs', 'dist/docs/rules', 'dist/iam-index.json'],
};
const ifStale = process.argv.includes('--if-stale');
const me = ifStale ? 'iam-mfa-lint build' : 'iam-mfa-lint postinstall';
const missing = Object.entries(outputs).filter(([pkg, files]) => files.some((f) => !existsSync(join(root, pkg, f))));
if (missing.length === 0) {
  const changed = ifStale ? staleReason() : undefined;
  if (changed === undefined) process.exit(0);
  console.error(`${me}: ${changed} changed since the last build`);
}

/** The newest modification time under `path` (a file or a directory, walked), 0 when absent. */
function newest(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs; // a deleted source changes its directory's time
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/** Why the build is stale (an input newer than the oldest output), or undefined when fresh. */
function staleReason() {
  const built = Math.min(
    ...Object.entries(outputs).flatMap(([pkg, files]) => files.map((f) => statSync(join(root, pkg, f)).mtimeMs)),
  );
  const inputs = ['tsconfig.base.json', 'docs/rules'];
  for (const pkg of Object.keys(outputs))
    inputs.push(...['src', 'package.json', 'tsconfig.json', 'tsup.config.ts'].map((f) => `${pkg}/${f}`));
  return inputs.find((input) => newest(join(root, input)) > built);
}

let tsup;
try {
  const require = createRequire(join(root, 'package.json'));
  const pkgFile = require.resolve('tsup/package.json');
  const bin = JSON.parse(readFileSync(pkgFile, 'utf8')).bin;
  tsup = join(dirname(pkgFile), typeof bin === 'string' ? bin : bin.tsup);
} catch {
  console.error(
    `${me}: the packages need a build and tsup is not installed; install with dev dependencies (npm install --include=dev)`,
  );
  process.exit(1);
}

// The CLI's type declarations import the core's: build the core first.
for (const pkg of ['packages/core', 'packages/cli']) {
  console.error(`${me}: building ${pkg}`);
  const r = spawnSync(process.execPath, [tsup], {
    cwd: join(root, pkg),
    stdio: ['ignore', ifStale ? 'pipe' : 2, ifStale ? 'pipe' : 2],
  });
  if (r.status !== 0) {
    if (ifStale) process.stderr.write(`${r.stdout}${r.stderr}`);
    console.error(`${me}: building ${pkg} failed`);
    process.exit(r.status ?? 1);
  }
}
