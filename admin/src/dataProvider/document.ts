/**
 * A console operation: its GraphQL text, typed with the result and variables that codegen generates for it
 * (`npm run codegen` → admin/src/generated/graphql.ts, types only). Declare each one as
 *
 *     const MEMBER_TAGS: Document<MemberTagsQuery, MemberTagsQueryVariables> = GraphQL-marked template
 *
 * (the literal led by a `/* GraphQL *\/` comment, so codegen finds it), a shared selection as a fragment
 * interpolated at the end. tests/unit/admin-documents.test.ts validates every such document against the
 * schema and checks that every request sends one, so a renamed field fails npm test, not a user.
 */
export type Document<TResult, TVariables> = string & { readonly __operation?: [TResult, TVariables] };

/** The variables argument of a request: required when the operation has a required variable. */
export type VariablesArgument<TVariables> =
  Record<string, never> extends TVariables ? [variables?: NoInfer<TVariables>] : [variables: NoInfer<TVariables>];
