/**
 * --fix: applies the core's fixes (edits over the original text) until the text is stable, and
 * writes the result atomically. Everything a fix does not touch stays byte-identical.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { FixKind } from '@iam-mfa-lint/core';
import { errnoText } from './files.js';

// Loaded on first use (a --fix run): crypto costs every start-up about 10 M instructions.
const crypto = () => process.getBuiltinModule('node:crypto');

// Applying fixes is pure text work, shared with the browser playground: it lives in the core.
export { applyFixes, fixUntilStable, MAX_FIX_PASSES, type FixOutcome } from '@iam-mfa-lint/core';

export const FIX_KINDS: readonly FixKind[] = ['safe', 'mfa'];

export interface SafeWriteOptions {
  /**
   * The paths the user named (files or folders): the file, once symbolic links are resolved, must
   * lie inside one of them. Absent: no such check.
   */
  roots?: readonly string[];
  /** The bytes the fixes were computed from: when the file no longer holds them, it is left alone. */
  expected?: Uint8Array;
}

/**
 * Replaces `file` with `content` atomically: a temporary file with a unique name in the same
 * folder (same file system), flushed, given the old file's mode and owner, then renamed over it.
 * A symbolic link stays a link: its target is replaced. An interrupted run leaves the old file or
 * the new one, never a mix; the temporary file is removed on every error.
 *
 * Never throws: returns why the file was left alone, or undefined once it is written. Skipped are
 * files outside `roots` (through a link), anything but a regular file, read-only files, files with
 * other hard links (a rename would split them), files whose owner cannot be kept, and files that
 * changed since they were read.
 */
export function writeFileAtomic(file: string, content: Uint8Array, options: SafeWriteOptions = {}): string | undefined {
  let target: string;
  let stats: fs.Stats;
  try {
    target = fs.realpathSync(file);
    stats = fs.statSync(target);
  } catch (error) {
    return describe(error);
  }
  if (options.roots && !options.roots.some((root) => inside(root, target)))
    return `it resolves to ${target}, outside the paths given`;
  if (!stats.isFile()) return 'not a regular file';
  if ((stats.mode & 0o222) === 0) return `read-only (mode ${(stats.mode & 0o777).toString(8).padStart(4, '0')})`;
  if (stats.nlink > 1) return `it has ${stats.nlink} hard links; replacing it would split them`;
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${crypto().randomBytes(8).toString('hex')}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = fs.openSync(tmp, 'wx', stats.mode & 0o777);
    created = true;
    fs.writeFileSync(fd, content);
    fs.fchmodSync(fd, stats.mode & 0o7777);
    const uid = typeof process.getuid === 'function' ? process.getuid() : stats.uid;
    if (stats.uid !== uid || stats.gid !== (typeof process.getgid === 'function' ? process.getgid() : stats.gid)) {
      try {
        fs.fchownSync(fd, stats.uid, stats.gid);
      } catch {
        return `owned by ${stats.uid}:${stats.gid}; replacing it would change the owner`;
      }
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    // Last check before the rename: an edit made during the run wins over the fixes.
    if (options.expected && !Buffer.from(options.expected).equals(fs.readFileSync(target)))
      return 'it changed on disk during the run';
    fs.renameSync(tmp, target);
    created = false;
    return undefined;
  } catch (error) {
    return describe(error);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    if (created) fs.rmSync(tmp, { force: true });
  }
}

function inside(root: string, target: string): boolean {
  let real: string;
  try {
    real = fs.realpathSync(root);
  } catch {
    return false;
  }
  const rel = path.relative(real, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function describe(error: unknown): string {
  return errnoText(error) ?? String((error as Error).message ?? error).split('\n', 1)[0]!;
}

/** A unified diff of one file's change, with `a/` and `b/` prefixes as git prints them. */
export function unifiedDiff(shownPath: string, before: string, after: string): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(`a/${shownPath}`, `b/${shownPath}`, before, after, undefined, undefined, {
    context: 3,
  });
  // Drop the "====" banner line createTwoFilesPatch starts with; keep ---/+++ and the hunks.
  return patch.replace(/^={10,}\r?\n/m, '');
}
