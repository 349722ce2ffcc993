/**
 * The on-demand node locator (model/locate.ts) answers exactly as the full position index
 * (parse.ts buildIndex, through parsePolicyText) for every node of documents without duplicate
 * keys, and finds nothing for pointers the document does not have.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeLocator } from '../src/model/locate.js';
import { parsePolicyText } from '../src/model/parse.js';

function expectSameAsIndex(text: string): number {
  const parsed = parsePolicyText(text);
  if (!parsed.ok) throw new Error('test document must be valid JSON');
  expect(parsed.duplicates).toEqual([]);
  const base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const locator = new NodeLocator(base ? text.slice(1) : text, base);
  for (const [pointer, location] of parsed.locations) expect(locator.lookup(pointer), pointer).toEqual(location);
  return parsed.locations.size;
}

describe('NodeLocator', () => {
  it('gives the full index positions for every node of hand-made edge cases', () => {
    const cases = [
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:Put*"],"Resource":"*"}]}',
      '\ufeff{\r\n  "Statement": {\r\n    "Effect": "Deny",\r\n    "Action": "*"\r\n  }\r\n}\r\n',
      '{"a/b": {"c~d": [1, -2.5e3, true, false, null, "x\\"y\\\\"]}, "\\u0041": "\ud83d\ude00 \\n", "": {}}',
      '{"Statement":[[[],[{}]],[],{"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}',
      '\r{\r"k"\r:\r[\r1\r,\r2\r]\r}\r',
      '[ 1 , [ 2 , [ 3 ] ] , { "x" : { } } ]',
      '"just a string"',
      '  42  ',
    ];
    for (const text of cases) expect(expectSameAsIndex(text), text).toBeGreaterThan(0);
  });

  it('gives the full index positions for every node of the rule fixtures', () => {
    const root = join(import.meta.dirname, '../../../fixtures/rules');
    let nodes = 0;
    for (const rule of readdirSync(root)) {
      for (const file of readdirSync(join(root, rule))) {
        if (!/^(in)?valid-.*\.json$/.test(file)) continue;
        const text = readFileSync(join(root, rule, file), 'utf8');
        const parsed = parsePolicyText(text);
        if (!parsed.ok || parsed.duplicates.length > 0) continue;
        nodes += expectSameAsIndex(text);
      }
    }
    expect(nodes).toBeGreaterThan(1000);
  });

  it('finds nothing for pointers the document does not have', () => {
    const locator = new NodeLocator('{"a": [1, {"b": 2}], "c/d": 3}', 0);
    for (const p of ['/x', '/a/2', '/a/01', '/a/-', '/a/1/c', '/a/0/b', '/c/d', 'a', '/a/1/b/0'])
      expect(locator.lookup(p), p).toBeUndefined();
    expect(locator.lookup('/c~1d')?.value.column).toBe(29);
    expect(locator.lookup('/a/1/b')?.key?.column).toBe(12);
  });
});
