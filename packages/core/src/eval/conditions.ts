/**
 * Condition evaluation as IAM documents it: within one key, several policy values are ORed;
 * several keys and several operators are ANDed. `...IfExists` matches when the key is absent;
 * negated operators (StringNotEquals, NotIpAddress, ArnNotLike, ...) match an absent key;
 * `ForAllValues:` matches when every request value matches (an absent or empty key included);
 * `ForAnyValue:` when at least one does.
 */
import type { NCondition } from '../model/normalize.js';
import { OPERATOR_FAMILIES, parseOperator } from '../iam/operators.js';
import { splitArn } from '../iam/s3.js';
import { cidrContains, parseCidr } from './ip.js';
import { patternEquals, patternMatch } from './match.js';
import { expand, type ContextLookup, type Pattern } from './variables.js';
import { table } from '../util/table.js';

/** Negated operator -> its positive counterpart. */
const NEGATED: Readonly<Record<string, string>> = table({
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
});

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function toNumber(s: string): number | undefined {
  const t = s.trim();
  return NUMBER.test(t) ? Number(t) : undefined;
}

/** Epoch milliseconds of an ISO 8601 date/time or of epoch seconds. */
function toDate(s: string): number | undefined {
  const t = s.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** ARN comparison: each of the six colon-separated fields separately, wildcards within a field. */
function arnMatch(p: Pattern, value: string): boolean {
  if (p.literalMask) {
    // A substituted value with literal wildcards: compare whole (fields cannot be split safely).
    return patternMatch(p, value);
  }
  const pf = splitArn(p.text);
  const vf = splitArn(value);
  if (pf.length !== 6 || vf.length !== 6) return false;
  for (let i = 0; i < 6; i++) if (!patternMatch({ text: pf[i]!, literalMask: null }, vf[i]!)) return false;
  return true;
}

/** Compares one request value with one policy value under a positive base operator. */
function compare(base: string, value: string, policy: Pattern): boolean {
  switch (base) {
    case 'StringEquals':
      return patternEquals(policy, value);
    case 'StringEqualsIgnoreCase':
      return patternEquals(policy, value, true);
    case 'StringLike':
      return patternMatch(policy, value);
    case 'NumericEquals':
    case 'NumericLessThan':
    case 'NumericLessThanEquals':
    case 'NumericGreaterThan':
    case 'NumericGreaterThanEquals': {
      const a = toNumber(value);
      const b = toNumber(policy.text);
      if (a === undefined || b === undefined) return false;
      return ordered(base.slice('Numeric'.length), a, b);
    }
    case 'DateEquals':
    case 'DateLessThan':
    case 'DateLessThanEquals':
    case 'DateGreaterThan':
    case 'DateGreaterThanEquals': {
      const a = toDate(value);
      const b = toDate(policy.text);
      if (a === undefined || b === undefined) return false;
      return ordered(base.slice('Date'.length), a, b);
    }
    case 'Bool':
      return value.toLowerCase() === policy.text.toLowerCase();
    case 'BinaryEquals':
      return value === policy.text;
    case 'IpAddress': {
      const block = parseCidr(policy.text);
      const ip = parseCidr(value);
      return block !== undefined && ip !== undefined && cidrContains(block, ip);
    }
    case 'ArnEquals':
    case 'ArnLike':
      return arnMatch(policy, value);
    default:
      return false;
  }
}

function ordered(rel: string, a: number, b: number): boolean {
  switch (rel) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'LessThanEquals':
      return a <= b;
    case 'GreaterThan':
      return a > b;
    case 'GreaterThanEquals':
      return a >= b;
    default:
      return false;
  }
}

/** Operators whose values may hold policy variables (string and ARN operators). */
function takesVariables(base: string): boolean {
  return base.startsWith('String') || base.startsWith('Arn');
}

export interface ConditionEnv {
  lookup: ContextLookup;
  expandVariables: boolean;
}

/** Evaluates one operator/key pair of a Condition block. */
export function evaluateCondition(c: NCondition, env: ConditionEnv): boolean {
  const op = parseOperator(c.operator);
  if (!op.known) return false;
  const requestValues = env.lookup(c.key);
  const present = requestValues !== undefined && requestValues.length > 0;
  const policyValues = c.values.map((v) => String(v.value));

  if (op.base === 'Null') {
    // "true": the key is absent; "false": it is present. Several values: any.
    return policyValues.some((v) =>
      v.toLowerCase() === 'true' ? !present : v.toLowerCase() === 'false' ? present : false,
    );
  }
  if (OPERATOR_FAMILIES[op.base] === undefined) return false;

  const positive = NEGATED[op.base] ?? op.base;
  const negated = positive !== op.base;
  const patterns: Array<Pattern | undefined> = policyValues.map((v) =>
    takesVariables(positive) ? expand(v, env.expandVariables, env.lookup) : { text: v, literalMask: null },
  );
  // A value whose variable cannot be resolved equals and is like nothing; a negated operator
  // with such a value does not match a present key (the condition cannot be decided: AWS
  // "If AWS cannot resolve a variable this might cause the entire statement to be invalid").
  const unresolved = patterns.some((p) => p === undefined);
  /** Does one request value satisfy the operator (for a negated one: match none of the values)? */
  const one = (value: string): boolean => {
    const any = patterns.some((p) => p !== undefined && compare(positive, value, p));
    return negated ? !any : any;
  };

  if (op.set === 'ForAllValues') return !present || (!(negated && unresolved) && requestValues.every(one));
  if (op.set === 'ForAnyValue') return present ? !(negated && unresolved) && requestValues.some(one) : op.ifExists;
  if (!present) return op.ifExists || negated;
  if (negated && unresolved) return false;
  return negated ? requestValues.every(one) : requestValues.some(one);
}
