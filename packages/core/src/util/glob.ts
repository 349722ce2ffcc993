/**
 * IAM wildcard matching: `*` matches any sequence (including the empty one), `?` exactly one
 * character. No regular expressions are built from policy text. Matching splits the pattern at
 * `*` and places each literal segment at its leftmost position (which is always safe for globs),
 * so the cost is bounded by text length x longest segment, never exponential.
 */

export interface GlobOptions {
  /** Compare letters case-insensitively (IAM actions); ARNs compare case-sensitively. */
  caseInsensitive?: boolean;
}

type CharEq = (p: string, t: string) => boolean;

const exactEq: CharEq = (p, t) => p === '?' || p === t;

/** Does `pattern` match the whole of `text`? */
export function globMatch(pattern: string, text: string, options: GlobOptions = {}): boolean {
  if (options.caseInsensitive) {
    pattern = pattern.toLowerCase();
    text = text.toLowerCase();
  }
  return segmentMatch(pattern, text, exactEq);
}

/**
 * Does every string matched by `inner` also match `outer`? Conservative: `true` is always right;
 * `false` may be returned for some exotic pairs where containment holds. `inner`'s wildcards are
 * treated as literal characters that only `outer`'s `*` can absorb (a `?` in `outer` stands for
 * one concrete character, so it may absorb `inner`'s `?` but not its `*`).
 */
export function globCovers(outer: string, inner: string, options: GlobOptions = {}): boolean {
  if (options.caseInsensitive) {
    outer = outer.toLowerCase();
    inner = inner.toLowerCase();
  }
  return segmentMatch(outer, inner, (p, t) => (p === '?' ? t !== '*' : p === t));
}

/** Can `pattern` match some string that starts with `prefix`? (NFA simulation over the prefix.) */
export function globMatchesPrefix(pattern: string, prefix: string, options: GlobOptions = {}): boolean {
  if (options.caseInsensitive) {
    pattern = pattern.toLowerCase();
    prefix = prefix.toLowerCase();
  }
  const n = pattern.length;
  // states: positions in the pattern; closure over '*' (a star may match nothing).
  let current = new Uint8Array(n + 1);
  const close = (set: Uint8Array) => {
    for (let i = 0; i < n; i++) if (set[i] && pattern[i] === '*') set[i + 1] = 1;
  };
  current[0] = 1;
  close(current);
  for (const ch of prefix) {
    const next = new Uint8Array(n + 1);
    let any = false;
    for (let i = 0; i < n; i++) {
      if (!current[i]) continue;
      const p = pattern[i];
      if (p === '*') {
        next[i] = 1;
        any = true;
      } else if (p === '?' || p === ch) {
        next[i + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    close(next);
    current = next;
  }
  // Any live state can be completed: every remaining pattern suffix matches some string.
  return current.some((v) => v === 1);
}

export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

/**
 * globMatch for one pattern against many texts (case-sensitive): the pattern is split once, and
 * without a `?` its first and last segments are compared as plain prefix and suffix.
 */
export function globMatcher(pattern: string): (text: string) => boolean {
  const segments = pattern.split('*');
  if (segments.length === 1) {
    return pattern.includes('?')
      ? (text) => text.length === pattern.length && fits(pattern, text, 0, exactEq)
      : (text) => text === pattern;
  }
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  const plain = !first.includes('?') && !last.includes('?');
  return (text) => {
    if (first.length + last.length > text.length) return false;
    if (plain ? !text.startsWith(first) || !text.endsWith(last) : !endsFit(segments, text, exactEq)) return false;
    return middleFits(segments, text, exactEq);
  };
}

function segmentMatch(pattern: string, text: string, eq: CharEq): boolean {
  const segments = pattern.split('*');
  if (segments.length === 1) return text.length === pattern.length && fits(pattern, text, 0, eq);
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  if (first.length + last.length > text.length) return false;
  return endsFit(segments, text, eq) && middleFits(segments, text, eq);
}

/** Do the first and last of two or more segments fit the start and end of the text (long enough for both)? */
function endsFit(segments: readonly string[], text: string, eq: CharEq): boolean {
  const last = segments[segments.length - 1]!;
  return fits(segments[0]!, text, 0, eq) && fits(last, text, text.length - last.length, eq);
}

/** Are the segments between the first and the last found in order between them? */
function middleFits(segments: readonly string[], text: string, eq: CharEq): boolean {
  let pos = segments[0]!.length;
  const end = text.length - segments[segments.length - 1]!.length;
  for (let s = 1; s < segments.length - 1; s++) {
    const seg = segments[s]!;
    if (seg.length === 0) continue;
    const found = find(seg, text, pos, end, eq);
    if (found < 0) return false;
    pos = found + seg.length;
  }
  return true;
}

function fits(seg: string, text: string, at: number, eq: CharEq): boolean {
  for (let i = 0; i < seg.length; i++) if (!eq(seg[i]!, text[at + i]!)) return false;
  return true;
}

function find(seg: string, text: string, from: number, end: number, eq: CharEq): number {
  const last = end - seg.length;
  // Fast path for segments without '?': native search (no regular expression).
  if (eq === exactEq && !seg.includes('?')) {
    const i = text.indexOf(seg, from);
    return i >= 0 && i <= last ? i : -1;
  }
  for (let i = from; i <= last; i++) if (fits(seg, text, i, eq)) return i;
  return -1;
}
