import * as products from "../../functions/app/products.js";
import { connection } from "../connection.js";
import type { Resolvers } from "../generated/types.js";
import { orNull } from "../orNull.js";

export const resolvers: Resolvers = {
  Product: {
    id: (product) => product.sku,
  },
  Query: {
    products: async (_, args, { caller, deps }) =>
      connection(await products.listProducts(deps, caller, args.first, args.after)),
    product: (_, args, { caller, deps }) => orNull(products.getProduct(deps, caller, args.id)),
  },
  Mutation: {
    createProduct: (_, args, { caller, deps }) => products.createProduct(deps, caller, args.input),
    updateProduct: (_, args, { caller, deps }) => products.updateProduct(deps, caller, args.id, args.input),
  },
};
