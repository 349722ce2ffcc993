/**
 * Differential check of the evaluator against @cloud-copilot/iam-simulate (AGPL, a devDependency
 * used only here): random (policy set, request) pairs must get the same decision. Differences
 * that AWS's documentation decides in our favour are excluded by `knownDifference` and listed in
 * docs/evaluation.md.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { evaluate, toEvalPolicy, type EvalPolicy, type EvalRequest } from '../packages/core/src/index.ts';

const ACCOUNT = '111122223333';
const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/app/alice`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;

const ACTIONS = [
  { name: 's3:GetObject', object: true },
  { name: 's3:PutObject', object: true },
  { name: 's3:DeleteObject', object: true },
  { name: 's3:ListBucket', object: false },
  { name: 's3:GetBucketPolicy', object: false },
];
const ACTION_PATTERNS = [
  's3:GetObject',
  's3:getobject',
  's3:PutObject',
  's3:ListBucket',
  's3:*',
  's3:Get*',
  's3:*Object',
  's3:?etObject',
  '*',
  's3:List*',
  's3:GetBucket?olicy',
];
const RESOURCE_PATTERNS = [
  'arn:aws:s3:::b1',
  'arn:aws:s3:::b1/*',
  'arn:aws:s3:::b1/home/*',
  'arn:aws:s3:::b?/*',
  'arn:aws:s3:::b*',
  '*',
  'arn:aws:s3:::*',
  'arn:aws:s3:::b1/home/${aws:username}/*',
  'arn:aws:s3:::b1/${aws:PrincipalTag/team}/*',
  'arn:aws:s3:::b2/*',
  'arn:aws:s3:::B1/*',
  'arn:aws:s3:::b1/a${*}b',
];
const OBJECT_KEYS = ['home/alice/x.txt', 'home/bob/y', 'x', 'red/z', 'axb', 'a$b'];

/** Condition keys with the values a request may carry and the values a policy may test. */
const KEYS: Record<string, { request: string[][]; policy: string[]; ops: string[] }> = {
  'aws:MultiFactorAuthPresent': {
    request: [['true'], ['false']],
    policy: ['true', 'false', 'TRUE'],
    ops: ['Bool', 'BoolIfExists', 'Null', 'StringEquals'],
  },
  'aws:MultiFactorAuthAge': {
    request: [['0'], ['300'], ['3600'], ['90000']],
    policy: ['3600', '300', '0'],
    ops: [
      'NumericLessThan',
      'NumericLessThanEquals',
      'NumericGreaterThan',
      'NumericGreaterThanIfExists',
      'NumericEquals',
      'NumericNotEquals',
      'Null',
    ],
  },
  'aws:username': {
    request: [['alice'], ['Alice'], ['bob']],
    policy: ['alice', 'ALICE', 'al*', 'b?b', '${aws:PrincipalTag/team}'],
    ops: [
      'StringEquals',
      'StringNotEquals',
      'StringEqualsIgnoreCase',
      'StringNotEqualsIgnoreCase',
      'StringLike',
      'StringNotLike',
      'StringEqualsIfExists',
      'StringNotLikeIfExists',
    ],
  },
  'aws:SourceIp': {
    request: [['10.1.2.3'], ['192.168.0.1'], ['2001:db8::1']],
    policy: ['10.0.0.0/8', '192.168.0.1/32', '2001:db8::/32', '10.1.2.3'],
    ops: ['IpAddress', 'NotIpAddress', 'IpAddressIfExists'],
  },
  'aws:CurrentTime': {
    request: [['2024-01-01T00:00:00Z'], ['2030-06-01T12:00:00Z']],
    policy: ['2025-01-01T00:00:00Z', '2024-01-01T00:00:00Z'],
    ops: ['DateLessThan', 'DateGreaterThan', 'DateEquals', 'DateNotEquals', 'DateLessThanEquals'],
  },
  'aws:PrincipalTag/team': {
    request: [['red'], ['blue']],
    policy: ['red', 'r*', 'green'],
    ops: ['StringEquals', 'StringLike', 'StringNotEquals', 'ForAnyValue:StringEquals'],
  },
  'aws:PrincipalArn': {
    request: [[USER], [ROLE]],
    policy: [USER, `arn:aws:iam::${ACCOUNT}:user/*`, 'arn:aws:iam::*:role/app', `arn:aws:iam::${ACCOUNT}:*`],
    ops: ['ArnEquals', 'ArnLike', 'ArnNotLike', 'ArnNotEquals', 'StringLike'],
  },
  'aws:TagKeys': {
    request: [['a'], ['a', 'b'], ['c']],
    policy: ['a', 'b', 'x*'],
    ops: [
      'ForAllValues:StringEquals',
      'ForAnyValue:StringEquals',
      'ForAllValues:StringLike',
      'ForAnyValue:StringNotEquals',
      'ForAllValues:StringNotEquals',
    ],
  },
  'aws:SecureTransport': { request: [['true'], ['false']], policy: ['true', 'false'], ops: ['Bool', 'BoolIfExists'] },
};
const KEY_NAMES = Object.keys(KEYS);

const conditionArb = fc
  .uniqueArray(fc.constantFrom(...KEY_NAMES), { minLength: 1, maxLength: 3 })
  .chain((keys) =>
    fc.tuple(
      ...keys.map((k) =>
        fc.tuple(
          fc.constant(k),
          fc.constantFrom(...KEYS[k]!.ops),
          fc.uniqueArray(fc.constantFrom(...KEYS[k]!.policy), { minLength: 1, maxLength: 2 }),
        ),
      ),
    ),
  )
  .map((entries) => {
    const block: Record<string, Record<string, string | string[]>> = {};
    for (const [key, op, values] of entries) {
      const vals = op === 'Null' ? [values[0] === 'false' || values[0] === '0' ? 'false' : 'true'] : values;
      (block[op] ??= {})[key] = vals.length === 1 ? vals[0]! : vals;
    }
    return block;
  });

const statementArb = (withPrincipal: boolean) =>
  fc
    .record(
      {
        Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
        useNotAction: fc.boolean(),
        Action: fc.uniqueArray(fc.constantFrom(...ACTION_PATTERNS), { minLength: 1, maxLength: 2 }),
        useNotResource: fc.boolean(),
        Resource: fc.uniqueArray(fc.constantFrom(...RESOURCE_PATTERNS), { minLength: 1, maxLength: 2 }),
        Condition: fc.option(conditionArb, { nil: undefined, freq: 2 }),
        useNotPrincipal: fc.constantFrom(false, false, true),
        Principal: withPrincipal
          ? fc.constantFrom<unknown>(
              '*',
              { AWS: ACCOUNT },
              { AWS: `arn:aws:iam::${ACCOUNT}:root` },
              { AWS: USER },
              { AWS: ROLE },
              { AWS: 'arn:aws:iam::444455556666:root' },
              { AWS: [USER, ROLE] },
            )
          : fc.constant(undefined),
      },
      {
        requiredKeys: [
          'Effect',
          'useNotAction',
          'Action',
          'useNotResource',
          'Resource',
          'useNotPrincipal',
          'Principal',
        ],
      },
    )
    .map((s) => {
      const out: Record<string, unknown> = { Effect: s.Effect };
      // A Deny may name its exceptions instead (NotPrincipal), the way AWS's examples do.
      if (s.Principal !== undefined)
        out[s.useNotPrincipal && s.Effect === 'Deny' && s.Principal !== '*' ? 'NotPrincipal' : 'Principal'] =
          s.Principal;
      out[s.useNotAction && s.Effect === 'Deny' ? 'NotAction' : 'Action'] =
        s.Action.length === 1 ? s.Action[0] : s.Action;
      out[s.useNotResource ? 'NotResource' : 'Resource'] = s.Resource.length === 1 ? s.Resource[0] : s.Resource;
      if (s.Condition) out.Condition = s.Condition;
      return out;
    });

const policyArb = (withPrincipal: boolean) =>
  fc.record({
    Version: fc.constantFrom('2012-10-17', '2012-10-17', '2008-10-17'),
    Statement: fc.array(statementArb(withPrincipal), { minLength: 1, maxLength: 3 }),
  });

const requestArb = fc
  .record({
    action: fc.constantFrom(...ACTIONS),
    bucket: fc.constantFrom('b1', 'b2', 'c3'),
    key: fc.constantFrom(...OBJECT_KEYS),
    principal: fc.constantFrom(USER, SESSION),
    keys: fc.uniqueArray(fc.constantFrom(...KEY_NAMES), { maxLength: 5 }),
    pick: fc.array(fc.nat(), { minLength: 9, maxLength: 9 }),
  })
  .map((r) => {
    const context: Record<string, string | string[]> = {};
    r.keys.forEach((k, i) => {
      const options = KEYS[k]!.request;
      const v = options[r.pick[i]! % options.length]!;
      context[k] = k === 'aws:TagKeys' ? v : v[0]!;
    });
    const resource = r.action.object ? `arn:aws:s3:::${r.bucket}/${r.key}` : `arn:aws:s3:::${r.bucket}`;
    return { principal: r.principal, action: r.action.name, resource, context };
  });

const pairArb = fc.record({
  identity: fc.array(policyArb(false), { minLength: 0, maxLength: 2 }),
  bucketPolicy: fc.option(policyArb(true), { nil: undefined, freq: 2 }),
  request: requestArb,
});

type Pair = {
  identity: Array<Record<string, unknown>>;
  bucketPolicy: Record<string, unknown> | undefined;
  trust?: boolean;
  request: { principal: string; action: string; resource: string; context: Record<string, string | string[]> };
};

function ours(p: Pair) {
  const policies: EvalPolicy[] = p.identity.map((d, i) => toEvalPolicy(`identity-${i}`, 'identity', d));
  if (p.bucketPolicy) policies.push(toEvalPolicy('bucket', p.trust ? 'trust' : 'resource', p.bucketPolicy));
  const request: EvalRequest = { ...p.request, resourceAccount: ACCOUNT };
  return evaluate(request, policies).decision;
}

const THEIRS: Record<string, string> = {
  Allowed: 'allow',
  ExplicitlyDenied: 'explicit-deny',
  ImplicitlyDenied: 'implicit-deny',
};

async function theirs(p: Pair): Promise<string | undefined> {
  const sim: Simulation = {
    request: {
      principal: p.request.principal,
      action: p.request.action,
      resource: { resource: p.request.resource, accountId: ACCOUNT },
      contextVariables: p.request.context,
    },
    identityPolicies: p.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(p.bucketPolicy ? { resourcePolicy: p.bucketPolicy } : {}),
  };
  const r = await runSimulation(sim, {});
  if (r.resultType === 'error') return undefined;
  return THEIRS[(r as { overallResult: string }).overallResult];
}

/**
 * Documented differences (docs/evaluation.md, "Differences from iam-simulate"). Each returns
 * true when the pair falls under it.
 */
async function knownDifference(p: Pair, theirsDecision: string): Promise<string | undefined> {
  // 1. Version 2008-10-17 (or none): IAM does not expand policy variables, they are literal text
  //    (AWS: IAM JSON policy elements: Version). iam-simulate expands them in every version.
  const as2012 = (d: Record<string, unknown>) => (d.Version === '2008-10-17' ? { ...d, Version: '2012-10-17' } : d);
  const rewritten: Pair = {
    ...p,
    identity: p.identity.map(as2012),
    bucketPolicy: p.bucketPolicy && as2012(p.bucketPolicy),
  };
  if (
    JSON.stringify(p).includes('2008-10-17') &&
    JSON.stringify(p).includes('${') &&
    ours(rewritten) === theirsDecision
  )
    return 'version-2008-variables';
  // 2. A bare IPv4 address in NotIpAddress is the /32 block (iam-simulate treats it so in
  //    IpAddress, and in NotIpAddress against IPv4 requests); iam-simulate's NotIpAddress with a bare
  //    IPv4 address does not match an IPv6 request.
  const ip = p.request.context['aws:SourceIp'];
  if (typeof ip === 'string' && ip.includes(':') && JSON.stringify(p).includes('NotIpAddress')) {
    const slash32 = (d: Record<string, unknown>) =>
      JSON.parse(JSON.stringify(d).replace(/"(\d+\.\d+\.\d+\.\d+)"/g, '"$1/32"')) as Record<string, unknown>;
    const q: Pair = {
      ...p,
      identity: p.identity.map(slash32),
      bucketPolicy: p.bucketPolicy && slash32(p.bucketPolicy),
    };
    if ((await theirs(q)) === ours(p)) return 'bare-ipv4-notipaddress-vs-ipv6';
  }
  // 3. NotPrincipal naming an account (12 digits or its root ARN) exempts the account principal
  //    only, not the account's users and roles (AWS: "AWS JSON policy elements: NotPrincipal", the
  //    example that denies all principals except Bob though it lists Bob's account); iam-simulate
  //    exempts the whole account. The callers here are never an account root, so the account
  //    entries exempt no one: with them replaced by a principal that is never the caller,
  //    iam-simulate must agree with us.
  const accountEntry = /^(\d{12}|arn:aws:iam::\d{12}:root)$/;
  const withoutAccounts = (d: Record<string, unknown> | undefined) =>
    d && {
      ...d,
      Statement: (d.Statement as Array<Record<string, unknown>>).map((st) => {
        const np = st.NotPrincipal as { AWS?: string | string[] } | undefined;
        if (!np || typeof np !== 'object' || np.AWS === undefined) return st;
        const list = (Array.isArray(np.AWS) ? np.AWS : [np.AWS]).map((v) =>
          accountEntry.test(v) ? 'arn:aws:iam::999999999999:user/never-the-caller' : v,
        );
        return { ...st, NotPrincipal: { ...np, AWS: list } };
      }),
    };
  if (JSON.stringify(p.bucketPolicy ?? {}).includes('NotPrincipal') && !/:root$/.test(p.request.principal)) {
    const q: Pair = { ...p, bucketPolicy: withoutAccounts(p.bucketPolicy) };
    if ((await theirs(q)) === ours(p)) return 'notprincipal-account-entry';
  }
  return undefined;
}

// Role assumption: a trust policy (the role's resource policy) and the caller's identity policies.
const TRUST_PRINCIPALS: unknown[] = [
  { AWS: USER },
  { AWS: ACCOUNT },
  { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  { AWS: 'arn:aws:iam::444455556666:root' },
  { AWS: ROLE },
  { Service: 'ec2.amazonaws.com' },
  '*',
  { AWS: [USER, 'arn:aws:iam::444455556666:user/eve'] },
];
const trustStatementArb = fc
  .record({
    Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    Principal: fc.constantFrom(...TRUST_PRINCIPALS),
    Action: fc.constantFrom('sts:AssumeRole', 'sts:*', 'sts:AssumeRole*', 'sts:TagSession', '*'),
    Condition: fc.option(conditionArb, { nil: undefined, freq: 2 }),
  })
  .map((t) => {
    const out: Record<string, unknown> = { Effect: t.Effect, Principal: t.Principal, Action: t.Action };
    if (t.Condition) out.Condition = t.Condition;
    return out;
  });
const callerPolicyArb = fc.constantFrom<Array<Record<string, unknown>>>(
  [],
  [
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${ACCOUNT}:role/app` }],
    },
  ],
  [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }] }],
  [
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'sts:AssumeRole',
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ],
    },
  ],
);
const trustPairArb = fc
  .record({
    identity: callerPolicyArb,
    trust: fc
      .array(trustStatementArb, { minLength: 1, maxLength: 3 })
      .map((Statement) => ({ Version: '2012-10-17', Statement })),
    caller: fc.constantFrom(USER, SESSION, 'arn:aws:iam::444455556666:user/eve'),
    request: requestArb,
  })
  .map(
    (t): Pair => ({
      identity: t.identity,
      bucketPolicy: t.trust,
      trust: true,
      request: { principal: t.caller, action: 'sts:AssumeRole', resource: ROLE, context: t.request.context },
    }),
  );

describe('evaluate agrees with @cloud-copilot/iam-simulate', () => {
  it('on 10,000 random (policy set, request) pairs: 8,000 S3 requests, 2,000 role assumptions', async () => {
    const pairs = [
      ...(fc.sample(pairArb, { numRuns: 8_000, seed: 20260401 }) as Pair[]),
      ...fc.sample(trustPairArb, { numRuns: 2_000, seed: 20260402 }),
    ];
    let compared = 0;
    let invalid = 0;
    const explained = new Map<string, number>();
    const decisions = new Map<string, number>();
    const trustDecisions = new Map<string, number>();
    const disagreements: Array<{ pair: Pair; ours: string; theirs: string }> = [];
    for (const pair of pairs) {
      const t = await theirs(pair);
      if (t === undefined) {
        invalid++;
        continue;
      }
      compared++;
      const o = ours(pair);
      const tally = pair.trust ? trustDecisions : decisions;
      tally.set(o, (tally.get(o) ?? 0) + 1);
      if (o === t) continue;
      const why = await knownDifference(pair, t);
      if (why) explained.set(why, (explained.get(why) ?? 0) + 1);
      else disagreements.push({ pair, ours: o, theirs: t });
    }
    if (disagreements.length) console.log(JSON.stringify(disagreements.slice(0, 3), null, 1), disagreements.length);
    console.log(
      `compared ${compared}, invalid ${invalid}, decisions ${JSON.stringify([...decisions])}, role assumptions ${JSON.stringify([...trustDecisions])}, explained ${JSON.stringify([...explained])}`,
    );
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(10_000 * 0.95);
    // The sample exercises every outcome, not just implicit denies.
    for (const d of ['allow', 'explicit-deny', 'implicit-deny']) expect(decisions.get(d) ?? 0).toBeGreaterThan(800);
    for (const d of ['allow', 'explicit-deny', 'implicit-deny'])
      expect(trustDecisions.get(d) ?? 0).toBeGreaterThan(100);
    // Only the documented differences (docs/evaluation.md) are tolerated.
    expect(
      [...explained.keys()].every((k) =>
        ['version-2008-variables', 'bare-ipv4-notipaddress-vs-ipv6', 'notprincipal-account-entry'].includes(k),
      ),
    ).toBe(true);
  }, 120_000);
});
