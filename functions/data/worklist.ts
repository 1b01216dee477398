/**
 * Guide worklist storage: a guide's roster read through gsi3 page by page,
 * the coupons lapsing on a local day (gsi2), and contact notes with their
 * per-member summary, all in the member's own partition.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { AuditEntry, Member, Merchant, Page } from "../core/model.js";
import type { LoyaltyConfig } from "./loyalty.js";
import type { ContactNote } from "../core/worklist.js";
import { batchGet, withoutKeys, type Db } from "./db.js";
import { entities } from "./entities.js";
import type { Write } from "./transaction.js";
import { indexKeys, keys } from "./keys.js";
import { partitionPages, queryPage } from "./query.js";

/** Merchant, loyalty settings and the guide, in one request. */
export async function loadWorklistContext(db: Db, merchantId: string, guideId: string) {
  const wanted = [keys.merchant(merchantId), keys.loyaltyConfig(merchantId), keys.staff(merchantId, guideId)];
  const items = await batchGet(db, wanted);
  const find = (key: { pk: string; sk: string }) => items.find((item) => item.pk === key.pk && item.sk === key.sk);
  const config = find(wanted[1]);
  const guide = find(wanted[2]);
  return {
    merchant: withoutKeys<Merchant>(find(wanted[0]) ?? {}),
    loyalty: config ? withoutKeys<LoyaltyConfig>(config) : undefined,
    guide: guide ? entities.staff.from(guide) : undefined,
  };
}

/** Members of one guide per Query page. */
export const ROSTER_PAGE = 100;

/** A guide's members, newest first, one Query page (≤ 100 members) at a time. */
export async function* guideRoster(db: Db, merchantId: string, guideId: string): AsyncGenerator<Member[]> {
  const index = indexKeys.membersByGuide(merchantId, guideId);
  const read = { index: index.index, partitionAttribute: "gsi3pk", partitionValue: index.gsi3pk, newestFirst: true };
  for await (const items of partitionPages(db, { ...read, limit: ROSTER_PAGE })) {
    yield items.map((item) => {
      const member = withoutKeys<Member>(item);
      return { ...member, tags: member.tags ?? [], status: member.status ?? "active" };
    });
  }
}

/** Which of these members have a contact note (one BatchGetItem per 100). */
export async function contactedMembers(db: Db, merchantId: string, memberIds: string[]): Promise<Set<string>> {
  if (!memberIds.length) return new Set();
  const items = await batchGet(
    db,
    memberIds.map((id) => keys.contactSummary(merchantId, id)),
  );
  return new Set(items.map((item) => item.memberId as string));
}

/**
 * The transaction items of a contact note: the request key (absent), the
 * member still active, the note, the member's contact summary and the audit
 * entry. Labels: request, member.
 */
export function contactItems(
  db: Db,
  merchantId: string,
  note: ContactNote,
  audit: AuditEntry,
  request: { requestId: string; fingerprint: Record<string, string> },
): Write[] {
  const put = (label: string, item: Record<string, unknown>, condition?: string) => ({
    label,
    item: { Put: { TableName: db.tableName, Item: item, ConditionExpression: condition } },
  });
  return [
    put(
      "request",
      entities.request.item(
        { fingerprint: request.fingerprint, result: { memberId: note.memberId, at: note.at, id: note.id } },
        { merchantId, scope: "contact", id: request.requestId },
      ),
      "attribute_not_exists(pk)",
    ),
    {
      label: "member",
      item: {
        ConditionCheck: {
          TableName: db.tableName,
          Key: keys.member(merchantId, note.memberId),
          ConditionExpression: "#s = :active",
          ExpressionAttributeNames: { "#s": "status" },
          ExpressionAttributeValues: { ":active": "active" },
        },
      },
    },
    put("note", { ...keys.contactNote(merchantId, note.memberId, note.at, note.id), entity: "contactNote", ...note }),
    {
      label: "summary",
      item: {
        Update: {
          TableName: db.tableName,
          Key: keys.contactSummary(merchantId, note.memberId),
          UpdateExpression: "SET entity = :e, memberId = :m, lastContactAt = :at ADD #c :one",
          ExpressionAttributeNames: { "#c": "count" },
          ExpressionAttributeValues: { ":e": "contactSummary", ":m": note.memberId, ":at": note.at, ":one": 1 },
        },
      },
    },
    put("audit", entities.audit.item(audit, merchantId)),
  ];
}

/** One contact note by its key (for a repeated request). */
export async function getContactNote(
  db: Db,
  merchantId: string,
  memberId: string,
  at: string,
  id: string,
): Promise<ContactNote | undefined> {
  const found = await db.client.send(
    new GetCommand({
      TableName: db.tableName,
      Key: keys.contactNote(merchantId, memberId, at, id),
      ConsistentRead: true,
    }),
  );
  return found.Item ? withoutKeys<ContactNote>(found.Item) : undefined;
}

/** A member's contact notes, newest first. */
export function listContactNotes(
  db: Db,
  merchantId: string,
  memberId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<ContactNote>> {
  return queryPage<ContactNote>(db, {
    partitionAttribute: "pk",
    partitionValue: keys.memberPartition(merchantId, memberId),
    sortPrefix: { attribute: "sk", value: keys.contactNotesPrefix() },
    limit,
    cursor,
    ascending: false,
  });
}
