/** The executable schema: SDL modules plus resolvers, every argument checked at the edge first. */
import { makeExecutableSchema } from "@graphql-tools/schema";
import { withInputConstraints } from "./constraints.js";
import { resolvers } from "./resolvers.js";
import { typeDefs } from "./typeDefs.js";

export const schema = withInputConstraints(makeExecutableSchema({ typeDefs, resolvers }));
