import { parse as parseJsonAst } from '@humanwhocodes/momoa';
import { joinPointer } from '../util/pointer.js';

/** A source range: 1-based line and column; the end is exclusive, as in ESLint. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** UTF-16 offsets into the text as given (a BOM counts), end exclusive; absent for synthetic ranges. */
  offset?: number;
  endOffset?: number;
}

/** Where a node sits in the text: its value, and its key when it is an object member. */
export interface NodeLocation {
  value: Range;
  key?: Range;
}

export interface DuplicateKey {
  /** Pointer of the member that repeats an earlier key (the one JSON.parse keeps). */
  pointer: string;
  key: string;
  firstLine: number;
}

export type ParseResult =
  | { ok: true; value: unknown; locations: Map<string, NodeLocation>; duplicates: DuplicateKey[] }
  | { ok: false; error: { messageId: 'empty' | 'syntax' | 'tooDeep'; message: string; range: Range } };

/** Documents nest at most a handful of levels; this bounds the recursion of our own walks. */
export const MAX_DEPTH = 256;

const TOKEN_NAMES: Record<string, string> = {
  LBrace: '"{"',
  RBrace: '"}"',
  LBracket: '"["',
  RBracket: '"]"',
  Colon: '":"',
  Comma: '","',
  String: 'a string',
  Number: 'a number',
  Boolean: 'a boolean',
  Null: 'null',
};

type AstNode = {
  type: string;
  loc: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } };
  value?: unknown;
  members?: Array<{ name: AstNode & { value: string }; value: AstNode }>;
  elements?: Array<{ value: AstNode }>;
  body?: AstNode;
};

/** Offsets shift by one when the text starts with a byte order mark (stripped before parsing). */
let offsetBase = 0;

function toRange(loc: AstNode['loc']): Range {
  return {
    line: loc.start.line,
    column: loc.start.column,
    endLine: loc.end.line,
    endColumn: loc.end.column,
    offset: loc.start.offset + offsetBase,
    endOffset: loc.end.offset + offsetBase,
  };
}

/**
 * Parses JSON text into a plain value plus the source range of every node, keyed by JSON pointer.
 * A leading UTF-8 byte order mark is ignored. Never throws.
 */
export function parsePolicyText(text: string): ParseResult {
  offsetBase = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    offsetBase = 1;
  }
  if (text.trim() === '') {
    return { ok: false, error: { messageId: 'empty', message: 'The file is empty: expected a JSON policy document', range: { line: 1, column: 1, endLine: 1, endColumn: 1 } } };
  }
  let ast: AstNode;
  try {
    ast = parseJsonAst(text, { mode: 'json', ranges: false, tokens: false }) as unknown as AstNode;
  } catch (e) {
    return { ok: false, error: syntaxError(e, text) };
  }
  const locations = new Map<string, NodeLocation>();
  const duplicates: DuplicateKey[] = [];
  try {
    const state = { multiLineString: false };
    const value = build(ast.body!, '', locations, duplicates, 0, state);
    // The AST parser tolerates raw control characters inside strings; JSON (and IAM) do not.
    if (state.multiLineString || CONTROL_CHAR.test(text)) {
      const strict = strictCheck(text);
      if (strict) return { ok: false, error: strict };
    }
    return { ok: true, value, locations, duplicates };
  } catch (e) {
    if (e instanceof TooDeep) {
      return { ok: false, error: { messageId: 'tooDeep', message: `The document nests deeper than ${MAX_DEPTH} levels; an IAM policy nests at most 6`, range: e.range } };
    }
    throw e;
  }
}

class TooDeep extends Error {
  constructor(readonly range: Range) {
    super('too deep');
  }
}

const CONTROL_CHAR = /[\u0000-\u0009\u000b\u000c\u000e-\u001f]/;

function strictCheck(text: string): { messageId: 'syntax'; message: string; range: Range } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    const offset = m ? Number(m[1]) : 0;
    const { line, column } = offsetToLineColumn(text, offset);
    const code = text.charCodeAt(offset);
    const what = code < 0x20 ? `control character U+${code.toString(16).toUpperCase().padStart(4, '0')} inside a string (escape it)` : 'character';
    return { messageId: 'syntax', message: `Invalid JSON: unexpected ${what}`, range: { line, column, endLine: line, endColumn: column + 1 } };
  }
}

/** 1-based line and column of a UTF-16 offset; CRLF, CR and LF each end a line. */
export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

function build(node: AstNode, pointer: string, locations: Map<string, NodeLocation>, duplicates: DuplicateKey[], depth: number, state: { multiLineString: boolean }): unknown {
  if (depth > MAX_DEPTH) throw new TooDeep(toRange(node.loc));
  switch (node.type) {
    case 'Object': {
      const obj: Record<string, unknown> = {};
      const seen = new Map<string, number>();
      for (const member of node.members ?? []) {
        const key = member.name.value;
        const childPointer = joinPointer(pointer, key);
        const first = seen.get(key);
        if (first !== undefined) duplicates.push({ pointer: childPointer, key, firstLine: first });
        seen.set(key, member.name.loc.start.line);
        // Like JSON.parse, the last duplicate wins; its location replaces the earlier one.
        locations.set(childPointer, { key: toRange(member.name.loc), value: toRange(member.value.loc) });
        const child = build(member.value, childPointer, locations, duplicates, depth + 1, state);
        // defineProperty: a "__proto__" key stays a plain own property (no prototype change).
        Object.defineProperty(obj, key, { value: child, enumerable: true, writable: true, configurable: true });
      }
      if (!locations.has(pointer)) locations.set(pointer, { value: toRange(node.loc) });
      return obj;
    }
    case 'Array': {
      const arr: unknown[] = [];
      const elements = node.elements ?? [];
      for (let i = 0; i < elements.length; i++) {
        const el = elements[i]!.value;
        const childPointer = joinPointer(pointer, i);
        locations.set(childPointer, { value: toRange(el.loc) });
        arr.push(build(el, childPointer, locations, duplicates, depth + 1, state));
      }
      if (!locations.has(pointer)) locations.set(pointer, { value: toRange(node.loc) });
      return arr;
    }
    case 'Null':
      if (!locations.has(pointer)) locations.set(pointer, { value: toRange(node.loc) });
      return null;
    default:
      if (node.type === 'String' && node.loc.start.line !== node.loc.end.line) state.multiLineString = true;
      if (!locations.has(pointer)) locations.set(pointer, { value: toRange(node.loc) });
      return node.value;
  }
}

function syntaxError(e: unknown, text: string): { messageId: 'syntax' | 'tooDeep'; message: string; range: Range } {
  if (e instanceof RangeError) {
    // The parser recursed too deep (pathological nesting): report at the start.
    return { messageId: 'tooDeep', message: `The document nests too deeply to be an IAM policy`, range: { line: 1, column: 1, endLine: 1, endColumn: 2 } };
  }
  const err = e as { message?: string; line?: number; column?: number };
  let line = typeof err.line === 'number' ? err.line : 1;
  let column = typeof err.column === 'number' ? err.column : 1;
  let msg = String(err.message ?? 'invalid JSON').replace(/\s*\(\d+:\d+\)\s*$/, '');
  msg = msg.replace(/^Unexpected token (\w+) found\.?$/, (_, t: string) => `Unexpected ${TOKEN_NAMES[t] ?? t}`);
  msg = msg.replace(/^Unexpected end of input found\.?$/, 'Unexpected end of input');
  msg = msg.replace(/^Unexpected character '(.*)' found\.?$/s, (_, c: string) => `Unexpected character ${describeChar(c)}`);
  msg = msg.replace(/^Unexpected identifier '(.*)' found\.?$/s, (_, c: string) => `Unexpected word "${c}" (strings need double quotes; literals are true, false and null)`);
  msg = msg.replace(/\.$/, '');
  // The AST parser sometimes blames the last token for an early end of input; the engine's own
  // JSON parser words those cases precisely and gives the offset.
  const v8 = engineMessage(text);
  if (v8 && !/^Unexpected (word|character)/.test(msg)) {
    const at = /^(.*?) in JSON at position (\d+)/s.exec(v8);
    if (at) {
      ({ line, column } = offsetToLineColumn(text, Number(at[2])));
      msg = at[1]!;
    } else if (/end of JSON input/.test(v8)) {
      ({ line, column } = offsetToLineColumn(text, text.length));
      msg = 'Unexpected end of input (an object, array or string is not closed)';
    }
  }
  return { messageId: 'syntax', message: `Invalid JSON: ${msg}`, range: { line, column, endLine: line, endColumn: column + 1 } };
}

function engineMessage(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return String((e as Error).message);
  }
}

function describeChar(c: string): string {
  if (c === "'") return `"'" (JSON strings need double quotes)`;
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${c}"`;
}
