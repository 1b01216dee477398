/**
 * The merchant's products as the till picks them (every staff member may read
 * them, though only owners and managers open the products page), and a
 * category's name in the console's language.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslate } from "react-admin";
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type { TillProductsQuery, TillProductsQueryVariables } from "../../generated/graphql";

const TILL_PRODUCTS: Document<TillProductsQuery, TillProductsQueryVariables> = /* GraphQL */ `
  query tillProducts {
    products(first: 100) {
      nodes {
        sku
        name
        category
        price
        status
      }
    }
  }
`;

export type TillProduct = TillProductsQuery["products"]["nodes"][number];

/** The products offered at the tills (active ones), as listed by SKU. */
export function useTillProducts() {
  const request = useRequest();
  return useQuery({
    queryKey: ["products", "till"],
    queryFn: async () => (await request(TILL_PRODUCTS)).products.nodes.filter((product) => product.status === "active"),
  });
}

/** A category code's name where the translations have one (tea → 茶饮), else the code itself. */
export function useCategoryLabel() {
  const translate = useTranslate();
  return (code: string | null | undefined) =>
    code ? translate(`resources.products.category_names.${code}`, { _: code }) : "";
}

/** A product's name by its SKU (the SKU itself while the products load, or for one no longer sold). */
export function useProductName() {
  const { data } = useTillProducts();
  const names = new Map((data ?? []).map((product) => [product.sku, product.name]));
  return (sku: string) => names.get(sku) ?? sku;
}
