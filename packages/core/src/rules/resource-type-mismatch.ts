import { defineRule } from './define.js';
import { label, quoteList } from '../model/words.js';
import {
  arnPatternMatchesTemplate,
  lookupAction,
  type IamAction,
  type IamResourceType,
  type IamService,
} from '../iam/data.js';
import { checkArn, DOCUMENTED_RESOURCE_TYPES, isApiGatewayShorthand } from '../iam/arn.js';
import { variablesAsWildcards } from '../iam/s3.js';
import { globMatch } from '../util/glob.js';

/**
 * Resources that AWS documents for an action but its service reference does not list, by
 * `prefix:action` (lower case); the formats are iam/arn.ts's DOCUMENTED_RESOURCE_TYPES.
 */
const DOCUMENTED_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  'cloudformation:createchangeset': [DOCUMENTED_RESOURCE_TYPES.cloudformation!.transform!],
};

/** The service prefixes of DOCUMENTED_RESOURCES: only their actions are looked up there. */
const DOCUMENTED_PREFIXES: ReadonlySet<string> = new Set(
  Object.keys(DOCUMENTED_RESOURCES).map((k) => k.slice(0, k.indexOf(':'))),
);

/** Does one of the resources match the ARN format? */
function someMatches(resources: readonly string[], arn: string): boolean {
  for (const r of resources) if (arnPatternMatchesTemplate(r, arn)) return true;
  return false;
}

/**
 * Whether one of the statement's resources matches a resource type, by type, for the statement
 * being checked (cleared for each): its actions share their types, many of them all of theirs.
 */
const matched = new Map<IamResourceType, boolean>();

/**
 * Can the action apply to one of the statement's resources? Unknown resource types count as a fit. Undefined
 * for an action with no resource types and no documented one: it fits when a resource stands for
 * any resource (the caller works that out once per statement, when an action needs it).
 */
function fits(
  prefix: string,
  service: IamService,
  action: IamAction,
  resources: readonly string[],
): boolean | undefined {
  // `prefix` is lower case already: the key's prefix is `prefix` itself.
  if (DOCUMENTED_PREFIXES.has(prefix)) {
    const documented = DOCUMENTED_RESOURCES[`${prefix}:${action.name}`.toLowerCase()] ?? [];
    if (documented.some((t) => someMatches(resources, t))) return true;
  }
  if (action.resourceTypes.length === 0) return undefined;
  for (const rt of action.resourceTypes) {
    const t = service.resourceTypes.get(rt.name);
    if (!t) return true;
    let hit = matched.get(t);
    if (hit === undefined) {
      hit = someMatches(resources, t.arn);
      matched.set(t, hit);
    }
    if (hit) return true;
  }
  return false;
}

/** Does one of the resources stand for any resource at all (`*`, `?`, a policy variable)? */
function anyResourceIn(resources: readonly string[]): boolean {
  return resources.some((r) => globMatch(variablesAsWildcards(r), '*'));
}

function needs(service: IamService, action: IamAction): string {
  if (action.resourceTypes.length === 0) return 'Resource "*" (it supports no resource-level permissions)';
  const arns = action.resourceTypes
    .map((rt) => service.resourceTypes.get(rt.name)?.arn)
    .filter((a): a is string => a !== undefined);
  return `a ${action.resourceTypes.length === 1 ? 'resource' : 'resource such as'} ${quoteList([...new Set(arns)])}`;
}

export default defineRule({
  id: 'resource-type-mismatch',
  meta: {
    description:
      'Allowed actions none of whose resource types can match any of the statement\'s resources (s3:ListBucket on "arn:aws:s3:::B/*")',
    severity: 'error',
    messages: {
      mismatch: {
        text: '{{statement}} allows "{{action}}" only on resources it does not apply to ({{resources}}), so it grants nothing; {{name}} needs {{needs}}',
      },
      needsWildcard: {
        text: '{{statement}} allows "{{action}}" only on {{resources}}, but it supports no resource-level permissions, so it grants nothing; it needs "Resource": "*" (in a statement of its own)',
      },
      patternMismatch: {
        text: '{{statement}} allows "{{action}}" only on resources none of its {{count}} actions applies to ({{resources}}), so it grants nothing; {{name}}, for one, needs {{needs}}',
      },
    },
  },
  check(ctx) {
    const data = ctx.iamData;
    if (!data) return;
    for (const s of ctx.policy.statements) {
      if (s.effect?.value !== 'Allow' || !s.action || !s.resource) continue;
      // Malformed ARNs are invalid-arn's; a statement left with none is not this rule's.
      const resources: string[] = [];
      for (const item of s.resource.items) if (!checkArn(item.value, data)) resources.push(item.value);
      // `execute-api:/*` stands for the API the policy is attached to: its ARN is not known here.
      if (resources.length === 0 || resources.some(isApiGatewayShorthand)) continue;
      if (resources.includes('*')) continue;
      matched.clear();
      // Worked out when an action without resource types first needs it.
      let anyResource: boolean | undefined;
      let statement: string | undefined;
      for (const item of s.action.items) {
        const r = lookupAction(data, item.value);
        if (r.kind !== 'service' || r.actions.length === 0) continue;
        let fit = false;
        for (const a of r.actions) {
          const f = fits(r.prefix, r.service, a, resources);
          if (f === true || (f === undefined && (anyResource ??= anyResourceIn(resources)))) {
            fit = true;
            break;
          }
        }
        if (fit) continue;
        statement ??= label(s, ctx.policy);
        const first = r.actions[0]!;
        const name = `${r.prefix}:${first.name}`;
        const shown = quoteList(resources);
        if (r.wildcard) {
          ctx.report({
            messageId: 'patternMismatch',
            data: {
              statement,
              action: item.value,
              count: r.actions.length,
              resources: shown,
              name,
              needs: needs(r.service, first),
            },
            pointer: item.pointer,
          });
        } else if (first.resourceTypes.length === 0) {
          ctx.report({
            messageId: 'needsWildcard',
            data: { statement, action: item.value, resources: shown },
            pointer: item.pointer,
          });
        } else {
          ctx.report({
            messageId: 'mismatch',
            data: { statement, action: item.value, resources: shown, name, needs: needs(r.service, first) },
            pointer: item.pointer,
          });
        }
      }
    }
  },
});
