import { describe, expect, it } from 'vitest';
import { classToken, intersects, litToken, type Cls, type PTok, type TTok } from '../src/iam/arn-match.js';

/** What one pattern token may read from one template token (a template star stays where it is). */
function step(ta: PTok, t: TTok, cls: (cls: Cls, c: string) => boolean): boolean {
  if (ta.kind === 'lit') return t.kind === 'lit' ? t.c === ta.c : cls(t.cls, ta.c);
  return ta.colon || !(t.kind === 'lit' && t.c === ':');
}

/** The reference: the same automaton over sets of positions, each step over every position. */
function reference(p: readonly PTok[], b: readonly TTok[]): boolean {
  const admits = (cls: Cls, c: string) =>
    ({
      any: true,
      noColon: c !== ':',
      partition: /[a-z0-9-]/.test(c),
      digit: /[0-9]/.test(c),
      bucket: c !== ':' && c !== '/',
      noColonSlash: c !== ':' && c !== '/',
      noSlash: c !== '/',
    })[cls];
  const withEmptyStars = (reached: Set<number>) => {
    for (let j = 0; j < b.length; j++) if (reached.has(j) && b[j]!.kind === 'star') reached.add(j + 1);
    return reached;
  };
  let reached = withEmptyStars(new Set([0]));
  for (const ta of p) {
    const after = new Set<number>();
    for (const j of reached) {
      if (ta.kind !== 'star') {
        const t = b[j];
        if (t && step(ta, t, admits)) after.add(t.kind === 'star' ? j : j + 1);
        continue;
      }
      // A pattern star reads a run of template characters from j on, stopping before a ':' it may not read.
      for (let k = j; k <= b.length; k++) {
        after.add(k);
        const t = b[k];
        if (!t || !step(ta, t, admits)) break;
      }
    }
    if (after.size === 0) return false;
    reached = withEmptyStars(after);
  }
  return reached.has(b.length);
}

/** A small deterministic generator (xorshift), so that a failure can be replayed. */
function rng(seed: number) {
  let x = seed;
  return (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

const CHARS = ['a', 'b', ':', '/', '1'];
const CLASSES: Cls[] = ['any', 'noColon', 'partition', 'digit', 'bucket', 'noSlash', 'noColonSlash'];

describe('intersects', () => {
  it('answers as the full automaton on 20,000 random patterns and templates, short and long', () => {
    const next = rng(0x9e3779b9);
    let matched = 0;
    for (let n = 0; n < 20_000; n++) {
      const long = n % 50 === 0;
      const p: PTok[] = [];
      for (let i = next(long ? 300 : 8); i > 0; i--) {
        const k = next(6);
        p.push(
          k === 0
            ? { kind: 'star', colon: next(2) === 0 }
            : k === 1
              ? { kind: 'one', colon: next(2) === 0 }
              : litToken(CHARS[next(CHARS.length)]!),
        );
      }
      const t: TTok[] = [];
      for (let i = next(long ? 400 : 8); i > 0; i--) {
        const k = next(5);
        t.push(
          k < 3
            ? litToken(CHARS[next(CHARS.length)]!)
            : classToken(k === 3 ? 'one' : 'star', CLASSES[next(CLASSES.length)]!),
        );
      }
      const want = reference(p, t);
      if (want) matched++;
      expect(intersects(p, t), JSON.stringify({ p, t })).toBe(want);
    }
    // Both answers are well represented.
    expect(matched).toBeGreaterThan(1_000);
    expect(matched).toBeLessThan(19_000);
  });

  it('is not confused by a longer template matched before a shorter one', () => {
    const lit = (s: string) => [...s].map(litToken);
    expect(intersects(lit('ab'), lit('a'.repeat(500)))).toBe(false);
    expect(intersects(lit('ab'), lit('ab'))).toBe(true);
    expect(intersects([], [])).toBe(true);
    expect(intersects(lit('a'), [])).toBe(false);
    expect(intersects([{ kind: 'star', colon: true }], [])).toBe(true);
  });
});
