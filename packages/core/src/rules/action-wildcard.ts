import { defineRule } from './define.js';
import { hasUnresolved } from '../util/unresolved.js';
import { label } from '../model/words.js';
import type { NStatement } from '../model/normalize.js';
import { isAccountPrincipal } from '../iam/principals.js';

/** `"Principal": "*"` or `{"AWS": "*"}` and nothing else. */
function everyone(s: NStatement): boolean {
  const entries = s.principal?.entries ?? [];
  return entries.length > 0 && entries.every((e) => (e.type === '*' || e.type === 'AWS') && e.value === '*');
}

/**
 * A statement that lets everyone do everything (`"Principal": "*"`, `"Action": "*"`), in a file that
 * does not say what the policy is attached to, reads as a VPC endpoint policy: AWS's default
 * full-access statement, or a data-perimeter one narrowed by conditions or resources. An endpoint
 * policy only limits what passes through the endpoint and grants nothing by itself. Where the host
 * says the policy is a bucket, queue or key policy, the statement is reported.
 */
function endpointShaped(s: NStatement): boolean {
  return everyone(s);
}

/**
 * AWS's default key policy statement: `kms:*` for one whole account (its root), which hands the
 * key's use to that account's IAM policies; every action there is the documented default.
 */
function defaultKeyPolicy(s: NStatement, service: string): boolean {
  const entries = s.principal?.entries ?? [];
  return service.toLowerCase() === 'kms' && entries.length === 1 && isAccountPrincipal(entries[0]!);
}

export default defineRule({
  id: 'action-wildcard',
  meta: {
    description:
      'Allow statements that grant every action ("*"), every action of a service ("s3:*"), or everything but a list (NotAction)',
    severity: 'error',
    messages: {
      everyAction: {
        text: '{{statement}} allows every action of every AWS service ("{{action}}"); list only the actions it needs (for S3 data: s3:GetObject, s3:PutObject, s3:ListBucket)',
      },
      serviceWildcard: {
        text: '{{statement}} allows every {{service}} action ("{{action}}"), including destructive and permission-changing ones; list only the actions it needs',
        severity: 'warn',
      },
      notAction: {
        text: '{{statement}} uses NotAction in an Allow: it grants every action of every service except the {{count}} listed, including services added in the future; list the allowed actions in Action instead',
        severity: 'warn',
      },
    },
  },
  check(ctx) {
    // A VPC endpoint policy grants nothing: "Action": "*" there is AWS's default.
    if (ctx.endpointPolicy) return;
    for (const s of ctx.policy.statements) {
      if (s.effect?.value !== 'Allow') continue;
      const statement = label(s, ctx.policy);
      for (const a of s.action?.items ?? []) {
        const v = a.value.trim();
        if (v === '*' || v === '*:*') {
          if (!ctx.kindGiven && endpointShaped(s)) continue;
          ctx.report({ messageId: 'everyAction', data: { statement, action: a.value }, pointer: a.pointer });
          continue;
        }
        const m = /^([A-Za-z0-9-]+):\*+$/.exec(v);
        if (m && !defaultKeyPolicy(s, m[1]!))
          ctx.report({
            messageId: 'serviceWildcard',
            data: { statement, service: m[1]!, action: a.value },
            pointer: a.pointer,
          });
      }
      if (s.notAction) {
        ctx.report({
          messageId: 'notAction',
          // A list computed at deploy time (`NotAction = var.actions`) has no count here.
          data: {
            statement,
            count: s.notAction.items.some((i) => hasUnresolved(i.value)) ? 'actions' : s.notAction.items.length,
          },
          pointer: s.notAction.pointer,
          atKey: true,
        });
      }
    }
  },
});
