import { defineSetRule } from './set-rule.js';
import { analyzeStatementMfa, recognizeMfaKey } from '../iam/mfa.js';
import { assumeStatements, audienceOf, describeAssumers } from '../set/trust.js';
import type { ResolvedPrincipal } from '../set/types.js';

/**
 * Can some holder of the document present MFA? Users and groups can (a group's users may not be
 * in the set, as in a template); roles only when their trust policy lets an IAM principal assume
 * them, or when it is not known.
 */
function someHolderCanPresentMfa(holders: readonly ResolvedPrincipal[]): boolean {
  return audienceOf(holders) === 'people';
}

export default defineSetRule({
  id: 'mfa-unsatisfiable',
  meta: {
    description:
      'An MFA-conditioned Allow attached only to roles that no MFA-carrying principal can assume (services, SAML/OIDC federation): it can never grant',
    severity: 'error',
    messages: {
      neverMfa: {
        text: 'Statement {{statement}} grants only to requests made with MFA, but {{policy}} is attached only to {{roles}}; sessions of such roles never carry MFA, so this grant can never apply. Require MFA where people sign in (the trust policy of a role they assume), not on a role that only services or federation assume',
      },
    },
  },
  checkSet(ctx) {
    for (const d of ctx.set.documents) {
      if (d.kind !== 'identity' || d.attachedTo.length === 0) continue;
      const holders = d.attachedTo as ResolvedPrincipal[];
      if (!holders.some((p) => p.kind === 'role') || someHolderCanPresentMfa(holders)) continue;
      const roles = holders
        .filter((p) => p.kind === 'role')
        .map(
          (r) =>
            `role "${r.name}" (assumable only by ${describeAssumers(r.trust!.model)}: ${ctx.where(r.trust!.id, assumeStatements(r.trust!.model)[0]?.pointer ?? '/Statement')})`,
        )
        .join(' and ');
      for (const s of d.model.statements) {
        if (s.effect?.value !== 'Allow' || !analyzeStatementMfa(s).effective) continue;
        const c = s.conditions.find((x) => recognizeMfaKey(x.key)?.exact);
        ctx.report({
          documentId: d.id,
          messageId: 'neverMfa',
          data: { statement: s.index + 1, policy: d.label.includes('"') ? d.label : `"${d.label}"`, roles },
          pointer: c ? c.keyPointer : s.pointer,
          atKey: c !== undefined,
        });
      }
    }
  },
});
