import { defineRule } from './define.js';
import { label, quoteList } from '../model/words.js';
import { arnPatternMatchesTemplate, lookupAction, type IamAction, type IamService } from '../iam/data.js';
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

/** Can the action apply to one of the resources? Unknown resource types count as a fit. */
function fits(
  prefix: string,
  service: IamService,
  action: IamAction,
  resources: readonly string[],
  anyResource: boolean,
): boolean {
  const documented = DOCUMENTED_RESOURCES[`${prefix}:${action.name}`.toLowerCase()] ?? [];
  if (documented.some((t) => resources.some((r) => arnPatternMatchesTemplate(r, t)))) return true;
  if (action.resourceTypes.length === 0) return anyResource;
  for (const rt of action.resourceTypes) {
    const t = service.resourceTypes.get(rt.name);
    if (!t) return true;
    if (resources.some((r) => arnPatternMatchesTemplate(r, t.arn))) return true;
  }
  return false;
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
      const resources = s.resource.items.map((r) => r.value).filter((r) => !checkArn(r, data));
      // `execute-api:/*` stands for the API the policy is attached to: its ARN is not known here.
      if (resources.length === 0 || resources.some(isApiGatewayShorthand)) continue;
      const anyResource = resources.some((r) => globMatch(variablesAsWildcards(r), '*'));
      if (resources.some((r) => r === '*')) continue;
      const statement = label(s, ctx.policy);
      for (const item of s.action.items) {
        const r = lookupAction(data, item.value);
        if (r.kind !== 'service' || r.actions.length === 0) continue;
        if (r.actions.some((a) => fits(r.prefix, r.service, a, resources, anyResource))) continue;
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
