import { defineRule } from './define.js';

const ALNUM = /^[A-Za-z0-9]*$/;

export default defineRule({
  id: 'sid-invalid',
  meta: {
    description:
      'A Sid with characters other than ASCII letters and digits in an identity or trust policy (IAM accepts only [A-Za-z0-9])',
    severity: 'error',
    messages: {
      invalidCharacters: {
        text: 'Sid "{{sid}}" contains {{chars}}: IAM accepts only ASCII letters and digits in the Sid of {{kind}} and rejects the document; {{hint}}',
      },
    },
  },
  check(ctx) {
    // Resource-based policies are validated by the service that owns the resource, and several accept
    // more (SNS's default topic policy uses "__default_statement_ID", KMS's default key policy
    // "Enable IAM User Permissions"), so only identity and trust policies, which IAM stores, are checked.
    if (ctx.policyType === 'resource') return;
    const kind = ctx.policyType === 'trust' ? 'a role trust policy' : 'an identity policy';
    const used = new Set(ctx.policy.statements.map((s) => s.sid?.value).filter((v): v is string => v !== undefined));
    for (const s of ctx.policy.statements) {
      const sid = s.sid;
      if (!sid || ALNUM.test(sid.value)) continue;
      const bad = [...new Set([...sid.value].filter((c) => !/[A-Za-z0-9]/.test(c)))];
      const chars = bad.map((c) => (c === ' ' ? 'spaces' : JSON.stringify(c))).join(', ');
      const suggestion = [...sid.value].filter((c) => /[A-Za-z0-9]/.test(c)).join('');
      // Renaming a Sid never changes who gets access; offer it when the new name is free.
      const fixable = suggestion !== '' && !used.has(suggestion);
      ctx.report({
        messageId: 'invalidCharacters',
        data: {
          sid: sid.value,
          chars,
          kind,
          hint: fixable ? `rename it "${suggestion}"` : 'keep only letters and digits, and keep Sids unique',
        },
        pointer: sid.pointer,
        ...(fixable
          ? { fix: { kind: 'safe' as const, edits: [{ pointer: sid.pointer, text: JSON.stringify(suggestion) }] } }
          : {}),
      });
    }
  },
});
