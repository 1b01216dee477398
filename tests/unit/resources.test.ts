/**
 * Declared resources (functions/core/resource.ts): each declaration's SDL
 * serves the operations its service and the console expect, and its storage
 * prefix collides with no other item of the merchant's partition.
 */
import { readFileSync } from "node:fs";
import { GraphQLNonNull, isObjectType, type GraphQLField } from "graphql";
import { describe, expect, it } from "vitest";
import { defineResource } from "../../functions/core/resource.js";
import { RESOURCES } from "../../graphql/resources/index.js";
import { schema } from "../../graphql/schema.js";

function signature(field: GraphQLField<unknown, unknown> | undefined) {
  if (!field) return "missing";
  const args = field.args.map((arg) => `${arg.name}: ${String(arg.type)}`).join(", ");
  return `(${args}): ${String(field.type)}`;
}

describe("a declared resource", () => {
  it.each(RESOURCES.map((resource) => [resource.name, resource] as const))(
    "%s: its SDL has the four operations with the arguments the service reads",
    (_, resource) => {
      const { type, operations } = resource;
      const query = schema.getQueryType()!.getFields();
      const mutation = schema.getMutationType()!.getFields();
      expect(signature(query[operations.list])).toBe(`(first: Int, after: String): ${type}Connection!`);
      expect(signature(query[operations.one])).toBe(`(id: ID!): ${type}`);
      expect(signature(mutation[operations.create])).toBe(`(input: ${type}Input!): ${type}!`);
      expect(signature(mutation[operations.update])).toBe(`(id: ID!, input: ${type}Input!): ${type}!`);
      const record = schema.getType(type);
      expect(isObjectType(record) && record.getFields().id?.type).toEqual(expect.any(GraphQLNonNull));
      expect(isObjectType(record) && Object.keys(record.getFields())).toContain(resource.id);
    },
  );

  it("stores its items under a prefix no other item of the merchant's partition uses", () => {
    const source = readFileSync(new URL("../../functions/data/keys.ts", import.meta.url), "utf8");
    const taken = new Set([...source.matchAll(/[`"]([A-Z][A-Z_]+)#/g)].map((match) => match[1]));
    const declared = RESOURCES.map((resource) => resource.storage);
    expect(declared.filter((storage) => taken.has(storage))).toEqual([]);
    expect(new Set(declared).size).toBe(declared.length);
    expect(taken.size).toBeGreaterThan(20);
  });

  it("is refused when its names break the conventions the operations are derived by", () => {
    const base = { type: "Badge", storage: "BADGE", id: "code", editors: ["owner"] as const, typeDefs: "" };
    const declare = (overrides: Record<string, string>) => () =>
      defineResource({
        ...base,
        name: "badges",
        parse: () => ({ code: "x" }),
        duplicate: () => "taken",
        ...overrides,
      } as never);
    expect(declare({})().operations).toEqual({
      list: "badges",
      one: "badge",
      create: "createBadge",
      update: "updateBadge",
    });
    expect(declare({ storage: "badge" })).toThrow(/UPPER_CASE/);
    expect(declare({ name: "Badges" })).toThrow(/camelCase/);
    expect(declare({ name: "badge" })).toThrow(/different names/);
  });
});
