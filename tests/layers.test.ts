/**
 * The layout's rules, checked on the import graph so that they cannot erode: the core's layers
 * import only downward (types.ts at the bottom, the public index at the top), no file imports
 * itself round a circle, the core uses no Node.js API, and the CLI's formatters and pipeline
 * import no command.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Relative imports (static, re-exports and dynamic) of a file, resolved to source paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    out.push(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
  }
  return out;
}

function graph(dir: string): Map<string, string[]> {
  return new Map(sources(dir).map((f) => [f, importsOf(f)]));
}

/** Every circle of the graph, as lists of files (Tarjan's strongly connected components). */
function circles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (g.get(v) ?? []).includes(v)) out.push(c.map((f) => relative(root, f)));
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const coreSrc = join(root, 'packages/core/src');
const cliSrc = join(root, 'packages/cli/src');

/** The core's layers, lowest first: a file may import its own layer and the ones below. */
const CORE_LAYERS = [
  'types.ts',
  'util',
  'model',
  'generate',
  'iam',
  'set',
  'eval',
  'rules',
  'engine',
  'fix',
  'inputs',
  'index.ts',
];

function layerOf(file: string): number {
  const top = relative(coreSrc, file).split('/')[0]!;
  const i = CORE_LAYERS.indexOf(top);
  if (i < 0) throw new Error(`${relative(root, file)} is in no layer: add its folder to CORE_LAYERS`);
  return i;
}

describe('layers', () => {
  it('core: every import runs down or sideways, never up', () => {
    const upward: string[] = [];
    for (const [file, deps] of graph(coreSrc)) {
      for (const d of deps) {
        if (layerOf(d) > layerOf(file)) upward.push(`${relative(coreSrc, file)} -> ${relative(coreSrc, d)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('core and CLI: no circle of imports', () => {
    expect(circles(graph(coreSrc))).toEqual([]);
    expect(circles(graph(cliSrc))).toEqual([]);
  });

  it('core: no Node.js API (it runs in a browser)', () => {
    const nodeImports = sources(coreSrc).filter((f) =>
      /from '(node:|fs'|path'|os')|require\(/.test(readFileSync(f, 'utf8')),
    );
    expect(nodeImports.map((f) => relative(root, f))).toEqual([]);
  });

  it('CLI: commands sit on top; formatters and the per-file pipeline import no command', () => {
    const bad: string[] = [];
    for (const [file, deps] of graph(cliSrc)) {
      const from = relative(cliSrc, file);
      for (const d of deps) {
        const to = relative(cliSrc, d);
        // main.ts and yargs-cli.ts (the command table, loaded when the fast path declines a line);
        // the entries (bin.ts, cli-bundle.ts: the executables' bundle, index.ts) sit above them.
        const intoCommand = to.startsWith('commands/') || to === 'main.ts' || to === 'yargs-cli.ts';
        if (
          intoCommand &&
          !from.startsWith('commands/') &&
          from !== 'main.ts' &&
          from !== 'yargs-cli.ts' &&
          from !== 'bin.ts' &&
          from !== 'cli-bundle.ts' &&
          from !== 'index.ts'
        )
          bad.push(`${from} -> ${to}`);
        if (from.startsWith('formatters/') && !to.startsWith('formatters/')) bad.push(`${from} -> ${to}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
