/** The API's schema, built from the same SDL the server uses: no introspection request at start. */
import { buildSchema, introspectionFromSchema } from "graphql";
import { typeDefs } from "../../../graphql/typeDefs";

export const introspectedSchema = introspectionFromSchema(buildSchema(typeDefs.join("\n"))).__schema;
