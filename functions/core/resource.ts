/**
 * A declared resource: a record the merchant keeps (listed a page at a time,
 * read by id, created and changed by some roles) whose whole contract is one
 * declaration — its rules, its SDL, its storage name and who may edit it. The
 * service (app/records.ts), the storage (data/records.ts), the resolvers
 * (graphql/recordResolvers.ts) and the console's operations are derived from
 * it. See docs/adding-a-resource.md.
 */
import type { Role } from "./model.js";

/** What every declared record carries; the generic service stamps these. */
export interface RecordBase {
  merchantId: string;
  createdAt: string;
  updatedAt: string;
}

/** A record's own fields: what `parse` returns. */
export type RecordFields<T extends RecordBase> = Omit<T, keyof RecordBase>;

export interface ResourceDefinition<N extends string, T extends RecordBase, I> {
  /** The console's resource name and the list query, plural camelCase (`products`). */
  name: N;
  /** The GraphQL object type of one record (`Product`). */
  type: string;
  /** The sort-key prefix of its items in the merchant's partition, upper case (`PRODUCT`). */
  storage: string;
  /** The field that is the record's id; it never changes. */
  id: keyof RecordFields<T> & string;
  /** The staff roles that may create and change records; every staff member and API key may read them. */
  editors: readonly Role[];
  /** The record's fields from input, over the current record when updating; throws ValidationError. */
  parse(input: I, current: T | undefined): RecordFields<T>;
  /** The refusal when a new record's id is taken. */
  duplicate(id: string): string;
  /** The SDL: the type, its connection, its input, and the four operations (see `operations`). */
  typeDefs: string;
}

export interface Resource<N extends string = string, T extends RecordBase = RecordBase, I = unknown> extends Omit<
  ResourceDefinition<N, T, I>,
  "id"
> {
  id: string;
  /** The operation names, by convention: `products`, `product`, `createProduct`, `updateProduct`. */
  operations: { list: string; one: string; create: string; update: string };
}

const NAME = /^[a-z][A-Za-z]{1,39}$/;
const TYPE = /^[A-Z][A-Za-z]{1,39}$/;
const STORAGE = /^[A-Z][A-Z_]{1,23}$/;

/** Checks the declaration's names and derives the operation names. */
export function defineResource<N extends string, T extends RecordBase, I>(
  definition: ResourceDefinition<N, T, I>,
): Resource<N, T, I> {
  const { name, type, storage } = definition;
  if (!NAME.test(name) || !TYPE.test(type) || !STORAGE.test(storage))
    throw new Error(`Resource ${name}: name is camelCase, type PascalCase, storage UPPER_CASE`);
  const one = type[0]!.toLowerCase() + type.slice(1);
  if (one === name) throw new Error(`Resource ${name}: the list and the one-record query need different names`);
  return {
    ...definition,
    operations: { list: name, one, create: `create${type}`, update: `update${type}` },
  };
}
