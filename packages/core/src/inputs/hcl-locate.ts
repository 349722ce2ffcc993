/**
 * Finds where blocks and attributes sit in Terraform source. It does not read values (the HCL
 * parser does that): it only skips strings, heredocs, comments and brackets well enough to know
 * where each block's body and each attribute's expression starts and ends, so that findings
 * point at the user's own lines.
 */
export interface HclAttribute {
  name: string;
  nameStart: number;
  valueStart: number;
  valueEnd: number;
}

export interface HclBlock {
  type: string;
  labels: string[];
  start: number;
  bodyStart: number;
  bodyEnd: number;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;

/** Skips a quoted template string starting at its opening quote; returns the offset after it. */
export function skipString(text: string, i: number): number {
  i++;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if ((c === '$' || c === '%') && text[i + 1] === '{' && text[i - 1] !== c) i = skipBrackets(text, i + 1);
    else if (c === '\n')
      return i; // unterminated: stop at the line end
    else i++;
  }
  return i;
}

function skipHeredoc(text: string, i: number): number | undefined {
  const m = /<<-?([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/y;
  m.lastIndex = i;
  const h = m.exec(text);
  if (!h) return undefined;
  const marker = h[1]!;
  let pos = m.lastIndex;
  while (pos < text.length) {
    const eol = text.indexOf('\n', pos);
    const line = text.slice(pos, eol < 0 ? text.length : eol).replace(/\r$/, '');
    if (line.trim() === marker) return eol < 0 ? text.length : eol;
    if (eol < 0) return text.length;
    pos = eol + 1;
  }
  return text.length;
}

function skipComment(text: string, i: number): number | undefined {
  if (text[i] === '#' || (text[i] === '/' && text[i + 1] === '/')) {
    const eol = text.indexOf('\n', i);
    return eol < 0 ? text.length : eol;
  }
  if (text[i] === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  return undefined;
}

/** Skips a bracketed expression starting at its opening bracket; returns the offset after it. */
function skipBrackets(text: string, i: number): number {
  let depth = 0;
  while (i < text.length) {
    const c = text[i]!;
    const comment = skipComment(text, i);
    if (comment !== undefined) {
      i = comment;
      continue;
    }
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const h = skipHeredoc(text, i);
      if (h !== undefined) {
        i = h;
        continue;
      }
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return i;
}

/** The end of the expression starting at `i`: the end of its line outside brackets and strings. */
function skipExpression(text: string, i: number, end: number): number {
  let last = i;
  while (i < end) {
    const c = text[i]!;
    if (c === '\n') break;
    const comment = skipComment(text, i);
    if (comment !== undefined) {
      i = comment;
      continue;
    }
    if (c === '"') i = skipString(text, i);
    else if (c === '{' || c === '[' || c === '(') i = skipBrackets(text, i);
    else if (c === '<' && text[i + 1] === '<' && skipHeredoc(text, i) !== undefined) i = skipHeredoc(text, i)!;
    else i++;
    if (!/\s/.test(c)) last = i;
  }
  return Math.min(last, end);
}

/** Attributes and nested blocks of the body between `start` and `end` (offsets in `text`). */
export function scanBody(text: string, start: number, end: number): { attributes: HclAttribute[]; blocks: HclBlock[] } {
  const attributes: HclAttribute[] = [];
  const blocks: HclBlock[] = [];
  let i = start;
  while (i < end) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const comment = skipComment(text, i);
    if (comment !== undefined) {
      i = comment;
      continue;
    }
    IDENT.lastIndex = i;
    const id = IDENT.exec(text);
    if (!id) {
      i = skipExpression(text, i, end) + 1;
      continue;
    }
    const nameStart = i;
    let j = IDENT.lastIndex;
    while (j < end && /[ \t]/.test(text[j]!)) j++;
    if (text[j] === '=' && text[j + 1] !== '=') {
      let v = j + 1;
      while (v < end && /[ \t]/.test(text[v]!)) v++;
      const valueEnd = skipExpression(text, v, end);
      attributes.push({ name: id[0], nameStart, valueStart: v, valueEnd });
      i = valueEnd;
      continue;
    }
    const labels: string[] = [];
    while (j < end && text[j] !== '{' && text[j] !== '\n') {
      if (text[j] === '"') {
        const e = skipString(text, j);
        labels.push(text.slice(j + 1, e - 1));
        j = e;
      } else if (/\s/.test(text[j]!)) j++;
      else {
        IDENT.lastIndex = j;
        const l = IDENT.exec(text);
        if (!l) break;
        labels.push(l[0]);
        j = IDENT.lastIndex;
      }
    }
    if (text[j] === '{') {
      const close = skipBrackets(text, j);
      blocks.push({ type: id[0], labels, start: nameStart, bodyStart: j + 1, bodyEnd: close - 1 });
      i = close;
      continue;
    }
    i = skipExpression(text, i, end) + 1;
  }
  return { attributes, blocks };
}
