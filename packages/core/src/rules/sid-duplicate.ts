import { defineRule } from './define.js';

export default defineRule({
  id: 'sid-duplicate',
  meta: {
    description: 'Two statements of one policy with the same Sid',
    severity: 'error',
    messages: {
      duplicate: {
        text: 'Sid "{{sid}}" is already used by the statement at line {{line}}: IAM, and services such as SQS and SNS, require Sids to be unique within a policy; rename one of them',
      },
    },
  },
  check(ctx) {
    const first = new Map<string, string>();
    for (const s of ctx.policy.statements) {
      if (!s.sid || s.sid.value === '') continue;
      const earlier = first.get(s.sid.value);
      if (earlier === undefined) first.set(s.sid.value, s.sid.pointer);
      else
        ctx.report({
          messageId: 'duplicate',
          data: { sid: s.sid.value, line: ctx.lineOf(earlier) },
          pointer: s.sid.pointer,
        });
    }
  },
});
