import { describe, expect, it } from 'vitest';
import { BoundedCache, BoundedPairCache } from '../src/util/cache.js';

describe('BoundedCache', () => {
  it('computes each key once, an undefined answer too', () => {
    const cache = new BoundedCache<string, number | undefined>();
    const calls: string[] = [];
    const compute = (k: string) => {
      calls.push(k);
      return k === 'none' ? undefined : k.length;
    };
    expect(cache.get('abc', compute)).toBe(3);
    expect(cache.get('abc', compute)).toBe(3);
    expect(cache.get('none', compute)).toBeUndefined();
    expect(cache.get('none', compute)).toBeUndefined();
    expect(calls).toEqual(['abc', 'none']);
    expect(cache.size).toBe(2);
  });

  it('keeps answers of null and 0 apart from undefined', () => {
    const cache = new BoundedCache<string, number | null>();
    expect(cache.get('a', () => 0)).toBe(0);
    expect(cache.get('b', () => null)).toBeNull();
    expect(cache.get('a', () => 1)).toBe(0);
    expect(cache.get('b', () => 1)).toBeNull();
  });

  it('starts again when it reaches its bound', () => {
    const cache = new BoundedCache<number, number>(3);
    for (let i = 0; i < 3; i++) cache.get(i, (k) => k * 2);
    expect(cache.size).toBe(3);
    expect(cache.get(7, (k) => k * 2)).toBe(14);
    expect(cache.size).toBe(1);
    let computed = 0;
    expect(
      cache.get(0, (k) => {
        computed++;
        return k;
      }),
    ).toBe(0);
    expect(computed).toBe(1);
  });
});

describe('BoundedPairCache', () => {
  it('computes each pair once, keeping pairs that share a first key apart', () => {
    const cache = new BoundedPairCache<string, string, string | undefined>();
    const calls: string[] = [];
    const compute = (a: string, b: string) => {
      calls.push(`${a}+${b}`);
      return b === 'none' ? undefined : a + b;
    };
    expect(cache.get('x', 'y', compute)).toBe('xy');
    expect(cache.get('x', 'z', compute)).toBe('xz');
    expect(cache.get('y', 'x', compute)).toBe('yx');
    expect(cache.get('x', 'none', compute)).toBeUndefined();
    expect(cache.get('x', 'y', compute)).toBe('xy');
    expect(cache.get('x', 'none', compute)).toBeUndefined();
    expect(calls).toEqual(['x+y', 'x+z', 'y+x', 'x+none']);
    expect(cache.size).toBe(4);
  });

  it('starts again when it holds its bound of answers, keeping the new one', () => {
    const cache = new BoundedPairCache<string, number, number>(2);
    cache.get('a', 1, (_, b) => b);
    cache.get('b', 2, (_, b) => b);
    expect(cache.size).toBe(2);
    expect(cache.get('a', 3, (_, b) => b * 10)).toBe(30);
    expect(cache.size).toBe(1);
    expect(cache.get('a', 3, () => -1)).toBe(30);
    expect(cache.get('a', 1, () => -1)).toBe(-1);
  });
});
