import { defineRule } from './define.js';
import { label } from '../model/words.js';
import type { Located, NPrincipal, NStatement } from '../model/normalize.js';
import { globCovers, hasWildcard } from '../util/glob.js';

/**
 * Everything but the action list, in a canonical form: two statements with the same key apply to the
 * same requests except for the action. Conservative: any difference in spelling (order aside) makes
 * the keys differ, so a statement is only ever compared with one that is evidently the same.
 */
function scopeKey(s: NStatement): string | undefined {
  if (!s.effect || !s.action || s.notAction) return undefined;
  const set = (items: readonly Located<string>[] | undefined) =>
    items ? [...new Set(items.map((i) => i.value))].sort() : null;
  const principal = (p: NPrincipal | undefined) =>
    p
      ? { wildcard: p.wildcard, entries: [...new Set(p.entries.map((e) => `${e.type}\u0000${e.value}`))].sort() }
      : null;
  const conditions = [
    ...new Set(
      s.conditions.map((c) =>
        JSON.stringify([
          c.operator,
          c.key.toLowerCase(),
          [...new Set(c.values.map((v) => JSON.stringify(v.value)))].sort(),
        ]),
      ),
    ),
  ].sort();
  return JSON.stringify({
    effect: s.effect.value,
    resource: set(s.resource?.items),
    notResource: set(s.notResource?.items),
    principal: principal(s.principal),
    notPrincipal: principal(s.notPrincipal),
    hasCondition: s.conditionPointer !== undefined,
    conditions,
  });
}

/** Candidate pairs of actions compared at most (about a second's work). */
const MAX_COMPARISONS = 2_000_000;

const covers = (outer: string, inner: string) => globCovers(outer, inner, { caseInsensitive: true });

interface Ref {
  statement: number;
  action: number;
}

/**
 * `by` makes `x` redundant when it covers it, strictly or, for equal patterns, by coming first: a
 * strict order, so the actions that remain once every redundant one is removed still cover them all.
 */
function makesRedundant(by: Located<string>, byRef: Ref, x: Located<string>, xRef: Ref): boolean {
  if (!covers(by.value, x.value)) return false;
  if (!covers(x.value, by.value)) return true;
  return byRef.statement < xRef.statement || (byRef.statement === xRef.statement && byRef.action < xRef.action);
}

export default defineRule({
  id: 'statement-redundant',
  meta: {
    description:
      'A statement, or an action in it, fully covered by another statement (or action) with the same effect, principals, resources and conditions',
    severity: 'warn',
    messages: {
      statementCovered: {
        text: '{{statement}} is redundant: {{other}} (line {{line}}) already {{verb}} each of its actions with the same principals, resources and conditions; remove it',
      },
      actionCovered: {
        text: 'Action "{{action}}" is redundant: "{{by}}" in {{other}} (line {{line}}) already {{verb}} it with the same principals, resources and conditions; remove it',
      },
      actionCoveredInStatement: {
        text: 'Action "{{action}}" is redundant: "{{by}}" in the same statement already covers it; remove it',
      },
      tooLarge: {
        text: 'The policy is too large to check for redundant statements: its actions would need {{count}} comparisons, over the limit of {{limit}}',
      },
    },
  },
  check(ctx) {
    const statements = ctx.policy.statements;
    const scopes = statements.map(scopeKey);
    // A statement identical to an earlier one (same scope, same set of actions) is covered by that
    // first copy, or by what covers the first copy; only first copies are compared, so n copies
    // of one statement cost n, not n squared.
    const firstCopy = new Map<string, number>();
    const copyOf = statements.map((st, i) => {
      const scope = scopes[i];
      if (scope === undefined) return -1;
      const signature =
        scope + '\u0000' + JSON.stringify([...new Set(st.action!.items.map((a) => a.value.toLowerCase()))].sort());
      const first = firstCopy.get(signature);
      if (first === undefined) firstCopy.set(signature, i);
      return first ?? -1;
    });
    const actionsOf = (i: number) => statements[i]!.action!.items;
    // A statement whose scope no other statement has, with no wildcard and no action twice, can
    // neither cover nor be covered: it is left out of the comparisons (most statements of real
    // policies are such), though each of its actions still counts one comparison (with itself).
    const scopeCount = new Map<string, number>();
    for (const k of scopes) if (k !== undefined) scopeCount.set(k, (scopeCount.get(k) ?? 0) + 1);
    const alone = (i: number, k: string) => {
      if (scopeCount.get(k) !== 1) return false;
      const seen = new Set<string>();
      for (const a of actionsOf(i)) {
        const lower = a.value.toLowerCase();
        if (hasWildcard(a.value) || seen.has(lower)) return false;
        seen.add(lower);
      }
      return true;
    };
    let comparisons = 0;
    const keys = scopes.map((k, i) => {
      if (copyOf[i]! >= 0 || k === undefined) return undefined;
      if (!alone(i, k)) return k;
      comparisons += actionsOf(i).length;
      return undefined;
    });
    const at = (r: Ref) => actionsOf(r.statement)[r.action]!;

    // Every action of every comparable statement, and for each the other actions that cover it.
    // Only actions of statements with the same scope can cover one another; within a scope, an
    // action without wildcards is covered only by the same name or by a pattern of its service
    // (or a pattern whose service part has wildcards), so candidates come from small indexes.
    const refs: Ref[] = [];
    statements.forEach(
      (_, i) => keys[i] !== undefined && actionsOf(i).forEach((_, a) => refs.push({ statement: i, action: a })),
    );
    const service = (v: string) => v.slice(0, Math.max(0, v.indexOf(':'))).toLowerCase();
    interface Index {
      exact: Map<string, Ref[]>;
      patterns: Map<string, Ref[]>;
      wildService: Ref[];
    }
    const indexes = new Map<string, Index>();
    for (const r of refs) {
      const key = keys[r.statement]!;
      let index = indexes.get(key);
      if (!index) indexes.set(key, (index = { exact: new Map(), patterns: new Map(), wildService: [] }));
      const v = at(r).value;
      const lower = v.toLowerCase();
      (index.exact.get(lower) ?? index.exact.set(lower, []).get(lower)!).push(r);
      if (!hasWildcard(v)) continue;
      const svc = service(v);
      if (v.indexOf(':') < 0 || hasWildcard(svc)) index.wildService.push(r);
      else (index.patterns.get(svc) ?? index.patterns.set(svc, []).get(svc)!).push(r);
    }
    // Distinct statements that share actions still compare pairwise: past a bound, say so rather than hang.
    for (const x of refs) {
      const index = indexes.get(keys[x.statement]!)!;
      const v = at(x).value;
      comparisons +=
        (index.exact.get(v.toLowerCase())?.length ?? 0) +
        (index.patterns.get(service(v))?.length ?? 0) +
        index.wildService.length;
    }
    if (comparisons > MAX_COMPARISONS) {
      ctx.report({ messageId: 'tooLarge', data: { count: comparisons, limit: MAX_COMPARISONS }, pointer: '' });
      return;
    }
    const coveredBy = new Map<Ref, Ref[]>();
    for (const x of refs) {
      const index = indexes.get(keys[x.statement]!)!;
      const v = at(x).value;
      const candidates = [
        ...(index.exact.get(v.toLowerCase()) ?? []),
        ...(index.patterns.get(service(v)) ?? []),
        ...index.wildService,
      ];
      coveredBy.set(
        x,
        [...new Set(candidates)].filter((y) => y !== x && covers(at(y).value, v)),
      );
    }

    // Whole statements: j is redundant when another statement i covers each of its actions; of two
    // statements that cover each other, the later one is. Following "covered by" always reaches a
    // statement that stays, so removing every reported statement keeps the policy's meaning.
    // refs are in statement order: each statement's are one slice (slices of one array keep one
    // elements kind; arrays grown from empty ones made the optimized check deoptimize again and again).
    const byStatement: Ref[][] = [];
    for (let j = 0, k = 0; j < statements.length; j++) {
      const from = k;
      while (k < refs.length && refs[k]!.statement === j) k++;
      byStatement.push(refs.slice(from, k));
    }
    const refsOf = (j: number) => byStatement[j]!;
    const within = (outer: number, inner: number) => {
      const rs = refsOf(inner);
      return rs.length > 0 && rs.every((x) => coveredBy.get(x)!.some((y) => y.statement === outer));
    };
    // Per statement: the statement that covers it, -1 for none, -2 when it is not comparable (no
    // undefined: an array of small integers only keeps one elements kind for the optimized code).
    const coverOf = (j: number): number => {
      if (keys[j] === undefined) return -2;
      const first = refsOf(j)[0];
      if (!first) return -1;
      const outers = [...new Set(coveredBy.get(first)!.map((y) => y.statement))]
        .filter((i) => i !== j)
        .sort((a, b) => a - b);
      return outers.find((i) => within(i, j) && !(i > j && within(j, i))) ?? -1;
    };
    const wholeBy: number[] = [];
    for (let j = 0; j < statements.length; j++) wholeBy.push(coverOf(j));
    // A later copy: whatever earlier statement covers its first copy, else the first copy itself.
    copyOf.forEach((f, j) => {
      if (f < 0) return;
      const byFirst = wholeBy[f]!;
      wholeBy[j] = byFirst >= 0 && byFirst < f ? byFirst : f;
    });
    for (let j = 0; j < statements.length; j++) {
      const i = wholeBy[j]!;
      if (i < 0) continue;
      const s = statements[j]!;
      const o = statements[i]!;
      const verb = s.effect!.value === 'Allow' ? 'allows' : 'denies';
      ctx.report({
        messageId: 'statementCovered',
        data: { statement: label(s, ctx.policy), other: label(o, ctx.policy), line: ctx.lineOf(o.pointer), verb },
        pointer: s.action!.pointer,
        atKey: true,
      });
    }

    // Single actions of the statements that stay, against the actions of the statements that stay.
    const staying = (i: number) => wholeBy[i] === -1;
    const coverers = (x: Ref) =>
      coveredBy.get(x)!.filter((y) => staying(y.statement) && makesRedundant(at(y), y, at(x), x));
    const redundant = new Set(refs.filter((x) => staying(x.statement) && coverers(x).length > 0));
    for (const x of redundant) {
      // Name a covering action that stays (one exists: "covers" is a strict order), in the same statement if possible.
      const candidates = coverers(x).sort(
        (a, b) =>
          Number(redundant.has(a)) - Number(redundant.has(b)) ||
          Number(a.statement !== x.statement) - Number(b.statement !== x.statement),
      );
      const y = candidates[0]!;
      const action = at(x);
      if (y.statement === x.statement) {
        ctx.report({
          messageId: 'actionCoveredInStatement',
          data: { action: action.value, by: at(y).value },
          pointer: action.pointer,
        });
      } else {
        const o = statements[y.statement]!;
        const verb = o.effect!.value === 'Allow' ? 'allows' : 'denies';
        ctx.report({
          messageId: 'actionCovered',
          data: {
            action: action.value,
            by: at(y).value,
            other: label(o, ctx.policy),
            line: ctx.lineOf(at(y).pointer),
            verb,
          },
          pointer: action.pointer,
        });
      }
    }
  },
});
