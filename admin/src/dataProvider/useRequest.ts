/** One GraphQL operation outside react-admin's calls (tags, consent, audit, import, export). */
import { useDataProvider } from "react-admin";
import type { Document, VariablesArgument } from "./document";

/** Sends a checked document (see document.ts) with its variables; resolves to its generated result type. */
export type GraphqlRequest = <TResult, TVariables>(
  query: Document<TResult, TVariables>,
  ...variables: VariablesArgument<TVariables>
) => Promise<TResult>;

/** The data provider's request (index.ts): the same call, untyped inside react-admin's provider. */
type ProviderRequest = (query: string, variables?: object) => Promise<unknown>;

export function useRequest(): GraphqlRequest {
  const dataProvider = useDataProvider();
  const { request } = dataProvider as unknown as { request: ProviderRequest };
  return <TResult, TVariables>(query: Document<TResult, TVariables>, ...[variables]: VariablesArgument<TVariables>) =>
    request(query, variables ?? {}) as Promise<TResult>;
}
