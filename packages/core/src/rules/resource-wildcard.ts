import { defineRule } from './define.js';
import { label, quoteList } from '../model/words.js';
import { hasAccessLevel, lookupAction, type IamAction } from '../iam/data.js';

/** Conditions that narrow the resources (attribute-based access control) make `*` deliberate. */
const RESOURCE_SCOPING =
  /^(aws:ResourceTag\/|aws:ResourceAccount$|aws:ResourceOrgID$|aws:ResourceOrgPaths$|[a-z0-9-]+:ResourceTag\/)/i;

/** Per list of matched actions (lookupAction caches the lists of wildcard patterns). */
const hitsCache = new WeakMap<readonly IamAction[], IamAction[]>();

function writeWithResources(a: IamAction): boolean {
  return a.resourceTypes.length > 0 && hasAccessLevel(a, 'Write', 'Permissions management') && !(a.name === 'PassRole');
}

export default defineRule({
  id: 'resource-wildcard',
  meta: {
    description:
      'Allow of Write or Permissions management actions on Resource "*" when the actions support resource-level permissions',
    severity: 'warn',
    messages: {
      action: {
        text: '{{statement}} allows "{{action}}" ({{level}}) on every resource ("*"), though it can be limited to {{arn}}; name the resources it needs',
      },
      pattern: {
        text: '{{statement}} allows "{{action}}" on every resource ("*"), including {{count}} Write or Permissions management actions that can be limited to named resources (such as {{examples}}); name the resources they need',
      },
    },
  },
  check(ctx) {
    const data = ctx.iamData;
    if (!data) return;
    for (const s of ctx.policy.statements) {
      if (s.effect?.value !== 'Allow' || !s.action || !s.resource) continue;
      if (!s.resource.items.some((r) => r.value === '*')) continue;
      if (s.conditions.some((c) => RESOURCE_SCOPING.test(c.key))) continue;
      const statement = label(s, ctx.policy);
      for (const item of s.action.items) {
        const r = lookupAction(data, item.value);
        if (r.kind !== 'service') continue;
        // "service:*" is action-wildcard's finding (every action of the service).
        if (/^[*]+$/.test(r.name)) continue;
        let hits = hitsCache.get(r.actions);
        if (!hits) {
          hits = r.actions.filter((a) => writeWithResources(a) && !(r.prefix === 'iam' && a.name === 'PassRole'));
          hitsCache.set(r.actions, hits);
        }
        if (hits.length === 0) continue;
        if (!r.wildcard) {
          const a = hits[0]!;
          const arns = a.resourceTypes
            .map((rt) => r.service.resourceTypes.get(rt.name)?.arn)
            .filter((x): x is string => x !== undefined);
          ctx.report({
            messageId: 'action',
            data: {
              statement,
              action: item.value,
              level: a.accessLevel,
              arn: arns.length ? quoteList([...new Set(arns)], 2) : 'named resources',
            },
            pointer: item.pointer,
          });
        } else {
          ctx.report({
            messageId: 'pattern',
            data: {
              statement,
              action: item.value,
              count: hits.length,
              examples: quoteList(
                hits.map((a) => `${r.prefix}:${a.name}`),
                3,
              ),
            },
            pointer: item.pointer,
          });
        }
      }
    }
  },
});
