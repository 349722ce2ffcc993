import { defineRule, type ReportDescriptor } from './define.js';
import { label, quoteList } from '../model/words.js';
import { analyzeStatementMfa } from '../iam/mfa.js';
import {
  bucketActionsMatched,
  classifyResource,
  isS3Resource,
  resourceReachesBucket,
  s3ActionPatterns,
  variablesAsWildcards,
} from '../iam/s3.js';
import { globCovers, globMatch } from '../util/glob.js';
import type { NStatement } from '../model/normalize.js';

export default defineRule({
  id: 'mfa-condition-missing',
  meta: {
    description:
      'Allow statements granting S3 access without an effective MFA condition and with no Deny that guards them, where MFA is required (a target bucket, or MFA required elsewhere in the policy) and people use the policy',
    severity: 'error',
    messages: {
      missing: {
        text: '{{statement}} allows {{actions}} on {{resources}} without requiring MFA, and no Deny in this policy guards it; add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}',
      },
    },
  },
  check(ctx) {
    // MFA advice belongs only where a person can present MFA: not on policies that only services
    // or federated sessions use (mfa-unsatisfiable reports the opposite mistake).
    if (ctx.audience === 'machines' || ctx.policyType === 'trust') return;
    // MFA is required where the user says so (target buckets) or where the policy shows the
    // intent: an MFA condition or an MFA guard on some S3 resource elsewhere in it.
    const required = ctx.buckets.length > 0 ? ctx.buckets : mfaIntentBuckets(ctx.policy.statements);
    if (required.length === 0) return;
    const denies = ctx.policy.statements.filter((s) => s.effect?.value === 'Deny');
    for (const s of ctx.policy.statements) {
      if (s.effect?.value !== 'Allow') continue;
      // In a resource policy, a statement for services or federated principals only: no person signs in.
      if (
        s.principal &&
        !s.notPrincipal &&
        !s.principal.wildcard &&
        s.principal.entries.every((e) => e.type === 'Service' || e.type === 'Federated')
      )
        continue;
      const actions = s3ActionPatterns(s);
      if (!actions) continue;
      // Intent on every S3 resource ('*'): any S3 resource the statement names is in scope.
      const resources = reachedResources(s, required.includes('*') ? [] : required);
      if (!resources) continue;
      const mfa = analyzeStatementMfa(s);
      // The most specific finding only: weak or invalid MFA conditions are reported by their rules.
      if (mfa.effective || mfa.findings.length > 0) continue;
      if (denies.some((d) => guards(d, actions, resources))) continue;
      ctx.report({
        messageId: 'missing',
        data: {
          statement: label(s, ctx.policy),
          actions: quoteList(actions),
          resources: quoteList(resources.map((r) => r.value)),
        },
        pointer: s.effect.pointer,
        ...mfaFix(s),
      });
    }
  },
});

const REQUIRE_MFA = { 'aws:MultiFactorAuthPresent': 'true' };

/**
 * The buckets a policy itself requires MFA on: those of its statements with an MFA condition
 * (an Allow granting only with MFA, a Deny of requests without it). `*` when such a statement
 * names every S3 resource.
 */
function mfaIntentBuckets(statements: readonly NStatement[]): string[] {
  const out = new Set<string>();
  for (const s of statements) {
    if (!analyzeStatementMfa(s).related) continue;
    for (const r of s.resource?.items ?? []) {
      const c = classifyResource(r.value);
      if (c.kind === 'any' || c.kind === 'anyS3') out.add('*');
      else if (c.kind === 'bucket') out.add(c.bucket);
    }
  }
  return [...out];
}

/**
 * The `mfa` fix: add `"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}` to the
 * statement, or the `Bool` entry to its Condition, or the key to its `Bool` block. It changes who
 * gets access, so it is applied only on request (`--fix-type mfa`).
 */
function mfaFix(s: NStatement): { fix?: NonNullable<ReportDescriptor['fix']> } {
  let edit: { pointer: string; insert: { key: string; value: unknown } };
  if (s.conditionPointer === undefined)
    edit = { pointer: s.pointer, insert: { key: 'Condition', value: { Bool: REQUIRE_MFA } } };
  else {
    const bool = s.conditions.find((c) => c.operator === 'Bool');
    edit = bool
      ? { pointer: bool.operatorPointer, insert: { key: 'aws:MultiFactorAuthPresent', value: 'true' } }
      : { pointer: s.conditionPointer, insert: { key: 'Bool', value: REQUIRE_MFA } };
  }
  return { fix: { kind: 'mfa', edits: [edit] } };
}

interface Reached {
  /** As written in the policy (for messages). */
  value: string;
  /** Concrete resources a guard must cover (patterns; `*` in them stands for any text). */
  mustCover: string[];
}

/** The statement's resources that can reach a target bucket (any S3 resource when none is set). */
function reachedResources(s: NStatement, buckets: readonly string[]): Reached[] | undefined {
  if (s.notResource) {
    const excluded = s.notResource.items.map((r) => r.value);
    const mustCover = buckets.length
      ? buckets.flatMap((b) => [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`])
      : ['arn:aws:s3:::*'];
    const left = mustCover.filter((m) => !excluded.some((e) => globCovers(variablesAsWildcards(e), m)));
    return left.length ? [{ value: `everything but ${quoteList(excluded)}`, mustCover: left }] : undefined;
  }
  const out: Reached[] = [];
  for (const r of s.resource?.items ?? []) {
    const c = classifyResource(r.value);
    if (!isS3Resource(c)) continue;
    if (buckets.length === 0) {
      out.push({ value: r.value, mustCover: [variablesAsWildcards(r.value)] });
      continue;
    }
    const hit = buckets.filter((b) => resourceReachesBucket(c, b));
    if (hit.length === 0) continue;
    // A literal ARN inside the bucket must be covered as written; a wider one, on the whole bucket.
    const pattern = variablesAsWildcards(r.value);
    const mustCover =
      c.kind === 'bucket'
        ? [pattern]
        : hit.flatMap((b) =>
            [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`].filter(
              (x) => c.kind !== 'wildcardBucket' || globMatch(pattern, x),
            ),
          );
    out.push({ value: r.value, mustCover });
  }
  return out.length ? out : undefined;
}

/**
 * Does Deny statement `d` deny, whenever MFA is absent, every S3 action in `actions` on every
 * resource in `resources`? Only Denies whose conditions are all about MFA count: another
 * condition narrows the guard. A guard whose MFA condition is weak or invalid is reported by its
 * own rule; the Allow is then not reported again.
 */
function guards(d: NStatement, actions: string[], resources: Reached[]): boolean {
  const mfa = analyzeStatementMfa(d);
  if (!mfa.related || !mfa.onlyMfa) return false;
  if (!mfa.effective && mfa.findings.length === 0) return false;
  if (d.notPrincipal) return false;
  if (d.principal && !d.principal.wildcard && !d.principal.entries.some((e) => e.type === 'AWS' && e.value === '*'))
    return false;
  // Actions: every S3 bucket or object action the Allow grants is denied too.
  const granted = bucketActionsMatched(actions.map((a) => (a.trim() === '*' ? 's3:*' : a)));
  const denied = d.action ? bucketActionsMatched(d.action.items.map((x) => x.value)) : undefined;
  const actionsCovered = d.action
    ? granted.every((a) => denied!.includes(a))
    : d.notAction
      ? granted.every((a) => !bucketActionsMatched(d.notAction!.items.map((x) => x.value)).includes(a))
      : false;
  if (!actionsCovered) return false;
  const patterns = d.resource?.items.map((r) => variablesAsWildcards(r.value));
  if (!patterns) return false;
  return resources.every((r) => r.mustCover.every((m) => patterns.some((p) => globCovers(p, m))));
}
