/** The DynamoDB client and a few helpers every repository shares. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, DynamoDBDocumentClient, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
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

/** A command as it reaches `send`, for instrumentation. */
export type SentCommand = { constructor: { name: string }; input: Record<string, unknown> };

/**
 * A copy of `db` whose every request goes through `around` (given the command
 * and the real send): counting, recording or failing requests in tests,
 * benchmarks and the simulation without touching the shared client.
 */
export function withSend(db: Db, around: (command: SentCommand, send: () => Promise<unknown>) => Promise<unknown>): Db {
  const client = db.client;
  const send = (command: SentCommand, ...rest: unknown[]) =>
    around(command, () => (client.send as (...a: unknown[]) => Promise<unknown>)(command, ...rest));
  return { ...db, client: Object.assign(Object.create(client), { send }) };
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
  if (
    error instanceof TransactionCanceledException ||
    (error as { name?: string })?.name === "TransactionCanceledException"
  ) {
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

const KEY_ATTRIBUTE = /^(pk|sk|entity|gsi\d+(pk|sk))$/;

/** Strip the table's key attributes from an item before handing it to the domain. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTE.test(name))) as T;
}

/** Read many items by key: BatchGetItem 100 keys a request, retrying unprocessed keys with back-off. */
export async function batchGet(
  db: Db,
  itemKeys: Record<string, unknown>[],
  consistent = false,
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let offset = 0; offset < itemKeys.length; offset += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [db.tableName]: { Keys: itemKeys.slice(offset, offset + 100), ConsistentRead: consistent },
    };
    for (let attempt = 0; request?.[db.tableName]?.Keys.length; attempt++) {
      if (attempt >= 8) throw new Error("DynamoDB left keys unprocessed after 8 attempts");
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      const result = await db.client.send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(result.Responses?.[db.tableName] ?? []));
      request = result.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];
