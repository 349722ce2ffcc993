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
  let n = 0;
  for (const ch of text) {
    if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') n++;
  }
  return n;
}
