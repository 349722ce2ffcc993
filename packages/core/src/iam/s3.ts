import { editDistance } from '../util/distance.js';
import { BoundedCache } from '../util/cache.js';
import { globMatch, globMatchesPrefix, hasWildcard } from '../util/glob.js';
import type { NStatement } from '../model/normalize.js';
import { S3_BUCKET_ACTIONS } from './generated/s3-bucket-actions.js';
import { hasUnresolved, replaceUnresolved } from '../util/unresolved.js';

export const PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
] as const;

/** Policy variables (`${aws:username}`) stand for unknown text: treat them as `*` for matching. */
export function variablesAsWildcards(s: string): string {
  return s.replace(/\$\{[^}]*\}/g, '*');
}

/** Does `pattern` (an Action entry) match the S3 action `name` (lowercase, no prefix)? */
function matchesS3Action(pattern: string, name: string): boolean {
  return globMatch(pattern.trim(), `s3:${name}`, { caseInsensitive: true });
}

/**
 * Can this action pattern name an S3 action that reaches a bucket or its objects? Account-level
 * S3 actions (s3:ListAllMyBuckets, s3:GetAccountPublicAccessBlock, job and access-point
 * actions) do not: their resource types are neither bucket nor object.
 */
export function actionCanBeS3(pattern: string): boolean {
  return reachCache.get(pattern, computeActionCanBeS3);
}

/** Actions repeat across documents; the answer depends on the pattern alone. */
const reachCache = new BoundedCache<string, boolean>();
const S3_BUCKET_ACTION_SET = new Set(S3_BUCKET_ACTIONS);

function computeActionCanBeS3(pattern: string): boolean {
  const p = pattern.trim();
  if (p === '*') return true;
  const colon = p.indexOf(':');
  if (colon < 0 || !globMatch(p.slice(0, colon), 's3', { caseInsensitive: true })) return false;
  const name = p.slice(colon + 1).toLowerCase();
  if (!name.includes('*') && !name.includes('?')) return S3_BUCKET_ACTION_SET.has(name);
  return S3_BUCKET_ACTIONS.some((a) => matchesS3Action(p, a));
}

/** The S3 bucket and object actions (lowercase names) that a list of Action patterns grants. */
export function bucketActionsMatched(patterns: readonly string[]): string[] {
  if (patterns.length === 1) return [...actionsOfPattern(patterns[0]!)];
  const hit = new Set<string>();
  for (const p of patterns) for (const a of actionsOfPattern(p)) hit.add(a);
  return S3_BUCKET_ACTIONS.filter((a) => hit.has(a));
}

const actionsCache = new BoundedCache<string, readonly string[]>();

function actionsOfPattern(pattern: string): readonly string[] {
  return actionsCache.get(pattern, (p) =>
    actionCanBeS3(p) ? S3_BUCKET_ACTIONS.filter((a) => matchesS3Action(p, a)) : [],
  );
}

/** The S3 actions a statement's Action/NotAction can grant, as patterns (for messages and coverage). */
export function s3ActionPatterns(s: NStatement): string[] | undefined {
  if (s.action) {
    const out = s.action.items.map((a) => a.value).filter(actionCanBeS3);
    return out.length ? out : undefined;
  }
  if (s.notAction) {
    const excluded = s.notAction.items.map((a) => a.value);
    return S3_BUCKET_ACTIONS.some((a) => !excluded.some((p) => matchesS3Action(p, a))) ? ['s3:*'] : undefined;
  }
  return undefined;
}

export type S3Resource =
  /** `*`: every resource of every service. */
  | { kind: 'any' }
  /** A pattern whose wildcards span the ARN's fields, matching every S3 ARN (`arn:aws:s3*`). */
  | { kind: 'anyS3' }
  /** A bucket or object ARN whose bucket name has a wildcard or a policy variable. */
  | { kind: 'wildcardBucket'; bucketPattern: string; resourcePattern: string }
  /** A bucket (`key` undefined) or object ARN naming one bucket. */
  | { kind: 'bucket'; bucket: string; key?: string; partition: string }
  /**
   * A value a host file computes at deploy time (see util/unresolved.ts) that may name an S3
   * bucket: it may be the target bucket, so it is never reported as another bucket.
   */
  | { kind: 'unresolved' }
  /** Not an S3 bucket or object ARN (another service, an access point, text that is no ARN). */
  | { kind: 'other' };

/** Splits an ARN at its colons, leaving colons inside policy variables (`${aws:username}`) alone. */
export function splitArn(arn: string): string[] {
  const parts: string[] = [];
  // Each part is one slice (not a string grown a character at a time).
  let start = 0;
  let depth = 0;
  for (let i = 0; i < arn.length; i++) {
    const c = arn.charCodeAt(i);
    if (c === 0x24 && arn.charCodeAt(i + 1) === 0x7b) depth++;
    else if (c === 0x7d && depth > 0) depth--;
    if (c === 0x3a && depth === 0 && parts.length < 5) {
      parts.push(arn.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(arn.slice(start));
  return parts;
}

/** Classifies one Resource entry with respect to S3 buckets. ARNs compare case-sensitively. */
export function classifyResource(raw: string): S3Resource {
  if (raw === '*') return { kind: 'any' };
  if (hasUnresolved(raw)) return classifyUnresolved(raw);
  const parts = splitArn(raw);
  if (parts.length < 6) {
    const r = variablesAsWildcards(raw);
    return hasWildcard(r) && globMatchesPrefix(r, 'arn:aws:s3:::') ? { kind: 'anyS3' } : { kind: 'other' };
  }
  const [arn, partition, service, region, account, resource] = parts.map(variablesAsWildcards) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!globMatch(arn, 'arn') || !globMatch(service, 's3')) return { kind: 'other' };
  if (!globMatch(region, '') || !globMatch(account, '')) return { kind: 'other' };
  const rawResource = parts[5]!;
  const slash = resource.indexOf('/');
  const seg = slash < 0 ? resource : resource.slice(0, slash);
  if (hasWildcard(seg)) {
    const rawSlash = rawResource.replace(/\$\{[^}]*\}/g, (m) => 'x'.repeat(m.length)).indexOf('/');
    return {
      kind: 'wildcardBucket',
      bucketPattern: rawSlash < 0 ? rawResource : rawResource.slice(0, rawSlash),
      resourcePattern: resource,
    };
  }
  const out: S3Resource = { kind: 'bucket', bucket: seg, partition };
  if (slash >= 0) out.key = resource.slice(slash + 1);
  return out;
}

/** An entry with unknown parts: known when the parts it depends on are literal, else unresolved. */
function classifyUnresolved(raw: string): S3Resource {
  const SENTINEL = '\u0000';
  const c = classifyResource(replaceUnresolved(raw, SENTINEL));
  if (c.kind === 'bucket') return c.bucket.includes(SENTINEL) ? { kind: 'unresolved' } : c;
  if (c.kind === 'wildcardBucket') return c.bucketPattern.includes(SENTINEL) ? { kind: 'unresolved' } : c;
  if (c.kind !== 'other') return c;
  // Unknown text where the ARN's prefix, partition or service would be: it may be an S3 ARN.
  const parts = splitArn(raw);
  return parts.length < 6 || parts.slice(0, 3).some(hasUnresolved) ? { kind: 'unresolved' } : c;
}

/** Can this resource entry cover (some of) bucket `b`: the bucket itself or its objects? */
export function resourceReachesBucket(c: S3Resource, bucket: string): boolean {
  switch (c.kind) {
    case 'any':
    case 'anyS3':
    case 'unresolved':
      return true;
    case 'wildcardBucket':
      return globMatch(c.resourcePattern, bucket) || globMatchesPrefix(c.resourcePattern, bucket + '/');
    case 'bucket':
      return c.bucket === bucket;
    default:
      return false;
  }
}

export function isS3Resource(c: S3Resource): boolean {
  return c.kind !== 'other';
}

const CONFUSABLE: Record<string, string> = { o: '0', i: '1', l: '1' };

function skeleton(name: string): string {
  return name.toLowerCase().replace(/[oil]/g, (c) => CONFUSABLE[c]!);
}

/**
 * Is `candidate` probably a typo of `target`? True for a small edit distance (one or two edits,
 * counting a transposition as one), letters O/I/l standing for digits 0/1, and names that differ
 * only in their digits (a changed date).
 */
export function isNearMiss(candidate: string, target: string): boolean {
  if (candidate === target) return false;
  const a = skeleton(candidate);
  const b = skeleton(target);
  if (a === b) return true;
  const limit = Math.min(2, Math.max(1, Math.floor(Math.min(a.length, b.length) / 4)));
  if (editDistance(a, b, limit) <= limit) return true;
  if (a.length === b.length && /\d/.test(a) && a.replace(/\d/g, '#') === b.replace(/\d/g, '#')) return true;
  return false;
}
