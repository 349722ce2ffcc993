/**
 * Values that a host file computes at deploy time (a CloudFormation `!Ref` to a parameter without
 * a default, an `!ImportValue`, a Terraform reference) are unknown to a static linter. Extractors
 * write them as `${unresolved:WHAT}`: the syntax of a policy variable, so ARNs still split at the
 * right colons, in a namespace that IAM does not have. Rules treat a bucket name that contains
 * one as unknown: it may be the target bucket, so it is never reported as another bucket.
 */
export const UNRESOLVED_PREFIX = '${unresolved:';

/**
 * The marker for an unknown value; `what` is its source as the user wrote it (`!GetAtt Q.Arn`,
 * `aws_sqs_queue.q.arn`); a leading `~` marks an interpolation (`${var.bucket}` inside a string),
 * whose braces the marker cannot hold.
 */
export function unresolvedMarker(what: string): string {
  return `${UNRESOLVED_PREFIX}${what
    .replace(/[{}$\r\n]/g, '')
    .trim()
    .slice(0, 100)}}`;
}

export function hasUnresolved(s: string): boolean {
  return s.includes(UNRESOLVED_PREFIX);
}

const MARKER = /\$\{unresolved:[^}]*\}/g;

/** Replaces each marker with `replacement`. */
export function replaceUnresolved(s: string, replacement: string): string {
  return s.replace(MARKER, replacement);
}

/** Does the whole string consist of one marker (a value, not a part of a string)? */
export function isUnresolved(s: string): boolean {
  return /^\$\{unresolved:[^}]*\}$/.test(s);
}

/** The source text a marker stands for. */
function source(what: string): string {
  return what.startsWith('~') ? `\${${what.slice(1)}}` : what;
}

/**
 * Text for people: each marker shown as the user wrote it (`arn:aws:s3:::${var.bucket}/*`,
 * `!GetAtt Q.Arn`), never the internal `${unresolved:...}` form.
 */
export function showUnresolved(s: string): string {
  return s.includes(UNRESOLVED_PREFIX) ? s.replace(MARKER, (m) => source(m.slice(UNRESOLVED_PREFIX.length, -1))) : s;
}

/** The text with its markers removed: what a rule may still read as literal. */
export function withoutUnresolved(s: string): string {
  return s.replace(MARKER, '');
}
