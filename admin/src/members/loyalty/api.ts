/**
 * The member's loyalty data as the API serves it (graphql/modules/loyalty.graphql.ts):
 * the account, the merchant's loyalty settings and the member's cursor-paged
 * lists, read with react-query under the members key so react-admin's
 * refresh reloads them with the page.
 */
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useGetList, usePermissions } from "react-admin";
import type { Permissions } from "../../auth/permissions";
import { toApiError } from "../../dataProvider/errors";
import { useRequest } from "../../dataProvider/useRequest";

export const ACCOUNT_FIELDS =
  "memberId available pending debt shortfall growth tierId tierName manualTierId visits lastVisitAt lifetimeSpend earned spent expired reversed nextExpiryAt nextExpiryPoints";

export interface Account {
  memberId: string;
  available: number;
  pending: number;
  debt: number;
  shortfall: number;
  growth: number;
  tierId: string;
  tierName: string;
  manualTierId: string | null;
  visits: number;
  lastVisitAt: string | null;
  lifetimeSpend: number;
  earned: number;
  spent: number;
  expired: number;
  reversed: number;
  nextExpiryAt: string | null;
  nextExpiryPoints: number | null;
}

export const ORDER_FIELDS =
  "id storeId at paymentMethod total subtotal discount points growth status memberDay lines { sku name category qty unitPrice amount points growth refundedQty refundedPoints } refunds { id amount storedValuePrincipal storedValueBonus toPaymentMethod }";

export interface OrderLine {
  sku: string;
  name: string;
  category: string;
  qty: number;
  unitPrice: number;
  amount: number;
  points: number;
  growth: number;
  refundedQty: number;
  refundedPoints: number;
}

export interface Order {
  id: string;
  storeId: string;
  at: string;
  paymentMethod: string;
  total: number;
  subtotal: number;
  discount: number;
  points: number;
  growth: number;
  status: "paid" | "partially_refunded" | "refunded";
  memberDay: boolean;
  lines: OrderLine[];
  /** Each refund and where its money goes back: to stored value (principal, bonus) or by the payment method. */
  refunds: {
    id: string;
    amount: number;
    storedValuePrincipal: number;
    storedValueBonus: number;
    toPaymentMethod: number;
  }[];
}

export const LEDGER_FIELDS =
  "id at type points ref reason actor debtRepaid debtAdded shortfall availableAfter pendingAfter draws { lotId amount }";

export interface LedgerEntry {
  id: string;
  at: string;
  type: string;
  points: number;
  ref: string;
  reason: string | null;
  actor: string;
  debtRepaid: number | null;
  debtAdded: number | null;
  shortfall: number | null;
  availableAfter: number;
  pendingAfter: number;
  draws: { lotId: string; amount: number }[];
}

export const TIER_CHANGE_FIELDS = "at from to reason";

export interface TierChange {
  at: string;
  from: string;
  to: string;
  reason: string;
}

export const REDEMPTION_FIELDS = "id rewardId rewardName points at couponCode";

export interface Redemption {
  id: string;
  rewardId: string;
  rewardName: string;
  points: number;
  at: string;
  couponCode: string | null;
}

export interface Tier {
  id: string;
  name: string;
  threshold: number;
  pointsMultiplier: number;
  discountPercent: number;
}

export interface LoyaltyConfig {
  rules: {
    pointsPerYuan: number;
    growthPerYuan: number;
    pendingDays: number;
    lifetimeMonths: number;
    clawbackPolicy: string;
  };
  ladder: { tiers: Tier[]; reviewWindowDays: number };
  checkin: { enabled: boolean; points: number; bonuses: { day: number; points: number }[] };
}

export interface Reward {
  id: string;
  name: string;
  description: string | null;
  kind: string;
  pointsCost: number;
  stock: number | null;
  perMemberLimit: number | null;
  status: string;
}

/** The key every loyalty read of one member lives under (a prefix of react-admin's members keys). */
export const loyaltyKey = (memberId: string) => ["members", "loyalty", memberId];

export function useMemberAccount(memberId: string | undefined) {
  const request = useRequest();
  return useQuery({
    queryKey: [...loyaltyKey(memberId ?? ""), "account"],
    enabled: Boolean(memberId),
    queryFn: async () =>
      (
        await request<{ member: { account: Account } | null }>(
          `query memberAccount($id: ID!) { member(id: $id) { id account { ${ACCOUNT_FIELDS} } } }`,
          { id: memberId },
        )
      ).member?.account ?? null,
  });
}

export function useLoyaltyConfig() {
  const request = useRequest();
  return useQuery({
    queryKey: ["loyaltyConfig"],
    staleTime: 60_000,
    queryFn: async () =>
      (
        await request<{ loyaltyConfig: LoyaltyConfig }>(
          "query loyaltyConfig { loyaltyConfig { rules { pointsPerYuan growthPerYuan pendingDays lifetimeMonths clawbackPolicy } ladder { tiers { id name threshold pointsMultiplier discountPercent } reviewWindowDays } checkin { enabled points bonuses { day points } } } }",
        )
      ).loyaltyConfig,
  });
}

/** Active rewards of the points mall (the first hundred: a mall is a short list). */
export function useRewards(enabled: boolean) {
  const request = useRequest();
  return useQuery({
    queryKey: ["rewards", "catalogue"],
    enabled,
    queryFn: async () =>
      (
        await request<{ rewards: { nodes: Reward[] } }>(
          "query rewards { rewards(first: 100) { nodes { id name description kind pointsCost stock perMemberLimit status } } }",
        )
      ).rewards.nodes.filter((reward) => reward.status === "active"),
  });
}

export type MemberList = "orders" | "pointsLedger" | "tierHistory" | "redemptions";

/** One of the member's cursor-paged lists, newest first, a page at a time (“load more”). */
export function useMemberConnection<T>(memberId: string | undefined, list: MemberList, fields: string, pageSize = 10) {
  const request = useRequest();
  const query = useInfiniteQuery({
    queryKey: [...loyaltyKey(memberId ?? ""), list, pageSize],
    enabled: Boolean(memberId),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const data = await request<{
        member: Record<MemberList, { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> | null;
      }>(
        `query memberList($id: ID!, $first: Int, $after: String) { member(id: $id) { id ${list}(first: $first, after: $after) { nodes { ${fields} } pageInfo { hasNextPage endCursor } } } }`,
        { id: memberId, first: pageSize, after: pageParam },
      );
      return data.member?.[list] ?? { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
    },
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
  return { ...query, items: query.data?.pages.flatMap((page) => page.nodes) ?? [] };
}

/** Store names by id, for the stores the caller may see. */
export function useStoreNames(): Map<string, string> {
  const { data } = useGetList<{ id: string; name: string }>("stores", { pagination: { page: 1, perPage: 100 } });
  return new Map((data ?? []).map((store) => [store.id, store.name]));
}

/** Staff names by id for owners and managers (clerks may not list staff). */
export function useStaffNames(): Map<string, string> {
  const { permissions } = usePermissions<Permissions>();
  const allowed = permissions?.role === "owner" || permissions?.role === "manager";
  const { data } = useGetList<{ id: string; name: string; username: string }>(
    "staff",
    { pagination: { page: 1, perPage: 100 } },
    { enabled: allowed },
  );
  return new Map((data ?? []).map((person) => [person.id, person.name]));
}

/** What the signed-in role may do here, as the API enforces it (functions/app/loyalty.ts). */
export function useLoyaltyPermissions() {
  const { permissions } = usePermissions<Permissions>();
  const role = permissions?.role;
  return {
    permissions,
    /** adjustPoints: owners and managers. */
    canAdjust: role === "owner" || role === "manager",
    /** setManualTier: owners only. */
    canSetTier: role === "owner",
    /** Any staff in the store's scope may record, refund, redeem and check in. */
    canServe: Boolean(role),
  };
}

/** The API's own message for a failure (its refusal, as errors.ts reads it), whatever shape the failure came in. */
export function errorMessage(error: unknown): string {
  return toApiError(error).message;
}
