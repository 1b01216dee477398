/** Referral storage: one item per referred member, listed per merchant and per referrer through indexes. */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Page } from "../core/model.js";
import type { Referral } from "../core/referral.js";
import type { Db } from "./db.js";
import type { Write } from "./transaction.js";
import { entities } from "./entities.js";
import { indexKeys, keys } from "./keys.js";
import { scopedQueryPage, type StoreScope } from "./query.js";

/**
 * A referral written: new, with the new member (its key is the member's, so
 * there is only ever one), or moved on from the status it was read in (the
 * reward is given once). Label: referral.
 */
export function referralPut(db: Db, merchantId: string, referral: Referral, from?: Referral["status"]): Write {
  const Item = entities.referral.item(referral, merchantId);
  const condition = from
    ? {
        ConditionExpression: "#s = :from",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":from": from },
      }
    : { ConditionExpression: "attribute_not_exists(pk)" };
  return { label: "referral", item: { Put: { TableName: db.tableName, Item, ...condition } } };
}

/** A referral belongs to both members' home stores. */
const REFERRAL_STORES = ["storeId", "referrerStoreId"];

/** Referrals newest first, those between members of the caller's stores. */
export function listReferrals(
  db: Db,
  merchantId: string,
  scope: StoreScope,
  limit: number,
  cursor?: string | null,
): Promise<Page<Referral>> {
  const index = indexKeys.referrals(merchantId);
  return scopedQueryPage<Referral>(
    db,
    { index: index.index, partitionAttribute: "gsi1pk", partitionValue: index.gsi1pk, limit, cursor, ascending: false },
    scope,
    REFERRAL_STORES,
  );
}

/** The members one member brought in, newest first, those of the caller's stores. */
export function listReferralsBy(
  db: Db,
  merchantId: string,
  referrerId: string,
  scope: StoreScope,
  limit: number,
  cursor?: string | null,
): Promise<Page<Referral>> {
  const index = indexKeys.referralsBy(merchantId, referrerId);
  return scopedQueryPage<Referral>(
    db,
    { index: index.index, partitionAttribute: "gsi2pk", partitionValue: index.gsi2pk, limit, cursor, ascending: false },
    scope,
    REFERRAL_STORES,
  );
}

/** How a member was referred, if they were. */
export async function getReferral(db: Db, merchantId: string, memberId: string): Promise<Referral | undefined> {
  const found = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.referral(merchantId, memberId) }),
  );
  return found.Item ? entities.referral.from(found.Item) : undefined;
}
