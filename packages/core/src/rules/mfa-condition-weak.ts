import { defineRule } from './define.js';
import { analyzeStatementMfa } from '../iam/mfa.js';
import { WEAK_MESSAGES } from './mfa-messages.js';

export default defineRule({
  id: 'mfa-condition-weak',
  meta: {
    description: 'Valid MFA conditions that requests without MFA bypass: BoolIfExists "true" in an Allow, Bool "false" in a Deny',
    severity: 'error',
    messages: WEAK_MESSAGES,
  },
  check(ctx) {
    for (const s of ctx.policy.statements) {
      for (const f of analyzeStatementMfa(s).findings) {
        if (f.kind !== 'weak') continue;
        ctx.report({ messageId: f.messageId, data: f.data, pointer: f.pointer, atKey: f.atKey ?? false, ...(f.fix ? { fix: { kind: 'safe' as const, edits: f.fix.edits } } : {}) });
      }
    }
  },
});
