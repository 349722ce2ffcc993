/**
 * What the page keeps in its address: `#policy=<base64url of the UTF-8 text>&bucket=<name>`, so a
 * link reproduces what the sender saw. Pure functions (no DOM): the tests run them in Node too.
 */

export interface SharedState {
  policy?: string;
  bucket?: string;
}

/** base64url (RFC 4648 section 5, no padding) of the text's UTF-8 bytes. */
export function encodeBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text back, or undefined when `value` is not base64url of UTF-8 text (a mangled link). */
export function decodeBase64Url(value: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(value) || value.length % 4 === 1) return undefined;
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** `#policy=...&bucket=...` for a state (the bucket only when set). */
export function formatHash(state: SharedState): string {
  const parts: string[] = [];
  if (state.policy !== undefined) parts.push(`policy=${encodeBase64Url(state.policy)}`);
  if (state.bucket) parts.push(`bucket=${encodeURIComponent(state.bucket)}`);
  return parts.length > 0 ? `#${parts.join('&')}` : '';
}

/** Reads a location hash; `error` names what could not be read (the rest is still returned). */
export function parseHash(hash: string): SharedState & { error?: string } {
  const out: SharedState & { error?: string } = {};
  for (const part of hash.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (key === 'policy') {
      const text = decodeBase64Url(value);
      if (text === undefined) out.error = "the link's policy is not base64url-encoded UTF-8 text";
      else out.policy = text;
    } else if (key === 'bucket') {
      try {
        out.bucket = decodeURIComponent(value);
      } catch {
        out.error = "the link's bucket is not a valid URI component";
      }
    }
  }
  return out;
}

/**
 * The UTF-16 offset of a 1-based line and column, as the core reports them (lines end at \n,
 * \r\n or \r). A position past the end of a line or of the text is clamped.
 */
export function offsetAt(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const lf = text.indexOf('\n', start);
    const cr = text.indexOf('\r', start);
    const next =
      cr >= 0 && (lf < 0 || cr < lf) ? (text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1) : lf >= 0 ? lf + 1 : -1;
    if (next < 0) return text.length;
    start = next;
  }
  const end = /[\r\n]/.exec(text.slice(start));
  const lineLength = end ? end.index : text.length - start;
  return start + Math.min(Math.max(column - 1, 0), lineLength);
}
