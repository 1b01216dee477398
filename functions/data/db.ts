/** The DynamoDB client and a few helpers every repository shares. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { table } from "./table.js";

export interface Db {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export interface DbOptions {
  tableName?: string;
  /** e.g. http://localhost:8000 for DynamoDB Local; unset in AWS. */
  endpoint?: string;
  region?: string;
}

/** Build the document client; local endpoints get dummy credentials. */
export function createDb(options: DbOptions = {}): Db {
  const endpoint = options.endpoint;
  const raw = new DynamoDBClient({
    endpoint,
    region: options.region ?? process.env.AWS_REGION ?? "ap-east-1",
    ...(endpoint ? { credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
    maxAttempts: 5,
  });
  const client = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { client, tableName: options.tableName ?? table.defaultName };
}

/** Build a Db from the environment: TABLE_NAME, DYNAMODB_ENDPOINT, AWS_REGION. */
export function dbFromEnv(): Db {
  return createDb({
    tableName: process.env.TABLE_NAME || table.defaultName,
    endpoint: process.env.DYNAMODB_ENDPOINT || undefined,
  });
}

/**
 * The per-action cancellation codes of a failed transaction, or undefined
 * when the error is something else. "ConditionalCheckFailed" marks a failed condition.
 */
export function cancellationCodes(error: unknown): (string | undefined)[] | undefined {
  if (error instanceof TransactionCanceledException || (error as { name?: string })?.name === "TransactionCanceledException") {
    const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
    return reasons.map((reason) => (reason.Code === "None" ? undefined : reason.Code));
  }
  return undefined;
}

/** True when a single-item write failed its condition. */
export function isConditionFailed(error: unknown): boolean {
  return (error as { name?: string })?.name === "ConditionalCheckFailedException";
}

/** Opaque cursor for DynamoDB pagination. */
export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | null {
  return lastKey ? Buffer.from(JSON.stringify(lastKey)).toString("base64url") : null;
}

/** Decode a cursor; undefined for a missing one, null for a malformed one. */
export function decodeCursor(cursor: string | null | undefined): Record<string, unknown> | undefined | null {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** Strip the table's key attributes from an item before handing it to the domain. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, entity, ...rest } = item;
  void pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, entity;
  return rest as T;
}
