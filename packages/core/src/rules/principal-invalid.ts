import { defineRule } from './define.js';
import { label } from '../model/words.js';
import { KNOWN_IDENTITY_PROVIDERS, principalValueProblem } from '../iam/principals.js';

export default defineRule({
  id: 'principal-invalid',
  meta: {
    description:
      'A Principal value that names no principal: an AWS entry that is neither an ARN, a 12-digit account id nor "*", a Federated entry that is neither a provider ARN nor a known identity provider, a Service entry that is no AWS service',
    severity: 'error',
    messages: {
      notAwsPrincipal: {
        text: '{{statement}} names the AWS principal "{{value}}", which is neither an IAM or STS ARN, a 12-digit account id nor "*": IAM rejects the policy (or, in some services, the entry matches nobody). Write the ARN, e.g. "arn:aws:iam::123456789012:user/{{value}}"',
      },
      unknownFederated: {
        text: '{{statement}} names the Federated principal "{{value}}", which is neither a SAML or OIDC provider ARN (arn:aws:iam::<account>:saml-provider/<name>, arn:aws:iam::<account>:oidc-provider/<host>) nor a known identity provider ({{known}})',
      },
      unknownService: {
        text: '{{statement}} names the service principal "{{value}}", which is no AWS service principal (they end in .amazonaws.com, e.g. lambda.amazonaws.com)',
      },
    },
  },
  check(ctx) {
    if (ctx.policyType === 'identity') return;
    for (const s of ctx.policy.statements)
      for (const p of [s.principal, s.notPrincipal])
        for (const e of p?.entries ?? []) {
          const messageId = principalValueProblem(e);
          if (!messageId) continue;
          const data = { statement: label(s, ctx.policy), value: e.value, known: KNOWN_IDENTITY_PROVIDERS.join(', ') };
          ctx.report({ messageId, data, pointer: e.pointer });
        }
  },
});
