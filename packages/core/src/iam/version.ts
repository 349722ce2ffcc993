import type { Located, PolicyModel } from '../model/normalize.js';
import { withoutUnresolved } from '../util/unresolved.js';

/** The current policy language version; the only one that expands policy variables. */
export const CURRENT_VERSION = '2012-10-17';
export const OUTDATED_VERSION = '2008-10-17';

/**
 * The first policy variable (`${...}`) in a place IAM expands variables (Resource, NotResource and
 * condition values), or undefined. Under 2008-10-17 (or with no Version) such text is literal.
 */
export function firstPolicyVariable(policy: PolicyModel): Located<string> | undefined {
  // Markers of unknown values (util/unresolved.ts) are not variables: their text is not in the policy.
  const hasVariable = (v: string) => /\$\{[^}]+\}/.test(withoutUnresolved(v));
  for (const s of policy.statements) {
    for (const r of [...(s.resource?.items ?? []), ...(s.notResource?.items ?? [])]) if (hasVariable(r.value)) return r;
    for (const c of s.conditions) {
      for (const v of c.values)
        if (typeof v.value === 'string' && hasVariable(v.value)) return { value: v.value, pointer: v.pointer };
    }
  }
  return undefined;
}

/** Does any string of any statement contain `${` (a variable, or an escape such as `${*}`)? */
export function mentionsVariableSyntax(policy: PolicyModel): boolean {
  const has = (v: unknown) => typeof v === 'string' && withoutUnresolved(v).includes('${');
  for (const s of policy.statements) {
    const lists = [s.action, s.notAction, s.resource, s.notResource];
    if (lists.some((l) => l?.items.some((i) => has(i.value)))) return true;
    if ([s.principal, s.notPrincipal].some((p) => p?.entries.some((e) => has(e.value)))) return true;
    if (s.conditions.some((c) => has(c.key) || c.values.some((v) => has(v.value)))) return true;
  }
  return false;
}
