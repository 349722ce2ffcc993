import { defineRule } from './define.js';
import { label, quoteList } from '../model/words.js';
import { hasAccessLevel, lookupAction, type IamAction, type IamService } from '../iam/data.js';
import { coversEveryResource } from '../iam/arn.js';
import { formatsOf } from '../iam/arn-match.js';
import { BoundedPairCache } from '../util/cache.js';

/** Conditions that narrow the resources (attribute-based access control) make `*` deliberate. */
const RESOURCE_SCOPING =
  /^(aws:ResourceTag\/|aws:ResourceAccount$|aws:ResourceOrgID$|aws:ResourceOrgPaths$|[a-z0-9-]+:ResourceTag\/)/i;

/** Per list of matched actions (lookupAction caches the lists of wildcard patterns). */
const hitsCache = new WeakMap<readonly IamAction[], IamAction[]>();

/** Does an access level include Write or Permissions management, by level. */
const writeLevels = new Map<string, boolean>();

/**
 * Is the action one this rule reports on Resource "*": a Write or Permissions management action
 * with resource types, other than PassRole (pass-role-wildcard's; of any prefix)?
 */
function isHit(a: IamAction): boolean {
  if (a.resourceTypes.length === 0 || a.name === 'PassRole') return false;
  let write = writeLevels.get(a.accessLevel);
  if (write === undefined) {
    write = hasAccessLevel(a, 'Write', 'Permissions management');
    writeLevels.set(a.accessLevel, write);
  }
  return write;
}

/** The actions of `hits` with a resource type one of whose formats `resource` names as a whole, per list and entry. */
const everyCache = new BoundedPairCache<readonly IamAction[], string, IamAction[]>();

function coveringEvery(service: IamService, hits: readonly IamAction[], resource: string): IamAction[] {
  return everyCache.get(hits, resource, () =>
    hits.filter((a) =>
      a.resourceTypes.some((rt) => {
        const arn = service.resourceTypes.get(rt.name)?.arn;
        return arn !== undefined && formatsOf(arn).some((f) => coversEveryResource(resource, f));
      }),
    ),
  );
}

/** The first entry that names every resource of a type some of the actions write, and those actions. */
function everyArnHits(
  service: IamService,
  hits: readonly IamAction[],
  entries: readonly string[],
): { resource: string; actions: IamAction[] } | undefined {
  for (const resource of entries) {
    const actions = coveringEvery(service, hits, resource);
    if (actions.length) return { resource, actions };
  }
  return undefined;
}

/** The resource formats an action can be limited to, in words (for Resource "*"), per action. */
const arnWords = new WeakMap<IamAction, string>();

function arnsOf(service: IamService, a: IamAction, resource: string | undefined): string {
  if (resource === undefined) {
    const known = arnWords.get(a);
    if (known !== undefined) return known;
  }
  const arns = a.resourceTypes
    .map((rt) => service.resourceTypes.get(rt.name)?.arn)
    .filter(
      (x): x is string =>
        x !== undefined && (resource === undefined || formatsOf(x).some((f) => coversEveryResource(resource, f))),
    );
  const words = arns.length ? quoteList([...new Set(arns)], 2) : 'named resources';
  if (resource === undefined) arnWords.set(a, words);
  return words;
}

/** The examples named for a list of actions, per list (the lists are shared: hitsCache, everyCache). */
const exampleWords = new WeakMap<readonly IamAction[], string>();

function examplesOf(prefix: string, shown: readonly IamAction[]): string {
  let words = exampleWords.get(shown);
  if (words === undefined) {
    words = quoteList(
      shown.map((a) => `${prefix}:${a.name}`),
      3,
    );
    exampleWords.set(shown, words);
  }
  return words;
}

export default defineRule({
  id: 'resource-wildcard',
  meta: {
    description:
      'Allow of Write or Permissions management actions on Resource "*" (or an ARN naming every resource of the type in every account, such as arn:aws:iam::*:role/*) when the actions support resource-level permissions',
    severity: 'warn',
    messages: {
      action: {
        text: '{{statement}} allows "{{action}}" ({{level}}) on every resource ("*"), though it can be limited to {{arn}}; name the resources it needs',
      },
      pattern: {
        text: '{{statement}} allows "{{action}}" on every resource ("*"), including {{count}} Write or Permissions management actions that can be limited to named resources (such as {{examples}}); name the resources they need',
      },
      actionEveryArn: {
        text: '{{statement}} allows "{{action}}" ({{level}}) on "{{resource}}", which names every such resource in every account, as "*" does, though it can be limited to {{arn}}; name the resources it needs',
      },
      patternEveryArn: {
        text: '{{statement}} allows "{{action}}" on "{{resource}}", which names every such resource in every account, as "*" does, including {{count}} Write or Permissions management actions that can be limited to named resources (such as {{examples}}); name the resources they need',
      },
    },
  },
  check(ctx) {
    const data = ctx.iamData;
    if (!data) return;
    for (const s of ctx.policy.statements) {
      if (s.effect?.value !== 'Allow' || !s.action || !s.resource) continue;
      const star = s.resource.items.some((r) => r.value === '*');
      // Entries that name every resource of a type in every account (arn:aws:iam::*:role/*).
      const every = star ? [] : s.resource.items.map((r) => r.value).filter((v) => /^arn:/.test(v) && v.includes('*'));
      if (!star && every.length === 0) continue;
      if (s.conditions.some((c) => RESOURCE_SCOPING.test(c.key))) continue;
      let statement: string | undefined;
      for (const item of s.action.items) {
        const r = lookupAction(data, item.value);
        if (r.kind !== 'service') continue;
        let hits: readonly IamAction[];
        if (!r.wildcard) {
          // One action (or none): its list is its own list of hits, or it has none.
          const a = r.actions[0];
          if (a === undefined || !isHit(a)) continue;
          hits = r.actions;
        } else {
          // "service:*" is action-wildcard's finding (every action of the service).
          if (/^[*]+$/.test(r.name)) continue;
          let known = hitsCache.get(r.actions);
          if (!known) {
            known = r.actions.filter((a) => isHit(a));
            hitsCache.set(r.actions, known);
          }
          if (known.length === 0) continue;
          hits = known;
        }
        let shown = hits;
        let resource: string | undefined;
        if (!star) {
          const wide = everyArnHits(r.service, hits, every);
          if (!wide) continue;
          shown = wide.actions;
          resource = wide.resource;
        }
        statement ??= label(s, ctx.policy);
        const named: Record<string, string> = resource === undefined ? {} : { resource };
        if (!r.wildcard) {
          const a = shown[0]!;
          ctx.report({
            messageId: resource === undefined ? 'action' : 'actionEveryArn',
            data: {
              ...named,
              statement,
              action: item.value,
              level: a.accessLevel,
              // For an entry that names every resource of a type, the formats of that type.
              arn: arnsOf(r.service, a, resource),
            },
            pointer: item.pointer,
          });
        } else {
          ctx.report({
            messageId: resource === undefined ? 'pattern' : 'patternEveryArn',
            data: {
              ...named,
              statement,
              action: item.value,
              count: shown.length,
              examples: examplesOf(r.prefix, shown),
            },
            pointer: item.pointer,
          });
        }
      }
    }
  },
});
