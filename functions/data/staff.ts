/** Staff records and the global login-name index. */
import { GetCommand, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Page, Staff } from "../core/model.js";
import { cancellationCodes, type Db } from "./db.js";
import { entities } from "./entities.js";
import { defineEntity, mustBeNew } from "./entity.js";
import { keys } from "./keys.js";
import { queryPage } from "./query.js";

/** A login name, unique on the platform: it names the merchant and the staff member who signs in with it. */
const login = defineEntity<{ username: string; merchantId: string; staffId: string }>({
  name: "login",
  key: (l) => keys.login(l.username),
});

/** The staff item and its unique login item (last: its condition guards the name). */
export function staffItems(db: Db, staff: Staff) {
  const { username, merchantId, id: staffId } = staff;
  return [
    entities.staff.put(db, staff, undefined, mustBeNew),
    login.put(db, { username, merchantId, staffId }, undefined, mustBeNew),
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
    new PutCommand(entities.staff.put(db, staff, undefined, { expression: "attribute_exists(pk)" }).Put!),
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
  if (!result.Item) return undefined;
  const { merchantId, staffId } = login.from(result.Item);
  return { merchantId, staffId };
}

export function listStaff(db: Db, merchantId: string, limit: number, cursor?: string | null): Promise<Page<Staff>> {
  return queryPage<Staff>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.merchant(merchantId).pk,
    sortPrefix: { attribute: "sk", value: keys.staffPrefix() },
    limit,
    cursor,
    from: entities.staff.from,
  });
}
