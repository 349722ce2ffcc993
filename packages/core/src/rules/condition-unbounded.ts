import { defineRule } from './define.js';
import { label } from '../model/words.js';
import { parseOperator } from '../iam/operators.js';
import { isNarrowingKey, unbounded } from '../iam/principals.js';

/** Operators under which `*` and `?` are wildcards (ArnEquals matches like ArnLike). */
const MATCHING = new Set(['StringLike', 'ArnLike', 'ArnEquals', 'IpAddress']);
/** Operators that compare literally: a `*` there is the character, not a wildcard. */
const LITERAL = new Set(['StringEquals', 'StringEqualsIgnoreCase']);

export default defineRule({
  id: 'condition-unbounded',
  meta: {
    description:
      'A condition on a key that should narrow the caller (aws:PrincipalArn, aws:SourceAccount, aws:SourceIp, ...) that narrows nothing: StringLike/ArnLike with only "*", "arn:aws:iam::*" or 0.0.0.0/0; or such a wildcard under StringEquals, where "*" is literal and matches no request',
    // A warning: the policy does what its other elements say; this condition only fails to add
    // what its author meant (or, under StringEquals, silently disables the statement).
    severity: 'warn',
    messages: {
      matchesAnything: {
        text: '{{statement}}: {{operator}} {{key}} {{values}} matches every request that carries the key, so it narrows nothing; name the accounts, principals, sources or values meant',
      },
      literalWildcard: {
        text: '{{statement}}: {{operator}} compares {{key}} with {{values}} literally ("*" is no wildcard there), so no request matches and the statement never applies; name the value meant, or use {{like}} if a pattern is meant',
      },
    },
  },
  check(ctx) {
    for (const s of ctx.policy.statements)
      for (const c of s.conditions) {
        const op = parseOperator(c.operator);
        if (!op.known || c.values.length === 0 || c.key.includes('${')) continue;
        const values = c.values.map((v) => String(v.value));
        const data = {
          statement: label(s, ctx.policy),
          operator: c.operator,
          key: c.key,
          values: JSON.stringify(values.length === 1 ? values[0] : values),
        };
        const allUnbounded = values.every(unbounded);
        if (MATCHING.has(op.base)) {
          // Only on keys that should narrow the caller: on others (aws:RequestTag/..., ec2:ResourceTag/...)
          // StringLike "*" is the idiom for "the key is present" (a missing key fails), which narrows.
          const anything = isNarrowingKey(c.key) && allUnbounded;
          if (anything) ctx.report({ messageId: 'matchesAnything', data, pointer: c.keyPointer, atKey: true });
        } else if (
          LITERAL.has(op.base) &&
          isNarrowingKey(c.key) &&
          allUnbounded &&
          values.some((v) => /[*?]/.test(v))
        ) {
          const like = op.base === 'StringEquals' && /arn/i.test(c.key) ? 'ArnLike' : 'StringLike';
          ctx.report({ messageId: 'literalWildcard', data: { ...data, like }, pointer: c.keyPointer, atKey: true });
        }
      }
  },
});
