import { defineRule } from './define.js';
import { hasUnresolved } from '../util/unresolved.js';
import { label } from '../model/words.js';

export default defineRule({
  id: 'action-wildcard',
  meta: {
    description:
      'Allow statements that grant every action ("*"), every action of a service ("s3:*"), or everything but a list (NotAction)',
    severity: 'error',
    messages: {
      everyAction: {
        text: '{{statement}} allows every action of every AWS service ("{{action}}"); list only the actions it needs (for S3 data: s3:GetObject, s3:PutObject, s3:ListBucket)',
      },
      serviceWildcard: {
        text: '{{statement}} allows every {{service}} action ("{{action}}"), including destructive and permission-changing ones; list only the actions it needs',
        severity: 'warn',
      },
      notAction: {
        text: '{{statement}} uses NotAction in an Allow: it grants every action of every service except the {{count}} listed, including services added in the future; list the allowed actions in Action instead',
        severity: 'warn',
      },
    },
  },
  check(ctx) {
    for (const s of ctx.policy.statements) {
      if (s.effect?.value !== 'Allow') continue;
      const statement = label(s, ctx.policy);
      for (const a of s.action?.items ?? []) {
        const v = a.value.trim();
        if (v === '*' || v === '*:*') {
          ctx.report({ messageId: 'everyAction', data: { statement, action: a.value }, pointer: a.pointer });
          continue;
        }
        const m = /^([A-Za-z0-9-]+):\*+$/.exec(v);
        if (m)
          ctx.report({
            messageId: 'serviceWildcard',
            data: { statement, service: m[1]!, action: a.value },
            pointer: a.pointer,
          });
      }
      if (s.notAction) {
        ctx.report({
          messageId: 'notAction',
          // A list computed at deploy time (`NotAction = var.actions`) has no count here.
          data: {
            statement,
            count: s.notAction.items.some((i) => hasUnresolved(i.value)) ? 'actions' : s.notAction.items.length,
          },
          pointer: s.notAction.pointer,
          atKey: true,
        });
      }
    }
  },
});
