/**
 * `defineEntity`: one definition per kind of item in the single table — its
 * key, the index projections it is listed under, what is derived from it on
 * write and how a stored item reads back — so a repository writes
 * `entities.order.put(db, order, condition)` and never spells a key.
 * `defineCounter` does the same for items only ever changed by `ADD`s
 * (per-member limits, tag counts, liability shards, the dashboard's counters).
 *
 * We weighed ElectroDB 3.9 for this (see docs/decisions.md): it can express
 * our key templates and transactions, but it stamps its own identity
 * attributes on every item (existing items would need a backfill), cannot
 * declare the dashboard's dynamically named counters, and adds to the
 * handler bundle; a page of our own does what we need.
 */
import { withoutKeys, type Db, type TransactItem } from "./db.js";
import type { Key } from "./keys.js";

/** Attributes a value is listed under in the table's indexes (absent: not listed there). */
export type IndexAttributes = Partial<Record<`gsi${number}${"pk" | "sk"}`, string | undefined>>;

export interface EntityDefinition<T, C = void> {
  /** The item's `entity` attribute. */
  name: string;
  /** The item's primary key. */
  key: (value: T, context: C) => Key;
  /** The index projections this value is listed under now. */
  indexes?: (value: T, context: C) => IndexAttributes;
  /** Attributes derived from the value, written after it. */
  derived?: (value: T, context: C) => Record<string, unknown>;
  /** The value of a stored item (keys stripped), with defaults for attributes older items lack. */
  read?: (stored: T) => T;
}

/** A condition on a write: expression, names and values. */
export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

export const mustBeNew: Condition = { expression: "attribute_not_exists(pk)" };

export interface Entity<T, C = void> extends EntityDefinition<T, C> {
  /** The value as a stored item: key, entity, index attributes, the value, derived attributes. */
  item(value: T, context: C): Record<string, unknown>;
  /** A stored item as the value. */
  from(item: Record<string, unknown>): T;
  /** A Put of the value as a transaction item, under a condition if given. */
  put(db: Db, value: T, context: C, condition?: Condition): TransactItem;
}

export function defineEntity<T extends object, C = void>(definition: EntityDefinition<T, C>): Entity<T, C> {
  const item = (value: T, context: C) => ({
    ...definition.key(value, context),
    entity: definition.name,
    ...definition.indexes?.(value, context),
    ...value,
    ...definition.derived?.(value, context),
  });
  return {
    ...definition,
    item,
    from: (stored) => (definition.read ?? ((value: T) => value))(withoutKeys<T>(stored)),
    put: (db, value, context, condition) => ({
      Put: {
        TableName: db.tableName,
        Item: item(value, context),
        ...(condition
          ? {
              ConditionExpression: condition.expression,
              ExpressionAttributeNames: condition.names,
              ExpressionAttributeValues: condition.values,
            }
          : {}),
      },
    }),
  };
}

/** An update of a counter item, as a transaction item (or, its `Update`, an UpdateItem's input). */
export type CounterUpdate = { Update: NonNullable<TransactItem["Update"]> };

/**
 * A counter: an item only ever changed by `ADD`s (member counts of a tag,
 * coupons a member took, dashboard figures…), so concurrent counts never
 * read and write back. `A` addresses one counter item, `V` is what it holds.
 */
export interface CounterDefinition<A, V> {
  /** The item's `entity` attribute. */
  name: string;
  /** Written on every count unless false (request-rate windows never carried it). */
  stamped?: boolean;
  /** The item's primary key. */
  key: (address: A) => Key;
  /** Attributes every count writes from the address: what the item counts (its store, day, tag…). */
  labels?: (address: A) => Partial<V>;
}

export interface CountOptions<V> {
  /** Further attributes to set (the latest name of a product, a TTL…). */
  set?: Partial<V>;
  /**
   * Counters the amounts must not take past a limit: the count fails its condition when the
   * counter, before the count, is above the limit less its amount (an absent counter passes).
   */
  atMost?: Partial<Record<keyof V & string, number>>;
}

export interface Counter<A, V> extends CounterDefinition<A, V> {
  /** An update adding `amounts` to the counter at `address`, with its labels and what `options` set. */
  add(db: Db, address: A, amounts: Partial<Record<keyof V & string, number>>, options?: CountOptions<V>): CounterUpdate;
  /** A stored item as the counter's value. */
  from(item: Record<string, unknown>): V;
}

/** SET the attributes and ADD the amounts, every name through a placeholder. */
function countExpression(sets: Record<string, unknown>, amounts: Record<string, number>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const clause = (prefix: string, entries: [string, unknown][], join: string) =>
    entries.map(([name, value], i) => {
      names[`#${prefix}${i}`] = name;
      values[`:${prefix}${i}`] = value;
      return `#${prefix}${i}${join}:${prefix}${i}`;
    });
  const set = clause("s", Object.entries(sets), " = ");
  const add = clause("a", Object.entries(amounts), " ");
  const expression = [set.length ? `SET ${set.join(", ")}` : "", `ADD ${add.join(", ")}`].filter(Boolean).join(" ");
  return { expression, names, values };
}

/** `attribute_not_exists(#x) OR #x <= :max` for each limited counter, `:max` its limit less its amount. */
function limitCondition(
  limits: Record<string, number | undefined>,
  amounts: Record<string, number | undefined>,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string | undefined {
  const parts = Object.entries(limits).map(([name, limit], i) => {
    names[`#l${i}`] = name;
    values[`:l${i}`] = (limit ?? 0) - (amounts[name] ?? 0);
    return `(attribute_not_exists(#l${i}) OR #l${i} <= :l${i})`;
  });
  return parts.length ? parts.join(" AND ") : undefined;
}

export function defineCounter<A, V extends object>(definition: CounterDefinition<A, V>): Counter<A, V> {
  return {
    ...definition,
    add: (db, address, amounts, options = {}) => {
      const sets = {
        ...(definition.stamped === false ? {} : { entity: definition.name }),
        ...definition.labels?.(address),
        ...options.set,
      };
      const update = countExpression(sets, amounts as Record<string, number>);
      const condition = limitCondition(options.atMost ?? {}, amounts, update.names, update.values);
      return {
        Update: {
          TableName: db.tableName,
          Key: definition.key(address),
          UpdateExpression: update.expression,
          ConditionExpression: condition,
          ExpressionAttributeNames: update.names,
          ExpressionAttributeValues: update.values,
        },
      };
    },
    from: (item) => withoutKeys<V>(item),
  };
}
