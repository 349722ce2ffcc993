#!/usr/bin/env node
// The root's `postinstall` script (npm and pnpm run it after installing the root): builds
// packages/core and packages/cli with tsup when a build is missing, so that the root installs as
// a runnable package with plain `npm install`, as the pre-commit framework does (see
// .pre-commit-hooks.yaml): it runs `npm install` in a clone, then `npm pack`, which bundles the
// built CLI (bundleDependencies), then `npm install -g` of that tarball. `postinstall`, not
// `prepare`: `npm pack` runs `prepare` and prints its banner on stdout, where pre-commit reads
// the tarball's name. An existing build is left alone (`pnpm build` rebuilds). Output goes to
// stderr.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Installed from the packed tarball (`npm install -g`): the CLI is bundled, nothing to build.
if (!existsSync(join(root, 'packages'))) process.exit(0);
const outputs = {
  'packages/core': ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts'],
  'packages/cli': ['dist/index.js', 'dist/bin.js', 'dist/docs/rules'],
};
const missing = Object.entries(outputs).filter(([pkg, files]) => files.some((f) => !existsSync(join(root, pkg, f))));
if (missing.length === 0) process.exit(0);

let tsup;
try {
  const require = createRequire(join(root, 'package.json'));
  const pkgFile = require.resolve('tsup/package.json');
  const bin = JSON.parse(readFileSync(pkgFile, 'utf8')).bin;
  tsup = join(dirname(pkgFile), typeof bin === 'string' ? bin : bin.tsup);
} catch {
  console.error('iam-mfa-lint postinstall: the packages are not built and tsup is not installed; install with dev dependencies (npm install --include=dev)');
  process.exit(1);
}

// The CLI's type declarations import the core's: build the core first.
for (const pkg of ['packages/core', 'packages/cli']) {
  console.error(`iam-mfa-lint postinstall: building ${pkg}`);
  const r = spawnSync(process.execPath, [tsup], { cwd: join(root, pkg), stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    console.error(`iam-mfa-lint postinstall: building ${pkg} failed`);
    process.exit(r.status ?? 1);
  }
}
