import type { NodeLocation } from '../model/parse.js';
import type { PolicyType } from '../types.js';
import { joinPointer } from '../util/pointer.js';
import { embeddedDocument, isProblem, looksUrlEncoded } from './embedded.js';
import type { LineIndex } from '../util/lines.js';
import type { Extraction } from './types.js';

/** A parsed JSON host file: its value, source map and text. */
export interface JsonHost {
  text: string;
  value: unknown;
  locations: Map<string, NodeLocation>;
  lines: LineIndex;
}

/**
 * Adds the document at `pointer` of the host: an object in place (positions and fixes straight
 * from the host), or JSON text in a string (plain or percent-encoded), located inside the string.
 */
export function addDocumentAt(
  host: JsonHost,
  out: Extraction,
  pointer: string,
  value: unknown,
  label: string,
  kind: PolicyType,
): void {
  const loc = host.locations.get(pointer);
  if (!loc) return;
  if (typeof value === 'string') {
    if (value.trim() === '') return;
    const doc = embeddedDocument(host.lines, loc.value, label, kind, { urlEncoded: looksUrlEncoded(value) });
    if (isProblem(doc)) out.problems.push(doc);
    else out.documents.push(doc);
    return;
  }
  const lookup = (p: string) => host.locations.get(pointer + p);
  out.documents.push({ value, source: { lookup, text: host.text }, label, kind, range: loc.value });
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export { joinPointer };
