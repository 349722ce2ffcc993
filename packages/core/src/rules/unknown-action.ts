import { defineRule } from './define.js';
import { label } from '../model/words.js';
import { lookupAction, type IamService } from '../iam/data.js';
import { closest, suggest } from '../util/distance.js';
import { globMatch } from '../util/glob.js';
import { BoundedCache } from '../util/cache.js';

/**
 * Suggestions depend only on the reference (or one service of it) and the name: remembered, as old
 * policies repeat the same retired services and actions (the 6,194 managed versions spent 9% of
 * a run's CPU computing the same edit distances again).
 */
const remembered = new WeakMap<object, BoundedCache<string, string | undefined>>();
function remember(owner: object, key: string, compute: () => string | undefined): string | undefined {
  let cache = remembered.get(owner);
  if (!cache) {
    cache = new BoundedCache();
    remembered.set(owner, cache);
  }
  return cache.get(key, compute);
}

/**
 * Actions that no service reference lists but that AWS itself writes into the policies it creates,
 * and that the service accepts: `SNS:Receive` is in the default access policy SNS gives every new
 * topic (`__default_policy_ID`). Copies of that policy are everywhere; the entry is harmless.
 */
const AWS_WRITTEN_ACTIONS = new Set(['sns:receive']);

/** Near-miss action names for a misspelled one: the closest within a few edits (case-insensitive). */
function suggestAction(service: IamService, name: string): string | undefined {
  const max = Math.max(1, Math.min(3, Math.floor(name.length / 4)));
  return suggest(name, service.actions.values(), {
    max,
    text: (a) => a.name,
    order: (a, b) => (a.name < b.name ? -1 : 1),
  })?.name;
}

/** For a pattern that matches nothing: the same pattern with its literal head corrected (`Gett*` -> `Get*`). */
function suggestPattern(service: IamService, name: string): string | undefined {
  const star = name.search(/[*?]/);
  const head = name.slice(0, star);
  const tail = name.slice(star);
  if (head.length < 3) return undefined;
  const heads = new Map<string, string>();
  for (const a of service.actions.values()) {
    for (const len of [head.length - 1, head.length, head.length + 1]) {
      if (len > 0 && len <= a.name.length) heads.set(a.name.slice(0, len).toLowerCase(), a.name.slice(0, len));
    }
  }
  // The head as written, with this tail, is the pattern that matches nothing: never suggest it.
  heads.delete(head.toLowerCase());
  const fix = closest(head, [...heads.keys()], 1);
  if (fix === undefined) return undefined;
  const pattern = heads.get(fix)! + tail;
  const lower = pattern.toLowerCase();
  return [...service.actions.keys()].some((a) => globMatch(lower, a)) ? pattern : undefined;
}

export default defineRule({
  id: 'unknown-action',
  meta: {
    description: 'Actions and action patterns that name no action of their service, and unknown service prefixes',
    severity: 'error',
    messages: {
      unknownService: {
        text: '{{statement}}: "{{action}}" names the service prefix "{{prefix}}", which no AWS service uses{{hint}}',
      },
      unknownAction: {
        text: '{{statement}}: "{{action}}" is not an action of {{prefix}}{{hint}}; the entry grants or denies nothing',
      },
      noMatch: {
        text: '{{statement}}: the pattern "{{action}}" matches no action of {{prefix}}{{hint}}; the entry grants or denies nothing',
      },
    },
  },
  check(ctx) {
    const data = ctx.iamData;
    if (!data) return;
    for (const s of ctx.policy.statements) {
      const statement = label(s, ctx.policy);
      for (const item of [...(s.action?.items ?? []), ...(s.notAction?.items ?? [])]) {
        const r = lookupAction(data, item.value);
        if (r.kind === 'skip') continue;
        if (r.kind === 'unknownService') {
          const fix = remember(data, r.prefix, () => closest(r.prefix, data.servicePrefixes(), 2));
          const rest = item.value.trim().slice(r.prefix.length);
          const hint = fix ? `; did you mean "${fix}${rest}"?` : '';
          ctx.report({
            messageId: 'unknownService',
            data: { statement, action: item.value, prefix: r.prefix, hint },
            pointer: item.pointer,
          });
          continue;
        }
        if (r.actions.length > 0) continue;
        if (!r.wildcard && AWS_WRITTEN_ACTIONS.has(`${r.prefix}:${r.name}`)) continue;
        const prefix = item.value.trim().slice(0, r.prefix.length);
        if (r.wildcard) {
          const fix = remember(r.service, `pattern:${r.name}`, () => suggestPattern(r.service, r.name));
          ctx.report({
            messageId: 'noMatch',
            data: {
              statement,
              action: item.value,
              prefix: r.prefix,
              hint: fix ? ` (did you mean "${prefix}:${fix}"?)` : '',
            },
            pointer: item.pointer,
          });
        } else {
          const fix = remember(r.service, `action:${r.name}`, () => suggestAction(r.service, r.name));
          ctx.report({
            messageId: 'unknownAction',
            data: {
              statement,
              action: item.value,
              prefix: r.prefix,
              hint: fix ? `; did you mean "${prefix}:${fix}"?` : '',
            },
            pointer: item.pointer,
          });
        }
      }
    }
  },
});
