import { LineIndex } from '../util/lines.js';
import type { NodeLocation, Range } from '../types.js';

/**
 * Source positions of single nodes of valid JSON text, found on demand: a lookup walks from the
 * root along the pointer, scanning only the containers on the way (each once: their members'
 * offsets are kept). Linting asks for the few nodes that have findings, so this is much less work
 * than indexing every node of the document. The ranges are exactly those of the full index
 * (parse.ts `buildIndex`) for a document without duplicate keys; with duplicates, use that index.
 */
export class NodeLocator {
  private lines: LineIndex | undefined;
  /** The members of each container scanned so far, by the container's start offset. */
  private readonly members = new Map<number, Member[]>();
  private readonly found = new Map<string, NodeLocation | null>();
  private root: Member | undefined;

  constructor(
    private readonly text: string,
    /** Added to every offset (1 when the original text started with a byte order mark). */
    private readonly offsetBase: number,
  ) {}

  lookup(pointer: string): NodeLocation | undefined {
    let hit = this.found.get(pointer);
    if (hit === undefined) {
      hit = this.locate(pointer) ?? null;
      this.found.set(pointer, hit);
    }
    return hit ?? undefined;
  }

  private locate(pointer: string): NodeLocation | undefined {
    if (pointer !== '' && pointer.charCodeAt(0) !== 0x2f) return undefined;
    this.root ??= { key: undefined, keyStart: -1, keyEnd: -1, start: -1, end: -1 };
    if (this.root.start < 0) {
      const start = skipSpace(this.text, 0);
      this.root.start = start;
      this.root.end = skipValue(this.text, start);
    }
    let node = this.root;
    if (pointer !== '') {
      for (const raw of pointer.slice(1).split('/')) {
        const c = this.text.charCodeAt(node.start);
        let next: Member | undefined;
        if (c === 0x7b) {
          const name = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
          // Without duplicate keys (the caller's promise) at most one member has the name.
          next = this.membersOf(node.start).find((m) => m.key === name);
        } else if (c === 0x5b) {
          // The full index names elements by their decimal index only (no `01`, no `-`).
          if (!/^(0|[1-9]\d*)$/.test(raw)) return undefined;
          next = this.membersOf(node.start)[Number(raw)];
        }
        if (!next) return undefined;
        node = next;
      }
    }
    const value = this.range(node.start, node.end);
    return node.key === undefined ? { value } : { key: this.range(node.keyStart, node.keyEnd), value };
  }

  private range(start: number, end: number): Range {
    this.lines ??= new LineIndex(this.text);
    const s = this.lines.position(start);
    const e = this.lines.position(end);
    return {
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      offset: start + this.offsetBase,
      endOffset: end + this.offsetBase,
    };
  }

  /** The members (object) or elements (array) of the container that starts at `start`. */
  private membersOf(start: number): Member[] {
    let list = this.members.get(start);
    if (list) return list;
    list = [];
    const text = this.text;
    const isObject = text.charCodeAt(start) === 0x7b;
    let i = skipSpace(text, start + 1);
    const close = isObject ? 0x7d : 0x5d;
    while (i < text.length && text.charCodeAt(i) !== close) {
      let key: string | undefined;
      let keyStart = -1;
      let keyEnd = -1;
      if (isObject) {
        keyStart = i;
        keyEnd = skipString(text, i);
        const inner = text.slice(i + 1, keyEnd - 1);
        key = inner.includes('\\') ? (JSON.parse(text.slice(i, keyEnd)) as string) : inner;
        i = skipSpace(text, keyEnd) + 1; // the colon
        i = skipSpace(text, i);
      }
      const end = skipValue(text, i);
      list.push({ key, keyStart, keyEnd, start: i, end });
      i = skipSpace(text, end);
      if (text.charCodeAt(i) === 0x2c) i = skipSpace(text, i + 1);
    }
    this.members.set(start, list);
    return list;
  }
}

interface Member {
  /** The member's name (objects), undefined for array elements and the root. */
  key: string | undefined;
  keyStart: number;
  keyEnd: number;
  start: number;
  end: number;
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

/** The offset just past the string literal that starts at `i` (its opening quote). */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  return text.length;
}

/** The offset just past the value that starts at `i` (iterative: nesting depth costs no stack). */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return skipString(text, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === 0x22) j = skipString(text, j) - 1;
      else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  // A number, true, false or null: up to the next delimiter.
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
    j++;
  }
  return j;
}
