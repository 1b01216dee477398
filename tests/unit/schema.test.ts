import { isEnumType, isInputObjectType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "../../graphql/schema.js";

describe("the schema documents itself", () => {
  const ours = Object.values(schema.getTypeMap()).filter(
    (type) => !type.name.startsWith("__") && !["String", "Int", "Float", "Boolean", "ID"].includes(type.name),
  );

  it("every type has a description", () => {
    expect(ours.filter((type) => !type.description).map((type) => type.name)).toEqual([]);
  });

  it("every field and input field has a description", () => {
    const missing: string[] = [];
    for (const type of ours) {
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("enums list the values the core accepts", async () => {
    const { CHANNELS, GENDERS, ROLES } = await import("../../functions/core/model.js");
    const { CONTACT_CHANNELS } = await import("../../functions/core/worklist.js");
    const values = (name: string) => {
      const type = schema.getType(name);
      return isEnumType(type) ? type.getValues().map((value) => value.name) : [];
    };
    expect(values("Channel")).toEqual([...CHANNELS]);
    expect(values("Gender")).toEqual([...GENDERS]);
    expect(values("Role")).toEqual([...ROLES]);
    expect(values("ContactChannel")).toEqual([...CONTACT_CHANNELS]);
  });

  it("enums list the values the core gives out", async () => {
    const { COUPON_KINDS, COUPON_SOURCES, COUPON_STATES } = await import("../../functions/core/coupons/templates.js");
    const { REJECTIONS } = await import("../../functions/core/coupons/quote.js");
    const { STAGES } = await import("../../functions/core/automation.js");
    const values = (name: string) => {
      const type = schema.getType(name);
      return isEnumType(type) ? type.getValues().map((value) => value.name) : [];
    };
    expect(values("CouponKind")).toEqual([...COUPON_KINDS]);
    expect(values("CouponSource")).toEqual([...COUPON_SOURCES]);
    expect(values("CouponState")).toEqual([...COUPON_STATES]);
    expect(values("QuoteRejectionReason")).toEqual(Object.keys(REJECTIONS));
    expect(values("LifecycleStage")).toEqual([...STAGES]);
  });
});
