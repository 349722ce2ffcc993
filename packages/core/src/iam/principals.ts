import type { NCondition, NPrincipalEntry, NStatement } from '../model/normalize.js';
import { globCovers } from '../util/glob.js';
import { replaceUnresolved } from '../util/unresolved.js';

/** The entries that make a Principal everyone: `"*"` or `{"AWS": "*"}`. */
export function wildcardPrincipalEntries(s: NStatement): NPrincipalEntry[] {
  if (!s.principal) return [];
  return s.principal.entries.filter((e) => (e.type === '*' || e.type === 'AWS') && e.value === '*');
}

/**
 * Condition keys whose value pins down who is calling (organization, account, principal, the AWS
 * resource or account on whose behalf a service calls) or from where (a VPC, a VPC endpoint, an IP
 * range). A condition on one of them with a bounded value turns "everyone" into a known set.
 * Keys a caller controls for itself (aws:PrincipalTag/*, aws:username, which is not unique across
 * accounts) or that hold for anyone (aws:SecureTransport, aws:MultiFactorAuthPresent) do not narrow.
 */
export const NARROWING_KEYS: readonly string[] = [
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalServiceName',
  'aws:userid',
  'aws:SourceArn',
  'aws:SourceAccount',
  'aws:SourceOwner',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:SourceIp',
  'aws:VpceAccount',
  'aws:VpceOrgID',
  'aws:VpceOrgPaths',
  'kms:CallerAccount',
  // S3 access point delegation: only access points owned by this account (AWS's documented pattern).
  's3:DataAccessPointAccount',
];
const NARROWING = new Set(NARROWING_KEYS.map((k) => k.toLowerCase()));

/** Operators that keep only requests whose key has one of the listed values (a missing key fails). */
const POSITIVE = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike', 'IpAddress']);
/** Their negations: in a Deny they refuse every request whose key is not one of the values. */
const NEGATIVE = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'ArnNotEquals',
  'ArnNotLike',
  'NotIpAddress',
]);

/** A value that bounds nothing: `*`, `arn:aws:*:*`, `arn:aws:iam::*`, `0.0.0.0/0`, `::/0`. */
export function unbounded(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === '0.0.0.0/0' || value === '::/0') return true;
  // After the partition, at most a service ("arn:aws:iam::*", "arn:aws:sqs:*"): every account's resources.
  const rest = value.replace(/^arn:(?:aws|aws-cn|aws-us-gov|[*?]+)?(?::[a-z0-9-]+(?=:))?/, '');
  return /^[*?:]*$/.test(rest);
}

/** Is the key one whose value pins down who calls or from where (NARROWING_KEYS)? */
export function isNarrowingKey(key: string): boolean {
  return NARROWING.has(key.toLowerCase());
}

function bounded(c: NCondition): boolean {
  return NARROWING.has(c.key.toLowerCase()) && c.values.length > 0 && !c.values.some((v) => unbounded(v.value));
}

/** An Allow condition that narrows who may call: a positive, non-IfExists test of a narrowing key. */
export function narrowingAllowCondition(s: NStatement): NCondition | undefined {
  return s.conditions.find((c) => {
    const op = c.operator.replace(/^ForAnyValue:/, '');
    // Bool aws:PrincipalIsAWSService "true": only AWS services calling with their service principal.
    if (op === 'Bool' && c.key.toLowerCase() === 'aws:principalisawsservice')
      return c.values.length > 0 && c.values.every((v) => String(v.value).toLowerCase() === 'true');
    return POSITIVE.has(op) && bounded(c);
  });
}

/**
 * Does a Deny statement of the document refuse, to everyone, every action of `allow` unless a
 * narrowing key matches (`StringNotEquals aws:PrincipalOrgID o-...`)? Then the Allow is narrowed too.
 */
export function narrowedByDeny(allow: NStatement, statements: readonly NStatement[]): boolean {
  const actions = allow.action?.items ?? [];
  if (actions.length === 0) return false;
  return statements.some((d) => {
    if (d.effect?.value !== 'Deny' || wildcardPrincipalEntries(d).length === 0 || !d.action) return false;
    const covers = actions.every((a) =>
      d.action!.items.some((x) => globCovers(x.value, a.value, { caseInsensitive: true })),
    );
    if (!covers) return false;
    return d.conditions.some(
      (c) => NEGATIVE.has(c.operator.replace(/IfExists$/, '').replace(/^ForAllValues:/, '')) && bounded(c),
    );
  });
}

/**
 * Where an AWS principal ARN holds a wildcard: `account` (`arn:aws:iam::*:root`: any AWS account)
 * or `name` (`arn:aws:iam::123456789012:role/ci-*`: IAM matches no wildcard in a principal ARN).
 * Undefined for `*` itself, for values that are no ARN and for ARNs without a wildcard.
 */
export function principalArnWildcard(value: string): 'account' | 'name' | undefined {
  if (!value.startsWith('arn:') || value.includes('${')) return undefined;
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  if (/[*?]/.test(parts[4]!)) return 'account';
  return /[*?]/.test(parts.slice(5).join(':')) ? 'name' : undefined;
}

/**
 * A whole AWS account as principal: `123456789012` or `arn:<partition>:iam::<account>:root`, the
 * account possibly known only at deploy time (`${data.aws_caller_identity.current.account_id}`).
 */
export function isAccountPrincipal(e: NPrincipalEntry): boolean {
  if (e.type !== 'AWS') return false;
  const v = replaceUnresolved(e.value, 'unresolved');
  return /^\d{12}$/.test(v) || /^arn:[^:]+:iam::[^:*?]+:root$/.test(v);
}

/** Is the operator one that keeps only requests whose key matches (not a negation, not IfExists)? */
export function isPositiveOperator(operator: string): boolean {
  return POSITIVE.has(operator.replace(/^(ForAnyValue|ForAllValues):/, ''));
}

/** The statement's conditions on `key` (case-insensitive) under a positive operator. */
export function positiveConditions(s: NStatement, key: string): NCondition[] {
  const k = key.toLowerCase();
  return s.conditions.filter((c) => c.key.toLowerCase() === k && isPositiveOperator(c.operator));
}

/** Web identity providers that AWS names directly in `Federated` (no IAM provider ARN). */
export const KNOWN_IDENTITY_PROVIDERS: readonly string[] = [
  'cognito-identity.amazonaws.com',
  'accounts.google.com',
  'graph.facebook.com',
  'www.amazon.com',
];

/** The host a Federated entry names: the provider ARN's path after `oidc-provider/`, or the value itself. */
export function federatedHost(value: string): string {
  const m = /^arn:[^:]+:iam::[^:]*:oidc-provider\/(.+)$/.exec(value);
  return m ? m[1]! : value;
}

/** A SAML provider ARN (`arn:aws:iam::123456789012:saml-provider/Okta`). */
export function isSamlProvider(value: string): boolean {
  return /^arn:[^:]+:iam::[^:]*:saml-provider\/./.test(value);
}

/** Why a principal value names no principal, or undefined when it is well-formed (or unknown until deploy). */
export function principalValueProblem(
  e: NPrincipalEntry,
): 'notAwsPrincipal' | 'unknownFederated' | 'unknownService' | undefined {
  const v = e.value.trim();
  if (v.includes('${') || v === '*') return undefined;
  if (e.type === 'AWS') {
    if (/^\d{12}$/.test(v)) return undefined;
    if (/^arn:[^:]+:(iam|sts)::[^:]*:.+/.test(v)) return undefined;
    return 'notAwsPrincipal';
  }
  if (e.type === 'Federated') {
    if (/^arn:[^:]+:iam::[^:]*:(saml-provider|oidc-provider)\/./.test(v)) return undefined;
    return KNOWN_IDENTITY_PROVIDERS.includes(v.toLowerCase()) ? undefined : 'unknownFederated';
  }
  if (e.type === 'Service') {
    // service.amazonaws.com, its China form, the regional forms (logs.us-east-1.amazonaws.com), Alexa's
    // (alexa-appkit.amazon.com) and AWS's internal stages (preprod.states.aws.internal).
    return /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|aws\.internal)$/.test(v) || /^[a-z0-9-]+\.amazon\.com$/.test(v)
      ? undefined
      : 'unknownService';
  }
  return undefined;
}
