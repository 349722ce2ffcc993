import { defineConfig } from 'tsup';

// Two builds write to dist/ concurrently, so each one's clean spares the other's files.
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    // tsup passes `baseUrl` to the declaration build, which TypeScript 6 deprecates.
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    clean: ['!bin.js', '!bin.js.map'],
    target: 'node20',
    platform: 'node',
    external: ['@iam-mfa-lint/core', 'yargs', 'minimatch'],
  },
  {
    entry: ['src/bin.ts'],
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: ['!index.*'],
    target: 'node20',
    platform: 'node',
    external: ['@iam-mfa-lint/core', 'yargs', 'minimatch'],
  },
]);
