import { defineRule } from './define.js';
import { label } from '../model/words.js';
import type { NCondition, NStatement } from '../model/normalize.js';
import {
  federatedHost,
  isPositiveOperator,
  isSamlProvider,
  positiveConditions,
  principalValueProblem,
} from '../iam/principals.js';
import { coversAction } from '../set/trust.js';
import { globMatch } from '../util/glob.js';

const GITHUB = 'token.actions.githubusercontent.com';
const COGNITO = 'cognito-identity.amazonaws.com';

/** A GitHub `sub` pattern that repositories of any owner match: `*`, `repo:*`, `repo:my-org*` (my-org-evil too). */
function anyRepository(value: string): boolean {
  const v = value.trim();
  if (/^[*?]/.test(v)) return true;
  if (!v.startsWith('repo:')) return false;
  const owner = v.slice('repo:'.length).split('/')[0]!;
  return owner === '' || /[*?]/.test(owner);
}

/**
 * The statement's positive conditions on a GitHub `sub` claim: `token.actions.githubusercontent.com:sub`,
 * or the key of an enterprise issuer (`token.actions.githubusercontent.com/<enterprise>:sub`), which a
 * token of the public issuer does not carry, so the statement then matches no one.
 */
function githubSubConditions(s: NStatement): NCondition[] {
  return s.conditions.filter((c) => {
    const k = c.key.toLowerCase();
    return k.startsWith(GITHUB) && k.endsWith(':sub') && isPositiveOperator(c.operator);
  });
}

/** Does the statement test some claim of the provider (`<host>:aud`, `<host>:sub`, ...) positively? */
function testsClaim(s: NStatement, host: string, claims: readonly string[]): boolean {
  return claims.some((c) => positiveConditions(s, `${host}:${c}`).length > 0);
}

/**
 * Does the statement tell Cognito's authenticated identities from its guests? A positive condition
 * on `cognito-identity.amazonaws.com:amr` with some value that does not match both `authenticated`
 * and `unauthenticated` (`*`, `*authenticated` match both: they narrow nothing).
 */
function testsAmr(s: NStatement): boolean {
  return positiveConditions(s, `${COGNITO}:amr`).some((c) => {
    const like = /Like/.test(c.operator);
    return c.values.some((v) => {
      const value = String(v.value);
      const fits = (amr: string) => (like ? globMatch(value, amr) : value === amr);
      return !(fits('authenticated') && fits('unauthenticated'));
    });
  });
}

export default defineRule({
  id: 'trust-federation',
  meta: {
    description:
      'A SAML or web identity trust that anyone can satisfy (GitHub Actions without a repository sub, OIDC or Cognito without an audience, Cognito without amr) or that cannot work (a SAML provider on another action, an IAM user on AssumeRoleWithSAML/WebIdentity)',
    severity: 'error',
    messages: {
      githubSubMissing: {
        text: '{{statement}} trusts GitHub Actions ({{provider}}) with no condition on token.actions.githubusercontent.com:sub: a workflow of any GitHub repository, anyone\'s, can assume the role. Add "StringLike": {"token.actions.githubusercontent.com:sub": "repo:<owner>/<repo>:*"}',
      },
      githubSubWildcard: {
        text: '{{statement}} tests {{key}} against "{{value}}", which repositories of any GitHub owner match (anyone can create an owner whose name fits): their workflows can assume the role. Name the owner and repository ("repo:<owner>/<repo>:ref:refs/heads/main")',
      },
      oidcUnconditioned: {
        text: '{{statement}} trusts the identity provider {{provider}} with no condition on its claims ({{host}}:aud, {{host}}:sub): any identity that provider issues a token to can assume the role. Add a condition on {{host}}:aud (the client id) and {{host}}:sub',
      },
      cognitoAudMissing: {
        text: '{{statement}} trusts Cognito identity pools with no condition on cognito-identity.amazonaws.com:aud: an identity from any identity pool, in any AWS account, can assume the role. Add "StringEquals": {"cognito-identity.amazonaws.com:aud": "<region>:<identity-pool-id>"} (and cognito-identity.amazonaws.com:amr)',
      },
      cognitoAmrMissing: {
        text: '{{statement}} trusts a Cognito identity pool with no condition on cognito-identity.amazonaws.com:amr that tells authenticated identities from guests: if the pool allows unauthenticated identities, they can assume the role too. Add "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"} ("unauthenticated" for the guest role)',
        severity: 'warn',
      },
      samlAction: {
        text: '{{statement}} trusts the SAML provider {{provider}} for {{actions}}, not sts:AssumeRoleWithSAML: SAML federation assumes roles only through AssumeRoleWithSAML, so this trust admits no one. Use "Action": "sts:AssumeRoleWithSAML"',
      },
      userOnFederatedAction: {
        text: '{{statement}} allows the IAM user {{principal}} {{action}}: only a SAML or web identity provider (a Federated principal) can call it; an IAM user assumes roles with sts:AssumeRole',
      },
    },
  },
  check(ctx) {
    if (ctx.policyType !== 'trust') return;
    for (const s of ctx.policy.statements) {
      if (s.effect?.value !== 'Allow' || !s.principal) continue;
      const statement = label(s, ctx.policy);
      const webIdentity = coversAction(s, 'sts:AssumeRoleWithWebIdentity');
      for (const e of s.principal.entries) {
        if (e.type === 'AWS' && /^arn:[^:]+:iam::[^:]*:user\//.test(e.value)) {
          for (const action of ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'])
            if (s.action?.items.some((a) => a.value.toLowerCase() === action.toLowerCase()))
              ctx.report({
                messageId: 'userOnFederatedAction',
                data: { statement, principal: e.value, action },
                pointer: e.pointer,
              });
          continue;
        }
        // A value that is no provider at all is principal-invalid's.
        if (e.type !== 'Federated' || e.value.includes('${') || principalValueProblem(e)) continue;
        if (isSamlProvider(e.value)) {
          if (s.action && !coversAction(s, 'sts:AssumeRoleWithSAML')) {
            const actions = s.action.items.map((a) => a.value).join(', ');
            ctx.report({
              messageId: 'samlAction',
              data: { statement, provider: e.value, actions },
              pointer: e.pointer,
            });
          }
          continue;
        }
        // A claim key computed at deploy time (`${unresolved:...}:sub`) may be the provider's: unknown.
        if (!webIdentity || s.conditions.some((c) => c.key.includes('${'))) continue;
        const host = federatedHost(e.value);
        const lower = host.toLowerCase();
        if (lower === GITHUB) {
          const subs = githubSubConditions(s);
          if (subs.length === 0) {
            ctx.report({ messageId: 'githubSubMissing', data: { statement, provider: e.value }, pointer: e.pointer });
            continue;
          }
          for (const c of subs)
            for (const v of c.values)
              if (anyRepository(String(v.value)))
                ctx.report({
                  messageId: 'githubSubWildcard',
                  data: { statement, key: c.key, value: String(v.value) },
                  pointer: v.pointer,
                });
        } else if (lower === COGNITO) {
          if (!testsClaim(s, COGNITO, ['aud']))
            ctx.report({ messageId: 'cognitoAudMissing', data: { statement }, pointer: e.pointer });
          else if (!testsAmr(s))
            ctx.report({ messageId: 'cognitoAmrMissing', data: { statement }, pointer: e.pointer });
        } else if (!testsClaim(s, host, ['aud', 'sub', 'azp', 'oaud', 'amr'])) {
          ctx.report({
            messageId: 'oidcUnconditioned',
            data: { statement, provider: e.value, host },
            pointer: e.pointer,
          });
        }
      }
    }
  },
});
