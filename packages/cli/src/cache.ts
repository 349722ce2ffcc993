/**
 * `--cache` / `--cache-location` (ESLint's flags): each linted file's outcome, keyed by a hash of
 * its content and of the options it was linted with, in one JSON file. The whole cache belongs to
 * one tool version and one IAM data version; a cache of another (or a file that is not a cache)
 * is ignored and rewritten. Written atomically (a temporary file renamed over it).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LintResult } from '@iam-mfa-lint/core';

/** The default --cache-location, in the working directory. */
export const DEFAULT_CACHE_FILE = '.iam-mfa-lint-cache';

export type CachedOutcome = { kind: 'result'; result: LintResult } | { kind: 'skip' };

interface CacheFile {
  /** The tool and IAM data versions the entries were computed with. */
  key: string;
  files: Record<string, { hash: string; outcome: CachedOutcome }>;
}

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
  ) {
    this.entries = entries;
  }

  /** Opens the cache file; a missing, unreadable, corrupt or other-version cache starts empty. */
  static open(file: string, key: string): LintCache {
    let entries: CacheFile['files'] = {};
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CacheFile> | null;
      if (data && data.key === key && typeof data.files === 'object' && data.files !== null) entries = data.files;
    } catch {
      // No cache yet, or not one we can use: lint everything and write a new one.
    }
    return new LintCache(file, key, Object.assign(Object.create(null), entries));
  }

  /** The hash an entry is stored under: the file's bytes and everything else its outcome depends on. */
  static hash(bytes: Uint8Array, context: unknown): string {
    return crypto.createHash('sha256').update(JSON.stringify(context)).update('\0').update(bytes).digest('hex');
  }

  get(file: string, hash: string): CachedOutcome | undefined {
    const entry = this.entries[file];
    const outcome = entry?.hash === hash ? entry.outcome : undefined;
    return outcome &&
      (outcome.kind === 'skip' || (outcome.kind === 'result' && Array.isArray(outcome.result?.messages)))
      ? outcome
      : undefined;
  }

  set(file: string, hash: string, outcome: CachedOutcome): void {
    this.entries[file] = { hash, outcome };
    this.changed = true;
  }

  /** Writes the cache atomically; returns a one-line reason when it cannot. */
  save(): string | undefined {
    if (!this.changed && fs.existsSync(this.file)) return undefined;
    const tmp = `${this.file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
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
