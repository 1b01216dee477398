/**
 * The single table: the one definition both the CDK stack and the local
 * DynamoDB use, so infrastructure and code cannot drift.
 */
export interface IndexDefinition {
  /** Index name in DynamoDB. */
  name: string;
  partitionKey: string;
  sortKey: string;
}

export const table = {
  /** Default table name when TABLE_NAME is not set (local mode). */
  defaultName: "regulars",
  partitionKey: "pk",
  sortKey: "sk",
  /** Items with this attribute (epoch seconds) are deleted by DynamoDB after that time: request-rate windows. */
  timeToLiveAttribute: "expiresAtEpoch",
  /** Global secondary indexes; all project every attribute. */
  indexes: {
    /** Chain-wide listings, e.g. members by join date. */
    gsi1: { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    /** Store-scoped listings, e.g. members of one home store by join date. */
    gsi2: { name: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    /** Guide-scoped listings (sparse): members of one guide by join date. */
    gsi3: { name: "gsi3", partitionKey: "gsi3pk", sortKey: "gsi3sk" },
    /** Name search (sparse): members of a merchant by normalised name. */
    gsi4: { name: "gsi4", partitionKey: "gsi4pk", sortKey: "gsi4sk" },
    /** Daily jobs (sparse): members by birthday (MM-DD). */
    gsi5: { name: "gsi5", partitionKey: "gsi5pk", sortKey: "gsi5sk" },
  } satisfies Record<string, IndexDefinition>,
} as const;

export type IndexName = keyof typeof table.indexes;

/** The CreateTable request the local launcher and the tests use. */
export function createTableInput(tableName: string) {
  const indexes = Object.values(table.indexes);
  const attributes = new Set<string>([table.partitionKey, table.sortKey]);
  for (const index of indexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: "S" as const })),
    KeySchema: [
      { AttributeName: table.partitionKey, KeyType: "HASH" as const },
      { AttributeName: table.sortKey, KeyType: "RANGE" as const },
    ],
    GlobalSecondaryIndexes: indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: "HASH" as const },
        { AttributeName: index.sortKey, KeyType: "RANGE" as const },
      ],
      Projection: { ProjectionType: "ALL" as const },
    })),
  };
}
