import { defineRule } from './define.js';
import { label } from '../model/words.js';
import { BASE_OPERATORS, parseOperator } from '../iam/operators.js';
import { isSwapped, operatorBlockHasMfa } from '../iam/conditions.js';
import { closest } from '../util/distance.js';

/** The operator most probably meant: case fixed, prefix and IfExists suffix corrected. */
function suggest(raw: string): string | undefined {
  let rest = raw;
  let set = '';
  const m = /^([A-Za-z]+):(.*)$/.exec(rest);
  if (m) {
    const fixed = closest(m[1]!, ['ForAllValues', 'ForAnyValue'], 3);
    if (!fixed) return undefined;
    set = fixed + ':';
    rest = m[2]!;
  }
  let suffix = '';
  const ie = /^(.+?)if ?exists?$/i.exec(rest);
  if (ie) {
    suffix = 'IfExists';
    rest = ie[1]!;
  }
  const base = closest(rest, BASE_OPERATORS, Math.max(1, Math.min(3, Math.floor(rest.length / 4))));
  if (!base) return undefined;
  if (base === 'Null' && suffix) suffix = '';
  const out = set + base + suffix;
  return out === raw ? undefined : out;
}

export default defineRule({
  id: 'condition-operator-unknown',
  meta: {
    description:
      'Condition operators that IAM does not know (operators are case-sensitive; IfExists suffix and ForAllValues:/ForAnyValue: prefixes included)',
    severity: 'error',
    messages: {
      unknown: {
        text: '{{statement}}: "{{operator}}" is not an IAM condition operator{{hint}}; IAM rejects the policy',
      },
      swapped: {
        text: '{{statement}}: "{{operator}}" is a condition key written where the operator belongs; write {"{{key}}": {"{{operator}}": ...}}',
      },
    },
  },
  check(ctx) {
    for (const s of ctx.policy.statements) {
      const statement = label(s, ctx.policy);
      const seen = new Set<string>();
      for (const c of s.conditions) {
        if (seen.has(c.operatorPointer)) continue;
        seen.add(c.operatorPointer);
        const op = parseOperator(c.operator);
        // Null with IfExists is a known operator used wrongly: condition-type-mismatch reports it.
        if (op.known || (op.base === 'Null' && op.ifExists)) continue;
        if (operatorBlockHasMfa(s, c.operatorPointer)) continue;
        if (isSwapped(c)) {
          ctx.report({
            messageId: 'swapped',
            data: { statement, operator: c.operator, key: c.key },
            pointer: c.operatorPointer,
            atKey: true,
          });
          continue;
        }
        const fix = suggest(c.operator);
        ctx.report({
          messageId: 'unknown',
          data: { statement, operator: c.operator, hint: fix ? `; did you mean "${fix}"?` : '' },
          pointer: c.operatorPointer,
          atKey: true,
        });
      }
    }
  },
});
