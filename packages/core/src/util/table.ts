/**
 * A constant lookup table without a prototype. Indexing a `{}` literal with a name taken from a
 * policy (`constructor`, `__proto__`, `toString`) reaches Object.prototype; indexing this table
 * with any name that is not one of its own keys gives `undefined`.
 */
export function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** An empty object without a prototype, for building objects whose keys come from input. */
export function bareObject<T = unknown>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
