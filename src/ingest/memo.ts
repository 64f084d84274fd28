/**
 * A pure one-argument function with a bounded cache of its answers (cleared whole when full): for functions asked the
 * same question many times (a word's lemma, a name's key). `clear()` forgets, for caches kept within one document.
 */
export function memoize<A, R>(fn: (a: A) => R, limit: number): ((a: A) => R) & { clear(): void } {
  const cache = new Map<A, R>();
  const f = (a: A): R => {
    let r = cache.get(a);
    if (r === undefined && !cache.has(a)) {
      r = fn(a);
      if (cache.size >= limit) cache.clear();
      cache.set(a, r);
    }
    return r as R;
  };
  return Object.assign(f, { clear: () => cache.clear() });
}
