/**
 * IAM's policy evaluation logic for identity, resource and trust policies (pure, no I/O):
 * an applicable explicit Deny in any policy wins; otherwise an applicable Allow in an identity
 * policy or in a resource/trust policy that names the principal allows (same account); otherwise
 * the request is implicitly denied. Cross-account requests (`resourceAccount` differs from the
 * principal's account) need an Allow on both sides. See docs/evaluation.md.
 */
import { normalize, type NPrincipalEntry, type NStatement, type PolicyModel } from '../model/normalize.js';
import { globMatch } from '../util/glob.js';
import { evaluateCondition, type ConditionEnv } from './conditions.js';
import { patternMatch } from './match.js';
import { expand, expandsVariables, type ContextLookup } from './variables.js';

export type PolicyKind = 'identity' | 'resource' | 'trust';
export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';
export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'Anonymous';

/** One request as IAM sees it. */
export interface EvalRequest {
  /**
   * Who makes the request: an IAM ARN (user, role, `sts::...:assumed-role/...` session, account
   * root), a service principal (`ec2.amazonaws.com`), a federation provider (for
   * sts:AssumeRoleWithSAML/WebIdentity), or empty for an anonymous request.
   */
  principal: string;
  /** Inferred from `principal` when absent. */
  principalType?: PrincipalType;
  /** `service:Action`. */
  action: string;
  /** The resource ARN. */
  resource: string;
  /** The account that owns the resource; absent: the principal's account (same-account request). */
  resourceAccount?: string;
  /** Request context keys (names compare case-insensitively); absent keys are not in the request. */
  context?: Readonly<Record<string, string | number | boolean | ReadonlyArray<string | number | boolean>>>;
}

/** A policy ready for evaluation: its normalized model, an id (a file, a principal/policy name) and its kind. */
export interface EvalPolicy {
  id: string;
  kind: PolicyKind;
  model: PolicyModel;
}

export interface DecidingStatement {
  policyId: string;
  kind: PolicyKind;
  effect: 'Allow' | 'Deny';
  /** 0-based statement index and its JSON pointer in the document. */
  index: number;
  pointer: string;
  sid?: string;
}

export interface EvalResult {
  decision: Decision;
  /** The statements that decided: every applicable Deny, or every applicable Allow that counted; none for an implicit deny. */
  statements: DecidingStatement[];
}

/** Builds an EvalPolicy from a policy document value. */
export function toEvalPolicy(id: string, kind: PolicyKind, document: unknown): EvalPolicy {
  return { id, kind, model: normalize(document) };
}

export function inferPrincipalType(principal: string): PrincipalType {
  if (principal === '' || principal === '*') return 'Anonymous';
  if (principal.startsWith('arn:')) {
    return /^arn:[^:]*:iam::[^:]*:(saml-provider|oidc-provider)\//.test(principal) ? 'Federated' : 'AWS';
  }
  if (/\.amazonaws\.com(\.cn)?$/.test(principal) && principal !== 'cognito-identity.amazonaws.com') return 'Service';
  return 'Federated';
}

/** The account of an IAM ARN (`arn:aws:iam::111122223333:user/x` -> 111122223333). */
export function accountOf(arn: string): string | undefined {
  const m = /^arn:[^:]*:(?:iam|sts)::(\d{12}):/.exec(arn);
  return m ? m[1] : undefined;
}

const ACCOUNT_ROOT = /^arn:[^:]*:iam::\d{12}:root$/;

/** How a Principal entry matches the caller: by name, through the whole account, or not at all. */
type PrincipalMatch = 'named' | 'account' | 'none';

function matchEntry(e: NPrincipalEntry, principal: string, type: PrincipalType): PrincipalMatch {
  if (e.type === '*' || (e.type === 'AWS' && e.value === '*')) return 'named';
  if (e.type === 'Service')
    return type === 'Service' && e.value.toLowerCase() === principal.toLowerCase() ? 'named' : 'none';
  if (e.type === 'Federated') return type === 'Federated' && e.value === principal ? 'named' : 'none';
  if (e.type !== 'AWS' || type !== 'AWS') return 'none';
  const v = e.value;
  const account = accountOf(principal);
  if (/^\d{12}$/.test(v) || /^arn:[^:]*:iam::\d{12}:root$/.test(v)) {
    const acct = /^\d{12}$/.test(v) ? v : accountOf(v);
    return acct !== undefined && acct === account ? 'account' : 'none';
  }
  if (v === principal) return 'named';
  // A role ARN names every session of the role: arn:aws:sts::A:assumed-role/Name/session.
  const role = /^arn:([^:]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(v);
  const session = /^arn:([^:]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(principal);
  if (role && session && role[1] === session[1] && role[2] === session[2] && role[3] === session[3]) return 'named';
  return 'none';
}

function principalMatch(s: NStatement, principal: string, type: PrincipalType): PrincipalMatch {
  if (s.principal) {
    let best: PrincipalMatch = 'none';
    for (const e of s.principal.entries) {
      const m = matchEntry(e, principal, type);
      if (m === 'named') return 'named';
      if (m === 'account') best = 'account';
    }
    return best;
  }
  if (s.notPrincipal) {
    // NotPrincipal: everyone except the principals it names. An account entry names the account
    // principal only, not the account's users and roles (IAM User Guide, "AWS JSON policy
    // elements: NotPrincipal": [user/Bob, account root] denies everyone but Bob).
    const exempt = (e: NPrincipalEntry) => {
      const m = matchEntry(e, principal, type);
      return m === 'named' || (m === 'account' && ACCOUNT_ROOT.test(principal));
    };
    return s.notPrincipal.entries.some(exempt) ? 'none' : 'named';
  }
  return 'none';
}

function contextLookup(req: EvalRequest): ContextLookup {
  const map = new Map<string, string[]>();
  for (const [k, v] of Object.entries(req.context ?? {})) {
    const list = Array.isArray(v) ? v : [v];
    map.set(
      k.toLowerCase(),
      list.map((x) => String(x)),
    );
  }
  return (key) => map.get(key.toLowerCase());
}

function actionApplies(s: NStatement, action: string): boolean {
  const m = (p: string) => globMatch(p, action, { caseInsensitive: true });
  if (s.action) return s.action.items.some((a) => m(a.value));
  if (s.notAction) return !s.notAction.items.some((a) => m(a.value));
  return false;
}

function resourceApplies(s: NStatement, kind: PolicyKind, resource: string, env: ConditionEnv): boolean {
  // A Resource entry whose variable cannot be resolved matches nothing; in NotResource it makes
  // the statement inapplicable (AWS: "If AWS cannot resolve a variable this might cause the
  // entire statement to be invalid"), so an unresolved exclusion never widens a statement.
  const list = s.resource ?? s.notResource;
  if (list) {
    const patterns = list.items.map((r) => expand(r.value, env.expandVariables, env.lookup));
    if (s.resource) return patterns.some((p) => p !== undefined && patternMatch(p, resource));
    if (patterns.some((p) => p === undefined)) return false;
    return !patterns.some((p) => patternMatch(p!, resource));
  }
  // Trust policies name no resource: the role is the resource.
  return kind === 'trust';
}

interface Applicable {
  effect: 'Allow' | 'Deny';
  statement: NStatement;
  policy: EvalPolicy;
  match: PrincipalMatch;
}

/**
 * Evaluates `request` against the policies that apply to it: the caller's identity policies and
 * the resource's policy (a bucket policy, or the role's trust policy for sts:AssumeRole*).
 */
export function evaluate(request: EvalRequest, policies: readonly EvalPolicy[]): EvalResult {
  const type = request.principalType ?? inferPrincipalType(request.principal);
  const lookup = contextLookup(request);
  const applicable: Applicable[] = [];
  for (const policy of policies) {
    // Anonymous callers and services have no identity policies.
    if (policy.kind === 'identity' && type !== 'AWS') continue;
    const env: ConditionEnv = { lookup, expandVariables: expandsVariables(policy.model.version?.value) };
    for (const s of policy.model.statements) {
      const effect = s.effect?.value;
      if (effect !== 'Allow' && effect !== 'Deny') continue;
      let match: PrincipalMatch = 'named';
      if (policy.kind !== 'identity') {
        match = principalMatch(s, request.principal, type);
        if (match === 'none') continue;
      } else if (s.principal || s.notPrincipal) continue;
      if (!actionApplies(s, request.action)) continue;
      if (!resourceApplies(s, policy.kind, request.resource, env)) continue;
      if (!s.conditions.every((c) => evaluateCondition(c, env))) continue;
      applicable.push({ effect, statement: s, policy, match });
    }
  }
  const deciding = (list: Applicable[]): DecidingStatement[] =>
    list.map(({ effect, statement: s, policy }) => {
      const d: DecidingStatement = {
        policyId: policy.id,
        kind: policy.kind,
        effect,
        index: s.index,
        pointer: s.pointer,
      };
      if (s.sid) d.sid = s.sid.value;
      return d;
    });

  const denies = applicable.filter((a) => a.effect === 'Deny');
  if (denies.length > 0) return { decision: 'explicit-deny', statements: deciding(denies) };

  const allows = applicable.filter((a) => a.effect === 'Allow');
  const identityAllows = allows.filter((a) => a.policy.kind === 'identity');
  const resourceAllows = allows.filter((a) => a.policy.kind !== 'identity');
  const principalAccount = type === 'AWS' ? accountOf(request.principal) : undefined;
  const crossAccount =
    type === 'AWS' && request.resourceAccount !== undefined && request.resourceAccount !== principalAccount;
  let counted: Applicable[];
  const trustGiven = policies.some((p) => p.kind === 'trust');
  if (trustGiven) {
    // Assuming a role: its trust policy must always allow. When it names the caller, that is
    // enough within the account; when it names only the account (or the caller is in another
    // account), the caller's identity policy must allow as well.
    const trustAllows = resourceAllows.filter((a) => a.policy.kind === 'trust');
    const byName = trustAllows.some((a) => a.match === 'named');
    const enough = trustAllows.length > 0 && ((byName && !crossAccount) || identityAllows.length > 0 || type !== 'AWS');
    counted = enough ? [...identityAllows, ...trustAllows] : [];
  } else if (crossAccount) {
    // Both sides must allow: the caller's identity policy and the resource policy (by name or account).
    counted = identityAllows.length > 0 && resourceAllows.length > 0 ? [...identityAllows, ...resourceAllows] : [];
  } else {
    // Same account: either side suffices, but a resource policy that names only the account
    // delegates to the identity policies (it never grants by itself).
    counted = [...identityAllows, ...resourceAllows.filter((a) => a.match === 'named')];
  }
  if (counted.length > 0) return { decision: 'allow', statements: deciding(counted) };
  return { decision: 'implicit-deny', statements: [] };
}
