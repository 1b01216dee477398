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

const sdl = typeof REGULARS_LEAN_SDL === "string" ? REGULARS_LEAN_SDL : typeDefs.join("\n");

export const schema = withInputConstraints(executableSchema(sdl, resolvers));
