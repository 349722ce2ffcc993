/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

export interface SuggestOptions<T> {
  /** Most edits allowed. */
  max: number;
  /** The text of a candidate to compare with `word` (default: the candidate itself, as a string). */
  text?: (candidate: T) => string;
  /** The part of `word` to compare with a candidate (default: all of it). */
  wordFor?: (candidate: T, word: string) => string;
  /** A further limit per candidate (e.g. by its length); default: none. */
  accept?: (distance: number, candidate: T) => boolean;
  /** Case-insensitive comparison (default: true). */
  caseInsensitive?: boolean;
  /** Among equally close candidates, prefer the first (default) or the one this orders first. */
  order?: (a: T, b: T) => number;
}

/**
 * "Did you mean": the candidate closest to `word` within `opts.max` edits, if any. The one
 * suggestion routine of the project (rules, grammar messages, MFA keys).
 */
export function suggest<T>(word: string, candidates: Iterable<T>, opts: SuggestOptions<T>): T | undefined {
  const ci = opts.caseInsensitive ?? true;
  const w = ci ? word.toLowerCase() : word;
  let best: T | undefined;
  let bestD = opts.max + 1;
  for (const c of candidates) {
    const raw = opts.text ? opts.text(c) : String(c);
    const d = editDistance(opts.wordFor ? opts.wordFor(c, w) : w, ci ? raw.toLowerCase() : raw, opts.max);
    if (d > opts.max || (opts.accept && !opts.accept(d, c))) continue;
    if (d < bestD || (d === bestD && best !== undefined && opts.order && opts.order(c, best) < 0)) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** The candidate closest to `word` within `max` edits (ties: first candidate), if any. */
export function closest(
  word: string,
  candidates: readonly string[],
  max: number,
  caseInsensitive = true,
): string | undefined {
  return suggest(word, candidates, { max, caseInsensitive });
}
