/** 短信签名: what a carrier accepts, the default from the merchant's name, and no marketing SMS without one. */
import { describe, expect, it } from "vitest";
import { prepareSms, type SmsRequest } from "../../functions/app/messaging.js";
import type { Deps } from "../../functions/app/deps.js";
import {
  DEFAULT_SMS_RULES,
  effectiveSignature,
  mentionsCoupon,
  parseSmsRules,
} from "../../functions/core/messaging/sms.js";
import type { Member } from "../../functions/core/model.js";

describe("the SMS signature", () => {
  it("is the merchant's leading Chinese name, else its first word, in 【】, unless one is set", () => {
    expect(effectiveSignature({ signature: "" }, "茶香里 Tea House")).toBe("【茶香里】");
    expect(effectiveSignature({ signature: "" }, "麦香面包工坊")).toBe("【麦香面包工坊】");
    expect(effectiveSignature({ signature: "" }, "Bakery Lane")).toBe("【Bakery】");
    expect(effectiveSignature({ signature: "【茶香里静安】" }, "茶香里 Tea House")).toBe("【茶香里静安】");
    // Too short for a carrier: none.
    expect(effectiveSignature({ signature: "" }, "A")).toBe("");
    expect(effectiveSignature({ signature: "" }, "  ")).toBe("");
  });

  it("set by hand, is 2 to 12 characters in 【】 (spaces around it trimmed)", () => {
    expect(parseSmsRules({ signature: " 【茶香里】 " }).signature).toBe("【茶香里】");
    expect(parseSmsRules({ signature: "" }).signature).toBe("");
    for (const signature of ["茶香里", "【茶】", "【一二三四五六七八九十一二三】", "【茶 香】", "[茶香里]"])
      expect(() => parseSmsRules({ signature }), signature).toThrow(/signature/);
  });

  it("a template shows a coupon with {coupon} or {couponCode}", () => {
    expect(mentionsCoupon("送您{coupon}")).toBe(true);
    expect(mentionsCoupon("券码{couponCode}")).toBe(true);
    expect(mentionsCoupon("{name}，好久不见")).toBe(false);
    expect(mentionsCoupon(undefined)).toBe(false);
  });
});

describe("preparing an SMS", () => {
  const deps = {
    db: { tableName: "t" },
    ids: { id: () => "m1" },
    clock: { now: () => "2026-06-01T04:00:00.000Z" },
  } as unknown as Deps;
  const member = {
    id: "mem1",
    merchantId: "shop",
    phone: "+8613800138000",
    name: "王静",
    homeStoreId: "s1",
    status: "active",
    marketingSms: { granted: true, at: "2026-01-01T00:00:00Z", source: "pos" },
  } as unknown as Member;
  const request = (merchantName: string, kind: SmsRequest["kind"]): SmsRequest => ({
    merchant: { id: "shop", name: merchantName, timeZone: "Asia/Shanghai" },
    member,
    rules: DEFAULT_SMS_RULES,
    kind,
    purpose: "test",
    body: "{name}，好久不见",
    variables: {},
  });

  it("signs it with the merchant's short name", () => {
    const decision = prepareSms(deps, request("茶香里 Tea House", "marketing"));
    expect("message" in decision && decision.message.text).toBe("【茶香里】王静，好久不见 回复TD退订");
  });

  it("queues no marketing SMS without a signature, and still sends a transactional one", () => {
    expect(prepareSms(deps, request("A", "marketing"))).toEqual({ skipped: "NO_SIGNATURE" });
    const transactional = prepareSms(deps, request("A", "transactional"));
    expect("message" in transactional && transactional.message.text).toBe("王静，好久不见");
  });
});
