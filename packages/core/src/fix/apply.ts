/**
 * Applying the core's fixes (edits over the original text) until the text is stable. Pure text
 * work: the CLI's --fix and the browser playground both use it.
 */
import type { FixKind, LintMessage, LintResult } from '../types.js';

/** Passes of lint-then-fix before giving up on reaching a stable text. */
export const MAX_FIX_PASSES = 10;

/**
 * Applies the fixes of `messages` whose kind is in `kinds` to `text`, from the first to the last;
 * a fix that overlaps one already taken waits for the next pass.
 */
export function applyFixes(
  text: string,
  messages: readonly LintMessage[],
  kinds: ReadonlySet<FixKind>,
): { text: string; applied: number } {
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
export function fixUntilStable(
  text: string,
  first: LintResult,
  lint: (text: string) => LintResult,
  kinds: ReadonlySet<FixKind>,
): FixOutcome {
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
