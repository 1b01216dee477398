/**
 * The member's wallet as the API serves it (graphql/modules/coupons,
 * storedValue and referral): coupons, stored value (balance, top-ups, ledger)
 * and referrals, read with react-query under the members key so react-admin's
 * refresh reloads them with the page; and what the role may do with them
 * (functions/app/coupons.ts, storedValue.ts, referral.ts).
 */
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePermissions } from "react-admin";
import type { Permissions } from "../../auth/permissions";
import { useRequest } from "../../dataProvider/useRequest";
import type { TopUpPlanRecord } from "../../topUpPlans";

export const walletKey = (memberId: string) => ["members", "wallet", memberId];

export const COUPON_FIELDS =
  "code displayCode templateId name kind amountOff percentOff maxDiscount threshold giftSku minSpend stacking state validFrom validUntil issuedAt source reservedUntil redeemedOrderId redeemedAt redeemedDiscount revokedReason";

export interface Coupon {
  code: string;
  displayCode: string;
  templateId: string;
  name: string;
  kind: string;
  amountOff: number | null;
  percentOff: number | null;
  maxDiscount: number | null;
  threshold: number | null;
  giftSku: string | null;
  minSpend: number;
  stacking: string;
  state: "issued" | "reserved" | "redeemed" | "expired" | "revoked";
  validFrom: string;
  validUntil: string;
  issuedAt: string;
  source: string;
  reservedUntil: string | null;
  redeemedOrderId: string | null;
  redeemedAt: string | null;
  redeemedDiscount: number | null;
  revokedReason: string | null;
}

export const BALANCE_FIELDS = "principal bonus total";
export interface Balance {
  principal: number;
  bonus: number;
  total: number;
}

export const TOP_UP_FIELDS = "id paymentId planId storeId city scope principal bonus principalLeft bonusLeft at status";
export interface TopUp {
  id: string;
  paymentId: string;
  planId: string | null;
  storeId: string;
  city: string;
  scope: "any" | "store" | "city";
  principal: number;
  bonus: number;
  principalLeft: number;
  bonusLeft: number;
  at: string;
  status: "open" | "refunded";
}

export const SV_ENTRY_FIELDS =
  "id at type principal bonus storeId ref actor principalReturned bonusForfeited principalAfter bonusAfter";
export interface SvEntry {
  id: string;
  at: string;
  type: "topup" | "pay" | "refund" | "topup_refund";
  principal: number;
  bonus: number;
  storeId: string;
  ref: string;
  actor: string;
  principalReturned: number | null;
  bonusForfeited: number | null;
  principalAfter: number;
  bonusAfter: number;
}

export const REFERRAL_FIELDS =
  "memberId referrerId inviteCode at status rewardedAt orderId referrerCoupon refereeCoupon member { id name } referrer { id name }";
export interface Referral {
  memberId: string;
  /** Null for staff of other stores when the inviter is not a member of theirs. */
  referrerId: string | null;
  inviteCode: string;
  at: string;
  status: "pending" | "rewarded";
  rewardedAt: string | null;
  orderId: string | null;
  referrerCoupon: string | null;
  refereeCoupon: string | null;
  member: { id: string; name: string } | null;
  referrer: { id: string; name: string } | null;
}

interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const EMPTY: Page<never> = { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };

/** One of the member's cursor-paged lists (coupons, storedValueLedger, referrals), newest first, a page at a time. */
export function useMemberPages<T>(
  memberId: string | undefined,
  list: "coupons" | "storedValueLedger" | "referrals",
  fields: string,
  pageSize = 10,
  enabled = true,
) {
  const request = useRequest();
  const query = useInfiniteQuery({
    queryKey: [...walletKey(memberId ?? ""), list, pageSize],
    enabled: Boolean(memberId) && enabled,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const data = await request<{ member: Record<string, Page<T>> | null }>(
        `query memberWalletList($id: ID!, $first: Int, $after: String) { member(id: $id) { id ${list}(first: $first, after: $after) { nodes { ${fields} } pageInfo { hasNextPage endCursor } } } }`,
        { id: memberId, first: pageSize, after: pageParam },
      );
      return (data.member?.[list] ?? EMPTY) as Page<T>;
    },
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
  return { ...query, items: query.data?.pages.flatMap((page) => page.nodes) ?? [] };
}

/** The balance and the top-ups with what is left of each. */
export function useStoredValue(memberId: string | undefined) {
  const request = useRequest();
  return useQuery({
    queryKey: [...walletKey(memberId ?? ""), "storedValue"],
    enabled: Boolean(memberId),
    queryFn: async () =>
      (
        await request<{ member: { storedValue: Balance; storedValueTopUps: TopUp[] } | null }>(
          `query memberStoredValue($id: ID!) { member(id: $id) { id storedValue { ${BALANCE_FIELDS} } storedValueTopUps { ${TOP_UP_FIELDS} } } }`,
          { id: memberId },
        )
      ).member,
  });
}

/** The member's invite code and how they were referred. */
export function useMemberReferral(memberId: string | undefined) {
  const request = useRequest();
  return useQuery({
    queryKey: [...walletKey(memberId ?? ""), "referral"],
    enabled: Boolean(memberId),
    queryFn: async () =>
      (
        await request<{ member: { inviteCode: string; referral: Referral | null } | null }>(
          `query memberReferral($id: ID!) { member(id: $id) { id inviteCode referral { ${REFERRAL_FIELDS} } } }`,
          { id: memberId },
        )
      ).member,
  });
}

/** Every top-up plan (a merchant has a handful). */
export function useTopUpPlans() {
  const request = useRequest();
  return useQuery({
    queryKey: ["topUpPlans", "all"],
    staleTime: 30_000,
    queryFn: async () =>
      (
        await request<{ topUpPlans: { nodes: TopUpPlanRecord[] } }>(
          "query allTopUpPlans { topUpPlans(first: 100) { nodes { id name pay bonus scope status } } }",
        )
      ).topUpPlans.nodes,
  });
}

/** Whether the merchant tops up by plan only. */
export function useRequirePlan() {
  const request = useRequest();
  return useQuery({
    queryKey: ["loyaltyConfig", "requirePlan"],
    staleTime: 30_000,
    queryFn: async () =>
      (
        await request<{ loyaltyConfig: { storedValue: { requirePlan: boolean } } }>(
          "query requirePlan { loyaltyConfig { storedValue { requirePlan } } }",
        )
      ).loyaltyConfig.storedValue.requirePlan,
  });
}

/** What the signed-in role may do with the wallet, as the API enforces it. */
export function useWalletPermissions() {
  const { permissions } = usePermissions<Permissions>();
  const role = permissions?.role;
  const managing = role === "owner" || role === "manager";
  return {
    permissions,
    /** issueCoupons, revokeCoupon, refundTopUp, member.referrals: owners and managers. */
    canManage: managing,
    /** topUpStoredValue and checkout: any staff member in the store's scope. */
    canServe: Boolean(role),
  };
}
