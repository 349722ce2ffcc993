import type { NCondition, NStatement } from '../model/normalize.js';
import { recognizeMfaKey } from './mfa.js';
import { OPERATOR_FAMILIES } from './operators.js';
import {
  resolveConditionKey,
  statementServices,
  type IamData,
  type ResolvedKey,
  type StatementServices,
} from './data.js';

/**
 * Conditions that mfa-condition-invalid owns: an MFA key (misspellings included) or an MFA key
 * written where the operator belongs. The generic condition rules skip them to avoid double reports.
 */
export function isMfaCondition(c: NCondition): boolean {
  return recognizeMfaKey(c.key) !== undefined || recognizeMfaKey(c.operator) !== undefined;
}

/** Is the operator block (all its keys) free of MFA conditions? */
export function operatorBlockHasMfa(s: NStatement, operatorPointer: string): boolean {
  return s.conditions.some((c) => c.operatorPointer === operatorPointer && isMfaCondition(c));
}

/** Operator and key swapped: `{"aws:SourceIp": {"IpAddress": ...}}` (the key is an operator name). */
export function isSwapped(c: NCondition): boolean {
  return (
    c.operator.includes(':') &&
    /^(For(AllValues|AnyValue):)?[A-Za-z]+$/.test(c.key) &&
    Object.prototype.hasOwnProperty.call(
      OPERATOR_FAMILIES,
      c.key.replace(/^For(AllValues|AnyValue):/, '').replace(/IfExists$/, ''),
    )
  );
}

const servicesCache = new WeakMap<NStatement, StatementServices>();

export function servicesOf(data: IamData, s: NStatement): StatementServices | undefined {
  if (!s.action && !s.notAction) return undefined;
  let r = servicesCache.get(s);
  if (!r) {
    r = s.action
      ? statementServices(
          data,
          s.action.items.map((a) => a.value),
          false,
        )
      : statementServices(
          data,
          s.notAction!.items.map((a) => a.value),
          true,
        );
    servicesCache.set(s, r);
  }
  return r;
}

/** Keys of an identity provider (`token.actions.githubusercontent.com:sub`, `accounts.google.com:aud`): the prefix is a host name. */
export function isProviderKey(key: string): boolean {
  const colon = key.lastIndexOf(':');
  return colon > 0 && key.slice(0, colon).includes('.');
}

/**
 * Resolves a statement's condition key, or undefined when it is unknown to the statement. Keys
 * of an identity provider count as known when the statement can reach sts (trust policies).
 */
export function resolveKeyFor(data: IamData, s: NStatement, key: string): ResolvedKey | 'unknown' | undefined {
  const services = servicesOf(data, s);
  if (!services) return undefined;
  const r = resolveConditionKey(data, key, services);
  if (r) return r;
  if (isProviderKey(key) && (services.any || services.prefixes.has('sts')))
    return { key, type: 'String', source: 'sts' };
  return 'unknown';
}
