import { LineCounter, parseDocument, isAlias, isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { parsePolicyText, type NodeLocation, type Range } from '../model/parse.js';
import { joinPointer } from '../util/pointer.js';
import { indentFlowCollections } from './yaml-flow-indent.js';
import { checkYamlDepth, TOO_DEEP_MESSAGE, YAML_MAX_DEPTH } from './yaml-depth.js';

/**
 * A format-neutral syntax tree of a JSON or YAML host file: values with their source ranges and
 * YAML tags, so that CloudFormation intrinsics resolve the same way in both.
 */
export type SNode =
  | { type: 'map'; tag?: string; entries: SEntry[]; range: Range }
  | { type: 'seq'; tag?: string; items: SNode[]; range: Range }
  | { type: 'scalar'; tag?: string; value: string | number | boolean | null; range: Range };

export interface SEntry {
  key: string;
  keyRange: Range;
  value: SNode;
}

export function entry(node: SNode | undefined, key: string): SNode | undefined {
  if (node?.type !== 'map') return undefined;
  let found: SNode | undefined;
  for (const e of node.entries) if (e.key === key) found = e.value; // the last one wins, as in JSON.parse
  return found;
}

export function entryWithKey(node: SNode | undefined, key: string): SEntry | undefined {
  if (node?.type !== 'map') return undefined;
  let found: SEntry | undefined;
  for (const e of node.entries) if (e.key === key) found = e;
  return found;
}

export function scalarString(node: SNode | undefined): string | undefined {
  if (node?.type !== 'scalar' || node.tag !== undefined || node.value === null) return undefined;
  return String(node.value);
}

/** Plain value of a node, ignoring tags (for detection and for untagged subtrees). */
export function plainValue(node: SNode): unknown {
  switch (node.type) {
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries)
        Object.defineProperty(out, e.key, {
          value: plainValue(e.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
    case 'seq':
      return node.items.map(plainValue);
    default:
      return node.value;
  }
}

/** Where each node of a tree sits, by JSON pointer from `node` (a plain policy written as YAML). */
export function treeLocations(
  node: SNode,
  pointer = '',
  out = new Map<string, NodeLocation>(),
): Map<string, NodeLocation> {
  if (!out.has(pointer)) out.set(pointer, { value: node.range });
  if (node.type === 'map')
    for (const e of node.entries) {
      const p = joinPointer(pointer, e.key);
      out.set(p, { value: e.value.range, key: e.keyRange });
      treeLocations(e.value, p, out);
    }
  else if (node.type === 'seq') node.items.forEach((item, i) => treeLocations(item, joinPointer(pointer, i), out));
  return out;
}

// ---------------------------------------------------------------------------------------------
// JSON

/** Builds the tree from the value and source map of parsed JSON text. */
export function treeFromJson(value: unknown, locations: Map<string, NodeLocation>, pointer = ''): SNode {
  const range = locations.get(pointer)?.value ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
  if (Array.isArray(value))
    return { type: 'seq', items: value.map((v, i) => treeFromJson(v, locations, joinPointer(pointer, i))), range };
  if (value !== null && typeof value === 'object') {
    const entries: SEntry[] = [];
    for (const [key, v] of Object.entries(value)) {
      const p = joinPointer(pointer, key);
      entries.push({ key, keyRange: locations.get(p)?.key ?? range, value: treeFromJson(v, locations, p) });
    }
    return { type: 'map', entries, range };
  }
  return { type: 'scalar', value: value as string | number | boolean | null, range };
}

export type TreeResult =
  | { ok: true; root: SNode }
  | { ok: false; message: string; range: Range; messageId?: 'tooDeep' };

export function parseJsonTree(text: string): TreeResult {
  const parsed = parsePolicyText(text);
  if (!parsed.ok) return { ok: false, message: parsed.error.message, range: parsed.error.range };
  return { ok: true, root: treeFromJson(parsed.value, parsed.locations) };
}

// ---------------------------------------------------------------------------------------------
// YAML

/** Node types CloudFormation's short-form intrinsics are written with; listed so `yaml` does not warn. */
const INTRINSIC_TAGS = [
  'Ref',
  'Sub',
  'GetAtt',
  'Join',
  'If',
  'Select',
  'Split',
  'ImportValue',
  'FindInMap',
  'GetAZs',
  'Base64',
  'Cidr',
  'Equals',
  'And',
  'Or',
  'Not',
  'Condition',
  'Transform',
  'ToJsonString',
  'Length',
];

/**
 * Parses YAML text (YAML 1.2 core schema, as CloudFormation reads `2012-10-17` as a string)
 * into the tree, keeping each node's tag (`!Sub`) and source range. Never throws.
 */
export function parseYamlTree(text: string): TreeResult {
  const lineCounter = new LineCounter();
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = base ? text.slice(1) : text;
  let at: Positions = { lc: lineCounter, base };
  // Refused before the parser recurses into it (yaml-depth.ts): pathological nesting.
  const deep = checkYamlDepth(body);
  if (deep)
    return {
      ok: false,
      messageId: 'tooDeep',
      message: `Invalid YAML: ${deep.message}`,
      range: {
        line: deep.line,
        column: deep.column,
        endLine: deep.line,
        endColumn: deep.column + deep.length,
        offset: deep.offset + base,
        endOffset: deep.offset + deep.length + base,
      },
    };
  let doc: ReturnType<typeof parseDocument>;
  // `yaml` makes an Error object for every problem it finds and only the first is read here. With
  // V8's stack capture each cost about 15 microseconds, so a 1 MB file of stray `]` (a million
  // errors) took 15 CPU seconds; without it, about a quarter. V8 only; restored at once.
  const errorClass = Error as { stackTraceLimit?: number };
  const stackTraceLimit = errorClass.stackTraceLimit;
  if (typeof stackTraceLimit === 'number') errorClass.stackTraceLimit = 0;
  try {
    doc = parseYaml(body, lineCounter);
  } catch (e) {
    return {
      ok: false,
      message: `Invalid YAML: ${String((e as Error).message).split('\n')[0]}`,
      range: rangeOf(at, 0, 1),
    };
  } finally {
    if (typeof stackTraceLimit === 'number') errorClass.stackTraceLimit = stackTraceLimit;
  }
  let err = doc.errors[0];
  if (err?.code === 'BAD_INDENT') {
    // A flow collection indented as PyYAML and CloudFormation accept it: read the padded text,
    // with positions mapped back to the file as written.
    const padded = indentFlowCollections(body);
    if (padded) {
      const lc = new LineCounter();
      try {
        const again = parseYaml(padded.text, lc);
        if (again.errors.length === 0) {
          doc = again;
          err = undefined;
          at = { lc, base, pads: padPrefix(padded.pads, padded.text) };
        }
      } catch {
        // keep the first error
      }
    }
  }
  if (err) {
    const [start, end] = err.pos;
    return {
      ok: false,
      message: `Invalid YAML: ${yamlMessage(err.message)}`,
      range: rangeOf(at, start, Math.max(end, start + 1)),
    };
  }
  if (doc.contents === null)
    return {
      ok: false,
      message: 'The file is empty: expected a template or a policy document',
      range: rangeOf(at, 0, 0),
    };
  try {
    return { ok: true, root: convert(doc.contents as YamlNode, at, 0) };
  } catch (e) {
    if (e instanceof YamlShapeError)
      return e.message === TOO_DEEP_MESSAGE
        ? { ok: false, messageId: 'tooDeep', message: `Invalid YAML: ${e.message}`, range: e.range }
        : { ok: false, message: `Invalid YAML: ${e.message}`, range: e.range };
    throw e;
  }
}

function parseYaml(body: string, lineCounter: LineCounter): ReturnType<typeof parseDocument> {
  return parseDocument(body, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    // Tags stay on the nodes; the resolver reads them. Declaring them keeps `yaml` quiet.
    customTags: (tags) => [
      ...tags,
      ...INTRINSIC_TAGS.flatMap((name) => (['scalar', 'seq', 'map'] as const).map((kind) => tagFor(name, kind))),
    ],
  });
}

/** How offsets of the parsed text map to the file: a byte order mark, and lines padded by indentFlowCollections. */
interface Positions {
  lc: LineCounter;
  base: number;
  pads?: { byLine: Map<number, number>; before: number[] };
}

/** For each 1-based line of the padded text, the spaces added on the lines before it. */
function padPrefix(pads: Map<number, number>, padded: string): NonNullable<Positions['pads']> {
  const lines = padded.split('\n').length;
  const before: number[] = [0, 0];
  const byLine = new Map<number, number>();
  for (let n = 0; n < lines; n++) {
    const add = pads.get(n) ?? 0;
    if (add) byLine.set(n + 1, add);
    before.push(before[n + 1]! + add);
  }
  return { byLine, before };
}

class YamlShapeError extends Error {
  constructor(
    message: string,
    readonly range: Range,
  ) {
    super(message);
  }
}

function yamlMessage(m: string): string {
  return m
    .split('\n')[0]!
    .replace(/\s*at line \d+, column \d+:?$/, '')
    .replace(/\.$/, '');
}

type TagKind = 'scalar' | 'seq' | 'map';
function tagFor(name: string, kind: TagKind) {
  const tag = `!${name}`;
  // `resolve` returns the node untouched: its `tag` stays set for the resolver.
  if (kind === 'scalar') return { tag, resolve: (s: string) => s };
  return { tag, collection: kind, resolve: (c: unknown) => c } as never;
}

function rangeOf(at: Positions, start: number, end: number): Range {
  const s = at.lc.linePos(start);
  const e = at.lc.linePos(end);
  if (!at.pads)
    return {
      line: s.line,
      column: s.col,
      endLine: e.line,
      endColumn: e.col,
      offset: start + at.base,
      endOffset: end + at.base,
    };
  const { byLine, before } = at.pads;
  const back = (p: { line: number; col: number }, offset: number) => {
    const add = byLine.get(p.line) ?? 0;
    const inPad = Math.min(add, p.col - 1);
    return { col: p.col - inPad, offset: offset - (before[p.line] ?? 0) - inPad + at.base };
  };
  const bs = back(s, start);
  const be = back(e, end);
  return { line: s.line, column: bs.col, endLine: e.line, endColumn: be.col, offset: bs.offset, endOffset: be.offset };
}

function convert(node: YamlNode, at: Positions, depth: number): SNode {
  const r = node.range ?? [0, 0, 0];
  const range = rangeOf(at, r[0], r[1]);
  if (depth > YAML_MAX_DEPTH) throw new YamlShapeError(TOO_DEEP_MESSAGE, range);
  const tag = node.tag?.startsWith('!') && !node.tag.startsWith('!!') ? node.tag : undefined;
  if (isAlias(node)) throw new YamlShapeError('aliases (*name) are not supported in templates', range);
  if (isMap(node)) {
    const entries: SEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as YamlNode | null;
      const kr = k?.range ?? r;
      const keyRange = rangeOf(at, kr[0], kr[1]);
      const key = k && isScalar(k) ? String(k.value) : '';
      const v = pair.value as YamlNode | null;
      const value: SNode = v
        ? convert(v, at, depth + 1)
        : { type: 'scalar', value: null, range: { ...keyRange, line: keyRange.endLine, column: keyRange.endColumn } };
      entries.push({ key, keyRange, value });
    }
    return tag ? { type: 'map', tag, entries, range } : { type: 'map', entries, range };
  }
  if (isSeq(node)) {
    const items = node.items.map((i) =>
      i ? convert(i as YamlNode, at, depth + 1) : ({ type: 'scalar', value: null, range } as SNode),
    );
    return tag ? { type: 'seq', tag, items, range } : { type: 'seq', items, range };
  }
  if (isScalar(node)) {
    let value = node.value as unknown;
    if (value instanceof Date) value = String((node as { source?: string }).source ?? value.toISOString());
    if (typeof value === 'bigint') value = Number(value);
    if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      value = String(value);
    return tag
      ? { type: 'scalar', tag, value: value as string, range }
      : { type: 'scalar', value: value as string | number | boolean | null, range };
  }
  return { type: 'scalar', value: null, range };
}
