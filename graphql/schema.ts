/** The executable schema: SDL modules plus resolvers, every argument checked at the edge first. */
import { executableSchema } from "./executableSchema.js";
import { withInputConstraints } from "./constraints.js";
import { resolvers } from "./resolvers.js";
import { typeDefs } from "./typeDefs.js";

/**
 * The SDL without its descriptions, set by the Lambda bundle (esbuild `define`, infra
 * lambda-bundle.ts), where introspection is off and nobody reads them; the SDL modules are then
 * left out of the bundle. Undefined everywhere else, where the full SDL is used.
 */
declare const REGULARS_LEAN_SDL: string | undefined;

/** The bundle's lean SDL is not checked again at each cold start (~20 ms): tests check the SDL it comes from. */
export const schema = withInputConstraints(
  typeof REGULARS_LEAN_SDL === "string"
    ? executableSchema(REGULARS_LEAN_SDL, resolvers, { assumeValidSDL: true })
    : executableSchema(typeDefs.join("\n"), resolvers),
);
