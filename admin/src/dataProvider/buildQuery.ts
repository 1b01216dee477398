/**
 * Turns a react-admin call into one of our operations (the data provider,
 * index.ts, sends it). Selections and variable types are read from the schema,
 * so a field added to the SDL shows up in the console without touching this file.
 */
import type {
  IntrospectionField,
  IntrospectionInputObjectType,
  IntrospectionObjectType,
  IntrospectionSchema,
  IntrospectionType,
  IntrospectionTypeRef,
} from "graphql";
import { CREATE, GET_LIST, GET_MANY, GET_MANY_REFERENCE, GET_ONE, UPDATE } from "react-admin";
import { CursorBook } from "./cursors";
import { ApiError, fromGraphQLErrors } from "./errors";
import type { GraphQLAnswer } from "./http";
import { isLookup, listSearchFilter, RESOURCES, type LookupQuery, type ResourceOperations } from "./resources";

type Types = Map<string, IntrospectionType>;
type Data = Record<string, unknown>;
type Response = GraphQLAnswer<Data>;

/** How deep nested objects are selected (Member → homeStore → its fields). */
const SELECTION_DEPTH = 2;

function namedType(ref: IntrospectionTypeRef): string {
  return "ofType" in ref && ref.ofType ? namedType(ref.ofType) : (ref as { name: string }).name;
}

function printTypeRef(ref: IntrospectionTypeRef): string {
  if (ref.kind === "NON_NULL") return `${printTypeRef(ref.ofType)}!`;
  if (ref.kind === "LIST") return `[${printTypeRef(ref.ofType)}]`;
  return ref.name;
}

function objectType(types: Types, name: string): IntrospectionObjectType {
  const type = types.get(name);
  if (type?.kind !== "OBJECT") throw new ApiError(`${name} is not an object type of the API`);
  return type;
}

/** Every field of a type that needs no arguments; objects down to `depth`. */
export function selectionOf(types: Types, typeName: string, depth = SELECTION_DEPTH): string {
  return objectType(types, typeName)
    .fields.filter((field) => field.args.length === 0 && !field.isDeprecated)
    .map((field) => {
      const named = namedType(field.type);
      const kind = types.get(named)?.kind;
      if (kind === "SCALAR" || kind === "ENUM") return field.name;
      if (kind === "OBJECT" && depth > 0) return `${field.name} { ${selectionOf(types, named, depth - 1)} }`;
      return "";
    })
    .filter(Boolean)
    .join(" ");
}

/**
 * The value for an input type from form data: only the input's own fields,
 * empty strings left out, a nested object left out when it lacks a required
 * field (e.g. a birthday without a day).
 */
export function inputValue(types: Types, ref: IntrospectionTypeRef, value: unknown): unknown {
  const type = types.get(namedType(ref));
  if (value === undefined || value === null || value === "") return undefined;
  if (type?.kind !== "INPUT_OBJECT") return value;
  if (Array.isArray(value)) return value.map((item) => inputValue(types, ref, item));
  const result: Data = {};
  for (const field of (type as IntrospectionInputObjectType).inputFields) {
    const fieldValue = inputValue(types, field.type, (value as Data)[field.name]);
    if (fieldValue !== undefined) result[field.name] = fieldValue;
    else if (field.type.kind === "NON_NULL") return undefined;
  }
  return result;
}

interface Operation {
  text: string;
  variables: Data;
}

/** `query|mutation name($a: T) { data: field(a: $a) { selection } }` with the given argument values. */
function operation(
  kind: "query" | "mutation",
  field: IntrospectionField,
  values: Data,
  selection: string,
  alias = "data",
): Operation {
  const args = field.args.filter((arg) => values[arg.name] !== undefined);
  const definitions = args.map((arg) => `$${arg.name}: ${printTypeRef(arg.type)}`).join(", ");
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  const text =
    `${kind} ${field.name}${definitions ? `(${definitions})` : ""} { ${alias}: ` +
    `${field.name}${call ? `(${call})` : ""}${selection ? ` { ${selection} }` : ""} }`;
  return { text, variables: Object.fromEntries(args.map((arg) => [arg.name, values[arg.name]])) };
}

/** One react-admin call as one GraphQL operation, and how its answer becomes react-admin's result. */
export interface BuiltQuery {
  /** The operation's text. */
  query: string;
  variables: Data;
  /** "all": errors in the answer reach parseResponse (a partial answer is still an answer) instead of failing. */
  errorPolicy?: "all";
  parseResponse: (response: Response) => unknown;
}

function result(
  op: Operation,
  parseResponse: (response: Response) => unknown,
  extra: Pick<BuiltQuery, "errorPolicy"> = {},
): BuiltQuery {
  return { query: op.text, variables: op.variables, parseResponse, ...extra };
}

/** A record's selection: the resource's row fragment (spread, its text sent along) or every field. */
function rowSelection(types: Types, ops: ResourceOperations): { selection: string; fragments: string } {
  return ops.row
    ? { selection: `...${ops.row.name}`, fragments: ops.row.text }
    : { selection: selectionOf(types, ops.type), fragments: "" };
}

/** An operation with the fragments it spreads. */
const withFragments = (op: Operation, fragments: string): Operation =>
  fragments ? { ...op, text: `${op.text} ${fragments}` } : op;

/** A connection type is one with nodes and pageInfo. */
function connectionNodeType(types: Types, field: IntrospectionField): string | undefined {
  const type = types.get(namedType(field.type));
  if (type?.kind !== "OBJECT") return undefined;
  const nodes = type.fields.find((candidate) => candidate.name === "nodes");
  return nodes && type.fields.some((candidate) => candidate.name === "pageInfo") ? namedType(nodes.type) : undefined;
}

/**
 * A mutation may return the record or a payload holding it next to other
 * fields (registerMember → { member, created }, createApiKey → { apiKey, secret }).
 * The record comes back flat, with the payload's other fields on it.
 */
function recordSelection(
  types: Types,
  field: IntrospectionField,
  recordType: string,
): { selection: string; unwrap: (data: Data) => Data } {
  const returned = namedType(field.type);
  if (returned === recordType) return { selection: selectionOf(types, recordType), unwrap: (data) => data };
  const holder = objectType(types, returned).fields.find((candidate) => namedType(candidate.type) === recordType);
  if (!holder) return { selection: selectionOf(types, returned), unwrap: (data) => data };
  return {
    selection: selectionOf(types, returned),
    unwrap: (data) => {
      const { [holder.name]: record, ...rest } = data;
      return { ...(record as Data), ...rest };
    },
  };
}

function requireData(response: Response): Data {
  if (response.errors?.length) throw fromGraphQLErrors(response.errors);
  const data = response.data?.data;
  if (!data) throw new ApiError("ra.notification.item_doesnt_exist", "NOT_FOUND");
  return data as Data;
}

/**
 * A singleton (the caller's merchant) is read without an id; react-admin still
 * asks for one, so the record answers to the id it was asked for.
 */
function answeringTo(field: IntrospectionField, requestedId: unknown, record: Data): Data {
  return field.args.some((arg) => arg.name === "id") || requestedId === undefined
    ? record
    : { ...record, id: requestedId };
}

/** The fields of data whose value differs from previous (compared as JSON). */
export function changedFields(data: Data, previous: Data): Data {
  return Object.fromEntries(
    Object.entries(data ?? {}).filter(
      ([name, value]) => JSON.stringify(value ?? null) !== JSON.stringify(previous[name] ?? null),
    ),
  );
}

export interface ListParams {
  pagination?: { page: number; perPage: number };
  filter?: Data;
}

/** The list's filter without empty values, as the cursor book keys it. */
export function cleanFilter(filter: Data | undefined): Data {
  return Object.fromEntries(
    Object.entries(filter ?? {}).filter(([, value]) => value !== undefined && value !== null && value !== ""),
  );
}

/**
 * A list's filter as the list query's arguments: keys the query's `filter`
 * input knows go into it (members(filter: MemberFilter)); the rest stay plain
 * arguments, deprecated ones only when the filter input lacks them.
 */
export function listArgumentsFor(types: Types, field: IntrospectionField, args: Data): Data {
  const filterArg = field.args.find((arg) => arg.name === "filter");
  const filterType = filterArg ? types.get(namedType(filterArg.type)) : undefined;
  const filterFields = new Set(
    filterType?.kind === "INPUT_OBJECT"
      ? (filterType as IntrospectionInputObjectType).inputFields.map((input) => input.name)
      : [],
  );
  const values: Data = {};
  const filter: Data = {};
  for (const [name, value] of Object.entries(args)) {
    if (filterFields.has(name)) filter[name] = value;
    else values[name] = value;
  }
  if (Object.keys(filter).length > 0) values.filter = filter;
  return values;
}

/** What a react-admin call's operation is built from: the API's types and root fields, and the list cursors. */
interface Schema {
  types: Types;
  cursors: CursorBook;
  /** The root field named by a resource's operation; a resource without it cannot be asked for `call`. */
  fieldNamed: (name: string | undefined, resource: string, call: string) => IntrospectionField;
  /** Whether a root field is a mutation or a query. */
  kindOf: (name: string) => "query" | "mutation";
}

function schemaOf(introspection: IntrospectionSchema, cursors: CursorBook): Schema {
  const types: Types = new Map(introspection.types.map((type) => [type.name, type]));
  const rootFields = (name: string | undefined) => {
    const root = name ? types.get(name) : undefined;
    return root?.kind === "OBJECT" ? root.fields : [];
  };
  const fields = new Map(
    [...rootFields(introspection.queryType?.name), ...rootFields(introspection.mutationType?.name)].map((field) => [
      field.name,
      field,
    ]),
  );
  const mutations = new Set(rootFields(introspection.mutationType?.name).map((field) => field.name));
  const kindOf = (name: string) => (mutations.has(name) ? "mutation" : "query");
  const fieldNamed = (name: string | undefined, resource: string, call: string): IntrospectionField => {
    const field = name ? fields.get(name) : undefined;
    if (!field) throw new ApiError(`The console cannot ${call} ${resource}`);
    return field;
  };
  return { types, cursors, fieldNamed, kindOf };
}

/** A search box's text: the one record its lookup finds (by phone or code), or none. */
function search(schema: Schema, resource: string, ops: ResourceOperations, lookup: LookupQuery, q: string) {
  const field = schema.fieldNamed(lookup.query, resource, "search");
  const { selection, fragments } = rowSelection(schema.types, ops);
  return result(
    withFragments(operation("query", field, { [lookup.arg]: q.trim() }, selection), fragments),
    (response) => {
      // Half-typed phone numbers or codes are not errors in a search box.
      if (response.errors?.length && response.errors.every((error) => error.extensions?.code === "BAD_USER_INPUT")) {
        return { data: [], total: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false } };
      }
      if (response.errors?.length) throw fromGraphQLErrors(response.errors);
      const record = response.data?.data as Data | null;
      return {
        data: record ? [record] : [],
        total: record ? 1 : 0,
        pageInfo: { hasNextPage: false, hasPreviousPage: false },
      };
    },
    { errorPolicy: "all" },
  );
}

/** A list page: searched, read whole (a plain list), or a page of a connection walked with the cursor book. */
function list(schema: Schema, resource: string, ops: ResourceOperations, params: ListParams): BuiltQuery {
  const { types, cursors } = schema;
  const filter = cleanFilter(params.filter);
  const { page, perPage } = params.pagination ?? { page: 1, perPage: 25 };
  const { q, ...args } = filter;
  if (typeof q === "string" && ops.search) {
    const asked = ops.search(q);
    if (isLookup(asked)) return search(schema, resource, ops, asked, q);
    // A search the list query serves (a phone tail): its filter with the list filters it combines with.
    return list(schema, resource, { ...ops, search: undefined }, { ...params, filter: listSearchFilter(asked, args) });
  }
  const field = schema.fieldNamed(ops.list, resource, "list");
  const nodeType = connectionNodeType(types, field);
  if (!nodeType) {
    return result(operation("query", field, args, selectionOf(types, ops.type)), (response) => {
      const records = (response.data?.data as Data[] | null) ?? [];
      return { data: records, total: records.length, pageInfo: { hasNextPage: false, hasPreviousPage: false } };
    });
  }
  const key = CursorBook.key(resource, filter, perPage);
  const after = cursors.cursor(key, page);
  if (after === undefined) throw new ApiError(`Page ${page} of ${resource} is not reachable yet`);
  const row = ops.row ? rowSelection(types, ops) : { selection: selectionOf(types, nodeType), fragments: "" };
  const op = withFragments(
    operation(
      "query",
      field,
      { ...listArgumentsFor(types, field, args), first: perPage, after: after ?? undefined },
      `nodes { ${row.selection} } pageInfo { hasNextPage endCursor }`,
    ),
    row.fragments,
  );
  return result(op, (response) => {
    const connection = response.data?.data as {
      nodes: Data[];
      pageInfo: { hasNextPage: boolean; endCursor?: string | null };
    };
    cursors.recordNext(key, page, connection.pageInfo.endCursor);
    const { hasNextPage } = connection.pageInfo;
    // On the last page the total is known; before it, react-admin shows "more than n".
    const total = hasNextPage ? undefined : (page - 1) * perPage + connection.nodes.length;
    return { data: connection.nodes, total, pageInfo: { hasNextPage, hasPreviousPage: page > 1 } };
  });
}

/** Several records by id in one request: one aliased field per id. */
function getMany(schema: Schema, resource: string, ops: ResourceOperations, ids: readonly unknown[]): BuiltQuery {
  const field = schema.fieldNamed(ops.one, resource, "read");
  const selection = selectionOf(schema.types, ops.type);
  const idArg = field.args.find((arg) => arg.name === "id");
  if (!idArg || ids.length === 0)
    return result({ text: "query none { __typename }", variables: {} }, () => ({ data: [] }));
  // One request for all ids: one aliased field per id.
  const definitions = ids.map((_, index) => `$id${index}: ${printTypeRef(idArg.type)}`).join(", ");
  const calls = ids.map((_, index) => `r${index}: ${field.name}(id: $id${index}) { ${selection} }`).join(" ");
  const text = `query ${field.name}Many(${definitions}) { ${calls} }`;
  const variables = Object.fromEntries(ids.map((id, index) => [`id${index}`, String(id)]));
  return result(
    { text, variables },
    (response) => ({
      data: ids
        .map((_, index) => response.data?.[`r${index}`] as Data | null)
        .filter((record): record is Data => Boolean(record)),
    }),
    // A record the caller may not see is left out rather than failing the rest.
    { errorPolicy: "all" },
  );
}

/** One record by id (a singleton answers to the id it was asked for). */
function getOne(schema: Schema, resource: string, ops: ResourceOperations, id: unknown): BuiltQuery {
  const field = schema.fieldNamed(ops.one, resource, "read");
  return result(operation("query", field, { id }, selectionOf(schema.types, ops.type)), (response) => ({
    data: answeringTo(field, id, requireData(response)),
  }));
}

/** A create or an update: the form's data as the mutation's input; the record back, flat. */
function save(
  schema: Schema,
  raFetchType: typeof CREATE | typeof UPDATE,
  resource: string,
  ops: ResourceOperations,
  params: Record<string, unknown>,
): BuiltQuery {
  const { types, cursors } = schema;
  const field = schema.fieldNamed(
    raFetchType === CREATE ? ops.create : ops.update,
    resource,
    raFetchType === CREATE ? "create" : "update",
  );
  const inputArg = field.args.find((arg) => arg.name === "input");
  const values: Data = { id: params.id };
  const previous = params.previousData as Data | undefined;
  const versioned = raFetchType === UPDATE && field.args.some((arg) => arg.name === "expectedVersion");
  // A versioned record (members) sends only what changed, guarded by the version it was read at.
  const changes = versioned && previous ? changedFields(params.data as Data, previous) : params.data;
  if (inputArg) values.input = inputValue(types, inputArg.type, changes) ?? {};
  if (versioned) {
    const version = (params.data as Data | undefined)?.version ?? previous?.version;
    if (typeof version === "number") values.expectedVersion = version;
  }
  const { selection, unwrap } = recordSelection(types, field, ops.type);
  return result(operation(schema.kindOf(field.name), field, values, selection), (response) => {
    cursors.forget(resource);
    const record = unwrap(requireData(response));
    return { data: raFetchType === UPDATE ? answeringTo(field, params.id, record) : record };
  });
}

/** The operation of each react-admin call over the API's schema (its introspection), with the list cursors. */
export const buildQueryFactory =
  (cursors: CursorBook) =>
  (introspection: IntrospectionSchema): ((raFetchType: string, resource: string, params: Data) => BuiltQuery) => {
    const schema = schemaOf(introspection, cursors);
    return (raFetchType: string, resource: string, params: Record<string, unknown>): BuiltQuery => {
      const ops = RESOURCES[resource];
      if (!ops) throw new ApiError(`Unknown resource ${resource}`);
      switch (raFetchType) {
        case GET_LIST:
          return list(schema, resource, ops, params as ListParams);
        case GET_MANY_REFERENCE: {
          const { target, id, ...rest } = params as unknown as ListParams & { target: string; id: unknown };
          return list(schema, resource, ops, { ...rest, filter: { ...rest.filter, [target]: id } });
        }
        case GET_ONE:
          return getOne(schema, resource, ops, params.id);
        case GET_MANY:
          return getMany(schema, resource, ops, (params.ids as unknown[]) ?? []);
        case CREATE:
        case UPDATE:
          return save(schema, raFetchType, resource, ops, params);
        default:
          throw new ApiError(`The console cannot ${raFetchType.toLowerCase().replace("_", " ")} ${resource}`);
      }
    };
  };
