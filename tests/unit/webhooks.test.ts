/** The webhook rules: addresses, the retry schedule, subscriptions, and the event catalogue against the docs. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  RETRY_FOR_MS,
  WEBHOOK_EVENT_TYPES,
  excerpt,
  isPrivateAddress,
  retryDelayMs,
  subscribes,
  urlProblem,
} from "../../functions/core/webhooks.js";

const ROOT = join(import.meta.dirname, "../..");

describe("addresses", () => {
  it.each([
    "127.0.0.1",
    "127.9.9.9",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "ff02::1",
  ])("%s is private", (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(["8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "203.0.114.1", "2001:4860:4860::8888"])(
    "%s is public",
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );

  it("allows any http(s) address locally and only public https in production", () => {
    expect(urlProblem("http://127.0.0.1:4100/webhooks", false)).toBeUndefined();
    expect(urlProblem("https://pos.example.com/hooks", true)).toBeUndefined();
    expect(urlProblem("http://pos.example.com/hooks", true)).toBe("url must be https");
    expect(urlProblem("https://localhost/hooks", true)).toMatch(/public address/);
    expect(urlProblem("https://metadata.internal/x", true)).toMatch(/public address/);
    expect(urlProblem("https://[::1]/x", true)).toMatch(/public address/);
    expect(urlProblem("ftp://example.com", false)).toMatch(/http\(s\)/);
    expect(urlProblem("not a url", false)).toMatch(/absolute/);
  });
});

describe("the retry schedule", () => {
  it("doubles from 30 s up to 6 hours, with ±10 % jitter", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 0.5))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(12, 0.5)).toBe(6 * 3600_000);
    expect(retryDelayMs(1, 0)).toBe(27_000);
    expect(retryDelayMs(1, 0.999999)).toBeLessThanOrEqual(33_000);
  });

  it("retries for at least 24 hours and at most 3 days, in about 20 attempts", () => {
    for (const random of [0, 0.5, 0.999]) {
      let elapsed = 0;
      let attempts = 1;
      while (elapsed + retryDelayMs(attempts, random) <= RETRY_FOR_MS) elapsed += retryDelayMs(attempts++, random);
      expect(elapsed).toBeGreaterThanOrEqual(24 * 3600_000);
      expect(attempts).toBeGreaterThanOrEqual(15);
      expect(attempts).toBeLessThanOrEqual(25);
    }
  });
});

describe("subscriptions and excerpts", () => {
  it("sends an endpoint its types, every type when it lists none, and a test event only when asked", () => {
    expect(subscribes([], "TierChanged")).toBe(true);
    expect(subscribes(["TierChanged"], "TierChanged")).toBe(true);
    expect(subscribes(["TierChanged"], "PurchaseRecorded")).toBe(false);
    expect(subscribes([], "WebhookTest")).toBe(false);
  });

  it("keeps the first 200 characters of an answer on one line", () => {
    expect(excerpt("  ok\n\tdone ")).toBe("ok done");
    expect([...excerpt("x".repeat(500))]).toHaveLength(200);
  });
});

/** Every source file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("the event catalogue", () => {
  it("lists every event type docs/events.md describes, and no other but the test event", () => {
    const documented = [...readFileSync(join(ROOT, "docs/events.md"), "utf8").matchAll(/^\| `(\w+)` \|/gm)].map(
      (match) => match[1],
    );
    expect(documented.sort()).toEqual(
      Object.keys(WEBHOOK_EVENT_TYPES)
        .filter((t) => t !== "WebhookTest")
        .sort(),
    );
  });

  it("has every event type the code writes", () => {
    const written = new Set<string>();
    for (const file of sources(join(ROOT, "functions/app")))
      for (const match of readFileSync(file, "utf8").matchAll(/event\(\s*deps,\s*[\w.]+,\s*"(\w+)"/g))
        written.add(match[1]);
    expect(written.size).toBeGreaterThan(15);
    for (const type of written) expect(Object.keys(WEBHOOK_EVENT_TYPES)).toContain(type);
  });
});
