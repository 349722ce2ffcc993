/** The size of a JSON value as IAM measures policies (see iam/policy-size.ts for the quotas). */

/** Non-whitespace characters (code points) of the compact JSON of `doc`; 0 when it cannot be serialized. */
export function countCharacters(doc: unknown): number {
  let text: string | undefined;
  try {
    text = JSON.stringify(doc);
  } catch {
    return 0;
  }
  if (text === undefined) return 0;
  // Code points, not UTF-16 units: a surrogate pair counts once (a lone surrogate counts as one).
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    n++;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}
