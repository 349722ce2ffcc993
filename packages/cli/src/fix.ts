/**
 * --fix: applies the core's fixes (edits over the original text) until the text is stable, and
 * writes the result atomically. Everything a fix does not touch stays byte-identical.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { FixKind } from '@iam-mfa-lint/core';

// Applying fixes is pure text work, shared with the browser playground: it lives in the core.
export { applyFixes, fixUntilStable, MAX_FIX_PASSES, type FixOutcome } from '@iam-mfa-lint/core';

export const FIX_KINDS: readonly FixKind[] = ['safe', 'mfa'];

/**
 * Replaces `file` with `content` atomically: a temporary file in the same folder (same file
 * system), flushed, given the old file's mode (and owner when permitted), then renamed over it.
 * A symbolic link stays a link: its target is replaced. An interrupted run leaves the old file or
 * the new one, never a mix.
 */
export function writeFileAtomic(file: string, content: Uint8Array): void {
  const target = fs.realpathSync(file);
  const stats = fs.statSync(target);
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', stats.mode & 0o777);
    fs.writeFileSync(fd, content);
    fs.fchmodSync(fd, stats.mode & 0o7777);
    try {
      fs.fchownSync(fd, stats.uid, stats.gid);
    } catch {
      /* only root may give a file away; the mode is what matters */
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/** A unified diff of one file's change, with `a/` and `b/` prefixes as git prints them. */
export function unifiedDiff(shownPath: string, before: string, after: string): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(`a/${shownPath}`, `b/${shownPath}`, before, after, undefined, undefined, { context: 3 });
  // Drop the "====" banner line createTwoFilesPatch starts with; keep ---/+++ and the hunks.
  return patch.replace(/^={10,}\r?\n/m, '');
}
