import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMain } from './helpers/run-main.js';
import { writeFileAtomic } from '../src/fix.js';

// --fix writes only what it safely can (issue 13, defect 6): each case is skipped with a reason on
// stderr, the rest of the run is fixed and reported, and no temporary file is ever left behind.

const WEAK =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"ture"}}}]}\n';
const FIXED = WEAK.replace('"ture"', '"true"');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

let root: string;
beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-fix-safety-')));
});
afterEach(() => {
  fs.chmodSync(root, 0o700);
  fs.rmSync(root, { recursive: true, force: true });
});

function write(rel: string, content: string, mode?: number): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  if (mode !== undefined) fs.chmodSync(file, mode);
  return file;
}

/** Every file under root, temporaries included (dot files too). */
function tree(dir = root): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tree(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]))
    .sort();
}

function messages(stdout: string): Record<string, string[]> {
  const files = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ messageId: string }> }>;
  return Object.fromEntries(files.map((f) => [path.relative(root, f.filePath), f.messages.map((m) => m.messageId)]));
}

describe('--fix safety', () => {
  it('does not write through a symbolic link to a file outside the given paths; fixes the rest', async () => {
    const outside = write('outside/p.json', WEAK);
    const ok = write('lint/ok.json', WEAK);
    fs.symlinkSync(outside, path.join(root, 'lint/link.json'));
    const r = await runMain(['--fix', '--format', 'json', 'lint'], root);
    expect(fs.readFileSync(outside, 'utf8')).toBe(WEAK);
    expect(fs.readFileSync(ok, 'utf8')).toBe(FIXED);
    expect(r.stderr).toBe(
      `iam-mfa-lint: fixed 1 file\niam-mfa-lint: lint/link.json: not fixed: it resolves to ${outside}, outside the paths given\n`,
    );
    // The report shows the link's findings as they are on disk.
    expect(messages(r.stdout)).toEqual({ 'lint/link.json': ['badBoolean'], 'lint/ok.json': [] });
    expect(r.code).toBe(1);
    expect(tree()).toEqual(['lint/link.json', 'lint/ok.json', 'outside/p.json']);
  });

  it('still writes through a link whose target is inside the given paths', async () => {
    const target = write('lint/real/p.json', WEAK);
    fs.symlinkSync(target, path.join(root, 'lint/link.json'));
    const r = await runMain(['--fix', 'lint/link.json', 'lint/real'], root);
    expect(r.stderr).toBe('iam-mfa-lint: fixed 1 file\n');
    expect(fs.readFileSync(target, 'utf8')).toBe(FIXED);
    expect(fs.lstatSync(path.join(root, 'lint/link.json')).isSymbolicLink()).toBe(true);
  });

  it('skips a read-only (0444) file with the reason, and the run goes on', async () => {
    const ro = write('ro.json', WEAK, 0o444);
    const rw = write('rw.json', WEAK, 0o640);
    const r = await runMain(['--fix', '--format', 'json', 'ro.json', 'rw.json'], root);
    expect(r.stderr).toBe('iam-mfa-lint: fixed 1 file\niam-mfa-lint: ro.json: not fixed: read-only (mode 0444)\n');
    expect(fs.readFileSync(ro, 'utf8')).toBe(WEAK);
    expect(fs.statSync(ro).mode & 0o777).toBe(0o444);
    expect(fs.readFileSync(rw, 'utf8')).toBe(FIXED);
    expect(fs.statSync(rw).mode & 0o777).toBe(0o640);
    expect(messages(r.stdout)).toEqual({ 'ro.json': ['badBoolean'], 'rw.json': [] });
    expect(tree()).toEqual(['ro.json', 'rw.json']);
  });

  it('does not split hard links', async () => {
    const a = write('a.json', WEAK);
    fs.linkSync(a, path.join(root, 'b.json'));
    const r = await runMain(['--fix', 'a.json'], root);
    expect(r.stderr).toBe('iam-mfa-lint: a.json: not fixed: it has 2 hard links; replacing it would split them\n');
    expect(fs.statSync(a).nlink).toBe(2);
    expect(fs.statSync(a).ino).toBe(fs.statSync(path.join(root, 'b.json')).ino);
    expect(r.code).toBe(1);
  });

  it.runIf(isRoot)('keeps the owner and group (run as root)', async () => {
    const file = write('p.json', WEAK, 0o664);
    fs.chownSync(file, 4321, 4322);
    const r = await runMain(['--fix', 'p.json'], root);
    expect(r.stderr).toBe('iam-mfa-lint: fixed 1 file\n');
    const st = fs.statSync(file);
    expect([st.uid, st.gid, st.mode & 0o777]).toEqual([4321, 4322, 0o664]);
    expect(fs.readFileSync(file, 'utf8')).toBe(FIXED);
  });

  it.runIf(!isRoot)('an unwritable folder: skipped with the reason, the report still prints (not root)', async () => {
    write('locked/p.json', WEAK);
    fs.chmodSync(path.join(root, 'locked'), 0o555);
    const r = await runMain(['--fix', '--format', 'json', 'locked'], root);
    fs.chmodSync(path.join(root, 'locked'), 0o755);
    expect(r.stderr).toBe('iam-mfa-lint: locked/p.json: not fixed: permission denied\n');
    expect(messages(r.stdout)).toEqual({ 'locked/p.json': ['badBoolean'] });
    expect(tree()).toEqual(['locked/p.json']);
  });

  it('leaves a file that changed since it was read, and removes its temporary file', () => {
    const file = write('p.json', WEAK);
    const reason = writeFileAtomic(file, Buffer.from(FIXED), {
      roots: [root],
      expected: Buffer.from(WEAK.replace('s3:GetObject', 's3:PutObject')),
    });
    expect(reason).toBe('it changed on disk during the run');
    expect(fs.readFileSync(file, 'utf8')).toBe(WEAK);
    expect(tree()).toEqual(['p.json']);
  });

  it('writes when the file still holds what was read', () => {
    const file = write('p.json', WEAK);
    expect(writeFileAtomic(file, Buffer.from(FIXED), { roots: [root], expected: Buffer.from(WEAK) })).toBeUndefined();
    expect(fs.readFileSync(file, 'utf8')).toBe(FIXED);
    expect(tree()).toEqual(['p.json']);
  });

  it('a special file is not rewritten', () => {
    // A FIFO of the test's own folder: never a device of the machine, should this regress.
    const fifo = path.join(root, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    expect(writeFileAtomic(fifo, Buffer.from(FIXED), { roots: [root] })).toBe('not a regular file');
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
    expect(tree()).toEqual(['pipe.json']);
  });
});
