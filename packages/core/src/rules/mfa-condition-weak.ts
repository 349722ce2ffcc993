import { defineRule } from './define.js';
import { analyzeStatementMfa, type MfaProblem } from '../iam/mfa.js';

type Weak = Extract<MfaProblem, { kind: 'weak' }>;

/** The words of one problem: the message data its text needs. */
function wording(p: Weak): Record<string, string> {
  switch (p.problem) {
    case 'ifExistsInAllow':
      return { operator: p.operator, key: p.key, fix: p.plain };
    case 'boolFalseInDeny':
      return { operator: p.operator, key: p.key };
    case 'nullPresentInAllow':
    case 'nullPresentInDeny':
      return { key: p.key };
  }
}

export default defineRule({
  id: 'mfa-condition-weak',
  meta: {
    description:
      'Valid MFA conditions that requests without MFA bypass: BoolIfExists "true" in an Allow, Bool "false" in a Deny',
    severity: 'error',
    messages: {
      ifExistsInAllow: {
        text: '{{operator}} in an Allow lets requests without {{key}} through: long-term access keys carry no MFA key, so they get in without MFA; use {{fix}}',
      },
      boolFalseInDeny: {
        text: 'Bool "false" in a Deny does not deny requests that lack {{key}}: long-term access keys carry no MFA key and are not denied; use BoolIfExists',
      },
      nullPresentInAllow: {
        text: 'Null {{key}} "false" in an Allow only checks that the key exists: sessions without MFA carry it as "false" and get in; use Bool {{key}} "true"',
      },
      nullPresentInDeny: {
        text: 'Null {{key}} "true" in a Deny denies only long-term access keys: sessions without MFA carry the key as "false" and are not denied; use BoolIfExists {{key}} "false"',
      },
    },
  },
  check(ctx) {
    for (const s of ctx.policy.statements) {
      for (const f of analyzeStatementMfa(s).findings) {
        if (f.kind !== 'weak') continue;
        ctx.report({
          messageId: f.problem,
          data: wording(f),
          pointer: f.pointer,
          atKey: f.atKey ?? false,
          ...(f.fix ? { fix: { kind: 'safe' as const, edits: f.fix.edits } } : {}),
        });
      }
    }
  },
});
