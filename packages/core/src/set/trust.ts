/** What a role's trust policy says about who can assume it, and whether their sessions can carry MFA. */
import type { NPrincipalEntry, NStatement, PolicyModel } from '../model/normalize.js';
import { globMatch } from '../util/glob.js';

/** Does the statement's Action (or NotAction) cover `action`? */
export function coversAction(s: NStatement, action: string): boolean {
  const m = (p: string) => globMatch(p, action, { caseInsensitive: true });
  if (s.action) return s.action.items.some((a) => m(a.value));
  if (s.notAction) return !s.notAction.items.some((a) => m(a.value));
  return false;
}

/** Allow statements that let someone assume the role (any sts:AssumeRole* action). */
export function assumeStatements(trust: PolicyModel): NStatement[] {
  return trust.statements.filter(
    (s) =>
      s.effect?.value === 'Allow' &&
      (s.principal || s.notPrincipal) &&
      ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'].some((a) => coversAction(s, a)),
  );
}

/**
 * Can a session of this role carry MFA? Only when an IAM principal (a user, an account, a role,
 * `*`) may call sts:AssumeRole: an IAM user can pass its MFA device's code. Service principals
 * (EC2, Lambda, ...) and SAML/OIDC federation (AssumeRoleWithSAML/WebIdentity) never carry MFA.
 */
export function trustAdmitsMfa(trust: PolicyModel): boolean {
  return assumeStatements(trust).some(
    (s) =>
      coversAction(s, 'sts:AssumeRole') &&
      (s.notPrincipal !== undefined || s.principal!.entries.some((e) => e.type === '*' || e.type === 'AWS')),
  );
}

export function describeEntry(e: NPrincipalEntry): string {
  if (e.type === 'Service') return `the service ${e.value}`;
  if (e.type === 'Federated')
    return /:saml-provider\//.test(e.value)
      ? `SAML federation through ${e.value}`
      : `web identity federation through ${e.value}`;
  if (e.type === '*' || e.value === '*') return 'everyone (*)';
  return e.value;
}

/** The principals a trust policy admits, in words (for messages). */
export function describeAssumers(trust: PolicyModel): string {
  const out: string[] = [];
  for (const s of assumeStatements(trust))
    for (const e of s.principal?.entries ?? []) {
      const d = describeEntry(e);
      if (!out.includes(d)) out.push(d);
    }
  return out.join(', ') || 'no one';
}

/** IAM users, whole accounts or everyone: principals that assume roles with long-term credentials. */
export function humanEntries(s: NStatement): NPrincipalEntry[] {
  if (!s.principal) return [];
  return s.principal.entries.filter(
    (e) =>
      e.type === '*' ||
      (e.type === 'AWS' &&
        (e.value === '*' || /^\d{12}$/.test(e.value) || /:root$/.test(e.value) || /:user\//.test(e.value))),
  );
}

/**
 * Who uses an identity document, from the principals it is attached to: `people` when a user, a
 * group or a role that an IAM principal may assume holds it (or a role whose trust is not in the
 * set: it may be people's); `machines` when only roles that services or federation assume hold
 * it; undefined when nothing holds it in the set.
 */
export function audienceOf(
  holders: ReadonlyArray<{ kind: 'user' | 'group' | 'role'; trust?: { model: PolicyModel } | undefined }>,
): 'people' | 'machines' | undefined {
  if (holders.length === 0) return undefined;
  for (const p of holders) {
    if (p.kind !== 'role') return 'people';
    if (!p.trust || trustAdmitsMfa(p.trust.model)) return 'people';
  }
  return 'machines';
}
