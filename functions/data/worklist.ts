/**
 * Guide worklist storage: a guide's roster read through gsi3 page by page,
 * the coupons lapsing on a local day (gsi2), and contact notes with their
 * per-member summary, all in the member's own partition.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { AuditEntry, Member, Page } from "../core/model.js";
import { loyaltyConfig } from "./loyalty.js";
import type { ContactNote } from "../core/worklist.js";
import { batchGet, type Db } from "./db.js";
import { entities } from "./entities.js";
import { defineCounter, defineEntity, mustBeNew } from "./entity.js";
import type { Write } from "./transaction.js";
import { indexKeys, keys } from "./keys.js";
import { partitionPages, queryPage } from "./query.js";

/** A guide's note of contacting a member, in the member's partition by time. */
const contactNote = defineEntity<ContactNote, string>({
  name: "contactNote",
  key: (n, merchantId) => keys.contactNote(merchantId, n.memberId, n.at, n.id),
});

/** When a member was last contacted and how often (counted by every note). */
const contactSummary = defineCounter<
  { merchantId: string; memberId: string },
  { memberId: string; lastContactAt: string; count: number }
>({
  name: "contactSummary",
  key: ({ merchantId, memberId }) => keys.contactSummary(merchantId, memberId),
  labels: ({ memberId }) => ({ memberId }),
});

/** Merchant, loyalty settings and the guide, in one request. */
export async function loadWorklistContext(db: Db, merchantId: string, guideId: string) {
  const wanted = [keys.merchant(merchantId), keys.loyaltyConfig(merchantId), keys.staff(merchantId, guideId)];
  const items = await batchGet(db, wanted);
  const find = (key: { pk: string; sk: string }) => items.find((item) => item.pk === key.pk && item.sk === key.sk);
  const config = find(wanted[1]);
  const guide = find(wanted[2]);
  return {
    merchant: entities.merchant.from(find(wanted[0]) ?? {}),
    loyalty: config ? loyaltyConfig.from(config) : undefined,
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
    yield items.map((item) => entities.member.from(item));
  }
}

/** Which of these members have a contact note (one BatchGetItem per 100). */
export async function contactedMembers(db: Db, merchantId: string, memberIds: string[]): Promise<Set<string>> {
  if (!memberIds.length) return new Set();
  const items = await batchGet(
    db,
    memberIds.map((id) => keys.contactSummary(merchantId, id)),
  );
  return new Set(items.map((item) => contactSummary.from(item).memberId));
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
  const first = { fingerprint: request.fingerprint, result: { memberId: note.memberId, at: note.at, id: note.id } };
  return [
    {
      label: "request",
      item: entities.request.put(db, first, { merchantId, scope: "contact", id: request.requestId }, mustBeNew),
    },
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
    { label: "note", item: contactNote.put(db, note, merchantId) },
    {
      label: "summary",
      item: contactSummary.add(
        db,
        { merchantId, memberId: note.memberId },
        { count: 1 },
        { set: { lastContactAt: note.at } },
      ),
    },
    { label: "audit", item: entities.audit.put(db, audit, merchantId) },
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
  return found.Item ? contactNote.from(found.Item) : undefined;
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
    from: contactNote.from,
  });
}
