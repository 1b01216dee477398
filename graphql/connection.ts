import type { Page } from "../functions/core/model.js";

/** A domain page as a GraphQL connection. */
export function connection<T>(page: Page<T>) {
  return { nodes: page.items, pageInfo: { hasNextPage: page.next !== null, endCursor: page.next } };
}
