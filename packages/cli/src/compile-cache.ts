/**
 * Loads the executables' CommonJS bundle (dist/chunks/cli.cjs) with V8's code cache, Node 20's
 * stand-in for `module.enableCompileCache` (Node 22): V8 then neither scans the bundle nor compiles
 * the functions a run uses, which was most of the cold start (pre-commit runs the CLI on every
 * commit). The cache is written once, after a run, from what that run compiled.
 *
 * The cache lives in a directory of the user's own (`<tmpdir()>/iam-mfa-lint-<uid>`, or the
 * directory IAM_MFA_LINT_COMPILE_CACHE names; `0` turns it off), one file per bundle path and Node
 * version. Bytecode from a cache is code that runs, and V8 does not verify it against the source
 * or against corruption (a flipped byte can crash the process), so a cache file is used only when:
 * the directory is a real directory owned by the user and writable by no one else; the file's
 * header has this format's magic, the source's length and CRC-32 and the payload's length and
 * CRC-32, all matching; and V8 accepts it (its own version, flags and source-length checks). Any
 * other cache is ignored and rewritten. Nothing here ever fails a run: a missing, read-only or
 * foreign directory, an unreadable or corrupt file or a failed write only means compiling as
 * without a cache.
 */
// Named imports: esbuild's CommonJS output copies a default-imported built-in property by property.
import { lstatSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

/** The environment variable that names the cache directory (`0`, `off` or `false`: no cache). */
export const COMPILE_CACHE_ENV = 'IAM_MFA_LINT_COMPILE_CACHE';

const MAGIC = 'iml-v8c1';
/** Magic, then four unsigned 32-bit numbers: source length, source CRC-32, payload length, payload CRC-32. */
const HEADER_BYTES = MAGIC.length + 16;

export interface LoadedBundle<T> {
  exports: T;
  /** How the cache was used: 'hit' (V8 took it), 'miss' (none, or one that failed a check), 'off' (no usable directory). */
  cache: 'hit' | 'miss' | 'off';
  /** Writes the code cache of what has run so far, when there was no valid one; true when written. Never throws. */
  saveCache(): boolean;
}

/** The cache directory from the environment: undefined when turned off. */
export function compileCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const given = env[COMPILE_CACHE_ENV];
  if (given !== undefined && given !== '') {
    return ['0', 'off', 'false'].includes(given.toLowerCase()) ? undefined : resolve(given);
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  return join(tmpdir(), `iam-mfa-lint-${uid ?? 'user'}`);
}

/** Creates `dir` (mode 0700) when missing; true when it is a directory of this user's that nobody else can write. */
function privateDirectory(dir: string): boolean {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch {
    // it exists (checked below), or cannot be made (the check fails)
  }
  try {
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) return false;
    // Windows has no owners or modes to check here; its temporary directory is the user's own.
    if (typeof process.getuid !== 'function') return true;
    return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** A short, stable name for a string (FNV-1a, 32 bits): the cache file of one bundle path and Node version. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The payload of a cache file that matches `source`, or undefined. */
function readCache(file: string, sourceLength: number, sourceCrc: number): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  if (data.length < HEADER_BYTES || data.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  let at = MAGIC.length;
  const next = (): number => {
    const n = data.readUInt32LE(at);
    at += 4;
    return n;
  };
  if (next() !== sourceLength || next() !== sourceCrc) return undefined;
  const payloadLength = next();
  const payloadCrc = next();
  if (data.length !== HEADER_BYTES + payloadLength) return undefined;
  const payload = data.subarray(HEADER_BYTES);
  return crc32(payload) === payloadCrc ? payload : undefined;
}

/** Writes the cache file atomically (a private temporary file renamed over it); false on any failure. */
function writeCache(file: string, sourceLength: number, sourceCrc: number, payload: Buffer): boolean {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  let at = MAGIC.length;
  for (const n of [sourceLength, sourceCrc, payload.length, crc32(payload)]) at = header.writeUInt32LE(n, at);
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([header, payload]), { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // never written
    }
    return false;
  }
}

/**
 * Evaluates the CommonJS file `file` as Node's loader would (the same five wrapper parameters)
 * and returns its exports, compiled from the code cache in `cacheDir` when there is a valid one.
 * `cacheDir` undefined: no cache.
 */
export function loadBundle<T>(file: string, cacheDir: string | undefined): LoadedBundle<T> {
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  const sourceCrc = crc32(bytes);
  const cacheFile =
    cacheDir !== undefined && privateDirectory(cacheDir)
      ? join(cacheDir, `${shortHash(`${resolve(file)}\0${process.version}\0${process.arch}`)}.v8cache`)
      : undefined;
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile, bytes.length, sourceCrc);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const hit = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  let saved = false;
  return {
    exports: module.exports,
    cache: cacheFile === undefined ? 'off' : hit ? 'hit' : 'miss',
    saveCache() {
      if (cacheFile === undefined || hit || saved) return false;
      saved = true;
      try {
        return writeCache(cacheFile, bytes.length, sourceCrc, script.createCachedData());
      } catch {
        return false;
      }
    },
  };
}
