/**
 * The marketing settings and plans a merchant keeps in its own partition:
 * automation settings, saved segments and campaigns (with the members each
 * campaign reached), and the daily jobs' record of which local days are done.
 */
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { AutomationConfig } from "../core/automation.js";
import type { Campaign } from "../core/campaigns.js";
import type { Page } from "../core/model.js";
import type { Segment } from "../core/segments.js";
import { withoutKeys, type Db } from "./db.js";
import type { Write } from "./transaction.js";
import { keys, type Key } from "./keys.js";
import { collectPages, queryPage } from "./query.js";

async function getItem<T>(db: Db, key: Key, consistent = false): Promise<T | undefined> {
  const found = await db.client.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: consistent }));
  return found.Item ? withoutKeys<T>(found.Item) : undefined;
}

async function putItem(db: Db, key: Key, entity: string, value: object): Promise<void> {
  await db.client.send(new PutCommand({ TableName: db.tableName, Item: { ...key, entity, ...value } }));
}

function merchantPage<T>(db: Db, merchantId: string, prefix: string, limit: number, cursor?: string | null) {
  const pk = keys.merchant(merchantId).pk;
  return queryPage<T>(db, {
    partitionAttribute: "pk",
    partitionValue: pk,
    sortPrefix: { attribute: "sk", value: prefix },
    limit,
    cursor,
  });
}

/** The merchant's automation settings as saved (undefined until an owner saves them). */
export const getAutomation = (db: Db, merchantId: string) => getItem<AutomationConfig>(db, keys.automation(merchantId));

export const putAutomation = (db: Db, merchantId: string, config: AutomationConfig) =>
  putItem(db, keys.automation(merchantId), "automation", config);

export const getSegment = (db: Db, merchantId: string, id: string) =>
  getItem<Segment>(db, keys.segment(merchantId, id));

export const putSegment = (db: Db, segment: Segment) =>
  putItem(db, keys.segment(segment.merchantId, segment.id), "segment", segment);

export const listSegments = (
  db: Db,
  merchantId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<Segment>> => merchantPage<Segment>(db, merchantId, keys.segmentsPrefix(), limit, cursor);

export const getCampaign = (db: Db, merchantId: string, id: string) =>
  getItem<Campaign>(db, keys.campaign(merchantId, id));

export const putCampaign = (db: Db, campaign: Campaign) =>
  putItem(db, keys.campaign(campaign.merchantId, campaign.id), "campaign", campaign);

export const listCampaigns = (
  db: Db,
  merchantId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<Campaign>> => merchantPage<Campaign>(db, merchantId, keys.campaignsPrefix(), limit, cursor);

/** A member a campaign reached on a day. */
export interface Recipient {
  memberId: string;
  date: string;
  reachedAt: string;
  couponCode?: string;
  sms: boolean;
}

/** The recipient's item, written in the transaction that reaches the member. */
export function recipientPut(db: Db, merchantId: string, campaignId: string, recipient: Recipient): Write {
  const Item = {
    pk: keys.campaignRecipients(merchantId, campaignId),
    sk: `M#${recipient.memberId}#${recipient.date}`,
    entity: "campaignRecipient",
    ...recipient,
  };
  return { label: "recipient", item: { Put: { TableName: db.tableName, Item } } };
}

/** Every member a campaign reached (a campaign reaches one segment: bounded). */
export const listRecipients = (db: Db, merchantId: string, campaignId: string): Promise<Recipient[]> =>
  collectPages((cursor) =>
    queryPage<Recipient>(db, {
      partitionAttribute: "pk",
      partitionValue: keys.campaignRecipients(merchantId, campaignId),
      limit: 100,
      cursor,
    }),
  );

/** How far a merchant's daily jobs for a local date got. */
export interface JobDay {
  status: "done" | "dispatched";
  date: string;
  at: string;
  results?: unknown;
}

export const getJobDay = (db: Db, merchantId: string, date: string) =>
  getItem<JobDay>(db, keys.jobDay(merchantId, date), true);

export const putJobDay = (db: Db, merchantId: string, day: JobDay) =>
  putItem(db, keys.jobDay(merchantId, day.date), "jobDay", day);

/** A daily job's marker for a member, written once in the transaction that acts on them. Label: marker. */
export function jobMarkerPut(
  db: Db,
  merchantId: string,
  memberId: string,
  marker: string,
  record: { job: string; at: string; date: string },
): Write {
  return {
    label: "marker",
    item: {
      Put: {
        TableName: db.tableName,
        Item: { ...keys.jobMarker(merchantId, memberId, marker), entity: "jobMarker", ...record },
        ConditionExpression: "attribute_not_exists(pk)",
      },
    },
  };
}
