/**
 * Coupon storage: templates, coupons (addressed by code; a member's wallet and
 * the expiry calendar are indexes), and the transaction items that issue,
 * hold, use and give back a coupon. Callers compose these items into one
 * transaction with whatever else moves (order, points, stored value).
 */
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Page } from "../core/model.js";
import type { Coupon, CouponTemplate } from "../core/coupons/templates.js";
import type { MemberContact } from "../core/model.js";
import { countedOpenAfter, couponDelta } from "../core/stats.js";
import { batchGet, isConditionFailed, type Db, type TransactItem } from "./db.js";
import type { Write } from "./transaction.js";
import { counters, entities } from "./entities.js";
import { mustBeNew } from "./entity.js";
import { indexKeys, keys } from "./keys.js";
import { queryAll, queryPage } from "./query.js";

export async function getTemplate(
  db: Db,
  merchantId: string,
  templateId: string,
  consistent = false,
): Promise<CouponTemplate | undefined> {
  const found = await db.client.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.couponTemplate(merchantId, templateId),
      ConsistentRead: consistent,
    }),
  );
  return found.Item ? entities.couponTemplate.from(found.Item) : undefined;
}

export async function getTemplates(
  db: Db,
  merchantId: string,
  templateIds: string[],
): Promise<Map<string, CouponTemplate>> {
  const items = templateIds.length
    ? await batchGet(
        db,
        [...new Set(templateIds)].map((id) => keys.couponTemplate(merchantId, id)),
        true,
      )
    : [];
  return new Map(items.map((item) => entities.couponTemplate.from(item)).map((template) => [template.id, template]));
}

/**
 * Create (expectedUpdatedAt undefined) or replace a template unchanged since read; false when someone changed it
 * first.
 */
export async function putTemplate(db: Db, template: CouponTemplate, expectedUpdatedAt?: string): Promise<boolean> {
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: entities.couponTemplate.item(template),
        ConditionExpression: expectedUpdatedAt ? "updatedAt = :u AND issued = :i" : "attribute_not_exists(pk)",
        ExpressionAttributeValues: expectedUpdatedAt ? { ":u": expectedUpdatedAt, ":i": template.issued } : undefined,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

export function listTemplates(
  db: Db,
  merchantId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<CouponTemplate>> {
  return queryPage<CouponTemplate>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.merchant(merchantId).pk,
    sortPrefix: { attribute: "sk", value: keys.couponTemplatesPrefix() },
    limit,
    cursor,
    from: entities.couponTemplate.from,
    ascending: false,
  });
}

/** A coupon as stored: counted open or not on the dashboard, on its lapse day's calendar in `timeZone`. */
export const couponItem = (coupon: Coupon, timeZone: string, countedOpen: boolean) =>
  entities.coupon.item(coupon, { timeZone, countedOpen });

export async function getCoupon(
  db: Db,
  merchantId: string,
  code: string,
  consistent = false,
): Promise<Coupon | undefined> {
  const found = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: keys.coupon(merchantId, code), ConsistentRead: consistent }),
  );
  return found.Item ? entities.coupon.from(found.Item) : undefined;
}

export function listMemberCoupons(
  db: Db,
  merchantId: string,
  memberId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<Coupon>> {
  const index = indexKeys.couponsOfMember(merchantId, memberId);
  return queryPage<Coupon>(db, {
    index: index.index,
    partitionAttribute: "gsi1pk",
    partitionValue: index.gsi1pk,
    limit,
    cursor,
    from: entities.coupon.from,
    ascending: false,
  });
}

/** Usable coupons whose last day (merchant's local date) is `day`: the expiry reminder's list. */
export function listCouponsExpiringOn(
  db: Db,
  merchantId: string,
  day: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<Coupon>> {
  const index = indexKeys.couponsExpiringOn(merchantId, day);
  return queryPage<Coupon>(db, {
    index: index.index,
    partitionAttribute: "gsi2pk",
    partitionValue: index.gsi2pk,
    limit,
    cursor,
    from: entities.coupon.from,
  });
}

/**
 * Issue coupons of one template: the template's stock (never past its total,
 * and only from the terms that were read: its updatedAt pins them), each
 * member's count (never past the limit) and the new coupons (codes must be
 * new). One update per item, so several coupons of one template in one
 * transaction share one stock update. Labels: stock, limit, code.
 */
export function issueItems(db: Db, template: CouponTemplate, coupons: Coupon[], timeZone: string): Write[] {
  const { merchantId } = template;
  const n = coupons.length;
  const limited = template.totalStock !== null;
  const items: Write[] = [
    {
      label: "stock",
      item: {
        Update: {
          TableName: db.tableName,
          Key: keys.couponTemplate(merchantId, template.id),
          UpdateExpression: "SET issued = issued + :n",
          ConditionExpression: `updatedAt = :u AND #s = :active${limited ? " AND issued <= :max" : ""}`,
          ExpressionAttributeNames: { "#s": "status" },
          ExpressionAttributeValues: {
            ":n": n,
            ":u": template.updatedAt,
            ":active": "active",
            ...(limited ? { ":max": template.totalStock! - n } : {}),
          },
        },
      },
    },
  ];
  const perMember = new Map<string, number>();
  for (const coupon of coupons) perMember.set(coupon.memberId, (perMember.get(coupon.memberId) ?? 0) + 1);
  if (template.perMemberLimit)
    for (const [memberId, count] of perMember)
      items.push({
        label: "limit",
        item: counters.couponTaken.add(
          db,
          { merchantId, memberId, templateId: template.id },
          { count },
          { atMost: { count: template.perMemberLimit } },
        ),
      });
  for (const coupon of coupons) {
    const put: TransactItem = {
      Put: {
        TableName: db.tableName,
        Item: couponItem(coupon, timeZone, countedOpenAfter(undefined, coupon, coupon.issuedAt)),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    };
    items.push({
      label: "code",
      item: put,
      stats: { merchantId, at: coupon.issuedAt, timeZone, delta: couponDelta(undefined, coupon, coupon.issuedAt) },
    });
  }
  return items;
}

/**
 * Replace a coupon by its next state at `at`, if nobody changed it since it was read — its member's contact
 * copy included, so a member change (an erasure above all) is never written over. Label: coupon:{code}.
 */
export function couponChange(db: Db, before: Coupon, after: Coupon, timeZone: string, at: string): Write {
  const put: TransactItem = {
    Put: {
      TableName: db.tableName,
      Item: couponItem({ ...after, contact: before.contact }, timeZone, countedOpenAfter(before, after, at)),
      ConditionExpression: before.contact
        ? "version = :v AND contact.version = :cv"
        : "version = :v AND attribute_not_exists(contact)",
      ExpressionAttributeValues: { ":v": before.version, ...(before.contact ? { ":cv": before.contact.version } : {}) },
    },
  };
  return {
    label: `coupon:${before.code}`,
    item: put,
    stats: { merchantId: after.merchantId, at, timeZone, delta: couponDelta(before, after, at) },
  };
}

/** What issuing a coupon of a template to a member reads, in one consistent request. */
export async function loadIssueContext(db: Db, merchantId: string, templateId: string, memberId: string) {
  const wanted = [
    keys.merchant(merchantId),
    keys.couponTemplate(merchantId, templateId),
    keys.member(merchantId, memberId),
  ];
  const items = await batchGet(db, wanted, true);
  const find = (entity: { name: string }) => items.find((item) => item.entity === entity.name);
  const template = find(entities.couponTemplate);
  const member = find(entities.member);
  const merchant = find(entities.merchant);
  return {
    timeZone: (merchant ? entities.merchant.from(merchant) : undefined)?.timeZone ?? "Asia/Shanghai",
    template: template ? entities.couponTemplate.from(template) : undefined,
    member: member ? entities.member.from(member) : undefined,
  };
}

/** Read coupons by code in one request; missing codes are simply absent. */
export async function getCoupons(
  db: Db,
  merchantId: string,
  codes: string[],
  extraKeys: { pk: string; sk: string }[] = [],
): Promise<{ coupons: Map<string, Coupon>; extra: Record<string, unknown>[] }> {
  const wanted = [...new Set(codes)].map((code) => keys.coupon(merchantId, code));
  const items = await batchGet(db, [...extraKeys, ...wanted], true);
  const isCoupon = (item: Record<string, unknown>) => item.entity === entities.coupon.name;
  return {
    coupons: new Map(
      items
        .filter(isCoupon)
        .map((item) => entities.coupon.from(item))
        .map((coupon) => [coupon.code, coupon]),
    ),
    extra: items.filter((item) => !isCoupon(item)),
  };
}

/** The key of a checkout hold's record: what the hold was first made for (its request print). */
export const holdKey = (merchantId: string, holdId: string) => keys.request(merchantId, "hold", holdId);

/** Write a hold's record once, in the reservation's transaction: a second first reservation under the id fails. */
export function holdRecordPut(
  db: Db,
  merchantId: string,
  holdId: string,
  print: Record<string, string>,
  expiresAt: string,
): Write {
  const record = { fingerprint: print, expiresAtEpoch: Math.floor(Date.parse(expiresAt) / 1000) };
  return {
    label: "hold",
    item: entities.request.put(db, record, { merchantId, scope: "hold", id: holdId }, mustBeNew),
  };
}

/**
 * The coupons on a day's expiry calendar (every usable coupon whose last local day it is), one
 * Query per 1 MB. `countedOpen` keeps only those the dashboard still counts open (lapsed by
 * `until`, for today), filtered in DynamoDB.
 */
export async function couponsExpiringOn(
  db: Db,
  merchantId: string,
  day: string,
  countedOpen?: { until?: string },
): Promise<Coupon[]> {
  const index = indexKeys.couponsExpiringOn(merchantId, day);
  const until = countedOpen?.until;
  const filter = countedOpen && {
    FilterExpression: until ? "countedOpen = :t AND validUntil <= :until" : "countedOpen = :t",
    ExpressionAttributeValues: { ":p": index.gsi2pk, ":t": true, ...(until ? { ":until": until } : {}) },
  };
  const items = await queryAll(db, {
    IndexName: index.index,
    KeyConditionExpression: "gsi2pk = :p",
    ExpressionAttributeValues: { ":p": index.gsi2pk },
    ...filter,
  });
  return items.map((item) => entities.coupon.from(item));
}

/** Most coupon copies a member change rewrites in its own transaction (the rest: see `contactCopyWrites`). */
export const COPIES_IN_CHANGE = 40;

/**
 * The member's coupons that carry a contact copy (usable ones, and any a race left one on), read from the
 * wallet index: one Query per 1 MB of the member's coupons.
 */
async function couponsWithCopy(db: Db, merchantId: string, memberId: string): Promise<Coupon[]> {
  const index = indexKeys.couponsOfMember(merchantId, memberId);
  const items = await queryAll(db, {
    IndexName: index.index,
    KeyConditionExpression: "gsi1pk = :p",
    FilterExpression: "attribute_exists(contact)",
    ExpressionAttributeValues: { ":p": index.gsi1pk },
  });
  return items.map((item) => entities.coupon.from(item));
}

/** Set a coupon's contact copy (the coupon is never deleted, so the update never creates one). */
function contactCopyUpdate(db: Db, merchantId: string, code: string, contact: MemberContact): TransactItem {
  return {
    Update: {
      TableName: db.tableName,
      Key: keys.coupon(merchantId, code),
      UpdateExpression: "SET contact = :c",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":c": contact },
    },
  };
}

/**
 * A member change's rewrite of its coupons' contact copies, for its transaction: up to COPIES_IN_CHANGE of
 * them (a copy left behind is caught by the job's check on the member, and erasure sweeps after). Label: copy.
 */
export async function contactCopyWrites(
  db: Db,
  merchantId: string,
  memberId: string,
  contact: MemberContact,
): Promise<Write[]> {
  const coupons = await couponsWithCopy(db, merchantId, memberId);
  return coupons
    .slice(0, COPIES_IN_CHANGE)
    .map((coupon) => ({ label: "copy", item: contactCopyUpdate(db, merchantId, coupon.code, contact) }));
}

/** After an erasure: every coupon copy of the member still naming them is replaced by the erased copy. */
export async function sweepContactCopies(
  db: Db,
  merchantId: string,
  memberId: string,
  erased: MemberContact,
): Promise<number> {
  const coupons = await couponsWithCopy(db, merchantId, memberId);
  const left = coupons.filter((coupon) => coupon.contact?.status !== "erased");
  for (const coupon of left)
    await db.client.send(new UpdateCommand(contactCopyUpdate(db, merchantId, coupon.code, erased).Update!));
  return left.length;
}

/**
 * For a table written before coupons carried their member's contact: sets on each of the member's usable
 * coupons without a copy, each only if unchanged since read (for the member's backfill transaction).
 */
export async function missingCopies(
  db: Db,
  merchantId: string,
  memberId: string,
  contact: MemberContact,
): Promise<TransactItem[]> {
  const index = indexKeys.couponsOfMember(merchantId, memberId);
  const items = await queryAll(db, {
    IndexName: index.index,
    KeyConditionExpression: "gsi1pk = :p",
    FilterExpression: "#s IN (:issued, :reserved) AND attribute_not_exists(contact)",
    ExpressionAttributeNames: { "#s": "status" },
    ExpressionAttributeValues: { ":p": index.gsi1pk, ":issued": "issued", ":reserved": "reserved" },
  });
  return items
    .map((item) => entities.coupon.from(item))
    .map((coupon) => ({
      Update: {
        TableName: db.tableName,
        Key: keys.coupon(merchantId, coupon.code),
        UpdateExpression: "SET contact = :c",
        ConditionExpression: "version = :v AND attribute_not_exists(contact)",
        ExpressionAttributeValues: { ":c": contact, ":v": coupon.version },
      },
    }));
}
