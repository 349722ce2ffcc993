/**
 * YAML 1.2 requires the lines of a flow collection (`[...]`, `{...}`) that spans lines to be
 * indented past the block that holds it; PyYAML, and CloudFormation's template parser with it,
 * do not, so deployed templates close a list at the key's own indentation:
 *
 * ```yaml
 *     Resource: [
 *     !Sub "arn:${AWS::Partition}:rds:...",
 *     ]
 * ```
 *
 * `yaml` rejects that (BAD_INDENT). `indentFlowCollections` pads such lines with spaces until
 * they are indented past the key, which changes no value (indentation inside a flow collection
 * carries no meaning), and returns how many spaces each line got, so that positions map back to
 * the file as written.
 */

export interface Reindented {
  text: string;
  /** Spaces added at the start of each padded line, by 0-based line index. */
  pads: Map<number, number>;
}

/** Where a flow collection starts on a block-context line, and the indentation its lines need. */
function flowStart(line: string): { at: number; need: number } | undefined {
  let i = 0;
  while (line[i] === ' ') i++;
  // Sequence entries: `- - key: [`
  while (line[i] === '-' && line[i + 1] === ' ') {
    i += 2;
    while (line[i] === ' ') i++;
  }
  const keyCol = i;
  const rest = line.slice(i);
  // A mapping key (plain or quoted), then the value.
  const key = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{},][^:#]*?):(?:\s+|$)/.exec(rest);
  let j = key ? i + key[0].length : i;
  // An optional tag (`!Sub`, `!If`).
  const tag = /^![A-Za-z:]+\s+/.exec(line.slice(j));
  if (tag) j += tag[0].length;
  const c = line[j];
  if (c !== '[' && c !== '{') return undefined;
  return { at: j, need: keyCol + 1 };
}

/** Does a block-context line open a block scalar (`key: |`, `- >-`)? */
function opensBlockScalar(line: string): boolean {
  return /(?:^|:\s|-\s)\s*[|>][-+0-9]*\s*(?:#.*)?$/.test(line);
}

interface FlowState {
  depth: number;
  quote: '"' | "'" | undefined;
}

/** Scans `line` from `from` in flow context, updating the state; stops when the collection closes. */
function scanFlow(line: string, from: number, st: FlowState): void {
  // The last character before `i` that is not a space: a quote opens a scalar only after one of `[{,:`.
  let prev = from > 0 ? line.slice(0, from).trimEnd().slice(-1) : '';
  for (let i = from; i < line.length; i++) {
    const c = line[i]!;
    if (st.quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') st.quote = undefined;
      prev = c;
      continue;
    }
    if (st.quote === "'") {
      if (c === "'" && line[i + 1] === "'") i++;
      else if (c === "'") st.quote = undefined;
      prev = c;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return;
    if (c === '"' || c === "'") {
      if (prev === '' || '[{,:'.includes(prev)) st.quote = c;
    } else if (c === '[' || c === '{') st.depth++;
    else if (c === ']' || c === '}') {
      st.depth--;
      if (st.depth === 0) return;
    }
    if (c !== ' ' && c !== '\t') prev = c;
  }
}

/** The text with under-indented flow-collection lines padded, or undefined when none is. */
export function indentFlowCollections(text: string): Reindented | undefined {
  const lines = text.split('\n');
  const pads = new Map<number, number>();
  const st: FlowState = { depth: 0, quote: undefined };
  let need = 0;
  let blockScalar = -1;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const indent = line.length - line.trimStart().length;
    if (st.depth > 0) {
      if (line.trim() !== '' && indent < need) {
        pads.set(n, need - indent);
        lines[n] = ' '.repeat(need - indent) + line;
      }
      scanFlow(line, 0, st);
      if (st.depth === 0) st.quote = undefined;
      continue;
    }
    if (blockScalar >= 0) {
      if (line.trim() === '' || indent > blockScalar) continue;
      blockScalar = -1;
    }
    if (/^\s*#/.test(line)) continue;
    if (opensBlockScalar(line)) {
      blockScalar = indent;
      continue;
    }
    const start = flowStart(line);
    if (!start) continue;
    scanFlow(line, start.at, st);
    if (st.depth > 0) need = start.need;
    else st.quote = undefined;
  }
  return pads.size > 0 ? { text: lines.join('\n'), pads } : undefined;
}
