/** Staff records and the global login-name index. */
import { GetCommand, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Page, Staff } from "../core/model.js";
import { cancellationCodes, type Db } from "./db.js";
import { entities } from "./entities.js";
import { keys } from "./keys.js";
import { queryPage } from "./query.js";

/** The staff item and its unique login item (last: its condition guards the name). */
export function staffItems(db: Db, staff: Staff) {
  return [
    {
      Put: {
        TableName: db.tableName,
        Item: entities.staff.item(staff),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
    {
      Put: {
        TableName: db.tableName,
        Item: {
          ...keys.login(staff.username),
          entity: "login",
          username: staff.username,
          merchantId: staff.merchantId,
          staffId: staff.id,
        },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
  ];
}

/** Create staff; "login-taken" when the username is already used anywhere on the platform. */
export async function createStaff(db: Db, staff: Staff): Promise<"created" | "login-taken"> {
  try {
    await db.client.send(new TransactWriteCommand({ TransactItems: staffItems(db, staff) }));
    return "created";
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[1] === "ConditionalCheckFailed") return "login-taken";
    throw error;
  }
}

export async function putStaff(db: Db, staff: Staff): Promise<void> {
  await db.client.send(
    new PutCommand({
      TableName: db.tableName,
      Item: entities.staff.item(staff),
      ConditionExpression: "attribute_exists(pk)",
    }),
  );
}

export async function getStaff(db: Db, merchantId: string, staffId: string): Promise<Staff | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.staff(merchantId, staffId) }),
  );
  return result.Item ? entities.staff.from(result.Item) : undefined;
}

/** Resolve a login name to its merchant and staff id. */
export async function findLogin(
  db: Db,
  username: string,
): Promise<{ merchantId: string; staffId: string } | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.login(username), ConsistentRead: true }),
  );
  return result.Item ? { merchantId: result.Item.merchantId, staffId: result.Item.staffId } : undefined;
}

export function listStaff(db: Db, merchantId: string, limit: number, cursor?: string | null): Promise<Page<Staff>> {
  return queryPage<Staff>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.merchant(merchantId).pk,
    sortPrefix: { attribute: "sk", value: keys.staffPrefix() },
    limit,
    cursor,
  });
}
