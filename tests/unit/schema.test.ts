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
    const values = (name: string) => {
      const type = schema.getType(name);
      return isEnumType(type) ? type.getValues().map((value) => value.name) : [];
    };
    expect(values("Channel")).toEqual([...CHANNELS]);
    expect(values("Gender")).toEqual([...GENDERS]);
    expect(values("Role")).toEqual([...ROLES]);
  });
});
