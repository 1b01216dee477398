/**
 * Stands in for lru-cache in the Lambda bundle (an esbuild alias, infra lambda-bundle.ts):
 * the part Apollo Server uses (its document and persisted-query caches, cache-control
 * annotations), in ~1 kB instead of ~19 kB. Least recently used entries go first when
 * there are more than `max` entries or their sizes add up to more than `maxSize`; an
 * entry set with a `ttl` (ms) is gone after it. tests/unit/lru-cache-shim.test.ts holds it.
 */
export interface LRUCacheOptions<V> {
  max?: number;
  maxSize?: number;
  sizeCalculation?: (value: V, key: string) => number;
  ttl?: number;
}

interface Entry<V> {
  value: V;
  size: number;
  expires: number;
}

export class LRUCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private totalSize = 0;

  constructor(private readonly options: LRUCacheOptions<V> = {}) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= Date.now()) {
      this.totalSize -= entry.size;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: K): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.expires > Date.now();
  }

  set(key: K, value: V, options: { ttl?: number } = {}): this {
    this.delete(key);
    const size = this.options.sizeCalculation ? this.options.sizeCalculation(value, String(key)) : 1;
    const { maxSize, max } = this.options;
    if (maxSize !== undefined && size > maxSize) return this;
    const ttl = options.ttl ?? this.options.ttl;
    this.entries.set(key, { value, size, expires: ttl ? Date.now() + ttl : Infinity });
    this.totalSize += size;
    for (const oldest of this.entries.keys()) {
      const over =
        (max !== undefined && this.entries.size > max) || (maxSize !== undefined && this.totalSize > maxSize);
      if (!over) break;
      this.delete(oldest);
    }
    return this;
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.totalSize -= entry.size;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.totalSize = 0;
  }

  *keys(): IterableIterator<K> {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expires > now) yield key;
  }
}
