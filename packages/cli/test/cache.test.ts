import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LintCache } from '../src/cache.js';
import { runMain } from './helpers/run-main.js';

/** An action-wildcard error at line 1, column 65 (the "*" of Action). */
const STAR = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
/** An action-wildcard warning at line 1, column 65 ("ec2:*"). */
const SERVICE_STAR = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}';

let root: string;
const cacheFile = () => path.join(root, '.iam-mfa-lint-cache');
const lint = (...extra: string[]) => runMain(['--cache', '--format', 'json', ...extra, 'p'], root);
const findings = (stdout: string) =>
  (JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number }> }>)
    .flatMap((f) => f.messages.map((m) => `${path.basename(f.filePath)} ${m.ruleId}@${m.line}:${m.column}`))
    .sort();

/** Rewrites the cached message of every entry, so that a run served from the cache shows it. */
function markCachedMessages(): void {
  const data = JSON.parse(fs.readFileSync(cacheFile(), 'utf8'));
  for (const entry of Object.values(data.files) as Array<{
    outcome: { result: { messages: Array<{ message: string }> } };
  }>)
    for (const m of entry.outcome.result.messages) m.message = 'FROM THE CACHE';
  fs.writeFileSync(cacheFile(), JSON.stringify(data));
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-cache-'));
  fs.mkdirSync(path.join(root, 'p'));
  fs.writeFileSync(path.join(root, 'p/star.json'), STAR);
  fs.writeFileSync(path.join(root, 'p/service.json'), SERVICE_STAR);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('--cache', () => {
  it('writes .iam-mfa-lint-cache in the cwd, and a rerun over unchanged files prints byte-identical output from it', async () => {
    const first = await lint();
    expect(first.code).toBe(1);
    expect(first.stderr).toBe('');
    expect(findings(first.stdout)).toEqual(['service.json action-wildcard@1:65', 'star.json action-wildcard@1:65']);
    expect(fs.existsSync(cacheFile())).toBe(true);
    // No temporary file is left beside it (written atomically: a temporary file renamed).
    expect(fs.readdirSync(root).sort()).toEqual(['.iam-mfa-lint-cache', 'p']);
    const again = await lint();
    expect(again).toEqual(first);
    // The rerun really is served from the cache.
    markCachedMessages();
    expect((await lint()).stdout).toContain('FROM THE CACHE');
    // Without --cache the cache is neither read nor needed.
    expect((await runMain(['--format', 'json', 'p'], root)).stdout).toBe(first.stdout);
  });

  it('lints again a file whose content changed, and every file when a rule setting or option changes', async () => {
    await lint();
    markCachedMessages();
    fs.writeFileSync(path.join(root, 'p/star.json'), `${STAR}\n`);
    const changed = JSON.parse((await lint()).stdout) as Array<{
      filePath: string;
      messages: Array<{ message: string }>;
    }>;
    expect(changed.map((f) => [path.basename(f.filePath), f.messages[0]!.message === 'FROM THE CACHE'])).toEqual([
      ['service.json', true],
      ['star.json', false],
    ]);
    markCachedMessages();
    const off = await lint('--rule', 'action-wildcard:warn');
    expect(off.stdout).not.toContain('FROM THE CACHE');
    expect(off.code).toBe(0);
    markCachedMessages();
    const bucket = await lint('--rule', 'action-wildcard:warn', '--bucket', 'my-s3-bucket-09-01-2023');
    expect(bucket.stdout).not.toContain('FROM THE CACHE');
    expect(bucket.stdout).toBe(
      (
        await runMain(
          ['--format', 'json', '--rule', 'action-wildcard:warn', '--bucket', 'my-s3-bucket-09-01-2023', 'p'],
          root,
        )
      ).stdout,
    );
  });

  it('ignores a corrupt cache or one of another version, without a crash, and replaces it', async () => {
    const clean = await runMain(['--format', 'json', 'p'], root);
    fs.writeFileSync(cacheFile(), '{"key": "not a cache');
    expect(await lint()).toEqual(clean);
    expect(JSON.parse(fs.readFileSync(cacheFile(), 'utf8')).files).toBeTypeOf('object');
    markCachedMessages();
    const data = JSON.parse(fs.readFileSync(cacheFile(), 'utf8'));
    fs.writeFileSync(cacheFile(), JSON.stringify({ ...data, key: `0.0.0\0${'another IAM data version'}` }));
    expect(await lint()).toEqual(clean);
    fs.writeFileSync(cacheFile(), 'null');
    expect(await lint()).toEqual(clean);
  });

  it('--cache-location names the file, or a directory to hold .iam-mfa-lint-cache', async () => {
    await lint('--cache-location', 'here.cache');
    expect(fs.existsSync(path.join(root, 'here.cache'))).toBe(true);
    fs.mkdirSync(path.join(root, 'dir'));
    await lint('--cache-location', 'dir');
    await lint('--cache-location', 'new-dir/');
    expect(fs.existsSync(path.join(root, 'dir/.iam-mfa-lint-cache'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'new-dir/.iam-mfa-lint-cache'))).toBe(true);
    expect(fs.existsSync(cacheFile())).toBe(false);
  });

  it('says in one line when the cache cannot be written, and reports as usual', async () => {
    fs.writeFileSync(path.join(root, 'file'), '');
    const r = await lint('--cache-location', 'file/sub/cache');
    expect(r.code).toBe(1);
    expect(findings(r.stdout)).toHaveLength(2);
    expect(r.stderr).toMatch(/^iam-mfa-lint: cannot write the cache .*file\/sub\/cache: [^\n]+\n$/);
  });

  it('a rerun on a file whose stamp is unchanged does not read it; a rewrite of the same size is read again', () => {
    const file = path.join(root, 'p/star.json');
    const context = [{ rules: {} }, false, 'p/star.json'];
    const outcome = { kind: 'skip' } as const;
    // Stamps are trusted only for files unchanged for a while (2 s); -1 trusts a file written just now.
    const first = LintCache.open(cacheFile(), 'k', -1);
    const miss = first.check(file, context);
    expect(miss.outcome).toBeUndefined();
    expect(miss.hash).toBe(LintCache.hash(fs.readFileSync(file), context));
    expect(miss.stamp).toBeDefined();
    first.record(file, miss, outcome);
    expect(first.save()).toBeUndefined();

    const read = vi.spyOn(fs, 'readFileSync');
    try {
      const hit = LintCache.open(cacheFile(), 'k', -1).check(file, context);
      expect(hit.outcome).toEqual(outcome);
      expect(read.mock.calls.filter(([f]) => f === file)).toEqual([]);
      // Another options context is another key, even with the same stamp.
      expect(
        LintCache.open(cacheFile(), 'k', -1).check(file, [{ rules: { x: 'off' } }, false, 'p/star.json']).outcome,
      ).toBeUndefined();
    } finally {
      read.mockRestore();
    }

    // Same size, modification time set back: the change time still moves, so the file is read again.
    const { atime, mtime } = fs.statSync(file);
    fs.writeFileSync(file, STAR.replace('"*"', '"?"'));
    fs.utimesSync(file, atime, mtime);
    expect(fs.statSync(file).size).toBe(STAR.length);
    expect(LintCache.open(cacheFile(), 'k', -1).check(file, context).outcome).toBeUndefined();
  });

  it('records no stamp for a file changed just before it was read (a coarse clock could hide the next write)', () => {
    const file = path.join(root, 'p/star.json');
    const cache = LintCache.open(cacheFile(), 'k');
    const check = cache.check(file, []);
    expect(check.hash).toBeDefined();
    expect(check.stamp).toBeUndefined();
  });
});
