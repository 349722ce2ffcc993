import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkYamlDepth, TOO_DEEP_MESSAGE, YAML_MAX_DEPTH } from '../src/inputs/yaml-depth.js';
import { parseYamlTree } from '../src/inputs/tree.js';

/** The smallest limit `checkYamlDepth` lets the text through with: its depth estimate. */
function depth(text: string): number {
  let limit = 1;
  while (checkYamlDepth(text, limit)) limit += 1;
  return limit;
}

const fixtures = join(import.meta.dirname, '../../../fixtures');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.(ya?ml|template)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('checkYamlDepth: the nesting bound applied before the yaml parser', () => {
  it('counts block levels by indentation and indicators, flow levels by brackets', () => {
    expect(depth('a: 1\n')).toBe(1);
    expect(depth('a:\n  b:\n    c: 1\n')).toBe(3);
    expect(depth('- - - x\n')).toBe(4); // three sequences and the scalar's line position
    expect(depth('a: [[{b: c}]]\n')).toBe(4);
    // A sequence at its key's indent is a level of its own.
    expect(depth('a:\n- b:\n  - c\n')).toBe(5);
  });

  it('ignores brackets and indicators inside quoted scalars, block scalars and comments', () => {
    const brackets = '['.repeat(1000);
    const text = `a: "${brackets}"\nb: '${brackets}'\n# ${brackets}\nc: |\n  ${brackets}\n  - - - - -\nd: ok\n`;
    expect(checkYamlDepth(text)).toBeUndefined();
    expect(depth(text)).toBe(1);
  });

  it('every YAML template in fixtures/ is far below the limit', () => {
    const files = yamlFiles(fixtures);
    expect(files.length).toBeGreaterThan(300);
    const over = files.filter((f) =>
      checkYamlDepth(readFileSync(f, 'utf8').replace(/^\uFEFF/, ''), YAML_MAX_DEPTH / 8),
    );
    expect(over).toEqual([]);
  });

  it('reports the token that goes one level past the limit, at its line and column', () => {
    expect(checkYamlDepth(`${'- '.repeat(300)}x\n`)).toEqual({
      message: TOO_DEEP_MESSAGE,
      line: 1,
      column: 2 * YAML_MAX_DEPTH + 1,
      offset: 2 * YAML_MAX_DEPTH,
      length: 1,
    });
    // `b` is one level, so the 256th `[` (at column 3 + 256) is the 257th.
    expect(checkYamlDepth(`a: 1\r\nb: ${'['.repeat(300)}\r\n`)).toMatchObject({ line: 2, column: 3 + YAML_MAX_DEPTH });
    // Lines inside a multi-line quoted scalar count.
    expect(checkYamlDepth(`a: "x\n\n y"\nb: ${'{c: '.repeat(300)}\n`)).toMatchObject({ line: 4, column: 4 + 4 * 255 });
  });

  it('a block scalar at every level does not reset the count', () => {
    const level = (i: number) => `${' '.repeat(2 * i)}s: |\n${' '.repeat(2 * i + 2)}text\n${' '.repeat(2 * i)}k:`;
    const text = `${Array.from({ length: 300 }, (_, i) => level(i)).join('\n')} v\n`;
    expect(checkYamlDepth(text)).toMatchObject({ line: 3 * YAML_MAX_DEPTH + 1, column: 2 * YAML_MAX_DEPTH + 1 });
  });
});

describe('parseYamlTree refuses pathological nesting with the tooDeep finding', () => {
  it('names the limit, at the position of the first token past it (after a byte order mark too)', () => {
    const r = parseYamlTree(`\uFEFFResources:\n  R: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(r).toEqual({
      ok: false,
      messageId: 'tooDeep',
      message: `Invalid YAML: the document nests more than ${YAML_MAX_DEPTH} levels deep (collections inside collections)`,
      range: {
        line: 2,
        column: 6 + YAML_MAX_DEPTH - 2,
        endLine: 2,
        endColumn: 7 + YAML_MAX_DEPTH - 2,
        offset: 1 + 'Resources:\n  R: '.length + YAML_MAX_DEPTH - 2,
        endOffset: 2 + 'Resources:\n  R: '.length + YAML_MAX_DEPTH - 2,
      },
    });
  });

  it('nesting just below the limit parses', () => {
    const r = parseYamlTree(`a: ${'['.repeat(YAML_MAX_DEPTH - 1)}${']'.repeat(YAML_MAX_DEPTH - 1)}\n`);
    expect(r.ok).toBe(true);
    expect(parseYamlTree(`a: ${'['.repeat(YAML_MAX_DEPTH)}${']'.repeat(YAML_MAX_DEPTH)}\n`)).toMatchObject({
      ok: false,
      messageId: 'tooDeep',
    });
  });
});
