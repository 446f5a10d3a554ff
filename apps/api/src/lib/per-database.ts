// Values kept per database handle (each test app and each API process has its own): caches, group-commit
// lanes, stored keys. Keyed weakly, so a closed database takes its values with it.

/**
 * `make(db)` once per database, then the same value. With retryOnError, a rejected promise is forgotten so
 * the next call tries again (a value that failed to load is not kept).
 */
export function perDatabase<K extends object, V>(
  make: (key: K) => V,
  options: { retryOnError?: boolean } = {},
): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      made.set(key, value);
      if (options.retryOnError && value instanceof Promise) value.catch(() => made.delete(key));
    }
    return value;
  };
}

/**
 * A value loaded per database and kept for `ttlMs`; loads of the same database share one promise, and a
 * failed load is not kept. `clear(db)` drops it (after a write that changes it).
 */
export function expiringPerDatabase<K extends object, V>(ttlMs: number, load: (key: K) => Promise<V>) {
  const held = new WeakMap<K, { at: number; value: Promise<V> }>();
  return {
    get(key: K): Promise<V> {
      const now = Date.now();
      const entry = held.get(key);
      if (entry && now - entry.at < ttlMs) return entry.value;
      const value = load(key);
      held.set(key, { at: now, value });
      value.catch(() => {
        if (held.get(key)?.value === value) held.delete(key);
      });
      return value;
    },
    clear(key: K) {
      held.delete(key);
    },
  };
}
