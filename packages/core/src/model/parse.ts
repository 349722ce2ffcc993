import { parse as parseJsonAst } from '@humanwhocodes/momoa';
import { visit } from 'jsonc-parser';
import { escapeSegment } from '../util/pointer.js';
import { LineIndex } from '../util/lines.js';
import { table } from '../util/table.js';
import { NodeLocator } from './locate.js';

export type { Range, NodeLocation } from '../types.js';
import type { NodeLocation, Range } from '../types.js';

export interface DuplicateKey {
  /** Pointer of the member that repeats an earlier key (the one JSON.parse keeps). */
  pointer: string;
  key: string;
  firstLine: number;
}

export type ParseResult =
  | { ok: true; value: unknown; locations: Map<string, NodeLocation>; duplicates: DuplicateKey[] }
  | { ok: false; error: ParseError };

export interface ParseError {
  messageId: 'empty' | 'syntax' | 'tooDeep';
  message: string;
  range: Range;
}

const TOKEN_NAMES: Readonly<Record<string, string>> = table({
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
});

/**
 * A parsed document whose source positions are computed only when asked for. The value comes
 * from the engine's native JSON.parse (fast and exactly as strict as JSON); the position index is
 * built on first use with jsonc-parser, so documents without findings never pay for it.
 */
export class ParsedDocument {
  private index: SourceIndex | undefined;

  constructor(
    readonly value: unknown,
    /** The text without its byte order mark. */
    private readonly text: string,
    /** 1 when the original text started with a byte order mark (offsets count it). */
    private readonly offsetBase: number,
  ) {}

  private locator: NodeLocator | undefined;
  private unique: boolean | undefined;

  /**
   * The node at a JSON pointer, if the document has it. Found on demand (model/locate.ts) unless
   * the document repeats a key or the full index is built already: the full index then answers.
   */
  lookup(pointer: string): NodeLocation | undefined {
    if (!this.index && this.uniqueKeys()) {
      this.locator ??= new NodeLocator(this.text, this.offsetBase);
      return this.locator.lookup(pointer);
    }
    return this.sourceIndex().locations.get(pointer);
  }

  /** Duplicate keys: JSON.parse (like IAM) keeps only the last of them. */
  duplicates(): DuplicateKey[] {
    if (this.uniqueKeys()) return [];
    return this.sourceIndex().duplicates;
  }

  /**
   * No object repeats a key. Exact screen without a second parse: every member of the text has
   * exactly one colon outside strings; JSON.parse drops repeated keys, so fewer members in the
   * value means duplicates.
   */
  private uniqueKeys(): boolean {
    this.unique ??= countColonsOutsideStrings(this.text) === countMembers(this.value);
    return this.unique;
  }

  /** Every node's location and every duplicate key (built once, on first use). */
  sourceIndex(): SourceIndex {
    this.index ??= buildIndex(this.text, this.offsetBase);
    return this.index;
  }
}

/** Parses JSON text. A leading UTF-8 byte order mark is ignored. Never throws. */
export function parseDocument(text: string): { ok: true; doc: ParsedDocument } | { ok: false; error: ParseError } {
  let offsetBase = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    offsetBase = 1;
  }
  if (text.trim() === '') {
    return {
      ok: false,
      error: {
        messageId: 'empty',
        message: 'The file is empty: expected a JSON policy document',
        range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
      },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, error: tooDeep() };
    return { ok: false, error: describeSyntaxError(text) };
  }
  return { ok: true, doc: new ParsedDocument(value, text, offsetBase) };
}

/**
 * Parses JSON text into a plain value plus the source range of every node, keyed by JSON pointer,
 * and the duplicate keys. A leading UTF-8 byte order mark is ignored. Never throws.
 */
export function parsePolicyText(text: string): ParseResult {
  const r = parseDocument(text);
  if (!r.ok) return r;
  const { locations, duplicates } = r.doc.sourceIndex();
  return { ok: true, value: r.doc.value, locations, duplicates };
}

/** Colons outside string literals, in one pass (a regular expression over a long string overflows the stack). */
function countColonsOutsideStrings(text: string): number {
  let n = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x3a) n++;
  }
  return n;
}

function countMembers(value: unknown): number {
  // Iterative: a document may nest deeper than the call stack allows.
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        n++;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return n;
}

export interface SourceIndex {
  locations: Map<string, NodeLocation>;
  duplicates: DuplicateKey[];
}

interface Frame {
  kind: 'object' | 'array';
  pointer: string;
  start: number;
  startLine: number;
  startColumn: number;
  /** Arrays: the index of the next element. */
  next: number;
  /** Objects: the key of the member being read, and the keys seen with their lines. */
  key?: string;
  keys?: Map<string, number>;
}

/** Builds the pointer -> location index with jsonc-parser's scanner (text already valid JSON). */
function buildIndex(text: string, offsetBase: number): SourceIndex {
  const locations = new Map<string, NodeLocation>();
  const duplicates: DuplicateKey[] = [];
  const lines = new LineIndex(text);
  const stack: Frame[] = [];
  const endOf = (offset: number): { line: number; column: number } => lines.position(offset);
  const range = (offset: number, length: number, startLine: number, startCharacter: number): Range => {
    const end = endOf(offset + length);
    return {
      line: startLine + 1,
      column: startCharacter + 1,
      endLine: end.line,
      endColumn: end.column,
      offset: offset + offsetBase,
      endOffset: offset + length + offsetBase,
    };
  };
  /** The pointer of the value that starts now, in the innermost container. */
  const slot = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.kind === 'array') return top.pointer + '/' + top.next;
    return top.pointer + '/' + escapeSegment(top.key ?? '');
  };
  /** A value ended: arrays move to their next element. */
  const ended = () => {
    const top = stack[stack.length - 1];
    if (top?.kind === 'array') top.next++;
  };
  const setValue = (pointer: string, value: Range) => {
    const existing = locations.get(pointer);
    if (existing) existing.value = value;
    else locations.set(pointer, { value });
  };
  try {
    visit(
      text,
      {
        onObjectBegin(offset, _length, startLine, startCharacter) {
          stack.push({
            kind: 'object',
            pointer: slot(),
            start: offset,
            startLine,
            startColumn: startCharacter,
            next: 0,
            keys: new Map(),
          });
        },
        onObjectEnd(offset, length) {
          const f = stack.pop()!;
          setValue(f.pointer, range(f.start, offset + length - f.start, f.startLine, f.startColumn));
          ended();
        },
        onArrayBegin(offset, _length, startLine, startCharacter) {
          stack.push({
            kind: 'array',
            pointer: slot(),
            start: offset,
            startLine,
            startColumn: startCharacter,
            next: 0,
          });
        },
        onArrayEnd(offset, length) {
          const f = stack.pop()!;
          setValue(f.pointer, range(f.start, offset + length - f.start, f.startLine, f.startColumn));
          ended();
        },
        onObjectProperty(property, offset, length, startLine, startCharacter) {
          const top = stack[stack.length - 1]!;
          top.key = property;
          const pointer = top.pointer + '/' + escapeSegment(property);
          const first = top.keys!.get(property);
          if (first !== undefined) duplicates.push({ pointer, key: property, firstLine: first });
          top.keys!.set(property, startLine + 1);
          // Like JSON.parse, the last duplicate wins: its key replaces the earlier one's.
          const key = range(offset, length, startLine, startCharacter);
          const existing = locations.get(pointer);
          if (existing) existing.key = key;
          else locations.set(pointer, { key, value: key });
        },
        onLiteralValue(_value, offset, length, startLine, startCharacter) {
          setValue(slot(), range(offset, length, startLine, startCharacter));
          ended();
        },
      },
      { disallowComments: true, allowTrailingComma: false },
    );
  } catch {
    // Pathological nesting can exhaust the scanner's stack: positions then fall back to the start.
  }
  return { locations, duplicates };
}

function tooDeep(): ParseError {
  return {
    messageId: 'tooDeep',
    message: 'The document nests too deeply to be an IAM policy',
    range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
  };
}

/** The precise position and wording of a syntax error (cold path: JSON.parse already failed). */
function describeSyntaxError(text: string): ParseError {
  try {
    parseJsonAst(text, { mode: 'json', ranges: false, tokens: false });
  } catch (e) {
    return syntaxError(e, text);
  }
  // The AST parser accepted what JSON.parse rejected: raw control characters inside strings.
  return strictCheck(text) ?? syntaxError(new Error('Invalid JSON'), text);
}

function strictCheck(text: string): ParseError | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    const offset = m ? Number(m[1]) : 0;
    const { line, column } = offsetToLineColumn(text, offset);
    const code = text.charCodeAt(offset);
    const what =
      code < 0x20
        ? `control character U+${code.toString(16).toUpperCase().padStart(4, '0')} inside a string (escape it)`
        : 'character';
    return {
      messageId: 'syntax',
      message: `Invalid JSON: unexpected ${what}`,
      range: { line, column, endLine: line, endColumn: column + 1 },
    };
  }
}

/** 1-based line and column of a UTF-16 offset; CRLF, CR and LF each end a line. */
export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  return new LineIndex(text).position(offset);
}

function syntaxError(e: unknown, text: string): { messageId: 'syntax' | 'tooDeep'; message: string; range: Range } {
  if (e instanceof RangeError) {
    // The parser recursed too deep (pathological nesting): report at the start.
    return {
      messageId: 'tooDeep',
      message: `The document nests too deeply to be an IAM policy`,
      range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
    };
  }
  const err = e as { message?: string; line?: number; column?: number };
  let line = typeof err.line === 'number' ? err.line : 1;
  let column = typeof err.column === 'number' ? err.column : 1;
  let msg = String(err.message ?? 'invalid JSON').replace(/\s*\(\d+:\d+\)\s*$/, '');
  msg = msg.replace(/^Unexpected token (\w+) found\.?$/, (_, t: string) => `Unexpected ${TOKEN_NAMES[t] ?? t}`);
  msg = msg.replace(/^Unexpected end of input found\.?$/, 'Unexpected end of input');
  msg = msg.replace(
    /^Unexpected character '(.*)' found\.?$/s,
    (_, c: string) => `Unexpected character ${describeChar(c)}`,
  );
  msg = msg.replace(
    /^Unexpected identifier '(.*)' found\.?$/s,
    (_, c: string) => `Unexpected word "${c}" (strings need double quotes; literals are true, false and null)`,
  );
  msg = msg.replace(/\.$/, '');
  // The AST parser sometimes blames the last token for an early end of input; the engine's own
  // JSON parser words those cases precisely and gives the offset.
  const v8 = engineMessage(text);
  if (v8 && !/^Unexpected (word|character)/.test(msg)) {
    const at = /^(.*?)(?: in JSON)? at position (\d+)/s.exec(v8);
    if (at) {
      ({ line, column } = offsetToLineColumn(text, Number(at[2])));
      msg = at[1]!;
    } else if (/end of JSON input/.test(v8)) {
      ({ line, column } = offsetToLineColumn(text, text.length));
      msg = 'Unexpected end of input (an object, array or string is not closed)';
    }
  }
  // Never point past the text: clamp to the end of the reported line, or of the text.
  const lines = text.split(/\r\n|\r|\n/);
  if (line > lines.length) ({ line, column } = { line: lines.length, column: lines[lines.length - 1]!.length + 1 });
  const lineLength = lines[line - 1]!.length;
  column = Math.min(Math.max(column, 1), lineLength + 1);
  // One character wide, or empty at the very end of the text (an early end of input).
  const endColumn = line === lines.length && column > lineLength ? column : column + 1;
  return { messageId: 'syntax', message: `Invalid JSON: ${msg}`, range: { line, column, endLine: line, endColumn } };
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
