/**
 * The console's first load: the JavaScript a clerk's phone fetches before the
 * sign-in form, built for production and gzipped, stays within its target
 * (scripts/bench/console-size.ts; issue 17). A page made eager again, or a
 * library every page pays for, fails here rather than on a slow phone.
 */
import { describe, expect, it } from "vitest";
import { consoleSize, FIRST_LOAD_TARGET_BYTES } from "../../scripts/bench/console-size.js";

describe("the console's first load", () => {
  it("stays within 400 KB gzipped, the pages opened later loaded apart", async () => {
    const size = await consoleSize();

    expect(FIRST_LOAD_TARGET_BYTES).toBe(400 * 1024);
    expect(size.firstLoadGzipBytes).toBeLessThanOrEqual(FIRST_LOAD_TARGET_BYTES);
    expect(size.lazyChunks).toBeGreaterThan(0);
  });
});
