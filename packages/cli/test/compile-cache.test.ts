import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMPILE_CACHE_ENV, compileCacheDir, loadBundle } from '../src/compile-cache.js';

interface Mod {
  value: number;
  twice(n: number): number;
  dir: string;
}

const SOURCE = (value: number) =>
  `exports.value = ${value};\nexports.twice = function (n) { return n * 2; };\nexports.dir = __dirname + ':' + typeof require;\n`;

let tmp: string;
let bundle: string;
let cacheDir: string;

beforeEach(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'iam-mfa-lint-compile-cache-')));
  bundle = path.join(tmp, 'bundle.cjs');
  cacheDir = path.join(tmp, 'cache');
  fs.writeFileSync(bundle, SOURCE(41));
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Loads the bundle, checks its exports and returns how the cache was used. */
function load(dir: string | undefined, value = 41): ReturnType<typeof loadBundle<Mod>> {
  const loaded = loadBundle<Mod>(bundle, dir);
  expect(loaded.exports.value).toBe(value);
  expect(loaded.exports.twice(21)).toBe(42);
  expect(loaded.exports.dir).toBe(`${tmp}:function`);
  return loaded;
}

const cacheFiles = () => fs.readdirSync(cacheDir).filter((f) => f.endsWith('.v8cache'));

describe('loadBundle (V8 code cache)', () => {
  it('compiles without a cache, writes one into a private directory, and uses it next time', () => {
    const first = load(cacheDir);
    expect(first.cache).toBe('miss');
    expect(first.saveCache()).toBe(true);
    expect(first.saveCache()).toBe(false);
    expect(cacheFiles()).toHaveLength(1);
    if (process.platform !== 'win32') {
      expect(fs.statSync(cacheDir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(cacheDir, cacheFiles()[0]!)).mode & 0o777).toBe(0o600);
    }
    const second = load(cacheDir);
    expect(second.cache).toBe('hit');
    expect(second.saveCache()).toBe(false);
    expect(fs.readdirSync(cacheDir)).toHaveLength(1);
  });

  it('ignores a cache whose payload was altered, and rewrites it', () => {
    load(cacheDir).saveCache();
    const file = path.join(cacheDir, cacheFiles()[0]!);
    const data = fs.readFileSync(file);
    data[data.length >> 1]! ^= 0xff;
    fs.writeFileSync(file, data);
    const altered = load(cacheDir);
    expect(altered.cache).toBe('miss');
    expect(altered.saveCache()).toBe(true);
    expect(load(cacheDir).cache).toBe('hit');
  });

  it('ignores a truncated cache, an empty one and one that is not a cache', () => {
    load(cacheDir).saveCache();
    const file = path.join(cacheDir, cacheFiles()[0]!);
    const data = fs.readFileSync(file);
    for (const bad of [data.subarray(0, data.length - 1), Buffer.alloc(0), Buffer.from('{"not":"a cache"}')]) {
      fs.writeFileSync(file, bad);
      expect(load(cacheDir).cache).toBe('miss');
    }
  });

  it('ignores the cache of another source of the same length', () => {
    load(cacheDir).saveCache();
    fs.writeFileSync(bundle, SOURCE(43));
    const changed = load(cacheDir, 43);
    expect(changed.cache).toBe('miss');
    changed.saveCache();
    expect(load(cacheDir, 43).cache).toBe('hit');
  });

  it('runs without a cache when turned off or when the directory cannot be used', () => {
    expect(load(undefined).cache).toBe('off');
    expect(load(undefined).saveCache()).toBe(false);
    // A path below a file: the directory cannot be made.
    const below = path.join(bundle, 'cache');
    const blocked = load(below);
    expect(blocked.cache).toBe('off');
    expect(blocked.saveCache()).toBe(false);
    // A file where the directory should be.
    fs.writeFileSync(cacheDir, '');
    expect(load(cacheDir).cache).toBe('off');
  });

  it('never fails a run when the cache file cannot be read or written', () => {
    load(cacheDir).saveCache();
    const file = path.join(cacheDir, cacheFiles()[0]!);
    fs.rmSync(file);
    // A directory in the cache file's place: reading and renaming over it both fail.
    fs.mkdirSync(file);
    const run = load(cacheDir);
    expect(run.cache).toBe('miss');
    expect(run.saveCache()).toBe(false);
    expect(fs.readdirSync(cacheDir)).toEqual([path.basename(file)]);
  });

  it.skipIf(process.platform === 'win32')('uses no directory that others can write, and no symbolic link', () => {
    fs.mkdirSync(cacheDir, { mode: 0o700 });
    fs.chmodSync(cacheDir, 0o777);
    const shared = load(cacheDir);
    expect(shared.cache).toBe('off');
    expect(shared.saveCache()).toBe(false);
    expect(fs.readdirSync(cacheDir)).toEqual([]);
    const own = path.join(tmp, 'own');
    fs.mkdirSync(own, { mode: 0o700 });
    const link = path.join(tmp, 'link');
    fs.symlinkSync(own, link);
    expect(load(link).cache).toBe('off');
  });
});

describe('compileCacheDir', () => {
  it('is a per-user directory in the temporary directory unless the environment names one or turns it off', () => {
    const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
    expect(compileCacheDir({})).toBe(path.join(os.tmpdir(), `iam-mfa-lint-${uid}`));
    expect(compileCacheDir({ [COMPILE_CACHE_ENV]: '' })).toBe(path.join(os.tmpdir(), `iam-mfa-lint-${uid}`));
    expect(compileCacheDir({ [COMPILE_CACHE_ENV]: tmp })).toBe(tmp);
    for (const off of ['0', 'off', 'OFF', 'false'])
      expect(compileCacheDir({ [COMPILE_CACHE_ENV]: off })).toBeUndefined();
  });
});
