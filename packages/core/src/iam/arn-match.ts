/**
 * The one matcher of an ARN pattern (a policy's Resource, with IAM's wildcards) against an ARN
 * format of the service reference (with typed placeholders): iam/data.ts (lenient, per resource
 * type) and iam/arn.ts (segment-aware, for malformed ARNs) tokenize each side their way.
 */

import { BoundedCache } from '../util/cache.js';

/** What a template placeholder's characters may be. */
export type Cls = 'any' | 'noColon' | 'partition' | 'digit' | 'bucket' | 'noSlash' | 'noColonSlash';
/** Pattern tokens: `colon` says whether a wildcard may stand for text with colons. */
export type PTok = { kind: 'lit'; c: string } | { kind: 'one'; colon: boolean } | { kind: 'star'; colon: boolean };
export type TTok = { kind: 'lit'; c: string } | { kind: 'one'; cls: Cls } | { kind: 'star'; cls: Cls };

function admits(cls: Cls, c: string): boolean {
  switch (cls) {
    case 'any':
      return true;
    case 'noColon':
      return c !== ':';
    case 'partition':
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '-';
    case 'digit':
      return c >= '0' && c <= '9';
    case 'bucket':
    case 'noColonSlash':
      return c !== ':' && c !== '/';
    case 'noSlash':
      return c !== '/';
  }
}

/** The automaton's two sets of positions, reused from call to call (grown for longer templates). */
let setA = new Uint8Array(256);
let setB = new Uint8Array(256);

/**
 * Can the pattern match some text the template produces? One pass over the pattern carrying the
 * set of template positions reached (an automaton simulation): time pattern length x template
 * length, memory template length, whatever the pattern holds (a DFS over position pairs ran out
 * of memory on a 9-million-character pattern). A template star (the tail of a placeholder) may
 * match nothing. Each step looks only at the span of positions reached (lo..hi), which is narrow
 * for a pattern of literal text, and no memory is allocated per call.
 */
export function intersects(p: readonly PTok[], b: readonly TTok[]): boolean {
  const m = b.length;
  if (setA.length < m + 1) {
    setA = new Uint8Array(m + 1);
    setB = new Uint8Array(m + 1);
  }
  let cur = setA;
  let next = setB;
  cur.fill(0, 0, m + 1);
  cur[0] = 1;
  let lo = 0;
  let hi = close(cur, b, 0, 0);
  for (const ta of p) {
    next.fill(0, 0, m + 1);
    let nlo = -1;
    let nhi = -1;
    if (ta.kind === 'star') {
      // Consumes a run of template characters: with `colon`, any run; without, none that must be ':'.
      let on = false;
      for (let j = lo; j <= m; j++) {
        if (cur[j]) on = true;
        if (on) {
          next[j] = 1;
          if (nlo < 0) nlo = j;
          nhi = j;
          const t = b[j];
          if (!ta.colon && t?.kind === 'lit' && t.c === ':') on = false;
        }
      }
    } else {
      const top = Math.min(hi, m - 1);
      for (let j = lo; j <= top; j++) {
        const t = b[j]!;
        if (!cur[j]) continue;
        const meets =
          ta.kind === 'lit'
            ? t.kind === 'lit'
              ? t.c === ta.c
              : admits(t.cls, ta.c)
            : ta.colon || t.kind !== 'lit' || t.c !== ':';
        if (!meets) continue;
        const k = t.kind === 'star' ? j : j + 1;
        next[k] = 1;
        if (nlo < 0 || k < nlo) nlo = k;
        if (k > nhi) nhi = k;
      }
    }
    if (nlo < 0) return false;
    lo = nlo;
    hi = close(next, b, nlo, nhi);
    [cur, next] = [next, cur];
  }
  return cur[m] === 1;
}

/** Adds the positions after each reached template star (a star may match nothing); returns the new highest position. */
function close(set: Uint8Array, b: readonly TTok[], lo: number, hi: number): number {
  const m = b.length;
  for (let j = lo; j <= hi && j < m; j++) {
    if (set[j] && b[j]!.kind === 'star') {
      set[j + 1] = 1;
      if (j + 1 > hi) hi = j + 1;
    }
  }
  return hi;
}

/**
 * Walks an ARN format: `placeholder(name, segment)` for each `${Name}`, `char(c, segment)` for
 * every other character; `segment` counts the colons before it (0 arn .. 5 resource part).
 */
export function scanTemplate(
  t: string,
  placeholder: (name: string, segment: number) => void,
  char: (c: string, segment: number) => void,
): void {
  let segment = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    const end = c === '$' && t[i + 1] === '{' ? t.indexOf('}', i) : -1;
    if (end > 0) {
      placeholder(t.slice(i + 2, end), segment);
      i = end;
      continue;
    }
    char(c, segment);
    if (c === ':' && segment < 5) segment++;
  }
}

const formats = new BoundedCache<string, readonly string[]>();

/**
 * The formats of a resource type (some list several: "arn:...:/apis/${ApiId}, arn:...:/restapis/..."),
 * remembered per format text (the rules ask for them per action and resource). Shared: read only.
 */
export function formatsOf(arn: string): readonly string[] {
  return formats.get(arn, (a) => (a.includes(',') ? a.split(/,\s*(?=arn:)/) : [a]));
}

type LitTok = { kind: 'lit'; c: string };
const litTokens = new Map<string, LitTok>();
/** The tokens of the ASCII characters by code: the common case, one array read instead of a map lookup. */
const asciiLit: (LitTok | undefined)[] = new Array<LitTok | undefined>(128).fill(undefined);

/**
 * The token of a literal character, pattern or template, shared (a long pattern is mostly
 * literals; the templates of every resource type loaded are 120,000 characters).
 */
export function litToken(c: string): LitTok {
  const code = c.length === 1 ? c.charCodeAt(0) : 128;
  if (code < 128) return (asciiLit[code] ??= { kind: 'lit', c });
  let t = litTokens.get(c);
  if (!t) {
    t = { kind: 'lit', c };
    if (litTokens.size < 4096) litTokens.set(c, t);
  }
  return t;
}

function classTokensOf(cls: Cls): { one: TTok; star: TTok } {
  return { one: { kind: 'one', cls }, star: { kind: 'star', cls } };
}

/** Every class token, built once: a property read per placeholder instead of a key string and a map lookup. */
const classTokens: Readonly<Record<Cls, { one: TTok; star: TTok }>> = {
  any: classTokensOf('any'),
  noColon: classTokensOf('noColon'),
  partition: classTokensOf('partition'),
  digit: classTokensOf('digit'),
  bucket: classTokensOf('bucket'),
  noSlash: classTokensOf('noSlash'),
  noColonSlash: classTokensOf('noColonSlash'),
};

/** The template token of a placeholder's characters (one, or a run of them), shared. */
export function classToken(kind: 'one' | 'star', cls: Cls): TTok {
  return classTokens[cls][kind];
}
