import { CST, Lexer } from 'yaml';

/**
 * The deepest nesting of YAML collections (block and flow together) that is handed to the `yaml`
 * parser. The parser and its composer recurse once or more per level: past about 1,000 levels
 * they overflow the stack at a point that depends on how deep the caller already is (so the
 * reported position changed from run to run), and near the limit V8 can abort the whole process
 * while compiling a regular expression ("RegExpCompiler Allocation failed"), which no `catch`
 * sees. A CloudFormation template nests about 10 levels; 256 is the bound `tree.ts` already
 * applied to the parsed document.
 */
export const YAML_MAX_DEPTH = 256;

export interface YamlDepthProblem {
  message: string;
  /** 1-based line and column of the token that went past the limit, and its offset in the text. */
  line: number;
  column: number;
  offset: number;
  length: number;
}

export const TOO_DEEP_MESSAGE = `the document nests more than ${YAML_MAX_DEPTH} levels deep (collections inside collections)`;

/**
 * Checks, before parsing, that YAML text nests no deeper than `limit`, with the `yaml` package's
 * lexer (one pass, no recursion). Counts an upper bound of the parser's depth: the open flow
 * collections (`[`, `{`) plus the block collections a line's indentation and its `- ` / `? `
 * indicators open. Quoted and block scalars and comments are single tokens, so brackets inside
 * them do not count.
 */
export function checkYamlDepth(text: string, limit = YAML_MAX_DEPTH): YamlDepthProblem | undefined {
  // The open block collections, innermost last, each as 2 * indent (+ 1 for a sequence): a
  // sequence written at its parent key's indent (`Key:` then `- item`) is a level of its own.
  const block: number[] = [];
  let flow = 0;
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  let indent = 0; // the parser's notion: spaces and indicators since the line began
  let atNewLine = true;
  let atScalar = false;
  let blockScalar = false; // after a `|` or `>` header: the next scalar is its body, not a node
  const tooDeep = (length: number): YamlDepthProblem => ({
    message: TOO_DEEP_MESSAGE,
    line,
    column: offset - lineStart + 1,
    offset,
    length: Math.max(1, length),
  });
  /** A node starts at `indent` in block context: close the deeper collections, open this one. */
  const blockNode = (seq: boolean): boolean => {
    const key = 2 * indent + (seq ? 1 : 0);
    while (block.length > 0 && block[block.length - 1]! > key) block.pop();
    if (block.length === 0 || block[block.length - 1]! < key) block.push(key);
    return block.length + flow > limit;
  };
  for (const source of new Lexer().lex(text)) {
    if (atScalar) {
      // The text of a scalar (plain, or a block scalar's body): it may span lines.
      atScalar = false;
      countLines(source);
      offset += source.length;
      continue;
    }
    const type = CST.tokenType(source);
    switch (type) {
      case 'scalar':
        if (atNewLine && flow === 0 && !blockScalar && blockNode(false)) return tooDeep(1);
        atNewLine = false;
        atScalar = true;
        blockScalar = false;
        break;
      case 'newline':
        atNewLine = true;
        indent = 0;
        break;
      case 'space':
        if (atNewLine && source[0] === ' ') indent += source.length;
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
        if (flow === 0 && blockNode(type === 'seq-item-ind')) return tooDeep(source.length);
        if (atNewLine) indent += source.length;
        blockScalar = false;
        break;
      case 'map-value-ind':
        if (atNewLine) indent += source.length;
        break;
      case 'flow-map-start':
      case 'flow-seq-start':
        if (atNewLine && flow === 0 && blockNode(false)) return tooDeep(1);
        flow += 1;
        atNewLine = false;
        if (block.length + flow > limit) return tooDeep(1);
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        if (flow > 0) flow -= 1;
        atNewLine = false;
        break;
      case 'doc-start':
        block.length = 0;
        flow = 0;
        atNewLine = false;
        break;
      case 'comment':
      case 'doc-mode':
      case 'flow-error-end':
      case 'byte-order-mark':
      case 'directive-line':
        break;
      default:
        // Quoted scalars, aliases, anchors, tags, block scalar headers, commas, `...`.
        if (atNewLine && flow === 0 && type !== 'comma' && type !== 'doc-end' && blockNode(false))
          return tooDeep(source.length);
        atNewLine = false;
        blockScalar = type === 'block-scalar-header';
        countLines(source);
    }
    // The lexer's markers for a document, a scalar and a flow error are not in the text.
    if (type === 'scalar' || type === 'doc-mode' || type === 'flow-error-end') continue;
    offset += source.length;
    if (type === 'newline' && source.length > 0) {
      line += 1;
      lineStart = offset;
    }
  }
  return undefined;

  /** Line breaks inside a multi-line token (quoted or plain scalar, block scalar body). */
  function countLines(source: string): void {
    let i = source.indexOf('\n');
    while (i !== -1) {
      line += 1;
      lineStart = offset + i + 1;
      i = source.indexOf('\n', i + 1);
    }
  }
}
