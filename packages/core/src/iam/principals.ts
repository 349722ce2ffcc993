import type { NCondition, NPrincipalEntry, NStatement } from '../model/normalize.js';
import { globCovers } from '../util/glob.js';

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

/** A value that bounds nothing: `*`, `arn:aws:*:*`, `0.0.0.0/0`, `::/0`. */
function unbounded(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === '0.0.0.0/0' || value === '::/0') return true;
  const rest = value.replace(/^arn:(?:aws|aws-cn|aws-us-gov|[*?]+)?/, '');
  return /^[*?:]*$/.test(rest);
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
