/**
 * The data provider: each react-admin call is one of our operations (buildQuery.ts) sent straight to the
 * API, plus what react-admin's numbered pages need from our cursor-paged lists. No GraphQL client library:
 * react-query caches for react-admin, so a client's cache and document parsing would only cost bytes.
 */
import {
  CREATE,
  DELETE,
  DELETE_MANY,
  GET_LIST,
  GET_MANY,
  GET_MANY_REFERENCE,
  GET_ONE,
  UPDATE,
  UPDATE_MANY,
  type DataProvider,
  type GetListParams,
  type GetListResult,
} from "react-admin";
import { buildQueryFactory, cleanFilter } from "./buildQuery";
import { CursorBook } from "./cursors";
import { fromGraphQLErrors, toApiError } from "./errors";
import { graphqlPost, graphqlRequest } from "./http";
import { introspectedSchema } from "./introspection";

/** How many empty pages in a row a list walks past before it shows one. */
const MAX_EMPTY_PAGES = 20;

/**
 * react-admin's calls, each one operation (buildQuery.ts) POSTed to the API; an answer with errors fails the
 * call unless its operation reads them (a search, a partial getMany).
 */
function graphqlCalls(graphqlUrl: string, cursors: CursorBook): DataProvider {
  const buildQuery = buildQueryFactory(cursors)(introspectedSchema);
  const call = (raFetchType: string) => async (resource: string, params: object | undefined) => {
    const built = buildQuery(raFetchType, resource, (params ?? {}) as Record<string, unknown>);
    const signal = (params as { signal?: AbortSignal } | undefined)?.signal;
    const answer = await graphqlPost<Record<string, unknown>>(graphqlUrl, built.query, built.variables, signal);
    if (answer.errors?.length && built.errorPolicy !== "all") throw fromGraphQLErrors(answer.errors);
    return built.parseResponse(answer);
  };
  return {
    getList: call(GET_LIST),
    getOne: call(GET_ONE),
    getMany: call(GET_MANY),
    getManyReference: call(GET_MANY_REFERENCE),
    create: call(CREATE),
    update: call(UPDATE),
    updateMany: call(UPDATE_MANY),
    delete: call(DELETE),
    deleteMany: call(DELETE_MANY),
  } as DataProvider;
}

export function createDataProvider(graphqlUrl: string): DataProvider {
  const cursors = new CursorBook();
  const base = graphqlCalls(graphqlUrl, cursors);

  /** Page n of a cursor list needs page n-1's end: fetch the pages before it when they are unknown. */
  async function getList(resource: string, params: GetListParams): Promise<GetListResult> {
    const page = params.pagination?.page ?? 1;
    const perPage = params.pagination?.perPage ?? 25;
    const key = CursorBook.key(resource, cleanFilter(params.filter), perPage);
    if (page > 1 && cursors.cursor(key, page) === undefined) {
      for (let known = cursors.nearestKnown(key, page); known < page; known++) {
        const before = await base.getList(resource, { ...params, pagination: { page: known, perPage } });
        if (!before.pageInfo?.hasNextPage) return { data: [], pageInfo: { hasNextPage: false, hasPreviousPage: true } };
      }
    }
    // The API reads up to 2,000 members for a filtered page (a birthday month, a spend range); past that it may
    // answer a page with no rows yet more to come. The page then starts further on, so staff never see an empty
    // page before the members that match in a very large member base.
    for (let skipped = 0; ; skipped++) {
      const result = await base.getList(resource, params);
      const empty = result.data.length === 0 && result.pageInfo?.hasNextPage;
      if (!empty || skipped >= MAX_EMPTY_PAGES || !cursors.skipEmpty(key, page)) return result;
    }
  }

  const provider: DataProvider = {
    ...base,
    getList,
    getMany: (resource, params) =>
      params.ids.length === 0 ? Promise.resolve({ data: [] }) : base.getMany(resource, params),
    // Operations that are not a react-admin call (tags, consent, import…): one GraphQL request, typed by useRequest.
    request: (query: string, variables: object = {}) => graphqlRequest<unknown, object>(graphqlUrl, query, variables),
  };
  // Every failure reaches react-admin as an Error with the API's message and code.
  return Object.fromEntries(
    Object.entries(provider).map(([name, method]) => [
      name,
      typeof method === "function"
        ? async (...args: unknown[]) => {
            try {
              return await (method as (...a: unknown[]) => Promise<unknown>)(...args);
            } catch (error) {
              throw toApiError(error);
            }
          }
        : method,
    ]),
  ) as DataProvider;
}
