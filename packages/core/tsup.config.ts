import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // tsup passes baseUrl to the declaration build; TypeScript 6 deprecates it.
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  // No source maps in the published files; `npx tsup --sourcemap` for a debugging build.
  sourcemap: false,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  // Dependencies stay external; they are installed with the package.
  external: ['@humanwhocodes/momoa', 'jsonc-parser', 'yaml'],
});
