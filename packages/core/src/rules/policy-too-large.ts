import { defineRule } from './define.js';
import { POLICY_QUOTAS, isPolicyQuota, type PolicyQuota } from '../iam/policy-size.js';

const QUOTA_NAMES: Record<PolicyQuota, string> = {
  managed: 'managed policy',
  user: 'inline policies of a user',
  group: 'inline policies of a group',
  role: 'inline policies of a role',
  trust: 'role trust policy',
};

/** The quota that applies: the `quota` or `max` option, else by kind (resource policies have per-service quotas: none). */
function resolveQuota(
  options: Readonly<Record<string, unknown>>,
  policyType: string,
): { name: string; max: number } | undefined {
  // The engine has checked the options against meta.schema.
  const quota = isPolicyQuota(options.quota) ? options.quota : undefined;
  const max = typeof options.max === 'number' ? options.max : undefined;
  const chosen: PolicyQuota | undefined =
    quota ??
    (max !== undefined
      ? undefined
      : policyType === 'trust'
        ? 'trust'
        : policyType === 'identity'
          ? 'managed'
          : undefined);
  if (max !== undefined) return { name: chosen ? QUOTA_NAMES[chosen] : 'configured', max };
  return chosen ? { name: QUOTA_NAMES[chosen], max: POLICY_QUOTAS[chosen] } : undefined;
}

export default defineRule({
  id: 'policy-too-large',
  meta: {
    description: "A policy larger than AWS's size quota, counted as IAM counts (characters, white space excluded)",
    severity: 'error',
    schema: {
      quota: {
        type: 'string',
        enum: Object.keys(POLICY_QUOTAS),
        description: 'The quota to check against (default: by the kind of policy)',
      },
      max: { type: 'integer', minimum: 1, description: 'A size limit of your own, in characters' },
    },
    messages: {
      tooLarge: {
        text: 'The policy has {{count}} characters (white space excluded), over the {{quota}} quota of {{max}}: IAM rejects it with LimitExceeded; split it into several policies, or remove redundant statements and actions',
      },
    },
  },
  check(ctx) {
    // AWS managed policies are not bound by the quotas (several are far larger), unless asked.
    if (ctx.awsManaged && ctx.options.quota === undefined && ctx.options.max === undefined) return;
    const quota = resolveQuota(ctx.options, ctx.policyType);
    if (!quota || ctx.policy.characterCount <= quota.max) return;
    ctx.report({
      messageId: 'tooLarge',
      data: { count: ctx.policy.characterCount, quota: quota.name, max: quota.max },
      pointer: '',
    });
  },
});
