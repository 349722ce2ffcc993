import { parsePolicyText, type NodeLocation, type Range } from '../model/parse.js';
import type { PolicyType } from '../types.js';
import type { ExtractedDocument, InputProblem } from './types.js';

import type { LineIndex } from '../util/lines.js';

/** A decoded string and, for each of its UTF-16 units (and its end), the offset it came from. */
export interface Decoded {
  text: string;
  map: number[];
}

/**
 * Decodes the JSON string literal that starts with the quote at `start` in `host`, keeping for
 * every decoded unit the host offset of the escape or character it came from.
 */
export function decodeJsonString(host: string, start: number): Decoded | undefined {
  if (host[start] !== '"') return undefined;
  let text = '';
  const map: number[] = [];
  let i = start + 1;
  while (i < host.length && host[i] !== '"') {
    if (host[i] === '\\') {
      const c = host[i + 1];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (c !== undefined && simple[c] !== undefined) {
        text += simple[c];
        map.push(i);
        i += 2;
      } else if (c === 'u') {
        text += String.fromCharCode(parseInt(host.slice(i + 2, i + 6), 16));
        map.push(i);
        i += 6;
      } else return undefined;
    } else {
      text += host[i];
      map.push(i);
      i++;
    }
  }
  map.push(i);
  return { text, map };
}

/** Percent-decodes (RFC 3986, as IAM's API returns policy documents), composing the offset map. */
export function decodeUrl(input: Decoded): Decoded | undefined {
  const s = input.text;
  let text = '';
  const map: number[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '%') {
      const bytes: number[] = [];
      const from = i;
      while (s[i] === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 3;
      }
      if (bytes.length === 0) return undefined;
      let chunk: string;
      try {
        chunk = decodeURIComponent(s.slice(from, i));
      } catch {
        return undefined;
      }
      // Every unit of the decoded run maps to the start of its first escape: close enough for ranges.
      let pos = from;
      for (let k = 0; k < chunk.length; k++) {
        text += chunk[k];
        map.push(input.map[pos]!);
        pos = Math.min(pos + 3, i);
      }
    } else {
      text += s[i];
      map.push(input.map[i]!);
      i++;
    }
  }
  map.push(input.map[s.length]!);
  return { text, map };
}

/** Is this string a percent-encoded JSON document (as `get-policy-version` returns it)? */
export function looksUrlEncoded(s: string): boolean {
  return /^\s*%7B/i.test(s);
}

/**
 * A policy document held as JSON text inside a JSON string of the host file (a Terraform plan's
 * `policy`, CLI output's URL-encoded `Document`): parsed, with every node located at the exact
 * column of the host file where its text is encoded.
 */
export function embeddedDocument(
  lines: LineIndex,
  stringRange: Range,
  label: string,
  kind: PolicyType,
  options: { urlEncoded?: boolean } = {},
): ExtractedDocument | InputProblem {
  const whole = { ...lines.range(stringRange.offset ?? 0, stringRange.endOffset ?? 0) };
  let decoded = stringRange.offset !== undefined ? decodeJsonString(lines.text, stringRange.offset) : undefined;
  if (decoded && options.urlEncoded) decoded = decodeUrl(decoded);
  if (!decoded)
    return {
      ruleId: 'invalid-json',
      messageId: 'syntax',
      message: `${label}: the encoded policy document cannot be decoded`,
      range: whole,
    };
  const parsed = parsePolicyText(decoded.text);
  const at = (offset: number | undefined): number => decoded!.map[Math.min(offset ?? 0, decoded!.map.length - 1)]!;
  const toHost = (r: Range): Range => lines.range(at(r.offset), at(r.endOffset));
  if (!parsed.ok) {
    // The parser's position is a line and column of the decoded text; find its offset.
    const offset = offsetOf(decoded.text, parsed.error.range.line, parsed.error.range.column);
    const p = lines.position(at(offset));
    return {
      ruleId: 'invalid-json',
      messageId: parsed.error.messageId,
      message: `${label}: ${parsed.error.message}`,
      range: { line: p.line, column: p.column, endLine: p.line, endColumn: p.column + 1 },
    };
  }
  const cache = new Map<string, NodeLocation | undefined>();
  const lookup = (pointer: string): NodeLocation | undefined => {
    if (cache.has(pointer)) return cache.get(pointer);
    const loc = parsed.locations.get(pointer);
    const out = loc
      ? loc.key
        ? { value: toHost(loc.value), key: toHost(loc.key) }
        : { value: toHost(loc.value) }
      : undefined;
    cache.set(pointer, out);
    return out;
  };
  return { value: parsed.value, source: { lookup }, label, kind, range: whole };
}

function offsetOf(text: string, line: number, column: number): number {
  let l = 1;
  let i = 0;
  while (l < line && i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) l++;
    i++;
  }
  return i + column - 1;
}

export function isProblem(x: ExtractedDocument | InputProblem): x is InputProblem {
  return (x as InputProblem).ruleId !== undefined && (x as ExtractedDocument).source === undefined;
}
