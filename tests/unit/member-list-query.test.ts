/**
 * What the member list asks the API for: each row's profile and its account
 * figures (等级, 积分, 储值余额, 消费次数, 最近消费), read by the API in one batch, and
 * nothing that costs a read per row; the search box's 4 digits as a phone-tail
 * list, a full phone as the exact look-up. Every built operation is valid.
 */
import { buildSchema, parse, print, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { buildQueryFactory } from "../../admin/src/dataProvider/buildQuery";
import { CursorBook } from "../../admin/src/dataProvider/cursors";
import { introspectedSchema } from "../../admin/src/dataProvider/introspection";
import { typeDefs } from "../../graphql/typeDefs";

const schema = buildSchema(typeDefs.join("\n"));
const buildQuery = buildQueryFactory(new CursorBook())(introspectedSchema);

function listed(filter: Record<string, unknown>) {
  const built = buildQuery("GET_LIST", "members", { pagination: { page: 1, perPage: 25 }, filter });
  const document = parse(built.query);
  expect(validate(schema, document)).toEqual([]);
  return { text: print(document).replace(/\s+/g, " "), variables: built.variables };
}

describe("the member list's request", () => {
  it("reads each row's account figures and nothing read per row", () => {
    const { text } = listed({});
    for (const field of ["tierName", "available", "storedValuePrincipal", "storedValueBonus", "visits", "lastVisitAt"])
      expect(text).toMatch(new RegExp(`account \\{[^}]*\\b${field}\\b`));
    for (const perRow of ["storedValueTopUps", "referral", "rfm", "stage", "inviteCode"])
      expect(text).not.toMatch(new RegExp(`\\b${perRow}\\b`));
  });

  it("sends the tier, birthday and range filters in the API's filter, amounts in fen", () => {
    const { variables } = listed({
      tierId: "silver",
      birthdayMonth: 5,
      spendMin: 10000,
      balanceMax: 50000,
      storeId: "s1",
    });
    expect(variables?.filter).toEqual({
      tierId: "silver",
      birthdayMonth: 5,
      spendMin: 10000,
      balanceMax: 50000,
      storeId: "s1",
    });
  });

  it("searches 4 digits as a phone tail in the chosen store, leaving out what a tail does not combine with", () => {
    const { text, variables } = listed({ q: " 8000 ", storeId: "s1", tag: "VIP", name: "王" });
    expect(text).toContain("members(");
    expect(variables?.filter).toEqual({ phoneTail: "8000", storeId: "s1" });
  });

  it("looks a full phone or a code up exactly, with the same row", () => {
    const byPhone = listed({ q: "13800138000" });
    expect(byPhone.text).toContain("memberByPhone(");
    expect(byPhone.text).toMatch(/account \{/);
    expect(listed({ q: "7KQ2M9XH" }).text).toContain("memberByCode(");
  });
});

describe("a filtered list page answered empty with more to come", () => {
  it("starts where the next page would have, so the first rows show on page 1", () => {
    const book = new CursorBook();
    const key = CursorBook.key("members", { birthdayMonth: 4 }, 25);
    book.recordNext(key, 1, "c1");
    expect(book.skipEmpty(key, 1)).toBe(true);
    expect(book.cursor(key, 1)).toBe("c1");
    expect(book.cursor(key, 2)).toBeUndefined();
    expect(book.skipEmpty(key, 1)).toBe(false);
  });
});
