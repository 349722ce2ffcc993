import { defineRule } from './define.js';
import { label } from '../model/words.js';
import { OPERATOR_FAMILIES, parseOperator } from '../iam/operators.js';
import { isMfaCondition, isSwapped, resolveKeyFor } from '../iam/conditions.js';
import type { ConditionValue } from '../model/generated/iam-policy.js';
import { table } from '../util/table.js';

type Family = (typeof OPERATOR_FAMILIES)[string];

/** Key types (without ArrayOf) each operator family may compare, as AWS allows. */
const FITS: Record<Family, readonly string[] | 'any'> = {
  String: ['String', 'ARN'],
  ARN: ['ARN', 'String'],
  Numeric: ['Numeric'],
  Date: ['Date'],
  Bool: ['Bool', 'Boolean'],
  IP: ['IPAddress'],
  Binary: ['Binary'],
  Null: 'any',
};

const KNOWN_TYPES = new Set(['String', 'ARN', 'Numeric', 'Date', 'Bool', 'Boolean', 'IPAddress', 'Binary']);

/** Keys AWS documents with more than one type (aws:EpochTime takes Date and Numeric operators). */
const ALSO: Readonly<Record<string, readonly Family[]>> = table({ 'aws:epochtime': ['Numeric'] });

const NUMBER = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH = /^\d+$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/(\d{1,2}))?$/;
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(\/\d{1,3})?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function validIp(v: string): boolean {
  const m = IPV4.exec(v);
  if (m) return [1, 2, 3, 4].every((i) => Number(m[i]) <= 255) && (m[6] === undefined || Number(m[6]) <= 32);
  if (!IPV6.test(v)) return false;
  const slash = v.indexOf('/');
  return slash < 0 || Number(v.slice(slash + 1)) <= 128;
}

/** Is the value of the operator's type? Undefined: yes; otherwise what it should be. */
function valueProblem(family: Family, v: ConditionValue): string | undefined {
  if (typeof v === 'string' && v.includes('${')) return undefined;
  switch (family) {
    case 'Numeric':
      return typeof v === 'number' || (typeof v === 'string' && NUMBER.test(v.trim())) ? undefined : 'a number';
    case 'Bool':
    case 'Null':
      return typeof v === 'boolean' || (typeof v === 'string' && /^(true|false)$/i.test(v))
        ? undefined
        : 'true or false';
    case 'Date':
      return (typeof v === 'number' && Number.isInteger(v) && v >= 0) ||
        (typeof v === 'string' && (DATE.test(v) || EPOCH.test(v)))
        ? undefined
        : 'a date (ISO 8601, such as 2026-01-31T00:00:00Z, or epoch seconds)';
    case 'IP':
      return typeof v === 'string' && validIp(v) ? undefined : 'an IP address or CIDR range (such as 203.0.113.0/24)';
    case 'Binary':
      return typeof v === 'string' && BASE64.test(v) ? undefined : 'base64-encoded binary';
    default:
      return undefined;
  }
}

function show(v: ConditionValue): string {
  return typeof v === 'string' ? `"${v}"` : String(v);
}

export default defineRule({
  id: 'condition-type-mismatch',
  meta: {
    description:
      "Condition operators whose type does not fit the key's type or the values, set operators on single-valued keys, and Null with IfExists",
    severity: 'error',
    messages: {
      operatorType: {
        text: '{{statement}}: "{{operator}}" compares {{family}} values, but "{{key}}" is a {{keyType}} key; use {{fix}}',
      },
      valueType: {
        text: '{{statement}}: {{value}} is not {{expected}}, as "{{operator}}" needs for "{{key}}"; the condition never matches',
      },
      setOnSingleValued: {
        text: '{{statement}}: "{{operator}}" is for multivalued keys, but "{{key}}" is single-valued ({{keyType}}); use "{{fix}}"',
        severity: 'warn',
      },
      nullIfExists: {
        text: '{{statement}}: "{{operator}}" is not valid: Null already tests whether the key exists, so it takes no IfExists; use "Null"',
      },
    },
  },
  check(ctx) {
    const data = ctx.iamData;
    for (const s of ctx.policy.statements) {
      const statement = label(s, ctx.policy);
      const seenNull = new Set<string>();
      for (const c of s.conditions) {
        if (isMfaCondition(c) || isSwapped(c)) continue;
        const op = parseOperator(c.operator);
        if (!op.known) {
          if (op.base === 'Null' && op.ifExists && !seenNull.has(c.operatorPointer)) {
            seenNull.add(c.operatorPointer);
            ctx.report({
              messageId: 'nullIfExists',
              data: { statement, operator: c.operator },
              pointer: c.operatorPointer,
              atKey: true,
            });
          }
          continue;
        }
        const family = OPERATOR_FAMILIES[op.base]!;
        const resolved = data ? resolveKeyFor(data, s, c.key) : undefined;
        if (resolved && resolved !== 'unknown') {
          const multi = resolved.type.startsWith('ArrayOf');
          const keyType = multi ? resolved.type.slice('ArrayOf'.length) : resolved.type;
          const fits = FITS[family];
          // A Bool key's value in the request is the string "true" or "false": StringEquals with
          // exactly those values matches it (AWS's own policies rely on it); other strings never do.
          const boolAsString =
            family === 'String' &&
            (keyType === 'Bool' || keyType === 'Boolean') &&
            /^String(Not)?Equals$/.test(op.base) &&
            c.values.every((v) => v.value === 'true' || v.value === 'false' || typeof v.value === 'boolean');
          const ok =
            fits === 'any' ||
            !KNOWN_TYPES.has(keyType) ||
            fits.includes(keyType) ||
            boolAsString ||
            (ALSO[c.key.toLowerCase()] ?? []).includes(family);
          if (!ok) {
            const fix =
              keyType === 'Bool' || keyType === 'Boolean'
                ? 'Bool'
                : keyType === 'Numeric'
                  ? 'a Numeric operator (NumericEquals, NumericLessThan, ...)'
                  : keyType === 'Date'
                    ? 'a Date operator (DateLessThan, ...)'
                    : keyType === 'IPAddress'
                      ? 'IpAddress or NotIpAddress'
                      : keyType === 'Binary'
                        ? 'BinaryEquals'
                        : 'a String or Arn operator';
            ctx.report({
              messageId: 'operatorType',
              data: { statement, operator: c.operator, family, key: c.key, keyType: resolved.type, fix },
              pointer: c.keyPointer,
              atKey: true,
            });
            continue;
          }
          // ForAllValues is vacuously true when the key is absent; ForAnyValue with a negated
          // operator is false where the plain operator is true. ForAnyValue with a positive
          // operator on a single value is the plain operator, so it is not reported.
          const negated = /Not/.test(op.base);
          // Only global keys: the reference types them reliably as single- or multivalued; many
          // service keys typed String are multivalued in practice (codestar-connections:ProviderAction).
          if (
            op.set &&
            !multi &&
            resolved.source === 'global' &&
            family !== 'Null' &&
            (op.set === 'ForAllValues' || negated)
          ) {
            ctx.report({
              messageId: 'setOnSingleValued',
              data: {
                statement,
                operator: c.operator,
                key: c.key,
                keyType: resolved.type,
                fix: c.operator.slice(op.set.length + 1),
              },
              pointer: c.keyPointer,
              atKey: true,
            });
          }
        }
        for (const v of c.values) {
          const expected = valueProblem(family, v.value);
          if (expected)
            ctx.report({
              messageId: 'valueType',
              data: { statement, value: show(v.value), expected, operator: c.operator, key: c.key },
              pointer: v.pointer,
            });
        }
      }
    }
  },
});
