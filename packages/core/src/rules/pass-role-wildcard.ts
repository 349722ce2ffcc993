import { defineRule } from './define.js';
import { label } from '../model/words.js';
import { globMatch } from '../util/glob.js';

/** Resources that cover every role: `*`, and role ARNs whose name part is only a wildcard. */
function everyRole(r: string): boolean {
  return r === '*' || /^arn:[^:]*:iam::[^:]*:(\*|role\/\*)$/.test(r);
}

export default defineRule({
  id: 'pass-role-wildcard',
  meta: {
    description:
      'iam:PassRole allowed on every role ("*"): the principal can hand any role, admin included, to a service it controls',
    severity: 'error',
    messages: {
      passRole: {
        text: '{{statement}} allows "{{action}}" on "{{resource}}": any role in the account, admin roles included, can be passed to a service the caller controls (privilege escalation); name the roles, or limit it with iam:PassedToService',
      },
    },
  },
  check(ctx) {
    for (const s of ctx.policy.statements) {
      if (s.effect?.value !== 'Allow' || !s.action || !s.resource) continue;
      const wide = s.resource.items.find((r) => everyRole(r.value));
      if (!wide) continue;
      // iam:PassedToService limits which service may receive the role: AWS's recommended guard.
      if (s.conditions.some((c) => /^iam:PassedToService$/i.test(c.key))) continue;
      const statement = label(s, ctx.policy);
      for (const item of s.action.items) {
        const v = item.value.trim();
        // "*" and "*:*" are action-wildcard's findings.
        if (v === '*' || v.startsWith('*:')) continue;
        if (!globMatch(v, 'iam:PassRole', { caseInsensitive: true })) continue;
        ctx.report({
          messageId: 'passRole',
          data: { statement, action: item.value, resource: wide.value },
          pointer: item.pointer,
        });
      }
    }
  },
});
