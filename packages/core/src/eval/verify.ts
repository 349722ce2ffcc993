/**
 * verify: can any request to bucket B or its objects be allowed without MFA? Enumerates every S3
 * bucket/object action (generated from AWS's service authorization reference), the bucket and
 * object resources (inside and outside every prefix the policies name), every MFA context a real
 * principal can present, and the values of the other condition keys the policies test, and
 * evaluates each request with `evaluate`. Pure: no I/O.
 */
import { S3_ACTIONS } from '../iam/generated/s3-actions.js';
import { recognizeMfaKey } from '../iam/mfa.js';
import { parseOperator } from '../iam/operators.js';
import { splitArn } from '../iam/s3.js';
import { label } from '../model/words.js';
import { globMatch } from '../util/glob.js';
import {
  evaluate,
  inferPrincipalType,
  toEvalPolicy,
  type DecidingStatement,
  type EvalPolicy,
  type EvalRequest,
  type EvalResult,
} from './evaluate.js';

/** The MFA situation of the request that reaches S3. */
export type MfaContext = 'anonymous' | 'long-term-keys' | 'temporary-no-mfa' | 'mfa';

export const MFA_CONTEXTS: readonly MfaContext[] = ['anonymous', 'long-term-keys', 'temporary-no-mfa', 'mfa'];

export const MFA_CONTEXT_LABELS: Record<MfaContext, string> = {
  anonymous: 'anonymous (unsigned)',
  'long-term-keys': 'long-term keys (no MFA key)',
  'temporary-no-mfa': 'temporary, MFA false',
  mfa: 'with MFA (true, age)',
};

export interface VerifyOptions {
  /** The account that owns the bucket and the principals (default 111122223333). */
  accountId?: string;
  /** Ages (seconds) tried for MFA sessions. */
  mfaAges?: readonly number[];
  /** Upper bound on combinations of other condition keys per request (default 64). */
  maxCombinations?: number;
  /**
   * The principal the identity policies belong to (an account snapshot's user or role); default a
   * user `verify-user`, or a role `verify-role` when a trust policy is given.
   */
  principal?: { kind: 'user' | 'role'; name: string; arn?: string };
  /**
   * Every user and role of the principal's account with their identity policies (an account
   * snapshot). When given, a trust policy that names the account (or `*`) is assumable exactly by
   * those of them whose own policies allow sts:AssumeRole, in the MFA contexts those policies
   * allow; without it, any caller of the account is assumed to be allowed.
   */
  accountPrincipals?: ReadonlyArray<{
    kind: 'user' | 'role';
    name: string;
    arn: string;
    policies: readonly EvalPolicy[];
  }>;
}

export interface VerifyCell {
  actionClass: string;
  context: MfaContext;
  /** False when no principal of the policies can present this context (e.g. a trust policy that requires MFA). */
  possible: boolean;
  /** Actions of the class allowed in this context (at least one request of the action allowed). */
  allowedActions: string[];
  totalActions: number;
  /** One allowed request and its deciding statements, when any. */
  example?: { request: EvalRequest; result: EvalResult };
}

export interface VerifyResult {
  bucket: string;
  /** True when no request without MFA is allowed. */
  enforced: boolean;
  actionClasses: string[];
  cells: VerifyCell[];
  /** The first request allowed without MFA (long-term keys first), with the statements that allowed it. */
  counterexample?: { context: MfaContext; request: EvalRequest; result: EvalResult; via?: DecidingStatement[] };
  /** Requests evaluated. */
  requests: number;
  /**
   * Set when a policy holds a condition IAM would reject (a null or object value, an unknown
   * operator, ...): nothing is evaluated and `enforced` is false, since the statement as read is
   * not the statement as written.
   */
  invalid?: InvalidStatement;
}

export interface InvalidStatement {
  policyId: string;
  /** `Statement "Sid"` or `Statement 2`. */
  statement: string;
  /** The statement's pointer. */
  pointer: string;
  /** Where the problem is, and what it is. */
  problemPointer: string;
  message: string;
}

/** The first statement whose Condition block breaks the grammar or names an unknown operator. */
export function findInvalidCondition(policies: readonly EvalPolicy[]): InvalidStatement | undefined {
  for (const p of policies) {
    for (const s of p.model.statements) {
      const at = (problemPointer: string, message: string): InvalidStatement => ({
        policyId: p.id,
        statement: label(s, p.model),
        pointer: s.pointer,
        problemPointer,
        message,
      });
      const problem = s.conditionProblems?.[0];
      if (problem) return at(problem.pointer, problem.message);
      const unknown = s.conditions.find((c) => !parseOperator(c.operator).known);
      if (unknown) return at(unknown.operatorPointer, `unknown condition operator "${unknown.operator}"`);
    }
  }
  return undefined;
}

/** Action class of an S3 action on a resource type: "object read", "bucket permissions", ... */
export function actionClass(accessLevel: string, resourceType: 'bucket' | 'object'): string {
  const level = accessLevel.split(',')[0]!.trim();
  const name = level === 'Permissions management' ? 'permissions' : level.toLowerCase();
  return `${resourceType} ${name}`;
}

const OUTSIDE_KEY = 'iam-mfa-lint-verify/outside-every-prefix';
const OTHER = 'iam-mfa-lint-other-value';

interface Caller {
  context: MfaContext;
  principal: string;
  baseContext: Record<string, string>;
  /** Statements of a trust policy that let this caller's session exist. */
  via?: DecidingStatement[];
}

/** Concrete request values that exercise a policy value: itself with wildcards filled, and neighbours. */
function instances(operator: string, value: string): string[] {
  const op = parseOperator(operator);
  const filled = value.replace(/\$\{[^}]*\}/g, 'x').replace(/[*?]/g, 'x');
  if (op.base.startsWith('Numeric')) {
    const n = Number(value);
    return Number.isFinite(n) ? [String(n), String(n - 1), String(n + 1)] : [];
  }
  if (op.base.startsWith('Date')) {
    const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
    if (Number.isNaN(ms)) return [];
    return [ms, ms - 1000, ms + 1000].map((t) => new Date(t).toISOString().replace('.000Z', 'Z'));
  }
  if (op.base === 'Bool') return ['true', 'false'];
  if (op.base.endsWith('IpAddress')) return [value.split('/')[0]!];
  if (op.base === 'Null') return [OTHER];
  return [filled, OTHER];
}

/** Candidate values of every non-MFA condition key the policies test (undefined = absent). */
function conditionSpace(
  policies: readonly EvalPolicy[],
  fixed: ReadonlySet<string>,
): Map<string, Array<string | undefined>> {
  const space = new Map<string, Array<string | undefined>>();
  for (const p of policies) {
    for (const s of p.model.statements) {
      for (const c of s.conditions) {
        const key = c.key.toLowerCase();
        if (recognizeMfaKey(c.key) || fixed.has(key)) continue;
        let list = space.get(key);
        if (!list) space.set(key, (list = [undefined]));
        for (const v of c.values)
          for (const x of instances(c.operator, String(v.value))) if (!list.includes(x)) list.push(x);
      }
    }
  }
  return space;
}

/** Combinations of condition values: the full product when small, else each key varied alone. */
function combinations(space: Map<string, Array<string | undefined>>, max: number): Array<Record<string, string>> {
  const keys = [...space.keys()];
  let total = 1;
  for (const k of keys) total *= space.get(k)!.length;
  const out: Array<Record<string, string>> = [];
  if (total <= max) {
    const rec = (i: number, acc: Record<string, string>) => {
      if (i === keys.length) return void out.push({ ...acc });
      for (const v of space.get(keys[i]!)!) {
        const next = { ...acc };
        if (v !== undefined) next[keys[i]!] = v;
        rec(i + 1, next);
      }
    };
    rec(0, {});
    return out;
  }
  out.push({});
  for (const k of keys) for (const v of space.get(k)!) if (v !== undefined) out.push({ [k]: v });
  return out;
}

/** Object keys to try: one inside each prefix or key the policies name for the bucket, one outside all. */
function objectKeys(policies: readonly EvalPolicy[], bucket: string): string[] {
  const keys = new Set<string>([OUTSIDE_KEY]);
  for (const p of policies) {
    for (const s of p.model.statements) {
      for (const list of [s.resource, s.notResource]) {
        for (const r of list?.items ?? []) {
          const parts = splitArn(r.value);
          if (parts.length !== 6) continue;
          const res = parts[5]!;
          const slash = res.indexOf('/');
          if (slash < 0 || !globMatch(res.slice(0, slash).replace(/\$\{[^}]*\}/g, '*'), bucket)) continue;
          const key = res.slice(slash + 1).replace(/\$\{[^}]*\}/g, 'verify-user');
          keys.add(key.replace(/[*?]/g, 'x'));
          keys.add(key.replace(/\*/g, '').replace(/\?/g, 'x'));
        }
      }
      for (const c of s.conditions) {
        if (c.key.toLowerCase() !== 's3:prefix') continue;
        for (const v of c.values) keys.add(String(v.value).replace(/[*?]/g, 'x') + 'verify-object');
      }
    }
  }
  keys.delete('');
  return [...keys];
}

function partitions(policies: readonly EvalPolicy[]): string[] {
  const out = new Set<string>();
  for (const p of policies)
    for (const s of p.model.statements)
      for (const r of [...(s.resource?.items ?? []), ...(s.notResource?.items ?? [])]) {
        const m = /^arn:([a-z-]+):s3:/.exec(r.value);
        if (m) out.add(m[1]!);
      }
  if (out.size === 0) out.add('aws');
  return [...out];
}

const ALLOW_ALL = toEvalPolicy('(caller identity: any permission)', 'identity', {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

/** The callers that can present each MFA context, given the policies (a trust policy limits who the role's sessions are). */
function callers(
  policies: readonly EvalPolicy[],
  account: string,
  ages: readonly number[],
  who?: VerifyOptions['principal'],
  accountPrincipals?: VerifyOptions['accountPrincipals'],
): Caller[] {
  const trust = policies.filter((p) => p.kind === 'trust');
  const hasResource = policies.some((p) => p.kind === 'resource');
  const out: Caller[] = [];
  if (hasResource) out.push({ context: 'anonymous', principal: '', baseContext: {} });
  const mfa = (age: number) => ({ 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': String(age) });
  if (trust.length === 0) {
    const name = who?.kind === 'user' ? who.name : 'verify-user';
    const user = who?.kind === 'user' && who.arn ? who.arn : `arn:aws:iam::${account}:user/${name}`;
    const base = {
      'aws:username': name,
      'aws:PrincipalArn': user,
      'aws:PrincipalAccount': account,
      'aws:PrincipalType': 'User',
    };
    out.push({ context: 'long-term-keys', principal: user, baseContext: base });
    out.push({
      context: 'temporary-no-mfa',
      principal: user,
      baseContext: { ...base, 'aws:MultiFactorAuthPresent': 'false' },
    });
    for (const age of ages) out.push({ context: 'mfa', principal: user, baseContext: { ...base, ...mfa(age) } });
    return out;
  }
  // The identity policies are attached to the role the trust policies describe; its sessions
  // carry the MFA context of the caller that assumed it.
  const roleName = who?.kind === 'role' ? who.name : 'verify-role';
  const role = who?.kind === 'role' && who.arn ? who.arn : `arn:aws:iam::${account}:role/${roleName}`;
  const session = `arn:aws:sts::${account}:assumed-role/${roleName}/verify-session`;
  const sessionBase = { 'aws:PrincipalArn': role, 'aws:PrincipalAccount': account, 'aws:PrincipalType': 'AssumedRole' };
  // Who may call sts:AssumeRole on the role, with the identity policies that apply to the call.
  interface Candidate {
    principal: string;
    identity: readonly EvalPolicy[];
    human: boolean;
    context: Record<string, string>;
  }
  const candidates = new Map<string, Candidate>();
  const add = (c: Candidate) => {
    if (!candidates.has(c.principal)) candidates.set(c.principal, c);
  };
  const synthetic = (acct: string): Candidate => ({
    principal: `arn:aws:iam::${acct}:user/verify-user`,
    identity: [ALLOW_ALL],
    human: true,
    context: {},
  });
  const knownCallers = (accountPrincipals ?? []).map(
    (p): Candidate =>
      p.kind === 'user'
        ? {
            principal: p.arn,
            identity: p.policies,
            human: true,
            context: { 'aws:username': p.name, 'aws:PrincipalType': 'User' },
          }
        : {
            principal: p.arn.replace(
              /^arn:([^:]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/,
              'arn:$1:sts::$2:assumed-role/$3/chained',
            ),
            identity: p.policies,
            human: false,
            context: { 'aws:PrincipalType': 'AssumedRole', 'aws:PrincipalArn': p.arn },
          },
  );
  const inAccount = (acct: string) => {
    if (accountPrincipals && acct === account) knownCallers.forEach(add);
    else add(synthetic(acct));
  };
  if (!accountPrincipals) add(synthetic(account));
  for (const t of trust)
    for (const s of t.model.statements)
      for (const e of s.principal?.entries ?? []) {
        if (e.type === '*' || (e.type === 'AWS' && e.value === '*')) {
          inAccount(account);
          inAccount('999999999999');
        } else if (e.type === 'AWS') {
          const acct = /^\d{12}$/.test(e.value) ? e.value : /^arn:[^:]*:iam::(\d{12}):root$/.exec(e.value)?.[1];
          if (acct) inAccount(acct);
          else {
            const k = knownCallers.find(
              (c) =>
                c.principal === e.value ||
                (c.principal.includes(':assumed-role/') && e.value.endsWith(`/${c.principal.split('/')[1]}`)),
            );
            add(k ?? { principal: e.value, identity: [ALLOW_ALL], human: /:user\//.test(e.value), context: {} });
          }
        } else add({ principal: e.value, identity: [], human: false, context: {} });
      }
  const trustCombos = combinations(conditionSpace(trust, new Set(['aws:principalarn'])), 32);
  for (const cand of candidates.values()) {
    const caller = cand.principal;
    const type = inferPrincipalType(caller);
    const action =
      type === 'Federated'
        ? caller.includes(':saml-provider/')
          ? 'sts:AssumeRoleWithSAML'
          : 'sts:AssumeRoleWithWebIdentity'
        : 'sts:AssumeRole';
    const contexts: Array<[MfaContext, Record<string, string>, Record<string, string>]> = [];
    // [session context, caller's own context when it calls STS, session MFA keys]
    if (cand.human) {
      contexts.push(['temporary-no-mfa', {}, { 'aws:MultiFactorAuthPresent': 'false' }]);
      contexts.push([
        'temporary-no-mfa',
        { 'aws:MultiFactorAuthPresent': 'false' },
        { 'aws:MultiFactorAuthPresent': 'false' },
      ]);
      for (const age of ages) contexts.push(['mfa', mfa(age), mfa(age)]);
    } else {
      // Services, federated users and role sessions (role chaining) cannot add MFA.
      contexts.push(['temporary-no-mfa', {}, { 'aws:MultiFactorAuthPresent': 'false' }]);
      contexts.push(['long-term-keys', {}, {}]);
    }
    for (const [ctx, callerKeys, sessionKeys] of contexts) {
      // The caller controls or knows the other keys the trust policy tests (sts:ExternalId, tags...).
      for (const combo of trustCombos) {
        const req: EvalRequest = {
          principal: caller,
          principalType: type,
          action,
          resource: role,
          resourceAccount: account,
          context: { ...combo, 'aws:PrincipalArn': caller, ...cand.context, ...callerKeys },
        };
        const r = evaluate(req, [...(type === 'AWS' ? cand.identity : []), ...trust]);
        if (r.decision !== 'allow') continue;
        out.push({
          context: ctx,
          principal: session,
          baseContext: { ...sessionBase, ...sessionKeys },
          via: r.statements.filter((d) => d.kind === 'trust'),
        });
        break;
      }
    }
  }
  return out;
}

/** Verifies that every request to `bucket` (and its objects) without MFA is denied. */
export function verifyBucket(
  bucket: string,
  policies: readonly EvalPolicy[],
  options: VerifyOptions = {},
): VerifyResult {
  const invalid = findInvalidCondition(policies);
  if (invalid) return { bucket, enforced: false, actionClasses: [], cells: [], requests: 0, invalid };
  const account = options.accountId ?? '111122223333';
  const ages = options.mfaAges ?? [0, 3600, 129600];
  const callerList = callers(policies, account, ages, options.principal, options.accountPrincipals);
  const fixed = new Set(['aws:username', 'aws:principalarn', 'aws:principalaccount', 'aws:principaltype']);
  const combos = combinations(conditionSpace(policies, fixed), options.maxCombinations ?? 64);
  const keys = objectKeys(policies, bucket);
  const parts = partitions(policies);
  const evaluated = policies.filter((p) => p.kind !== 'trust');

  const classes: string[] = [];
  const cells = new Map<string, VerifyCell>();
  const cell = (cls: string, ctx: MfaContext) => `${cls}\u0000${ctx}`;
  for (const a of S3_ACTIONS)
    for (const rt of a.resourceTypes) {
      const cls = actionClass(a.accessLevel, rt);
      if (!classes.includes(cls)) classes.push(cls);
    }
  const order = [
    'object read',
    'object list',
    'object write',
    'object tagging',
    'object permissions',
    'bucket list',
    'bucket read',
    'bucket write',
    'bucket tagging',
    'bucket permissions',
  ];
  classes.sort((x, y) => order.indexOf(x) + 100 * +!order.includes(x) - (order.indexOf(y) + 100 * +!order.includes(y)));
  for (const cls of classes)
    for (const ctx of MFA_CONTEXTS) {
      const total = new Set(
        S3_ACTIONS.filter((a) => a.resourceTypes.some((rt) => actionClass(a.accessLevel, rt) === cls)).map(
          (a) => a.name,
        ),
      ).size;
      cells.set(cell(cls, ctx), {
        actionClass: cls,
        context: ctx,
        possible: callerList.some((c) => c.context === ctx),
        allowedActions: [],
        totalActions: total,
      });
    }

  // The actions people use first, so that a counterexample reads naturally.
  const first = ['GetObject', 'PutObject', 'ListBucket', 'DeleteObject'];
  const actions = [...S3_ACTIONS].sort(
    (x, y) =>
      (first.includes(x.name) ? first.indexOf(x.name) : 99) - (first.includes(y.name) ? first.indexOf(y.name) : 99),
  );
  let requests = 0;
  let counterexample: VerifyResult['counterexample'];
  const contextOrder: MfaContext[] = ['long-term-keys', 'temporary-no-mfa', 'anonymous', 'mfa'];
  for (const ctx of contextOrder) {
    for (const caller of callerList.filter((c) => c.context === ctx)) {
      for (const a of actions) {
        for (const rt of a.resourceTypes) {
          const c = cells.get(cell(actionClass(a.accessLevel, rt), ctx))!;
          if (c.allowedActions.includes(a.name)) continue;
          const resources = parts.flatMap((p) =>
            rt === 'bucket' ? [`arn:${p}:s3:::${bucket}`] : keys.map((k) => `arn:${p}:s3:::${bucket}/${k}`),
          );
          search: for (const resource of resources) {
            for (const combo of combos) {
              const request: EvalRequest = {
                principal: caller.principal,
                action: `s3:${a.name}`,
                resource,
                resourceAccount: account,
                context: { ...combo, ...caller.baseContext },
              };
              if (caller.principal === '') request.principalType = 'Anonymous';
              requests++;
              const result = evaluate(request, evaluated);
              if (result.decision !== 'allow') continue;
              c.allowedActions.push(a.name);
              c.example ??= { request, result };
              if (ctx !== 'mfa' && !counterexample) {
                counterexample = { context: ctx, request, result };
                if (caller.via) counterexample.via = caller.via;
              }
              break search;
            }
          }
        }
      }
    }
  }
  const out: VerifyResult = {
    bucket,
    enforced: counterexample === undefined,
    actionClasses: classes,
    cells: [...cells.values()],
    requests,
  };
  if (counterexample) out.counterexample = counterexample;
  return out;
}
