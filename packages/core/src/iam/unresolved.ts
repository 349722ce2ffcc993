/**
 * Values that a host file computes at deploy time (a CloudFormation `!Ref` to a parameter without
 * a default, an `!ImportValue`, a Terraform reference) are unknown to a static linter. Extractors
 * write them as `${unresolved:WHAT}`: the syntax of a policy variable, so ARNs still split at the
 * right colons, in a namespace that IAM does not have. Rules treat a bucket name that contains
 * one as unknown: it may be the target bucket, so it is never reported as another bucket.
 */
export const UNRESOLVED_PREFIX = '${unresolved:';

/** The marker for an unknown value; `what` names its source (`Ref BucketParam`). */
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
