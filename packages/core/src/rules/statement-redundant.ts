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
/** `covers` of two actions already lower-cased (no new strings per comparison). */
const coversLower = (outer: string, inner: string) => globCovers(outer, inner);

interface Ref {
  statement: number;
  action: number;
  /** The action as written, lower-cased (names compare case-insensitively). */
  lower: string;
}

const NONE: readonly Ref[] = [];

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
    // With one statement that has a scope, no scope is shared: its key need not be spelled out.
    let scoped = 0;
    for (const s of statements) if (s.effect && s.action && !s.notAction) scoped++;
    const scopes =
      scoped > 1
        ? statements.map(scopeKey)
        : statements.map((s) => (s.effect && s.action && !s.notAction ? '' : undefined));
    const scopeCount = new Map<string, number>();
    for (const k of scopes) if (k !== undefined) scopeCount.set(k, (scopeCount.get(k) ?? 0) + 1);
    // A statement identical to an earlier one (same scope, same set of actions) is covered by that
    // first copy, or by what covers the first copy; only first copies are compared, so n copies
    // of one statement cost n, not n squared. Only a scope that another statement has can hold copies.
    const firstCopy = new Map<string, number>();
    const copyOf = statements.map((st, i) => {
      const scope = scopes[i];
      if (scope === undefined || scopeCount.get(scope) === 1) return -1;
      const signature =
        scope + '\u0000' + JSON.stringify([...new Set(st.action!.items.map((a) => a.value.toLowerCase()))].sort());
      const first = firstCopy.get(signature);
      if (first === undefined) firstCopy.set(signature, i);
      return first ?? -1;
    });
    const actionsOf = (i: number) => statements[i]!.action!.items;
    const service = (v: string) => v.slice(0, Math.max(0, v.indexOf(':'))).toLowerCase();
    // A statement whose scope no other statement has, with no action twice, can only hold an
    // action that one of its own patterns covers: when none does (most statements of real policies
    // are such), it is left out of the comparisons, though it counts those its actions would make
    // (each with itself, with the patterns of its service and with those of any service). -1: it
    // must be compared (also when the count passes the bound: the comparisons below report it).
    const soloComparisons = (i: number, k: string, before: number): number => {
      if (scopeCount.get(k) !== 1) return -1;
      const items = actionsOf(i);
      const seen = new Set<string>();
      const lowers: string[] = [];
      // The statement's patterns: by the service they name, or undefined for those of any service.
      const patterns: { at: number; lower: string; service: string | undefined }[] = [];
      const perService = new Map<string | undefined, number>();
      for (let a = 0; a < items.length; a++) {
        const v = items[a]!.value;
        const lower = v.toLowerCase();
        if (seen.has(lower)) return -1;
        seen.add(lower);
        lowers.push(lower);
        if (!hasWildcard(v)) continue;
        const svc = service(v);
        const key = v.indexOf(':') < 0 || hasWildcard(svc) ? undefined : svc;
        patterns.push({ at: a, lower, service: key });
        perService.set(key, (perService.get(key) ?? 0) + 1);
      }
      if (patterns.length === 0) return items.length;
      const anyService = perService.get(undefined) ?? 0;
      let count = 0;
      for (const item of items) count += 1 + anyService + (perService.get(service(item.value)) ?? 0);
      if (before + count > MAX_COMPARISONS) return -1;
      for (let a = 0; a < items.length; a++) {
        const svc = service(items[a]!.value);
        for (const p of patterns)
          if ((p.service === undefined || p.service === svc) && p.at !== a && coversLower(p.lower, lowers[a]!))
            return -1;
      }
      return count;
    };
    let comparisons = 0;
    const keys = scopes.map((k, i) => {
      if (copyOf[i]! >= 0 || k === undefined) return undefined;
      const solo = soloComparisons(i, k, comparisons);
      if (solo < 0) return k;
      comparisons += solo;
      return undefined;
    });
    if (!keys.some((k) => k !== undefined)) {
      if (comparisons > MAX_COMPARISONS)
        ctx.report({ messageId: 'tooLarge', data: { count: comparisons, limit: MAX_COMPARISONS }, pointer: '' });
      return;
    }
    const at = (r: Ref) => actionsOf(r.statement)[r.action]!;

    // Every action of every comparable statement, and for each the other actions that cover it.
    // Only actions of statements with the same scope can cover one another; within a scope, an
    // action without wildcards is covered only by the same name or by a pattern of its service
    // (or a pattern whose service part has wildcards), so candidates come from small indexes.
    const refs: Ref[] = [];
    statements.forEach(
      (_, i) =>
        keys[i] !== undefined &&
        actionsOf(i).forEach((item, a) => refs.push({ statement: i, action: a, lower: item.value.toLowerCase() })),
    );
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
      const lower = r.lower;
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
        (index.exact.get(x.lower)?.length ?? 0) +
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
      const lower = x.lower;
      // The candidates in the order exact names, patterns of the service, patterns of any service;
      // a pattern is in the exact list too when it is x's own spelling (case aside): once only.
      const by: Ref[] = [];
      for (const y of index.exact.get(lower) ?? NONE) if (y !== x && coversLower(y.lower, lower)) by.push(y);
      for (const y of index.patterns.get(service(v)) ?? NONE)
        if (y !== x && y.lower !== lower && coversLower(y.lower, lower)) by.push(y);
      for (const y of index.wildService) if (y !== x && y.lower !== lower && coversLower(y.lower, lower)) by.push(y);
      coveredBy.set(x, by);
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
