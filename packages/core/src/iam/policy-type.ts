import type { PolicyModel } from '../model/normalize.js';
import type { PolicyType } from '../types.js';
import { globMatch } from '../util/glob.js';

/** Actions a trust policy grants to the principals that may assume the role. */
const TRUST_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
];

/**
 * Detects the kind of document: a trust policy grants sts:AssumeRole* (or session tagging) to a
 * Principal; any other document with a Principal is a resource policy; the rest are identity policies.
 * A document where fewer than half of the statements name a principal is taken for an identity
 * policy with misplaced principals (principal-misplaced then reports the few, not the many).
 */
export function detectPolicyType(policy: PolicyModel): PolicyType {
  const withPrincipal = policy.statements.filter((s) => s.principal || s.notPrincipal);
  if (withPrincipal.length === 0 || withPrincipal.length * 2 < policy.statements.length) return 'identity';
  // Only an action of STS's own names a trust policy: "*" in a VPC endpoint or bucket policy
  // matches sts:AssumeRole too, but says nothing about roles.
  const trust = withPrincipal.some(
    (s) =>
      s.effect?.value === 'Allow' &&
      (s.action?.items ?? []).some(
        (a) =>
          /^sts:/i.test(a.value.trim()) &&
          TRUST_ACTIONS.some((t) => globMatch(a.value.trim(), t, { caseInsensitive: true })),
      ),
  );
  return trust ? 'trust' : 'resource';
}
