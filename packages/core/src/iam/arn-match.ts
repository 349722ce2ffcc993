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

/**
 * Can the pattern match some text the template produces? One pass over the pattern carrying the
 * set of template positions reached (an automaton simulation): time pattern length x template
 * length, memory template length, whatever the pattern holds (a DFS over position pairs ran out
 * of memory on a 9-million-character pattern). A template star (the tail of a placeholder) may
 * match nothing.
 */
export function intersects(p: readonly PTok[], b: readonly TTok[]): boolean {
  const m = b.length;
  const close = (set: Uint8Array) => {
    for (let j = 0; j < m; j++) if (set[j] && b[j]!.kind === 'star') set[j + 1] = 1;
  };
  // Two sets, swapped at each step (no allocation per pattern character).
  let cur = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  cur[0] = 1;
  close(cur);
  for (const ta of p) {
    next.fill(0);
    let any = false;
    if (ta.kind === 'star') {
      // Consumes a run of template characters: with `colon`, any run; without, none that must be ':'.
      let on = false;
      for (let j = 0; j <= m; j++) {
        if (cur[j]) on = true;
        if (on) {
          next[j] = 1;
          any = true;
          const t = b[j];
          if (!ta.colon && t?.kind === 'lit' && t.c === ':') on = false;
        }
      }
    } else {
      for (let j = 0; j < m; j++) {
        const t = b[j]!;
        if (!cur[j]) continue;
        const meets =
          ta.kind === 'lit'
            ? t.kind === 'lit'
              ? t.c === ta.c
              : admits(t.cls, ta.c)
            : ta.colon || t.kind !== 'lit' || t.c !== ':';
        if (!meets) continue;
        next[t.kind === 'star' ? j : j + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    close(next);
    [cur, next] = [next, cur];
  }
  return cur[m] === 1;
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

/**
 * The token of a literal character, pattern or template, shared (a long pattern is mostly
 * literals; the templates of every resource type loaded are 120,000 characters).
 */
export function litToken(c: string): LitTok {
  let t = litTokens.get(c);
  if (!t) {
    t = { kind: 'lit', c };
    if (litTokens.size < 4096) litTokens.set(c, t);
  }
  return t;
}

const classTokens = new Map<string, TTok>();

/** The template token of a placeholder's characters (one, or a run of them), shared. */
export function classToken(kind: 'one' | 'star', cls: Cls): TTok {
  const key = `${kind} ${cls}`;
  let t = classTokens.get(key);
  if (!t) {
    t = kind === 'one' ? { kind: 'one', cls } : { kind: 'star', cls };
    classTokens.set(key, t);
  }
  return t;
}
