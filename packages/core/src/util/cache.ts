/**
 * The one memo of the project: a map from a key (an action pattern, an ARN, a condition key) to
 * a computed answer, cleared when it reaches its bound so that a run over hostile or huge input
 * cannot grow it without limit. Every module-level cache is one of these, with the same bound.
 */
export const CACHE_BOUND = 50_000;

/** Stands for an answer of `undefined` in the map, so that a hit is one lookup whatever the answer. */
const NONE: unique symbol = Symbol('none');

export class BoundedCache<K, V> {
  private readonly map = new Map<K, V | typeof NONE>();
  constructor(private readonly bound = CACHE_BOUND) {}

  /** The cached answer for `key`, computing (and remembering) it on a miss. */
  get(key: K, compute: (key: K) => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit === NONE ? (undefined as V) : hit;
    const value = compute(key);
    if (this.map.size >= this.bound) this.map.clear();
    this.map.set(key, value === undefined ? NONE : value);
    return value;
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * A BoundedCache keyed by two values (an ARN format and a pattern): a map per first key, so that
 * no key string is built per lookup (a concatenated key is a new string to flatten and hash each
 * time). Cleared as a whole when it holds `bound` answers.
 */
export class BoundedPairCache<A, B, V> {
  private readonly maps = new Map<A, Map<B, V | typeof NONE>>();
  private count = 0;
  constructor(private readonly bound = CACHE_BOUND) {}

  /** The cached answer for (`a`, `b`), computing (and remembering) it on a miss. */
  get(a: A, b: B, compute: (a: A, b: B) => V): V {
    let inner = this.maps.get(a);
    if (inner === undefined) {
      inner = new Map();
      this.maps.set(a, inner);
    }
    const hit = inner.get(b);
    if (hit !== undefined) return hit === NONE ? (undefined as V) : hit;
    const value = compute(a, b);
    if (this.count >= this.bound) {
      this.maps.clear();
      this.count = 0;
      inner = new Map();
      this.maps.set(a, inner);
    }
    this.count++;
    inner.set(b, value === undefined ? NONE : value);
    return value;
  }

  get size(): number {
    return this.count;
  }
}
