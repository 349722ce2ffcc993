/**
 * `--cache` / `--cache-location` (ESLint's flags): each linted file's outcome, keyed by a hash of
 * its content and of the options it was linted with, in one JSON file. The whole cache belongs to
 * one tool version and one IAM data version; a cache of another (or a file that is not a cache)
 * is ignored and rewritten. Written atomically (a temporary file renamed over it).
 *
 * A rerun does not read and hash a file again when its stamp (size, inode, modification and
 * change times) is the one recorded with its hash, as git trusts its index: any write changes the
 * change time, which no program can set back. A stamp is recorded only for a file unchanged for
 * STABLE_MS before it was read, so that a write within the same tick of a coarse file-system
 * clock cannot go unseen; such a file is read and hashed again next time.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LintResult } from '@iam-mfa-lint/core';

/** The default --cache-location, in the working directory. */
export const DEFAULT_CACHE_FILE = '.iam-mfa-lint-cache';

export type CachedOutcome = { kind: 'result'; result: LintResult } | { kind: 'skip' };

/** A file's size, inode, modification and change times (ms), as fs.statSync gives them. */
export type FileStamp = [size: number, ino: number, mtimeMs: number, ctimeMs: number];

/** How long a file must have been unchanged before it was read for its stamp to be trusted (tests pass another). */
const STABLE_MS = 2000;

interface CacheEntry {
  /** The hash of the options context and the content (LintCache.hash). */
  hash: string;
  /** The hash of the options context alone, and the file's stamp when the content was hashed. */
  context?: string;
  stamp?: FileStamp;
  outcome: CachedOutcome;
}

interface CacheFile {
  /** The tool and IAM data versions the entries were computed with. */
  key: string;
  files: Record<string, CacheEntry>;
}

/** What `LintCache.check` found for one file: its outcome when the cache has it, and what to record when it is linted. */
export interface CacheCheck {
  outcome?: CachedOutcome;
  /** The content hash, when the file was read (undefined: unreadable, or its stamp matched). */
  hash?: string;
  context: string;
  stamp?: FileStamp;
}

// Loaded on first use (a --cache run): crypto costs every start-up about 10 M instructions.
const crypto = () => process.getBuiltinModule('node:crypto');

const sha256 = (data: string | Uint8Array): string =>
  typeof crypto().hash === 'function'
    ? crypto().hash('sha256', data, 'hex')
    : crypto().createHash('sha256').update(data).digest('hex');

function stampOf(file: string): FileStamp | undefined {
  try {
    const s = fs.statSync(file);
    return [s.size, s.ino, s.mtimeMs, s.ctimeMs];
  } catch {
    return undefined;
  }
}

const sameStamp = (a: FileStamp | undefined, b: FileStamp | undefined): boolean =>
  a !== undefined && b !== undefined && a.length === 4 && a.every((v, i) => v === b[i]);

/** The cache file for a --cache-location: a directory (existing, or written with a trailing slash) holds DEFAULT_CACHE_FILE. */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (location === undefined) return path.join(cwd, DEFAULT_CACHE_FILE);
  const resolved = path.resolve(cwd, location);
  const isDir = /[\\/]$/.test(location) || (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory());
  return isDir ? path.join(resolved, DEFAULT_CACHE_FILE) : resolved;
}

export class LintCache {
  private readonly entries: CacheFile['files'];
  private changed = false;

  private constructor(
    readonly file: string,
    private readonly key: string,
    entries: CacheFile['files'],
    private readonly stableMs: number,
  ) {
    this.entries = entries;
  }

  /** Opens the cache file; a missing, unreadable, corrupt or other-version cache starts empty. */
  static open(file: string, key: string, stableMs: number = STABLE_MS): LintCache {
    let entries: CacheFile['files'] = {};
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CacheFile> | null;
      if (data && data.key === key && typeof data.files === 'object' && data.files !== null) entries = data.files;
    } catch {
      // No cache yet, or not one we can use: lint everything and write a new one.
    }
    return new LintCache(file, key, Object.assign(Object.create(null), entries), stableMs);
  }

  /** The hash an entry is stored under: the file's bytes and everything else its outcome depends on. */
  static hash(bytes: Uint8Array, context: unknown): string {
    const prefix = Buffer.from(`${JSON.stringify(context)}\0`, 'utf8');
    return sha256(Buffer.concat([prefix, bytes]));
  }

  /** The hash of a file's content alone (null when it cannot be read: the pipeline reports it). */
  static contentHash(file: string): string | null {
    try {
      return LintCache.hash(fs.readFileSync(file), null);
    } catch {
      return null;
    }
  }

  /**
   * Looks one file up: by its stamp when it has not changed since its hash was recorded, else by
   * reading and hashing it. `context` is everything else its outcome depends on (the options).
   */
  check(file: string, context: unknown): CacheCheck {
    const contextHash = sha256(JSON.stringify(context));
    const entry = this.entries[file];
    const before = Date.now();
    const stamp = stampOf(file);
    if (entry && entry.context === contextHash && sameStamp(entry.stamp, stamp)) {
      const outcome = usable(entry.outcome);
      if (outcome) return { outcome, context: contextHash, stamp };
    }
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      return { context: contextHash }; // the pipeline reports it
    }
    const hash = LintCache.hash(bytes, context);
    // A stamp is worth keeping only for a file that had not changed for a while when it was read.
    const stable = stamp !== undefined && before - Math.max(stamp[2], stamp[3]) > this.stableMs ? stamp : undefined;
    const check: CacheCheck = { hash, context: contextHash, ...(stable ? { stamp: stable } : {}) };
    const outcome = entry?.hash === hash ? usable(entry.outcome) : undefined;
    if (outcome) {
      // Same content under a new stamp (touched, copied, checked out again): record the new one.
      if (!sameStamp(entry!.stamp, stable) || entry!.context !== contextHash) this.record(file, check, outcome);
      check.outcome = outcome;
    }
    return check;
  }

  /** Records the outcome of a file that `check` read and hashed. */
  record(file: string, check: CacheCheck, outcome: CachedOutcome): void {
    if (check.hash === undefined) return;
    const entry: CacheEntry = { hash: check.hash, outcome };
    if (check.stamp) {
      entry.context = check.context;
      entry.stamp = check.stamp;
    }
    this.entries[file] = entry;
    this.changed = true;
  }

  /** Writes the cache atomically; returns a one-line reason when it cannot. */
  save(): string | undefined {
    if (!this.changed && fs.existsSync(this.file)) return undefined;
    const tmp = `${this.file}.${process.pid}.${crypto().randomBytes(6).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify({ key: this.key, files: this.entries } satisfies CacheFile));
      fs.renameSync(tmp, this.file);
      return undefined;
    } catch (error) {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // Nothing was written (the directory cannot hold it).
      }
      return error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    }
  }
}

/** An outcome read from the cache file, if it has the shape of one. */
function usable(outcome: CachedOutcome | undefined): CachedOutcome | undefined {
  return outcome && (outcome.kind === 'skip' || (outcome.kind === 'result' && Array.isArray(outcome.result?.messages)))
    ? outcome
    : undefined;
}
