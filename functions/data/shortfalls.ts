/**
 * Rewards not given: one counter per (local day, home store, template, source,
 * reason) of members a coupon could not be given to, so the operator hears of
 * a sold-out birthday coupon instead of members silently going without. The
 * jobs and purchases add to it in their own transactions (exact, once per
 * member); the welcome pack adds after the enrolment (advisory).
 */
import type { CouponSource, ShortfallReason } from "../core/coupons/templates.js";
import type { Db } from "./db.js";
import { defineCounter } from "./entity.js";
import { keys } from "./keys.js";
import { queryAll } from "./query.js";
import { commit, type Write } from "./transaction.js";

export interface ShortfallAddress {
  merchantId: string;
  /** Local day (YYYY-MM-DD) in the merchant's time zone. */
  date: string;
  /** The member's home store; "-" for none. */
  storeId: string;
  templateId: string;
  source: CouponSource;
  reason: ShortfallReason;
}

export interface Shortfall extends Omit<ShortfallAddress, "merchantId"> {
  members: number;
}

const sortKey = (a: Omit<ShortfallAddress, "merchantId">) =>
  `${a.date}#${a.storeId}#${a.templateId}#${a.source}#${a.reason}`;

const shortfall = defineCounter<ShortfallAddress, Shortfall>({
  name: "couponShortfall",
  key: (address) => keys.couponShortfall(address.merchantId, sortKey(address)),
  labels: ({ date, storeId, templateId, source, reason }) => ({ date, storeId, templateId, source, reason }),
});

/** The write counting one member more, for a caller's transaction. */
export function shortfallWrite(db: Db, address: ShortfallAddress): Write {
  return { label: "shortfall", item: shortfall.add(db, address, { members: 1 }) };
}

/** Count one member more on its own (outside any other change). */
export async function recordShortfall(db: Db, address: ShortfallAddress): Promise<void> {
  await commit(db, [shortfallWrite(db, address)]);
}

/** The counts of local days `from`..`to`, oldest first: one Query (a few items per day). */
export async function listShortfalls(db: Db, merchantId: string, from: string, to: string): Promise<Shortfall[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: "pk = :p AND sk BETWEEN :from AND :to",
    ExpressionAttributeValues: { ":p": keys.couponShortfallPartition(merchantId), ":from": from, ":to": `${to}~` },
  });
  return items.map((item) => shortfall.from(item));
}
