import { defineSetRule } from './set-rule.js';
import { analyzeStatementMfa } from '../iam/mfa.js';
import { classifyResource } from '../iam/s3.js';
import { coversAction, describeEntry, humanEntries } from '../set/trust.js';
import type { ResolvedDocument, ResolvedPrincipal, ResolvedSet } from '../set/types.js';
import type { EvalPolicy } from '../eval/evaluate.js';
import { verifyBucket } from '../eval/verify.js';

/** A name no policy names: it matches only wildcard bucket resources. */
const ANY_BUCKET = 'iam-mfa-lint-any-bucket';

function asEval(d: ResolvedDocument): EvalPolicy {
  return { id: d.id, kind: d.kind, model: d.model };
}

/** Buckets to check: the targets, or every bucket the role's policies name plus one that only wildcards reach. */
function candidateBuckets(role: ResolvedPrincipal, targets: readonly string[]): string[] {
  if (targets.length > 0) return [...targets];
  const out = new Set<string>();
  for (const d of role.effectivePolicies)
    for (const s of d.model.statements)
      for (const r of s.resource?.items ?? []) {
        const c = classifyResource(r.value);
        if (c.kind === 'bucket') out.add(c.bucket);
      }
  out.add(ANY_BUCKET);
  return [...out];
}

export default defineSetRule({
  id: 'trust-policy-mfa-missing',
  meta: {
    description:
      'A role that IAM users or whole accounts can assume without MFA, and whose sessions reach a target bucket',
    severity: 'error',
    messages: {
      noMfa: {
        text: 'Role "{{role}}" can be assumed by {{principals}} without MFA, and its sessions reach {{bucket}}: {{action}} on {{resource}} is allowed by {{where}}. Add "Bool": {"aws:MultiFactorAuthPresent": "true"} to the Condition of this trust statement',
      },
    },
  },
  checkSet(ctx) {
    const set: ResolvedSet = ctx.set;
    const resources = set.documents.filter((d) => d.kind === 'resource').map(asEval);
    for (const role of set.principals) {
      if (role.kind !== 'role' || !role.trust) continue;
      const trust = role.trust;
      const guarded = trust.model.statements.some(
        (s) => s.effect?.value === 'Deny' && coversAction(s, 'sts:AssumeRole') && analyzeStatementMfa(s).effective,
      );
      if (guarded) continue;
      for (const s of trust.model.statements) {
        if (s.effect?.value !== 'Allow' || !coversAction(s, 'sts:AssumeRole') || analyzeStatementMfa(s).effective)
          continue;
        const humans = humanEntries(s);
        if (humans.length === 0) continue;
        // The role's sessions as this statement alone admits them.
        const only: EvalPolicy = { id: trust.id, kind: 'trust', model: { ...trust.model, statements: [s] } };
        const policies = [...role.effectivePolicies.map(asEval), ...resources, only];
        for (const bucket of candidateBuckets(role, ctx.buckets)) {
          const r = verifyBucket(bucket, policies, {
            mfaAges: [],
            ...(set.accountId ? { accountId: set.accountId } : {}),
            maxCombinations: 16,
          });
          const cx = r.counterexample;
          if (!cx) continue;
          const decider = cx.result.statements.find((d) => d.kind !== 'trust') ?? cx.result.statements[0]!;
          ctx.report({
            documentId: trust.id,
            messageId: 'noMfa',
            data: {
              role: role.name,
              principals: humans.map(describeEntry).join(', '),
              bucket: bucket === ANY_BUCKET ? 'every S3 bucket' : `bucket "${bucket}"`,
              action: cx.request.action,
              resource: cx.request.resource.replace(ANY_BUCKET, '<any bucket>'),
              where: ctx.where(decider.policyId, decider.pointer),
            },
            pointer: s.principal!.pointer,
            atKey: true,
          });
          break;
        }
      }
    }
  },
});
