import { defineRule } from './define.js';
import { label } from '../model/words.js';
import { narrowedByDeny, narrowingAllowCondition, wildcardPrincipalEntries } from '../iam/principals.js';

export default defineRule({
  id: 'principal-wildcard',
  meta: {
    description:
      'An Allow to every principal ("*" or {"AWS": "*"}) in a resource-based or trust policy, with no condition that narrows who may call',
    severity: 'error',
    messages: {
      publicAccess: {
        text: '{{statement}} allows {{principal}}: anyone, in any AWS account or anonymous, with no condition that narrows who may call (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn, aws:SourceAccount, aws:SourceVpce, aws:SourceIp, ...): this is public access; name the principals or add such a condition',
      },
      publicAssumeRole: {
        text: '{{statement}} lets {{principal}} assume the role: any AWS account can take its permissions, as no condition narrows who may call (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, ...); name the trusted principals',
      },
    },
  },
  check(ctx) {
    // A VPC endpoint policy grants nothing: "Principal": "*" there is AWS's default, not public access.
    if (ctx.policyType === 'identity' || ctx.endpointPolicy) return;
    for (const s of ctx.policy.statements) {
      if (s.effect?.value !== 'Allow') continue;
      const entries = wildcardPrincipalEntries(s);
      if (entries.length === 0 || narrowingAllowCondition(s) || narrowedByDeny(s, ctx.policy.statements)) continue;
      const messageId = ctx.policyType === 'trust' ? 'publicAssumeRole' : 'publicAccess';
      for (const e of entries) {
        const principal = e.type === '*' ? '"Principal": "*"' : '{"AWS": "*"}';
        ctx.report({ messageId, data: { statement: label(s, ctx.policy), principal }, pointer: e.pointer });
      }
    }
  },
});
