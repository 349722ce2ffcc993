import { defineRule } from './define.js';
import { label } from '../model/words.js';

const KIND_NAMES = {
  identity: 'an identity policy',
  resource: 'a resource-based policy',
  trust: 'a role trust policy',
} as const;

export default defineRule({
  id: 'principal-misplaced',
  meta: {
    description:
      'Principal or NotPrincipal in an identity policy, or a statement without one in a resource-based or trust policy',
    severity: 'error',
    messages: {
      principalInIdentityPolicy: {
        text: '{{statement}} has {{element}}, but {{kind}} applies to the user, group or role it is attached to and cannot name principals: IAM rejects it ("Policy document should not specify a principal"); remove {{element}}, or lint the file as a resource or trust policy (--policy-type)',
      },
      principalMissing: {
        text: '{{statement}} has no Principal, but every statement of {{kind}} must name the principals it applies to: the service rejects the policy; add a Principal (or lint the file as an identity policy: --policy-type identity)',
      },
    },
  },
  check(ctx) {
    const kind = KIND_NAMES[ctx.policyType];
    for (const s of ctx.policy.statements) {
      const statement = label(s, ctx.policy);
      if (ctx.policyType === 'identity') {
        for (const [element, p] of [
          ['Principal', s.principal],
          ['NotPrincipal', s.notPrincipal],
        ] as const) {
          if (p)
            ctx.report({
              messageId: 'principalInIdentityPolicy',
              data: { statement, element, kind },
              pointer: p.pointer,
              atKey: true,
            });
        }
      } else if (!s.principal && !s.notPrincipal) {
        ctx.report({ messageId: 'principalMissing', data: { statement, kind }, pointer: s.pointer });
      }
    }
  },
});
