import { describe, expect, it } from "vitest";
import {
  assertStoreVisible,
  canSeeStore,
  requireMerchant,
  requireOperator,
  requireStaff,
  storeScope,
  type Caller,
} from "../../functions/core/access.js";

const owner: Caller = { kind: "staff", merchantId: "t1", staffId: "o", username: "o", role: "owner", storeIds: [] };
const manager: Caller = {
  kind: "staff",
  merchantId: "t1",
  staffId: "m",
  username: "m",
  role: "manager",
  storeIds: ["s1"],
};
const chainKey: Caller = { kind: "apiKey", merchantId: "t1", keyId: "k" };
const storeKey: Caller = { kind: "apiKey", merchantId: "t1", keyId: "k", storeId: "s2" };
const operator: Caller = { kind: "operator", subject: "op" };

describe("who may act", () => {
  it("anonymous callers must authenticate; operators have no merchant", () => {
    expect(() => requireMerchant({ kind: "anonymous" })).toThrow(expect.objectContaining({ kind: "UNAUTHENTICATED" }));
    expect(() => requireMerchant(operator)).toThrow(expect.objectContaining({ kind: "FORBIDDEN" }));
    expect(requireMerchant(chainKey)).toBe(chainKey);
  });

  it("role checks name the role needed", () => {
    expect(() => requireStaff(manager, ["owner"])).toThrow(/needs the role owner; you are manager/);
    expect(() => requireStaff(chainKey, ["owner"])).toThrow(/staff sign-in/);
    expect(requireStaff(owner, ["owner"])).toBe(owner);
  });

  it("only operators pass the operator check", () => {
    expect(() => requireOperator(owner)).toThrow(expect.objectContaining({ kind: "FORBIDDEN" }));
    expect(() => requireOperator(operator)).not.toThrow();
  });
});

describe("store scope", () => {
  it("owners and chain keys see every store; managers and store keys their own", () => {
    expect(storeScope(owner as never)).toBeUndefined();
    expect(storeScope(chainKey as never)).toBeUndefined();
    expect(storeScope(manager as never)).toEqual(["s1"]);
    expect(storeScope(storeKey as never)).toEqual(["s2"]);
    expect(canSeeStore(manager as never, "s2")).toBe(false);
  });

  it("hides other stores as not found", () => {
    expect(() => assertStoreVisible(manager as never, "s2", "Store", "s2")).toThrow(
      expect.objectContaining({ kind: "NOT_FOUND" }),
    );
  });
});
