import { defineRule } from './define.js';
import { ConfigError } from '../engine/types.js';
import { POLICY_QUOTAS, isPolicyQuota, type PolicyQuota } from '../iam/policy-size.js';

const QUOTA_NAMES: Record<PolicyQuota, string> = {
  managed: 'managed policy',
  user: 'inline policies of a user',
  group: 'inline policies of a group',
  role: 'inline policies of a role',
  trust: 'role trust policy',
};

/** The quota that applies: the `quota` or `max` option, else by kind (resource policies have per-service quotas: none). */
function resolveQuota(options: Readonly<Record<string, unknown>>, policyType: string): { name: string; max: number } | undefined {
  const { quota, max } = options;
  if (quota !== undefined && !isPolicyQuota(quota)) {
    throw new ConfigError(`rule "policy-too-large": option quota must be one of ${Object.keys(POLICY_QUOTAS).join(', ')}, not ${JSON.stringify(quota)}`);
  }
  if (max !== undefined && (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 1)) {
    throw new ConfigError(`rule "policy-too-large": option max must be a positive integer, not ${JSON.stringify(max)}`);
  }
  const chosen: PolicyQuota | undefined = quota ?? (max !== undefined ? undefined : policyType === 'trust' ? 'trust' : policyType === 'identity' ? 'managed' : undefined);
  if (max !== undefined) return { name: chosen ? QUOTA_NAMES[chosen] : 'configured', max };
  return chosen ? { name: QUOTA_NAMES[chosen], max: POLICY_QUOTAS[chosen] } : undefined;
}

export default defineRule({
  id: 'policy-too-large',
  meta: {
    description: "A policy larger than AWS's size quota, counted as IAM counts (characters, white space excluded)",
    severity: 'error',
    messages: {
      tooLarge: {
        text: 'The policy has {{count}} characters (white space excluded), over the {{quota}} quota of {{max}}: IAM rejects it with LimitExceeded; split it into several policies, or remove redundant statements and actions',
      },
    },
  },
  check(ctx) {
    const quota = resolveQuota(ctx.options, ctx.policyType);
    if (!quota || ctx.policy.characterCount <= quota.max) return;
    ctx.report({ messageId: 'tooLarge', data: { count: ctx.policy.characterCount, quota: quota.name, max: quota.max }, pointer: '' });
  },
});
