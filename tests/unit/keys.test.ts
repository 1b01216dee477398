import { describe, expect, it } from "vitest";
import { indexKeys, keys } from "../../functions/data/keys.js";
import { createTableInput, table } from "../../functions/data/table.js";

describe("keys", () => {
  it("every merchant key starts with the merchant", () => {
    const merchantKeys = [
      keys.merchant("t1"),
      keys.store("t1", "s"),
      keys.staff("t1", "x"),
      keys.apiKey("t1", "h"),
      keys.member("t1", "m"),
      keys.memberPhone("t1", "+86"),
      keys.memberCode("t1", "C"),
      keys.event("t1", "2026-01-01T00:00:00Z", "e"),
    ];
    for (const key of merchantKeys) expect(key.pk.startsWith("T#t1")).toBe(true);
    expect(indexKeys.membersByJoinDate("t1").gsi1pk.startsWith("T#t1#")).toBe(true);
    expect(indexKeys.membersByHomeStore("t1", "s").gsi2pk.startsWith("T#t1#")).toBe(true);
  });

  it("look-up items are addressed by merchant and value alone", () => {
    expect(keys.memberPhone("t1", "+8613800138000")).toEqual({ pk: "T#t1#PHONE#+8613800138000", sk: "PHONE" });
    expect(keys.memberCode("t1", "7KQ2M9XH4T")).toEqual({ pk: "T#t1#CODE#7KQ2M9XH4T", sk: "CODE" });
  });

  it("the table definition declares every key attribute its indexes use", () => {
    const input = createTableInput("x");
    const declared = input.AttributeDefinitions.map((a) => a.AttributeName).sort();
    const used = [
      table.partitionKey,
      table.sortKey,
      ...Object.values(table.indexes).flatMap((i) => [i.partitionKey, i.sortKey]),
    ].sort();
    expect(declared).toEqual(used);
    expect(input.GlobalSecondaryIndexes.map((i) => i.IndexName)).toEqual(
      Object.values(table.indexes).map((i) => i.name),
    );
  });
});
