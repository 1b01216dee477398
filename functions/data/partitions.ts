/**
 * The partitions the daily jobs, segments and reports walk, named by what
 * they hold. Services take one of these and read it through `partitionPages`
 * (query.ts); no key or index name leaves the data layer.
 */
import type { PartitionRead } from "./query.js";
import { indexKeys, keys } from "./keys.js";

function gsi(index: string, attribute: string, value: string): PartitionRead {
  return { index, partitionAttribute: attribute, partitionValue: value };
}

export const partitions = {
  /** Members born on a month and day (gsi5; the birthday job, birthday-month segments). */
  membersBornOn: (merchantId: string, month: number, day: number) => {
    const key = indexKeys.membersByBirthday(merchantId, month, day);
    return gsi(key.index, "gsi5pk", key.gsi5pk);
  },
  /** Accounts whose last visit was on a local day (account gsi1; wake-up ladder and lifecycle). */
  accountsLastVisitedOn: (merchantId: string, day: string) => {
    const key = indexKeys.accountsByLastVisit(merchantId, day);
    return gsi(key.index, "gsi1pk", key.gsi1pk);
  },
  /** Accounts whose soonest points lot expires on a local day (account gsi2). */
  accountsWithPointsExpiringOn: (merchantId: string, day: string) => {
    const key = indexKeys.accountsByPointsExpiry(merchantId, day);
    return gsi(key.index, "gsi2pk", key.gsi2pk);
  },
  /** Accounts in a tier (account gsi3; the tier review, tier segments). */
  accountsInTier: (merchantId: string, tierId: string) => {
    const key = indexKeys.accountsByTier(merchantId, tierId);
    return gsi(key.index, "gsi3pk", key.gsi3pk);
  },
  /** Accounts whose tier could drop on a review on or before a local date (account gsi4; the tier review). */
  accountsWithTierDueBy: (merchantId: string, date: string): PartitionRead => {
    const key = indexKeys.accountsByTierDue(merchantId);
    return {
      ...gsi(key.index, "gsi4pk", key.gsi4pk),
      sortBetween: { attribute: "gsi4sk", from: "0000", to: `${date}#~` },
    };
  },
  /** Usable coupons that lapse on a local day (coupon gsi2; expiry reminders, the dashboard's lapsed count). */
  couponsExpiringOn: (merchantId: string, day: string) => {
    const key = indexKeys.couponsExpiringOn(merchantId, day);
    return gsi(key.index, "gsi2pk", key.gsi2pk);
  },
  /** Members of one home store, newest first (gsi2). */
  membersOfHomeStore: (merchantId: string, storeId: string) => {
    const key = indexKeys.membersByHomeStore(merchantId, storeId);
    return gsi(key.index, "gsi2pk", key.gsi2pk);
  },
  /** Every member of the merchant, newest first (gsi1). */
  allMembers: (merchantId: string) => {
    const key = indexKeys.membersByJoinDate(merchantId);
    return gsi(key.index, "gsi1pk", key.gsi1pk);
  },
  /** The members carrying a tag (one item each, in the tag's partition). */
  taggedMembers: (merchantId: string, tag: string): PartitionRead => ({
    partitionAttribute: "pk",
    partitionValue: keys.taggedMembersPartition(merchantId, tag),
  }),
  /** The domain events of one UTC day, oldest first. */
  eventsOfDay: (merchantId: string, date: string): PartitionRead => ({
    partitionAttribute: "pk",
    partitionValue: keys.event(merchantId, `${date}T00:00:00.000Z`, "").pk,
  }),
};
