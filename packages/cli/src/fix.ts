/**
 * --fix: applies the core's fixes (edits over the original text) until the text is stable, and
 * writes the result atomically. Everything a fix does not touch stays byte-identical.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { errnoText } from './files.js';
import type { FixKind, LintMessage, LintResult } from '@iam-mfa-lint/core';

export const FIX_KINDS: readonly FixKind[] = ['safe', 'mfa'];

/** Passes of lint-then-fix before giving up on reaching a stable text. */
export const MAX_FIX_PASSES = 10;

/**
 * Applies the fixes of `messages` whose kind is in `kinds` to `text`, from the first to the last;
 * a fix that overlaps one already taken waits for the next pass.
 */
export function applyFixes(text: string, messages: readonly LintMessage[], kinds: ReadonlySet<FixKind>): { text: string; applied: number } {
  const fixes = messages
    .map((m) => m.fix)
    .filter((f): f is NonNullable<LintMessage['fix']> => f !== undefined && kinds.has(f.kind))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let pos = 0;
  let applied = 0;
  let lastEnd = -1;
  for (const f of fixes) {
    const [start, end] = f.range;
    // Overlapping (or two insertions at one point): keep the first, retry the other next pass.
    if (start < lastEnd || (start === lastEnd && start === end) || start < pos) continue;
    if (text.slice(start, end) === f.text) continue;
    out += text.slice(pos, start) + f.text;
    pos = end;
    lastEnd = end;
    applied++;
  }
  return { text: out + text.slice(pos), applied };
}

export interface FixOutcome {
  /** The fixed text (the input when nothing applied). */
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  /** Lint result of the final text. */
  result: LintResult;
  /** True when MAX_FIX_PASSES passes did not reach a stable text. */
  unstable: boolean;
}

/** Lint, fix, re-lint until nothing more applies (at most MAX_FIX_PASSES passes). */
export function fixUntilStable(text: string, first: LintResult, lint: (text: string) => LintResult, kinds: ReadonlySet<FixKind>): FixOutcome {
  let current = text;
  let result = first;
  let applied = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const next = applyFixes(current, result.messages, kinds);
    if (next.applied === 0) return { text: current, applied, result, unstable: false };
    applied += next.applied;
    current = next.text;
    result = lint(current);
  }
  return { text: current, applied, result, unstable: applyFixes(current, result.messages, kinds).applied > 0 };
}

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
  if (options.roots && !options.roots.some((root) => inside(root, target))) return `it resolves to ${target}, outside the paths given`;
  if (!stats.isFile()) return 'not a regular file';
  if ((stats.mode & 0o222) === 0) return `read-only (mode ${(stats.mode & 0o777).toString(8).padStart(4, '0')})`;
  if (stats.nlink > 1) return `it has ${stats.nlink} hard links; replacing it would split them`;
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(8).toString('hex')}.tmp`);
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
    if (options.expected && !Buffer.from(options.expected).equals(fs.readFileSync(target))) return 'it changed on disk during the run';
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
  const patch = createTwoFilesPatch(`a/${shownPath}`, `b/${shownPath}`, before, after, undefined, undefined, { context: 3 });
  // Drop the "====" banner line createTwoFilesPatch starts with; keep ---/+++ and the hunks.
  return patch.replace(/^={10,}\r?\n/m, '');
}
