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
import type { Db } from "./db.js";
import { defineEntity, mustBeNew, type Entity } from "./entity.js";
import type { Write } from "./transaction.js";
import { keys, type Key } from "./keys.js";
import { collectPages, queryPage } from "./query.js";

/** A member a campaign reached on a day. */
export interface Recipient {
  memberId: string;
  date: string;
  reachedAt: string;
  couponCode?: string;
  sms: boolean;
}

/** How far a merchant's daily jobs for a local date got. */
export interface JobDay {
  status: "done" | "dispatched";
  date: string;
  at: string;
  results?: unknown;
}

/** A daily job's record that it acted on a member for a (job, step, period). */
export interface JobMarker {
  job: string;
  at: string;
  date: string;
}

/** The merchant's automation settings (jobs, SMS rules, ladder, reminders). */
const automation = defineEntity<AutomationConfig, string>({
  name: "automation",
  key: (_, merchantId) => keys.automation(merchantId),
});
const segment = defineEntity<Segment>({ name: "segment", key: (s) => keys.segment(s.merchantId, s.id) });
const campaign = defineEntity<Campaign>({ name: "campaign", key: (c) => keys.campaign(c.merchantId, c.id) });

/** A member a campaign reached, one item per (member, day) in the campaign's recipients partition. */
const campaignRecipient = defineEntity<Recipient, { merchantId: string; campaignId: string }>({
  name: "campaignRecipient",
  key: (r, { merchantId, campaignId }) => keys.campaignRecipient(merchantId, campaignId, r.memberId, r.date),
});

const jobDay = defineEntity<JobDay, string>({
  name: "jobDay",
  key: (d, merchantId) => keys.jobDay(merchantId, d.date),
});

/** Written once, in the transaction that acts on the member: its key is the guard. */
const jobMarker = defineEntity<JobMarker, { merchantId: string; memberId: string; marker: string }>({
  name: "jobMarker",
  key: (_, { merchantId, memberId, marker }) => keys.jobMarker(merchantId, memberId, marker),
});

async function getItem<T, C>(db: Db, entity: Entity<T, C>, key: Key, consistent = false): Promise<T | undefined> {
  const found = await db.client.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: consistent }));
  return found.Item ? entity.from(found.Item) : undefined;
}

async function putItem<T, C>(db: Db, entity: Entity<T, C>, value: T, context: C): Promise<void> {
  await db.client.send(new PutCommand(entity.put(db, value, context).Put!));
}

function merchantPage<T>(
  db: Db,
  merchantId: string,
  entity: Entity<T, void>,
  prefix: string,
  limit: number,
  cursor?: string | null,
) {
  const pk = keys.merchant(merchantId).pk;
  return queryPage<T>(db, {
    partitionAttribute: "pk",
    partitionValue: pk,
    sortPrefix: { attribute: "sk", value: prefix },
    limit,
    cursor,
    from: entity.from,
  });
}

/** The merchant's automation settings as saved (undefined until an owner saves them). */
export const getAutomation = (db: Db, merchantId: string) => getItem(db, automation, keys.automation(merchantId));

export const putAutomation = (db: Db, merchantId: string, config: AutomationConfig) =>
  putItem(db, automation, config, merchantId);

export const getSegment = (db: Db, merchantId: string, id: string) =>
  getItem(db, segment, keys.segment(merchantId, id));

export const putSegment = (db: Db, value: Segment) => putItem(db, segment, value, undefined);

export const listSegments = (
  db: Db,
  merchantId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<Segment>> => merchantPage(db, merchantId, segment, keys.segmentsPrefix(), limit, cursor);

export const getCampaign = (db: Db, merchantId: string, id: string) =>
  getItem(db, campaign, keys.campaign(merchantId, id));

export const putCampaign = (db: Db, value: Campaign) => putItem(db, campaign, value, undefined);

export const listCampaigns = (
  db: Db,
  merchantId: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<Campaign>> => merchantPage(db, merchantId, campaign, keys.campaignsPrefix(), limit, cursor);

/** The recipient's item, written in the transaction that reaches the member. */
export function recipientPut(db: Db, merchantId: string, campaignId: string, recipient: Recipient): Write {
  return { label: "recipient", item: campaignRecipient.put(db, recipient, { merchantId, campaignId }) };
}

/** Every member a campaign reached (a campaign reaches one segment: bounded). */
export const listRecipients = (db: Db, merchantId: string, campaignId: string): Promise<Recipient[]> =>
  collectPages((cursor) =>
    queryPage<Recipient>(db, {
      partitionAttribute: "pk",
      partitionValue: keys.campaignRecipients(merchantId, campaignId),
      limit: 100,
      cursor,
      from: campaignRecipient.from,
    }),
  );

export const getJobDay = (db: Db, merchantId: string, date: string) =>
  getItem(db, jobDay, keys.jobDay(merchantId, date), true);

export const putJobDay = (db: Db, merchantId: string, day: JobDay) => putItem(db, jobDay, day, merchantId);

/** A daily job's marker for a member, written once in the transaction that acts on them. Label: marker. */
export function jobMarkerPut(db: Db, merchantId: string, memberId: string, marker: string, record: JobMarker): Write {
  return { label: "marker", item: jobMarker.put(db, record, { merchantId, memberId, marker }, mustBeNew) };
}
