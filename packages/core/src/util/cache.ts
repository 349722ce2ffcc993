/**
 * The one memo of the project: a map from a key (an action pattern, an ARN, a condition key) to
 * a computed answer, cleared when it reaches its bound so that a run over hostile or huge input
 * cannot grow it without limit. Every module-level cache is one of these, with the same bound.
 */
export const CACHE_BOUND = 50_000;

export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly bound = CACHE_BOUND) {}

  /** The cached answer for `key`, computing (and remembering) it on a miss. */
  get(key: K, compute: (key: K) => V): V {
    if (this.map.has(key)) return this.map.get(key) as V;
    const value = compute(key);
    if (this.map.size >= this.bound) this.map.clear();
    this.map.set(key, value);
    return value;
  }

  get size(): number {
    return this.map.size;
  }
}
