import { defineRule } from './define.js';
import { label } from '../model/words.js';
import { isMfaCondition, isSwapped, resolveKeyFor, servicesOf } from '../iam/conditions.js';
import { keySupportByActions, serviceConditionKey, type IamData } from '../iam/data.js';
import { parseOperator } from '../iam/operators.js';
import { evaluateCondition } from '../eval/conditions.js';
import type { NCondition, NStatement } from '../model/normalize.js';
import { suggest } from '../util/distance.js';

export default defineRule({
  id: 'condition-key-unknown',
  meta: {
    description:
      "Condition keys that are neither global keys nor keys of a service in the statement's actions, or that none of its actions supports (the condition is decided without the request)",
    severity: 'error',
    messages: {
      unknownKey: {
        text: '{{statement}}: "{{key}}" is not a global condition key nor a key of {{services}}{{hint}}; the key is never in the request, so the condition never matches',
      },
      otherService: {
        text: '{{statement}}: "{{key}}" is a key of {{prefix}}, but the statement\'s actions are of {{services}}, whose requests never carry it; the condition never matches',
      },
      notForActions: {
        text: '{{statement}}: "{{key}}" is a key of {{prefix}}, but none of the statement\'s actions ({{actions}}) supports it, so their requests never carry it; {{consequence}}',
      },
      malformed: {
        text: '{{statement}}: "{{key}}" is not a condition key (keys are prefix:name, such as aws:SourceIp or s3:prefix); the condition never matches',
      },
    },
  },
  check(ctx) {
    const data = ctx.iamData;
    if (!data) return;
    for (const s of ctx.policy.statements) {
      // The statement's services (every action looked up) only for statements with conditions.
      if (s.conditions.length === 0) continue;
      const services = servicesOf(data, s);
      if (!services) continue;
      const statement = label(s, ctx.policy);
      for (const c of s.conditions) {
        if (isMfaCondition(c) || isSwapped(c)) continue;
        const r = resolveKeyFor(data, s, c.key);
        if (r === undefined) continue;
        if (r !== 'unknown') {
          if (r.source !== 'global' && s.action) {
            const found = notForActions(data, s, c);
            if (found)
              ctx.report({
                messageId: 'notForActions',
                data: { statement, ...found },
                pointer: c.keyPointer,
                atKey: true,
              });
          }
          continue;
        }
        const colon = c.key.indexOf(':');
        if (colon <= 0 || colon === c.key.length - 1) {
          ctx.report({ messageId: 'malformed', data: { statement, key: c.key }, pointer: c.keyPointer, atKey: true });
          continue;
        }
        const prefix = c.key.slice(0, colon).toLowerCase();
        // A key of a service the reference does not know, which the statement's actions name too:
        // unknown-action reports the service already.
        if (
          !data.hasService(prefix) &&
          (s.action?.items ?? []).some((a) =>
            a.value
              .trim()
              .toLowerCase()
              .startsWith(prefix + ':'),
          )
        )
          continue;
        const names = [...services.prefixes].sort();
        const shown = names.length ? names.join(', ') : 'its services';
        const own = prefix !== 'aws' && data.hasService(prefix) ? data.service(prefix) : undefined;
        if (own && serviceConditionKey(own, c.key) && !services.any && !services.prefixes.has(prefix)) {
          ctx.report({
            messageId: 'otherService',
            data: { statement, key: c.key, prefix, services: shown },
            pointer: c.keyPointer,
            atKey: true,
          });
          continue;
        }
        // "Did you mean": the closest global key or key of the statement's services (and of the key's own prefix).
        const candidates: string[] = data.globalConditionKeys().map((k) => k.key);
        for (const p of new Set([...names, ...(own ? [prefix] : [])])) {
          const svc = data.service(p);
          if (svc) for (const k of svc.conditionKeys.values()) candidates.push(k.key);
        }
        // Templated keys compare by their fixed head (aws:ResourceTag/${TagKey} -> aws:ResourceTag/),
        // against as much of the key as the head is long.
        const headOf = (k: string): string => k.replace(/(\$\{[^}]*\}|<[^>]*>).*$/, '');
        const lower = c.key.toLowerCase();
        const near = suggest(lower, candidates, {
          max: 3,
          text: (k) => headOf(k),
          wordFor: (k, word) => (headOf(k).length < k.length ? word.slice(0, headOf(k).length) : word),
          accept: (d, k) => d <= Math.max(1, Math.floor(headOf(k).length / 6)),
        });
        const best =
          near === undefined
            ? undefined
            : headOf(near).length < near.length
              ? headOf(near) + c.key.slice(headOf(near).length)
              : near;
        const hint = best ? `; did you mean "${best}"?` : '';
        ctx.report({
          messageId: 'unknownKey',
          data: {
            statement,
            key: c.key,
            services: names.length ? `the statement's services (${shown})` : "the statement's services",
            hint,
          },
          pointer: c.keyPointer,
          atKey: true,
        });
      }
    }
  },
});

/**
 * A key of a known service that none of the statement's actions supports (IAM Access Analyzer's
 * check): the key is absent from every request the statement is about, so the condition is
 * decided without the request. What that means follows from IAM's evaluation of an absent key.
 */
function notForActions(
  data: IamData,
  s: NStatement,
  c: NCondition,
): { key: string; prefix: string; actions: string; consequence: string } | undefined {
  if (!parseOperator(c.operator).known) return undefined;
  const entries = s.action!.items.map((a) => a.value);
  if (keySupportByActions(data, entries, c.key) !== 'unsupported') return undefined;
  const matches = evaluateCondition(c, { lookup: () => undefined, expandVariables: false });
  const deny = s.effect?.value === 'Deny';
  const consequence = matches
    ? `the condition always holds (an absent key satisfies ${c.operator}), so ${deny ? 'the statement denies every request for them' : 'it narrows nothing'}`
    : deny
      ? 'the condition never matches, so the statement denies nothing'
      : 'the condition never matches, so the statement grants nothing';
  const shown = entries.length > 3 ? `${entries.slice(0, 3).join(', ')}, ...` : entries.join(', ');
  return { key: c.key, prefix: c.key.slice(0, c.key.indexOf(':')).toLowerCase(), actions: shown, consequence };
}
