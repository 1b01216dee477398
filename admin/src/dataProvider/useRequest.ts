/** One GraphQL operation outside react-admin's calls (tags, consent, audit, import, export). */
import { useDataProvider } from "react-admin";

export type GraphqlRequest = <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export function useRequest(): GraphqlRequest {
  const dataProvider = useDataProvider();
  return (query, variables = {}) => (dataProvider as unknown as { request: GraphqlRequest }).request(query, variables);
}
