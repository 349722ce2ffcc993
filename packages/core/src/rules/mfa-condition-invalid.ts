import { defineRule } from './define.js';
import { analyzeStatementMfa } from '../iam/mfa.js';
import { INVALID_MESSAGES } from './mfa-messages.js';

export default defineRule({
  id: 'mfa-condition-invalid',
  meta: {
    description: 'MFA conditions that cannot work as meant: unknown operator, wrong operator type, a value that is not true/false, a misspelled key, an inverted or contradictory value',
    severity: 'error',
    messages: INVALID_MESSAGES,
  },
  check(ctx) {
    for (const s of ctx.policy.statements) {
      for (const f of analyzeStatementMfa(s).findings) {
        if (f.kind !== 'invalid') continue;
        const data = { ...f.data };
        if ('effect' in data) data.article = data.effect === 'Allow' ? 'n' : '';
        ctx.report({ messageId: f.messageId, data, pointer: f.pointer, atKey: f.atKey ?? false, ...(f.fix ? { fix: { kind: 'safe' as const, edits: f.fix.edits } } : {}) });
      }
    }
  },
});
