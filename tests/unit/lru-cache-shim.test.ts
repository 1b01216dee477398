/** The small LRU the Lambda bundle uses in place of lru-cache (functions/bundle/lruCache.ts). */
import { afterEach, describe, expect, it, vi } from "vitest";
import { LRUCache } from "../../functions/bundle/lruCache.js";

afterEach(() => vi.useRealTimers());

describe("the bundle's LRU cache", () => {
  it("drops the least recently used entry beyond max", () => {
    const cache = new LRUCache<string, number>({ max: 2 });
    cache.set("a", 1).set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now the most recent
    cache.set("c", 3);
    expect([...cache.keys()]).toEqual(["a", "c"]);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it("keeps the sizes within maxSize, and never stores an entry bigger than it", () => {
    const cache = new LRUCache<string, string>({ maxSize: 10, sizeCalculation: (value) => value.length });
    cache.set("a", "xxxx").set("b", "yyyy").set("c", "zzzz");
    expect([...cache.keys()]).toEqual(["b", "c"]);
    cache.set("big", "x".repeat(11));
    expect(cache.has("big")).toBe(false);
    expect([...cache.keys()]).toEqual(["b", "c"]);
    cache.set("b", "y"); // replacing an entry counts its new size only
    cache.set("d", "dddd");
    expect([...cache.keys()]).toEqual(["c", "b", "d"]);
  });

  it("forgets an entry after its ttl (ms), and keeps one set without a ttl", () => {
    vi.useFakeTimers({ now: 0 });
    const cache = new LRUCache<string, number>({ max: 10 });
    cache.set("short", 1, { ttl: 1000 }).set("forever", 2, { ttl: 0 });
    vi.setSystemTime(999);
    expect(cache.get("short")).toBe(1);
    vi.setSystemTime(1000);
    expect(cache.get("short")).toBeUndefined();
    expect(cache.has("short")).toBe(false);
    expect(cache.get("forever")).toBe(2);
  });

  it("deletes and clears", () => {
    const cache = new LRUCache<string, number>({ max: 10 });
    cache.set("a", 1).set("b", 2);
    expect(cache.delete("a")).toBe(true);
    expect(cache.delete("a")).toBe(false);
    cache.clear();
    expect([...cache.keys()]).toEqual([]);
  });
});
