/**
 * Text edits that insert a member into a JSON object of the original text, in the file's own
 * style: its line endings, its indentation unit, the object's indentation and its spacing around
 * colons. Only for objects written in JSON syntax (`{ ... }`); anything else yields no edit.
 */
import { splitPointer } from '../util/pointer.js';

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at `pointer` inside `doc`, or undefined. */
export function valueAt(doc: unknown, pointer: string): unknown {
  let v: unknown = doc;
  for (const seg of splitPointer(pointer)) {
    if (Array.isArray(v)) v = /^(0|[1-9]\d*)$/.test(seg) ? v[Number(seg)] : undefined;
    else if (isPlainObject(v)) v = Object.prototype.hasOwnProperty.call(v, seg) ? v[seg] : undefined;
    else return undefined;
  }
  return v;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function lineStartOf(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The whitespace before `at` on its line, or undefined when something else precedes it there. */
function indentBefore(text: string, at: number): string | undefined {
  const start = lineStartOf(text, at);
  const indent = text.slice(start, at);
  return /^[ \t]*$/.test(indent) ? indent : undefined;
}

/** The leading whitespace of the line `at` is on. */
function lineIndent(text: string, at: number): string {
  const start = lineStartOf(text, at);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** The file's indentation unit: the indentation of its first indented line, else two spaces. */
function indentUnit(text: string): string {
  const m = /(?:\r\n|\r|\n)([ \t]+)\S/.exec(text);
  if (!m) return '  ';
  return m[1]!.startsWith('\t') ? '\t' : m[1]!;
}

interface Style {
  eol: string;
  unit: string;
  /** Between a key and its value, e.g. `: ` or `:`. */
  colon: string;
  multiline: boolean;
}

function render(value: unknown, indent: string, style: Style): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (!style.multiline)
      return `[${value.map((v) => render(v, indent, style)).join(style.colon.endsWith(' ') ? ', ' : ',')}]`;
    const inner = indent + style.unit;
    return `[${style.eol}${value.map((v) => inner + render(v, inner, style)).join(`,${style.eol}`)}${style.eol}${indent}]`;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    if (!style.multiline) {
      return `{${keys.map((k) => JSON.stringify(k) + style.colon + render(value[k], indent, style)).join(style.colon.endsWith(' ') ? ', ' : ',')}}`;
    }
    const inner = indent + style.unit;
    const members = keys.map((k) => inner + JSON.stringify(k) + style.colon + render(value[k], inner, style));
    return `{${style.eol}${members.join(`,${style.eol}`)}${style.eol}${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The edit that adds member `key: value` at the end of the object whose text spans
 * [start, end) of `text`; `object` is its parsed value. Undefined when the object already has
 * the key or the span is not a JSON object.
 */
export function insertMemberEdit(
  text: string,
  start: number,
  end: number,
  object: unknown,
  key: string,
  value: unknown,
): TextEdit | undefined {
  if (!isPlainObject(object) || Object.prototype.hasOwnProperty.call(object, key)) return undefined;
  if (text[start] !== '{' || text[end - 1] !== '}') return undefined;
  const eol = /\r\n/.test(text) ? '\r\n' : /\r/.test(text) && !/\n/.test(text) ? '\r' : '\n';
  const close = end - 1;
  let last = close - 1;
  while (last > start && isSpace(text[last])) last--;
  const multilineFile = /[\r\n]/.test(text);

  if (last === start) {
    // An empty object: write it anew with the one member, indented one unit deeper than its line.
    const outer = lineIndent(text, start);
    const style: Style = { eol, unit: indentUnit(text), colon: ': ', multiline: multilineFile };
    return { start, end, text: render({ [key]: value }, outer, style) };
  }

  // The first member's key: its indentation and the spacing around its colon set the style.
  let first = start + 1;
  while (first < close && isSpace(text[first])) first++;
  const keyMatch = /^"(?:[^"\\]|\\.)*"([ \t]*):([ \t]*)/.exec(text.slice(first, close));
  const colon = keyMatch ? `${keyMatch[1]}:${keyMatch[2]}` : ': ';
  const multiline = /[\r\n]/.test(text.slice(start, close));
  if (!multiline) {
    const style: Style = { eol, unit: '', colon, multiline: false };
    const sep = keyMatch && keyMatch[2] !== '' ? ', ' : ',';
    return {
      start: last + 1,
      end: last + 1,
      text: `,${sep === ', ' ? ' ' : ''}${JSON.stringify(key)}${colon}${render(value, '', style)}`,
    };
  }
  const memberIndent = indentBefore(text, first) ?? lineIndent(text, start) + indentUnit(text);
  const closeIndent = indentBefore(text, close) ?? lineIndent(text, start);
  const unit =
    memberIndent.length > closeIndent.length && memberIndent.startsWith(closeIndent)
      ? memberIndent.slice(closeIndent.length)
      : indentUnit(text);
  const style: Style = { eol, unit, colon, multiline: true };
  return {
    start: last + 1,
    end: last + 1,
    text: `,${eol}${memberIndent}${JSON.stringify(key)}${colon}${render(value, memberIndent, style)}`,
  };
}
