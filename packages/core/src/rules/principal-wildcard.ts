import { defineRule } from './define.js';
import { label } from '../model/words.js';
import {
  narrowedByDeny,
  narrowingAllowCondition,
  principalArnWildcard,
  wildcardPrincipalEntries,
} from '../iam/principals.js';

export default defineRule({
  id: 'principal-wildcard',
  meta: {
    description:
      'An Allow to every principal ("*", {"AWS": "*"}, or an ARN with a wildcard account such as arn:aws:iam::*:root) in a resource-based or trust policy, with no condition that narrows who may call; or a wildcard in a principal ARN, which IAM does not match',
    severity: 'error',
    messages: {
      publicAccess: {
        text: '{{statement}} allows {{principal}}: anyone, in any AWS account or anonymous, with no condition that narrows who may call (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn, aws:SourceAccount, aws:SourceVpce, aws:SourceIp, ...): this is public access; name the principals or add such a condition',
      },
      publicAssumeRole: {
        text: '{{statement}} lets {{principal}} assume the role: any AWS account can take its permissions, as no condition narrows who may call (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, ...); name the trusted principals',
      },
      wildcardAccount: {
        text: '{{statement}} names the principal "{{value}}", whose account is a wildcard: it stands for any AWS account, and no condition narrows who may call (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, ...); name the accounts',
      },
      wildcardName: {
        text: '{{statement}} names the principal "{{value}}" with a wildcard: IAM matches no wildcard inside a principal ARN (it rejects the policy or the entry matches nobody); name the principals, or use "*" with an ArnLike condition on aws:PrincipalArn',
      },
    },
  },
  check(ctx) {
    // A VPC endpoint policy grants nothing: "Principal": "*" there is AWS's default, not public access.
    if (ctx.policyType === 'identity' || ctx.endpointPolicy) return;
    for (const s of ctx.policy.statements) {
      if (s.effect?.value !== 'Allow') continue;
      for (const e of s.principal?.entries ?? []) {
        if (e.type !== 'AWS' || principalArnWildcard(e.value) !== 'name') continue;
        ctx.report({
          messageId: 'wildcardName',
          data: { statement: label(s, ctx.policy), value: e.value },
          pointer: e.pointer,
        });
      }
      if (narrowingAllowCondition(s) || narrowedByDeny(s, ctx.policy.statements)) continue;
      for (const e of s.principal?.entries ?? []) {
        if (e.type !== 'AWS' || principalArnWildcard(e.value) !== 'account') continue;
        const data = { statement: label(s, ctx.policy), value: e.value };
        ctx.report({ messageId: 'wildcardAccount', data, pointer: e.pointer });
      }
      const entries = wildcardPrincipalEntries(s);
      const messageId = ctx.policyType === 'trust' ? 'publicAssumeRole' : 'publicAccess';
      for (const e of entries) {
        const principal = e.type === '*' ? '"Principal": "*"' : '{"AWS": "*"}';
        ctx.report({ messageId, data: { statement: label(s, ctx.policy), principal }, pointer: e.pointer });
      }
    }
  },
});
