/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${s3:prefix, 'home/'}`) and
 * the special characters `${*}`, `${?}`, `${$}`. A policy text becomes a list of pieces: literal
 * text (wildcard characters from `${*}`/`${?}` or from a substituted value stay literal) and the
 * pattern's own `*` and `?` wildcards. Documents of Version 2008-10-17 (or without a Version) do
 * not expand variables: `${...}` is literal text there, as IAM treats it.
 */

/** A pattern after substitution: `text` with `wild[i]` true where text[i] is a wildcard. */
export interface Pattern {
  text: string;
  /** Null when no character is a wildcard that came from substitution (the common case). */
  literalMask: boolean[] | null;
}

export type ContextLookup = (key: string) => readonly string[] | undefined;

/**
 * Expands the variables of `raw`. Returns undefined when a variable has no value in the request
 * and no default (IAM: the element then does not match).
 */
export function expand(raw: string, expandVariables: boolean, lookup: ContextLookup): Pattern | undefined {
  if (!expandVariables || !raw.includes('${')) return { text: raw, literalMask: null };
  let text = '';
  let mask: boolean[] | null = null;
  const literal = (s: string) => {
    if (!mask && /[*?]/.test(s)) mask = Array.from(text, () => false);
    text += s;
    if (mask) for (let i = 0; i < s.length; i++) mask.push(true);
  };
  const policyText = (s: string) => {
    text += s;
    if (mask) for (let i = 0; i < s.length; i++) mask.push(false);
  };
  let i = 0;
  while (i < raw.length) {
    const start = raw.indexOf('${', i);
    if (start < 0) {
      policyText(raw.slice(i));
      break;
    }
    const end = raw.indexOf('}', start + 2);
    if (end < 0) {
      policyText(raw.slice(i));
      break;
    }
    policyText(raw.slice(i, start));
    const body = raw.slice(start + 2, end);
    if (body === '*' || body === '?' || body === '$') literal(body);
    else {
      const value = resolve(body, lookup);
      if (value === undefined) return undefined;
      literal(value);
    }
    i = end + 1;
  }
  return { text, literalMask: mask };
}

/** `aws:username` or `aws:username, 'default'` (the default in single quotes). */
function resolve(body: string, lookup: ContextLookup): string | undefined {
  let key = body.trim();
  let fallback: string | undefined;
  const comma = body.indexOf(',');
  if (comma >= 0) {
    key = body.slice(0, comma).trim();
    const rest = body.slice(comma + 1).trim();
    const m = /^'(.*)'$/.exec(rest);
    if (m) fallback = m[1];
  }
  const values = lookup(key);
  // A multivalued key cannot be substituted (IAM: the variable is not replaced; the element does not match).
  if (values && values.length === 1) return values[0];
  return fallback;
}

/** Does the policy use variables (Version 2012-10-17 only)? */
export function expandsVariables(version: string | undefined): boolean {
  return version === '2012-10-17';
}
