/**
 * The API builds its schema with graphql's buildASTSchema (graphql/executableSchema.ts) instead
 * of @graphql-tools' makeExecutableSchema, and the Lambda bundle from the SDL without
 * descriptions (infra lambda-bundle.ts): both must be the schema the SDL modules describe.
 */
import { makeExecutableSchema } from "@graphql-tools/schema";
import {
  introspectionFromSchema,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  lexicographicSortSchema,
  printSchema,
  type GraphQLSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { leanSdl } from "../../infra/lib/constructs/lambda-bundle.js";
import { executableSchema } from "../../graphql/executableSchema.js";
import { resolvers } from "../../graphql/resolvers.js";
import { typeDefs } from "../../graphql/typeDefs.js";

const printed = (schema: GraphQLSchema) => printSchema(lexicographicSortSchema(schema));
/** The API's own types and directives as introspection sees them (fields, arguments, descriptions), as JSON. */
const introspected = (schema: GraphQLSchema) => {
  const { __schema: found } = introspectionFromSchema(lexicographicSortSchema(schema));
  return JSON.stringify({
    types: found.types.filter(
      (type) => !type.name.startsWith("__") && !isSpecifiedScalarType(schema.getType(type.name)!),
    ),
    directives: found.directives.filter((directive) => !isSpecifiedDirective(schema.getDirective(directive.name)!)),
  });
};
/** Type.field of every field that has a resolver. */
const resolved = (schema: GraphQLSchema) =>
  Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .flatMap((type) => Object.values(type.getFields()).map((field) => [`${type.name}.${field.name}`, field.resolve]))
    .filter(([, resolve]) => resolve)
    .map(([name]) => name)
    .sort();

describe("the executable schema", () => {
  const ours = executableSchema(typeDefs.join("\n"), resolvers);
  const tools = makeExecutableSchema({ typeDefs, resolvers });

  it("is the schema makeExecutableSchema builds from the same SDL, descriptions included", () => {
    expect(printed(ours)).toBe(printed(tools));
    expect(printed(ours)).toContain('"""');
  });

  it("puts every resolver on the same field as makeExecutableSchema", () => {
    expect(resolved(ours).length).toBeGreaterThan(200);
    expect(resolved(ours)).toEqual(resolved(tools));
  });

  it("in the Lambda bundle is the same schema without descriptions", () => {
    const lean = executableSchema(leanSdl(), resolvers);
    const described = introspected(ours);
    expect(described).toContain('"description":"');
    expect(introspected(lean)).not.toContain('"description":"');
    expect(introspected(lean)).toBe(described.replace(/"description":"(?:[^"\\]|\\.)*"/g, '"description":null'));
    expect(resolved(lean)).toEqual(resolved(ours));
    expect(leanSdl().length).toBeLessThan(typeDefs.join("\n").length / 2);
  });

  it("refuses resolvers the SDL does not define, as makeExecutableSchema does", () => {
    const sdl = "type Query { a: Int }";
    expect(() => executableSchema(sdl, [{ Query: { b: () => 1 } }])).toThrow(
      "Query.b defined in resolvers, but not in schema",
    );
    expect(() => executableSchema(sdl, [{ Nope: { a: () => 1 } }])).toThrow("Resolvers for Nope");
    expect(() => executableSchema(sdl, [{ Query: { a: { resolve: () => 1 } } }])).toThrow("must be a function");
    expect(
      executableSchema(sdl, [{ Query: { a: () => 1 } }])
        .getQueryType()!
        .getFields().a.resolve!,
    ).toBeTypeOf("function");
  });
});
