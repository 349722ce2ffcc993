import { configDefaults, defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Three projects (`vitest run --project NAME`; `pnpm test:unit|test:contract|test:slow`):
 * - unit: the packages' own tests, seconds, no child processes (a `mkfifo` aside);
 * - contract: the behaviour the docs promise, over files in the repository: rules and their
 *   fixtures, docs examples, set rules, input formats, the README table (every tests/ file that
 *   is not slow lands here);
 * - slow: big corpora, property and differential runs, adversarial inputs, and everything that
 *   spawns processes or threads (end-to-end, pre-commit, concurrency).
 */
const SLOW = [
  'tests/corpus.test.ts',
  'tests/corpus-iam.test.ts',
  'tests/properties.test.ts',
  'tests/generate.property.test.ts',
  'tests/evaluate.differential.test.ts',
  'tests/adversarial.test.ts',
  'tests/e2e.test.ts',
  'tests/pre-commit.test.ts',
  'packages/cli/test/concurrency.test.ts',
  'tests/fuzz.test.ts',
  'tests/attack.test.ts',
  'tests/real-world.test.ts',
  'tests/pack.test.ts',
  'tests/arn-injection.test.ts',
  'tests/findings-golden.test.ts',
];

export default defineConfig({
  resolve: {
    alias: {
      // Tests run against the TypeScript sources, not the built packages.
      '@iam-mfa-lint/core': here('./packages/core/src/index.ts'),
    },
  },
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...SLOW],
        },
      },
      {
        extends: true,
        test: { name: 'contract', include: ['tests/**/*.test.ts'], exclude: [...configDefaults.exclude, ...SLOW] },
      },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
