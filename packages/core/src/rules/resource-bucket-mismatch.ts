import { defineRule, type RuleContext } from './define.js';
import { label, quoteList } from '../model/words.js';
import { classifyResource, isNearMiss, s3ActionPatterns } from '../iam/s3.js';
import type { Located } from '../model/normalize.js';

export default defineRule({
  id: 'resource-bucket-mismatch',
  meta: {
    description:
      'S3 grants whose resources name a bucket other than the target bucket, or can match other buckets; without a target, near-misses of the buckets the same template or module declares',
    severity: 'error',
    messages: {
      nearMiss: {
        text: '{{statement}} grants S3 access on bucket "{{bucket}}", which is not the target bucket; did you mean "{{target}}"? ("{{resource}}")',
      },
      otherBucket: {
        text: '{{statement}} grants S3 access on bucket "{{bucket}}", which is not the target bucket {{targets}} ("{{resource}}")',
      },
      everyResource: {
        text: '{{statement}} grants {{actions}} on Resource "*", that is on every bucket, not only {{targets}}; use "arn:aws:s3:::{{first}}" and "arn:aws:s3:::{{first}}/*"',
      },
      wildcardBucket: {
        text: '{{statement}} grants S3 access on "{{resource}}", whose bucket name "{{pattern}}" can match buckets other than {{targets}}',
      },
      notResource: {
        text: '{{statement}} uses NotResource in an Allow with S3 actions: it grants them on every bucket except those listed, not only on {{targets}}',
      },
      denyNearMiss: {
        text: '{{statement}} denies on bucket "{{bucket}}", a near-miss of the target bucket: the Deny does not protect "{{target}}"; did you mean "{{target}}"?',
      },
    },
  },
  check(ctx) {
    // Given targets (--bucket, configuration) bind every S3 grant. Without them, the buckets the
    // template or module declares catch typos of their names only: two different buckets in one
    // policy (b1, b2) are no typo, and an unrelated grant is not bound to a bucket it never meant.
    const typosOnly = ctx.buckets.length === 0;
    const targets = typosOnly ? ctx.inferredBuckets : ctx.buckets;
    if (targets.length === 0) return;
    const targetList = quoteList(targets);
    for (const s of ctx.policy.statements) {
      const statement = label(s, ctx.policy);
      const actions = s3ActionPatterns(s);
      if (!actions) continue;
      if (s.effect?.value === 'Deny') {
        for (const r of s.resource?.items ?? []) {
          const c = classifyResource(r.value);
          if (c.kind !== 'bucket' || targets.includes(c.bucket)) continue;
          const target = targets.find((t) => isNearMiss(c.bucket, t));
          if (target)
            ctx.report({
              messageId: 'denyNearMiss',
              data: { statement, bucket: c.bucket, target },
              pointer: r.pointer,
            });
        }
        continue;
      }
      if (s.effect?.value !== 'Allow') continue;
      if (typosOnly) {
        for (const r of s.resource?.items ?? []) {
          const c = classifyResource(r.value);
          // "arn:aws:s3:::bucket*" for "bucket/*": the declared bucket's name with a star grants
          // every bucket whose name starts with it.
          if (
            c.kind === 'wildcardBucket' &&
            c.bucketPattern.endsWith('*') &&
            targets.includes(c.bucketPattern.replace(/\*+$/, ''))
          ) {
            ctx.report({
              messageId: 'wildcardBucket',
              data: { statement, resource: r.value, pattern: c.bucketPattern, targets: targetList },
              pointer: r.pointer,
            });
            continue;
          }
          if (c.kind !== 'bucket' || targets.includes(c.bucket)) continue;
          const target = targets.find((t) => isNearMiss(c.bucket, t) && !sameUpToRegion(c.bucket, t));
          if (target) reportNearMiss(ctx, statement, r, c.bucket, target);
        }
        continue;
      }
      if (s.notResource) {
        ctx.report({
          messageId: 'notResource',
          data: { statement, targets: targetList },
          pointer: s.notResource.pointer,
          atKey: true,
        });
        continue;
      }
      for (const r of s.resource?.items ?? []) {
        const c = classifyResource(r.value);
        switch (c.kind) {
          case 'any':
            ctx.report({
              messageId: 'everyResource',
              data: { statement, actions: quoteList(actions), targets: targetList, first: targets[0]! },
              pointer: r.pointer,
            });
            break;
          case 'anyS3':
            ctx.report({
              messageId: 'wildcardBucket',
              data: { statement, resource: r.value, pattern: r.value, targets: targetList },
              pointer: r.pointer,
            });
            break;
          case 'wildcardBucket':
            ctx.report({
              messageId: 'wildcardBucket',
              data: { statement, resource: r.value, pattern: c.bucketPattern, targets: targetList },
              pointer: r.pointer,
            });
            break;
          case 'bucket': {
            if (targets.includes(c.bucket)) break;
            const target = targets.find((t) => isNearMiss(c.bucket, t));
            if (target) reportNearMiss(ctx, statement, r, c.bucket, target);
            else
              ctx.report({
                messageId: 'otherBucket',
                data: { statement, bucket: c.bucket, targets: targetList, resource: r.value },
                pointer: r.pointer,
              });
            break;
          }
          default:
            break;
        }
      }
    }
  },
});

/** The ARN with its bucket name (after the fifth colon) replaced, or undefined when it is not there. */
function replaceBucket(arn: string, bucket: string, target: string): string | undefined {
  let at = -1;
  for (let i = 0; i < 5; i++) {
    at = arn.indexOf(':', at + 1);
    if (at < 0) return undefined;
  }
  const start = at + 1;
  if (arn.slice(start, start + bucket.length) !== bucket) return undefined;
  const after = arn.charAt(start + bucket.length);
  if (after !== '' && after !== '/') return undefined;
  return arn.slice(0, start) + target + arn.slice(start + bucket.length);
}

/** A bucket name that is a typo of a target: the finding, with the safe fix to the target's name. */
function reportNearMiss(ctx: RuleContext, statement: string, r: Located<string>, bucket: string, target: string): void {
  const fixed = replaceBucket(r.value, bucket, target);
  const fix =
    fixed === undefined
      ? undefined
      : { kind: 'safe' as const, edits: [{ pointer: r.pointer, text: JSON.stringify(fixed) }] };
  ctx.report({
    messageId: 'nearMiss',
    data: { statement, bucket, target, resource: r.value },
    pointer: r.pointer,
    ...(fix ? { fix } : {}),
  });
}

const REGION =
  /\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn|us-gov|us-iso|us-isob)-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d\b/g;

/** Per-region copies of one bucket (`cache-us-east-1`, `cache-us-west-2`) are no typo. */
function sameUpToRegion(a: string, b: string): boolean {
  const ra = a.replace(REGION, '<region>');
  return ra !== a && ra === b.replace(REGION, '<region>');
}
