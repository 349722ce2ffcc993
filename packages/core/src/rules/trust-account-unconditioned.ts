import { defineRule } from './define.js';
import { label } from '../model/words.js';
import { isAccountPrincipal } from '../iam/principals.js';
import { coversAction } from '../set/trust.js';

export default defineRule({
  id: 'trust-account-unconditioned',
  meta: {
    description:
      'A role trust to a whole AWS account (its root ARN or bare account id) with no condition: every principal of that account whose own policies allow sts:AssumeRole can assume the role',
    // A warning: the trusted account's own identity policies still decide who may call
    // sts:AssumeRole, and trusting an account (often the role's own) is a pattern AWS documents;
    // but nothing in this policy limits who, so a reviewer asks for a condition, not a block.
    severity: 'warn',
    messages: {
      wholeAccount: {
        text: '{{statement}} lets the whole account {{principal}} assume the role with no condition: any user or role of that account that is allowed sts:AssumeRole can take its permissions. Name the roles or users, or add a condition (aws:PrincipalArn, aws:PrincipalOrgID, sts:ExternalId for a third party, aws:MultiFactorAuthPresent for people)',
      },
    },
  },
  check(ctx) {
    if (ctx.policyType !== 'trust') return;
    for (const s of ctx.policy.statements) {
      if (s.effect?.value !== 'Allow' || !coversAction(s, 'sts:AssumeRole')) continue;
      // Any condition (or a Condition block that could not be read) is taken as the author's narrowing.
      if (s.conditionPointer !== undefined) continue;
      for (const e of s.principal?.entries ?? []) {
        if (!isAccountPrincipal(e)) continue;
        ctx.report({
          messageId: 'wholeAccount',
          data: { statement: label(s, ctx.policy), principal: e.value },
          pointer: e.pointer,
        });
      }
    }
  },
});
