import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintText } from '../packages/core/src/index.ts';
import { runMain } from '../packages/cli/test/helpers/run-main.ts';

// `--fix --fix-type safe,mfa` twice over a copy of EVERY fixture: the second run must change
// nothing, every fix must keep the document valid JSON, and no applicable fix may remain.
const repo = path.join(__dirname, '..');
const fixturesDir = path.join(repo, 'fixtures');

function walk(dir: string): string[] {
  // fixtures/vendor holds third-party test data (parliament's cases, the SARIF schema), not our fixtures.
  return (
    fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => !(dir === fixturesDir && e.name === 'vendor'))
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      // fixtures/real-world is others' infrastructure, pinned by tests/real-world.test.ts, not fix input.
      .flatMap((e) =>
        e.isDirectory()
          ? e.name === 'real-world' && dir === fixturesDir
            ? []
            : walk(path.join(dir, e.name))
          : e.name.endsWith('.json') && e.name !== 'expected.json' && e.name !== 'iam-mfa-lint.role.json'
            ? [path.join(dir, e.name)]
            : [],
      )
  );
  // (iam-mfa-lint.role.json is a role manifest, not a policy: docs/sets.md; copied alone it names missing files.)
}

/** The target buckets a fixture is linted with (its expected.json, or the seed's bucket). */
function bucketsFor(file: string): string[] {
  const dir = path.dirname(file);
  const expectedFile = path.join(dir, 'expected.json');
  if (fs.existsSync(expectedFile)) {
    const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as {
      options?: { buckets?: string[] };
      files?: Record<string, { options?: { buckets?: string[] } }>;
    };
    return expected.files?.[path.basename(file)]?.options?.buckets ?? expected.options?.buckets ?? [];
  }
  return path.relative(fixturesDir, file).startsWith(`scenarios${path.sep}seed`) ? ['my-s3-bucket-09-01-2023'] : [];
}

function run(cwd: string, argv: string[]) {
  return runMain(argv, cwd);
}

const files = walk(fixturesDir);
let tmp: string;
const changed: string[] = [];

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-fixall-')));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  // A figure for the report: how many fixtures a fix changes.
  console.log(`--fix changed ${changed.length} of ${files.length} fixtures`);
});

describe('--fix is idempotent on every fixture', () => {
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  for (const file of files) {
    const rel = path.relative(fixturesDir, file);
    it(rel, async () => {
      const copy = path.join(tmp, rel);
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.copyFileSync(file, copy);
      const buckets = bucketsFor(file);
      const argv = [
        '--fix',
        '--fix-type',
        'safe,mfa',
        '--format',
        'json',
        ...buckets.flatMap((b) => ['--bucket', b]),
        copy,
      ];
      const before = fs.readFileSync(copy);
      const first = await run(tmp, argv);
      expect(first.code).not.toBe(2);
      const afterFirst = fs.readFileSync(copy);
      if (!before.equals(afterFirst)) {
        changed.push(rel);
        // A fixed file is still JSON, and nothing fixable is left in it.
        const text = afterFirst.toString('utf8');
        expect(() => JSON.parse(text.replace(/^\uFEFF/, ''))).not.toThrow();
        const left = lintText(text, { buckets }).messages.filter((m) => m.fix);
        expect(left).toEqual([]);
        expect(first.stderr).toBe('iam-mfa-lint: fixed 1 file\n');
      }
      const second = await run(tmp, argv);
      expect(second.stderr).toBe('');
      expect(fs.readFileSync(copy).equals(afterFirst)).toBe(true);
      expect(second.stdout).toBe(first.stdout);
      expect(second.code).toBe(first.code);
    });
  }

  it('changes exactly the fixtures that carry a fixable mistake', () => {
    // Each of these has a fix; spelled out so that a fix that silently stops applying fails here.
    expect(changed).toEqual(
      expect.arrayContaining([
        path.join('rules', 'mfa-condition-invalid', 'invalid-value-typo.json'),
        path.join('rules', 'mfa-condition-invalid', 'invalid-misspelled-key.json'),
        path.join('rules', 'mfa-condition-invalid', 'invalid-wrong-prefix.json'),
        path.join('rules', 'mfa-condition-weak', 'invalid-bool-if-exists-in-allow.json'),
        path.join('rules', 'mfa-condition-weak', 'invalid-age-if-exists-in-allow.json'),
        path.join('rules', 'mfa-condition-weak', 'invalid-bool-false-in-deny.json'),
        path.join('rules', 'mfa-condition-missing', 'invalid-no-condition.json'),
        path.join('rules', 'resource-bucket-mismatch', 'invalid-near-miss-date.json'),
        path.join('scenarios', 'seed', 'permission-policy.json'),
      ]),
    );
  });
});
