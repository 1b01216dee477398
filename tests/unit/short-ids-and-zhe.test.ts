/** Ledger references and tier discounts as staff read them: kinds in words, ids short, discounts in 折. */
import { describe, expect, it } from "vitest";
import { discountText } from "../../admin/src/common/discount";
import { refText } from "../../admin/src/common/refText";
import { en } from "../../admin/src/i18n/en";
import { zhCN } from "../../admin/src/i18n/zh-CN";

/** react-admin's translate over one locale's messages: the `_` default when the key is missing, %{name} filled. */
const translator =
  (messages: object) =>
  (key: string, options: Record<string, unknown> = {}) => {
    const found = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
    if (typeof found !== "string") return String(options._ ?? key);
    return found.replace(/%\{(\w+)\}/g, (_, name: string) => String(options[name]));
  };
const zh = translator(zhCN);

describe("a ledger reference on screen", () => {
  it("names its kind and shows the id's end", () => {
    expect(refText("order:0f8c61d2-5b7a-4e3c-9d1f-9b1e2a7d4c3f", zh)).toBe("订单 2a7d4c3f");
    expect(refText("payment:demo-topup-0mxdgqgulc9f152efc6fee637", zh)).toBe("支付单 c6fee637");
    expect(refText("refund:r-1", zh)).toBe("退款单 r-1");
    expect(refText("order:A-1001", translator(en))).toBe("Order A-1001");
  });

  it("shows a redemption's request, and a dated reference's date", () => {
    expect(refText("reward:gift-mug:5b7a4e3c-9d1f-4e3c-9d1f-9b1e2a7d4c3f", zh)).toBe("兑换单 2a7d4c3f");
    expect(refText("checkin:2026-12-01", zh)).toBe("签到 2026-12-01");
    expect(refText("expiry:2027-01-31", zh)).toBe("到期 2027-01-31");
  });

  it("shows only the end of a reference of no known kind", () => {
    expect(refText("job:birthday:0f8c61d2-5b7a", zh)).toBe("1d2-5b7a");
    expect(refText("0f8c61d2-5b7a-4e3c-9d1f-9b1e2a7d4c3f", zh)).toBe("2a7d4c3f");
  });
});

describe("a tier discount on screen", () => {
  it("is 折 in Chinese and percent off in English; nothing for no discount", () => {
    expect(discountText(5, zh)).toBe("9.5折");
    expect(discountText(20, zh)).toBe("8折");
    expect(discountText(5, translator(en))).toBe("5% off");
    expect(discountText(0, zh)).toBe("");
    expect(discountText(undefined, zh)).toBe("");
  });
});
