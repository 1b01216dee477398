/**
 * A simulated year, small: two merchants in different time zones, 120 members,
 * 120 local days (across 28 February of a common year), every daily job every
 * day and the SMS dispatcher after it, checked against the simulator's own
 * model. The same simulator as `npm run simulate` (scripts/simulate/).
 */
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { createDb } from "../../functions/data/db.js";
import { ensureTable } from "../../scripts/local/dynamodb.js";
import { runSimulation } from "../../scripts/simulate/report.js";

describe("a simulated year (small)", () => {
  it("sends every automation exactly once to whom it should (held-out members nothing), every ledger, report and dashboard reconciles, and the holdout estimates hold the known effects", async () => {
    // Prepare
    const endpoint = inject("dynamodbEndpoint");
    const tableName = `test_${randomBytes(6).toString("hex")}`;
    await ensureTable(endpoint, tableName);

    // Act
    const summary = await runSimulation(createDb({ endpoint, tableName }), {
      members: 120,
      days: 120,
      start: "2026-12-01",
      seed: 7,
      concurrency: 8,
    });

    // Assess
    const failed = summary.merchants.flatMap((merchant) =>
      merchant.checks
        .filter((check) => !check.ok)
        .map((check) => `${merchant.timeZone}: ${check.name}: ${check.mismatches?.join("; ")}`),
    );
    expect(failed).toEqual([]);
    expect(summary.merchants.map((merchant) => merchant.timeZone)).toEqual(["Asia/Shanghai", "America/Los_Angeles"]);
    // The year did happen: orders, refunds, SMS of each kind, coupons used.
    for (const merchant of summary.merchants) {
      expect(merchant.orders).toBeGreaterThan(50);
      expect(merchant.refunded).toBeGreaterThan(0);
      expect(merchant.messages.byPurpose.birthday).toBeGreaterThan(0);
      expect(Object.keys(merchant.messages.byPurpose).some((purpose) => purpose.startsWith("wakeup:"))).toBe(true);
    }
    expect(summary.jobs.find((job) => job.job === "birthday")!.runs).toBe(240);
    // The holdout checks ran (docs/holdouts.md): the ladder's interval holds its known effect, the greeting's zero.
    for (const merchant of summary.merchants)
      expect(merchant.checks.map((check) => check.name)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^wake-up ladder/), expect.stringMatching(/^birthday greeting/)]),
      );
  });
});
