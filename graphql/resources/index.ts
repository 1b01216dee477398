/**
 * Every declared resource (functions/core/resource.ts). Its SDL joins the
 * schema (typeDefs.ts), its resolvers are derived (recordResolvers.ts), and the
 * console reads its operations and editors from here. One line per resource.
 */
import { products } from "./products.js";

export const RESOURCES = [products] as const;

export type ResourceName = (typeof RESOURCES)[number]["name"];
