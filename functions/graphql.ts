/** The GraphQL Lambda entry: the API handler, made from the environment once per cold start. */
import { createGraphqlHandler } from "./api.js";

export const handler = createGraphqlHandler();
