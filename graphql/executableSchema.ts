/**
 * The executable schema from SDL and resolver maps, with graphql's own
 * buildASTSchema: the SDL modules' `extend type` definitions are merged by
 * graphql itself, and each resolver is set on its field. It replaces
 * @graphql-tools/schema's makeExecutableSchema at run time (its ~60 kB are
 * left out of the Lambda bundle); tests check both give the same schema.
 *
 * Resolvers are functions on fields of object types, the only kind the API
 * has; a resolver for a type or field the SDL does not define, or of any other
 * kind, is an error at start-up, as makeExecutableSchema reports it.
 */
import { buildASTSchema, isObjectType, parse, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";

/**
 * Resolver maps (per type name, per field name, a resolver), as the modules' typed `Resolvers` objects.
 * `assumeValidSDL` skips checking the SDL (the Lambda bundle's, checked by the tests that build it).
 */
export function executableSchema(
  sdl: string,
  resolverMaps: readonly object[],
  options: { assumeValidSDL?: boolean } = {},
): GraphQLSchema {
  const schema = buildASTSchema(parse(sdl, { noLocation: true }), options);
  for (const map of resolverMaps) {
    for (const [typeName, fields] of Object.entries(map as Record<string, Record<string, unknown>>)) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`Resolvers for ${typeName}, which is not an object type in the schema`);
      const defined = type.getFields();
      for (const [fieldName, resolve] of Object.entries(fields)) {
        if (!defined[fieldName]) throw new Error(`${typeName}.${fieldName} defined in resolvers, but not in schema`);
        if (typeof resolve !== "function") throw new Error(`${typeName}.${fieldName}: a resolver must be a function`);
        defined[fieldName].resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
      }
    }
  }
  return schema;
}
