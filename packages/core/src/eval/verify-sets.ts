/**
 * Verify over policy sets (account snapshots): one verifyBucket run per user and role of each
 * set, with its effective policies, its trust policy and the bucket's resource policies, merged
 * into one table. The counterexample shown is the most telling one (long-term keys first).
 */
import { resolveSet, type PolicySet, type ResolvedDocument } from '../set/types.js';
import type { EvalPolicy } from './evaluate.js';
import { verifyBucket, type MfaContext, type VerifyCell, type VerifyResult } from './verify.js';

export interface VerifySetsResult {
  result: VerifyResult;
  /** The principals through which a request without MFA gets in (`user "bob"`), most telling first. */
  principals: string[];
  /** Every document of the sets, with its file and position lookup, for messages that point at one. */
  documents: ResolvedDocument[];
}

export function verifySets(
  bucket: string,
  sets: readonly PolicySet[],
  resources: readonly EvalPolicy[],
  options: { accountId?: string } = {},
): VerifySetsResult {
  const runs: Array<{ label: string; result: VerifyResult }> = [];
  const documents: ResolvedDocument[] = [];
  for (const set of sets) {
    const resolved = resolveSet(set);
    documents.push(...resolved.documents);
    const asEval = (d: ResolvedDocument): EvalPolicy => ({ id: d.id, kind: d.kind, model: d.model });
    // Who in the account may assume a role that trusts the account: the snapshot's own users and roles, with their policies.
    const accountPrincipals = resolved.principals.flatMap((p) =>
      p.kind !== 'group' && p.arn
        ? [{ kind: p.kind as 'user' | 'role', name: p.name, arn: p.arn, policies: p.effectivePolicies.map(asEval) }]
        : [],
    );
    for (const p of resolved.principals) {
      if (p.kind === 'group') continue;
      const policies = [...p.effectivePolicies, ...(p.trust ? [p.trust] : [])].map(asEval);
      const account = options.accountId ?? set.accountId;
      const result = verifyBucket(bucket, [...policies, ...resources], {
        ...(account ? { accountId: account } : {}),
        principal: { kind: p.kind, name: p.name, ...(p.arn ? { arn: p.arn } : {}) },
        accountPrincipals,
      });
      runs.push({ label: `${p.kind} "${p.name}"`, result });
    }
  }
  if (runs.length === 0) throw new Error('verifySets: the sets hold no user or role');
  // A policy with an invalid condition proves nothing: the first refusal is the result.
  const refused = runs.find((r) => r.result.invalid);
  if (refused) return { result: refused.result, principals: [], documents };
  const first = runs[0]!.result;
  const cells: VerifyCell[] = first.cells.map((c) => {
    const all = runs.map((r) => ({
      label: r.label,
      cell: r.result.cells.find((x) => x.actionClass === c.actionClass && x.context === c.context)!,
    }));
    const allowed = [...new Set(all.flatMap((a) => a.cell.allowedActions))];
    const withExample = all.find((a) => a.cell.example);
    const out: VerifyCell = {
      actionClass: c.actionClass,
      context: c.context,
      possible: all.some((a) => a.cell.possible),
      allowedActions: allowed,
      totalActions: c.totalActions,
    };
    if (withExample) out.example = withExample.cell.example!;
    return out;
  });
  const order: MfaContext[] = ['long-term-keys', 'temporary-no-mfa', 'anonymous'];
  const leaks = runs
    .filter((r) => r.result.counterexample)
    .sort((a, b) => order.indexOf(a.result.counterexample!.context) - order.indexOf(b.result.counterexample!.context));
  const result: VerifyResult = {
    bucket,
    enforced: leaks.length === 0,
    actionClasses: first.actionClasses,
    cells,
    requests: runs.reduce((n, r) => n + r.result.requests, 0),
  };
  if (leaks[0]) result.counterexample = leaks[0].result.counterexample!;
  return { result, principals: leaks.map((l) => l.label), documents };
}
