import { globMatch } from '../util/glob.js';
import type { Pattern } from './variables.js';

/**
 * Wildcard match of an expanded pattern. Without literal wildcard characters (the common case)
 * this is util/glob's linear-time matcher; otherwise the same leftmost-segment algorithm over
 * characters that carry a "literal" flag. Never builds a regular expression from policy text.
 */
export function patternMatch(p: Pattern, text: string, caseInsensitive = false): boolean {
  if (!p.literalMask) return globMatch(p.text, text, { caseInsensitive });
  let pt = p.text;
  if (caseInsensitive) {
    pt = pt.toLowerCase();
    text = text.toLowerCase();
  }
  // Split at wildcard stars into segments of (char, isAnyChar) pairs.
  const mask = p.literalMask;
  const segments: Array<{ chars: string; any: boolean[] }> = [{ chars: '', any: [] }];
  for (let i = 0; i < pt.length; i++) {
    const c = pt[i]!;
    const lit = mask[i] === true;
    if (c === '*' && !lit) segments.push({ chars: '', any: [] });
    else {
      const seg = segments[segments.length - 1]!;
      seg.chars += c;
      seg.any.push(c === '?' && !lit);
    }
  }
  const fits = (seg: { chars: string; any: boolean[] }, at: number): boolean => {
    for (let i = 0; i < seg.chars.length; i++) if (!seg.any[i] && seg.chars[i] !== text[at + i]) return false;
    return true;
  };
  if (segments.length === 1) return text.length === segments[0]!.chars.length && fits(segments[0]!, 0);
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  if (first.chars.length + last.chars.length > text.length) return false;
  if (!fits(first, 0) || !fits(last, text.length - last.chars.length)) return false;
  let pos = first.chars.length;
  const end = text.length - last.chars.length;
  for (let s = 1; s < segments.length - 1; s++) {
    const seg = segments[s]!;
    if (seg.chars.length === 0) continue;
    let found = -1;
    for (let i = pos; i + seg.chars.length <= end; i++) {
      if (fits(seg, i)) {
        found = i;
        break;
      }
    }
    if (found < 0) return false;
    pos = found + seg.chars.length;
  }
  return true;
}

/** Exact comparison of an expanded value (wildcards are literal characters here). */
export function patternEquals(p: Pattern, text: string, caseInsensitive = false): boolean {
  return caseInsensitive ? p.text.toLowerCase() === text.toLowerCase() : p.text === text;
}
