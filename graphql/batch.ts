/**
 * Per-request batching: the keys asked for while one level of the query
 * resolves (e.g. every row of a member list) are loaded together, once each.
 */
export function batched<V>(load: (keys: string[]) => Promise<Map<string, V>>): (key: string) => Promise<V | undefined> {
  const cache = new Map<string, Promise<V | undefined>>();
  let waiting: string[] = [];
  let batch: Promise<Map<string, V>> | undefined;
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    if (!batch) {
      // Runs once the resolvers of this level have asked (after the pending promise jobs).
      batch = new Promise((resolve) => setImmediate(resolve)).then(() => {
        const keys = waiting;
        waiting = [];
        batch = undefined;
        return load(keys);
      });
    }
    waiting.push(key);
    const value = batch.then((found) => found.get(key));
    cache.set(key, value);
    return value;
  };
}
