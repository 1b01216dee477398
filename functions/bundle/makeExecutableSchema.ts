/**
 * Stands in for @graphql-tools/schema in the Lambda bundle (an esbuild alias, infra
 * lambda-bundle.ts). Apollo Server imports it to build a schema from `typeDefs` and
 * `resolvers` options; the API passes a built `schema` (graphql/executableSchema.ts), so
 * in Lambda it would never run, and left out it saves ~60 kB.
 */
export function makeExecutableSchema(): never {
  throw new Error("The Lambda bundle has no @graphql-tools/schema: give Apollo Server a built schema");
}
