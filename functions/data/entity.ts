/**
 * `defineEntity`: one definition per kind of item in the single table — its
 * key, the index projections it is listed under, what is derived from it on
 * write and how a stored item reads back — so a repository writes
 * `entities.order.put(db, order, condition)` and never spells a key.
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
