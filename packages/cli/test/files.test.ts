import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareBytes, expandPaths } from '../src/files.js';

let root: string;

function write(rel: string, content = '{}'): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

function expand(paths: string[], options: { extensions?: string[]; ignorePatterns?: string[] } = {}) {
  const { files, errors } = expandPaths(paths, {
    cwd: root,
    extensions: options.extensions ?? ['.json'],
    ignorePatterns: options.ignorePatterns ?? [],
  });
  // Relative, forward-slashed paths keep the expectations short.
  return { files: files.map((f) => path.relative(root, f).split(path.sep).join('/')), errors };
}

const isRoot = process.getuid?.() === 0;

beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-files-')));
});

afterEach(() => {
  // Give back permissions that tests took away, so that the directory can be removed.
  for (const p of ['locked', 'locked.json']) {
    try {
      fs.chmodSync(path.join(root, p), 0o755);
    } catch {
      /* not there */
    }
  }
  fs.rmSync(root, { recursive: true, force: true });
});

describe('expandPaths', () => {
  it('walks nested directories in byte order, depth first, keeping matching extensions', () => {
    write('b/z.json');
    write('b/a.json');
    write('a.json');
    write('B.json');
    write('c/d/e.json');
    write('c/readme.md');
    write('c/d/notes.txt');
    write('c/x.JSON');
    write('\u00e9.json');
    write('z.json');
    expect(expand(['.'])).toEqual({
      files: ['B.json', 'a.json', 'b/a.json', 'b/z.json', 'c/d/e.json', 'z.json', '\u00e9.json'],
      errors: [],
    });
  });

  it('returns absolute paths', () => {
    write('a.json');
    const { files } = expandPaths(['.'], { cwd: root, extensions: ['.json'] });
    expect(files).toEqual([path.join(root, 'a.json')]);
  });

  it('keeps explicitly given files whatever their extension, in argument order, once', () => {
    write('policy.txt');
    write('a.json');
    expect(expand(['policy.txt', 'a.json', './a.json', '.'])).toEqual({
      files: ['policy.txt', 'a.json'],
      errors: [],
    });
  });

  it('keeps only the given extensions', () => {
    write('a.json');
    write('b.policy');
    write('c.txt');
    expect(expand(['.'], { extensions: ['.policy', '.txt'] }).files).toEqual(['b.policy', 'c.txt']);
  });

  it('never enters node_modules or .git', () => {
    write('node_modules/pkg/policy.json');
    write('.git/config.json');
    write('sub/node_modules/x.json');
    write('.hidden/ok.json');
    write('ok.json');
    expect(expand(['.']).files).toEqual(['.hidden/ok.json', 'ok.json']);
  });

  it('skips files and directories matched by ignore patterns', () => {
    write('keep/a.json');
    write('keep/a.test.json');
    write('build/out.json');
    write('deep/build/out.json');
    write('fixtures/x/y.json');
    write('fixtures.json');
    expect(expand(['.'], { ignorePatterns: ['build', '*.test.json', 'fixtures/**'] }).files).toEqual([
      'fixtures.json',
      'keep/a.json',
    ]);
  });

  it('matches directory patterns with a trailing slash and paths relative to cwd', () => {
    write('a/b/c.json');
    write('a/d.json');
    write('e/b/f.json');
    expect(expand(['.'], { ignorePatterns: ['a/b/'] }).files).toEqual(['a/d.json', 'e/b/f.json']);
    expect(expand(['.'], { ignorePatterns: ['a/b'] }).files).toEqual(['a/d.json', 'e/b/f.json']);
    expect(expand(['.'], { ignorePatterns: ['**/b'] }).files).toEqual(['a/d.json']);
  });

  it('does not enter an ignored directory at all', () => {
    write('ok.json');
    fs.mkdirSync(path.join(root, 'locked'));
    write('locked/x.json');
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    // Were the directory entered, an unreadable directory would be an error (when not root).
    expect(expand(['.'], { ignorePatterns: ['locked'] })).toEqual({ files: ['ok.json'], errors: [] });
  });

  it('follows symbolic links to directories and files but never loops', () => {
    write('real/a.json');
    fs.symlinkSync('..', path.join(root, 'real', 'up')); // real/up -> root: a loop
    fs.symlinkSync('real', path.join(root, 'alias')); // alias -> real: same directory again
    fs.symlinkSync('real/a.json', path.join(root, 'link.json'));
    fs.symlinkSync('missing.json', path.join(root, 'dangling.json'));
    fs.symlinkSync('self.json', path.join(root, 'self.json'));
    expect(expand(['.'])).toEqual({ files: ['alias/a.json', 'link.json'], errors: [] });
  });

  it('terminates on a directory symbolic link to its parent given as the start', () => {
    write('sub/a.json');
    fs.symlinkSync('..', path.join(root, 'sub', 'parent'));
    const { files, errors } = expand(['sub']);
    expect(errors).toEqual([]);
    // sub/ is walked once; sub/parent (= root) is entered once and its sub/ is not entered again.
    expect(files).toEqual(['sub/a.json']);
  });

  it('a walk skips FIFOs without opening them; a FIFO the user names is kept (issue 13: it was skipped in silence)', () => {
    write('a.json');
    execSync(`mkfifo ${JSON.stringify(path.join(root, 'pipe.json'))}`);
    expect(expand(['.'])).toEqual({ files: ['a.json'], errors: [] });
    expect(expand(['pipe.json'])).toEqual({ files: ['pipe.json'], errors: [] });
  });

  it('reports paths that do not exist, and still expands the others', () => {
    write('a.json');
    expect(expand(['nope.json', 'a.json', 'no/dir'])).toEqual({
      files: ['a.json'],
      errors: ['no such file or directory: nope.json', 'no such file or directory: no/dir'],
    });
  });

  it.skipIf(isRoot)('reports unreadable directories and still expands the others', () => {
    write('a.json');
    write('locked/x.json');
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    expect(expand(['.'])).toEqual({ files: ['a.json'], errors: ['permission denied: locked'] });
  });
});

describe('compareBytes', () => {
  it('orders by UTF-8 bytes', () => {
    const names = ['\u{1F600}', '\uFF5E', 'b', 'B', 'a', '\u00e9'];
    expect([...names].sort(compareBytes)).toEqual(['B', 'a', 'b', '\u00e9', '\uFF5E', '\u{1F600}']);
  });
});
