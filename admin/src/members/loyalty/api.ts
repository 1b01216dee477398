/**
 * The member's loyalty data as the API serves it (graphql/modules/loyalty.graphql.ts):
 * the account, the merchant's loyalty settings and the member's cursor-paged
 * lists, read with react-query under the members key so react-admin's
 * refresh reloads them with the page.
 */
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useGetList, usePermissions } from "react-admin";
import type { Permissions } from "../../auth/permissions";
import type { Document } from "../../dataProvider/document";
import { toApiError } from "../../dataProvider/errors";
import { useRequest } from "../../dataProvider/useRequest";
import type {
  AccountFieldsFragment,
  LedgerFieldsFragment,
  MemberAccountQuery,
  MemberAccountQueryVariables,
  MemberLedgerQuery,
  MemberLedgerQueryVariables,
  MemberLoyaltyConfigQuery,
  MemberLoyaltyConfigQueryVariables,
  MemberOrdersQuery,
  MemberOrdersQueryVariables,
  MemberRedemptionsQuery,
  MemberRedemptionsQueryVariables,
  MemberTierHistoryQuery,
  MemberTierHistoryQueryVariables,
  OrderFieldsFragment,
  RedemptionFieldsFragment,
  RewardCatalogueQuery,
  RewardCatalogueQueryVariables,
  TierChangeFieldsFragment,
} from "../../generated/graphql";
import type { MemberPage, MemberPageVariables } from "../wallet/api";

export const ACCOUNT_FIELDS = /* GraphQL */ `
  fragment AccountFields on MemberAccount {
    memberId
    available
    pending
    debt
    shortfall
    growth
    tierId
    tierName
    manualTierId
    visits
    lastVisitAt
    lifetimeSpend
    earned
    spent
    expired
    reversed
    nextExpiryAt
    nextExpiryPoints
  }
`;
export type Account = AccountFieldsFragment;

/** An order with each refund and where its money went back: to stored value (principal, bonus) or by payment. */
export const ORDER_FIELDS = /* GraphQL */ `
  fragment OrderFields on Order {
    id
    storeId
    at
    paymentMethod
    total
    subtotal
    discount
    points
    growth
    status
    memberDay
    lines {
      kind
      sku
      name
      category
      qty
      unitPrice
      amount
      points
      growth
      refundedQty
      refundedPoints
    }
    refunds {
      id
      amount
      storedValuePrincipal
      storedValueBonus
      toPaymentMethod
    }
  }
`;
export type Order = OrderFieldsFragment;
export type OrderLine = Order["lines"][number];

export const LEDGER_FIELDS = /* GraphQL */ `
  fragment LedgerFields on LedgerEntry {
    id
    at
    type
    points
    ref
    reason
    actor
    debtRepaid
    debtAdded
    shortfall
    availableAfter
    pendingAfter
    draws {
      lotId
      amount
    }
  }
`;
export type LedgerEntry = LedgerFieldsFragment;

export const TIER_CHANGE_FIELDS = /* GraphQL */ `
  fragment TierChangeFields on TierChange {
    at
    from
    to
    reason
  }
`;
export type TierChange = TierChangeFieldsFragment;

export const REDEMPTION_FIELDS = /* GraphQL */ `
  fragment RedemptionFields on Redemption {
    id
    rewardId
    rewardName
    points
    at
    couponCode
  }
`;
export type Redemption = RedemptionFieldsFragment;

const MEMBER_ACCOUNT: Document<MemberAccountQuery, MemberAccountQueryVariables> = /* GraphQL */ `
  query memberAccount($id: ID!) {
    member(id: $id) {
      id
      account {
        ...AccountFields
      }
    }
  }
  ${ACCOUNT_FIELDS}
`;

const LOYALTY_CONFIG: Document<MemberLoyaltyConfigQuery, MemberLoyaltyConfigQueryVariables> = /* GraphQL */ `
  query memberLoyaltyConfig {
    loyaltyConfig {
      rules {
        pointsPerYuan
        growthPerYuan
        pendingDays
        lifetimeMonths
        clawbackPolicy
      }
      ladder {
        tiers {
          id
          name
          threshold
          pointsMultiplier
          discountPercent
        }
        reviewWindowDays
      }
      checkin {
        enabled
        points
        bonuses {
          day
          points
        }
      }
    }
  }
`;
export type LoyaltyConfig = MemberLoyaltyConfigQuery["loyaltyConfig"];
export type Tier = LoyaltyConfig["ladder"]["tiers"][number];

const REWARDS: Document<RewardCatalogueQuery, RewardCatalogueQueryVariables> = /* GraphQL */ `
  query rewardCatalogue {
    rewards(first: 100) {
      nodes {
        id
        name
        description
        kind
        pointsCost
        stock
        perMemberLimit
        status
      }
    }
  }
`;
export type Reward = RewardCatalogueQuery["rewards"]["nodes"][number];

/** The member's orders, a page at a time. */
export const MEMBER_ORDERS: Document<MemberOrdersQuery, MemberOrdersQueryVariables> = /* GraphQL */ `
  query memberOrders($id: ID!, $first: Int, $after: String) {
    member(id: $id) {
      id
      page: orders(first: $first, after: $after) {
        nodes {
          ...OrderFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${ORDER_FIELDS}
`;

/** The member's points ledger, a page at a time. */
export const MEMBER_LEDGER: Document<MemberLedgerQuery, MemberLedgerQueryVariables> = /* GraphQL */ `
  query memberLedger($id: ID!, $first: Int, $after: String) {
    member(id: $id) {
      id
      page: pointsLedger(first: $first, after: $after) {
        nodes {
          ...LedgerFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${LEDGER_FIELDS}
`;

/** The member's tier history, a page at a time. */
export const MEMBER_TIER_HISTORY: Document<MemberTierHistoryQuery, MemberTierHistoryQueryVariables> = /* GraphQL */ `
  query memberTierHistory($id: ID!, $first: Int, $after: String) {
    member(id: $id) {
      id
      page: tierHistory(first: $first, after: $after) {
        nodes {
          ...TierChangeFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${TIER_CHANGE_FIELDS}
`;

/** The rewards the member took from the points mall, a page at a time. */
export const MEMBER_REDEMPTIONS: Document<MemberRedemptionsQuery, MemberRedemptionsQueryVariables> = /* GraphQL */ `
  query memberRedemptions($id: ID!, $first: Int, $after: String) {
    member(id: $id) {
      id
      page: redemptions(first: $first, after: $after) {
        nodes {
          ...RedemptionFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${REDEMPTION_FIELDS}
`;

/** The key every loyalty read of one member lives under (a prefix of react-admin's members keys). */
export const loyaltyKey = (memberId: string) => ["members", "loyalty", memberId];

export function useMemberAccount(memberId: string | undefined) {
  const request = useRequest();
  return useQuery({
    queryKey: [...loyaltyKey(memberId ?? ""), "account"],
    enabled: Boolean(memberId),
    queryFn: async () => (await request(MEMBER_ACCOUNT, { id: memberId! })).member?.account ?? null,
  });
}

export function useLoyaltyConfig() {
  const request = useRequest();
  return useQuery({
    queryKey: ["loyaltyConfig"],
    staleTime: 60_000,
    queryFn: async () => (await request(LOYALTY_CONFIG)).loyaltyConfig,
  });
}

/** Active rewards of the points mall (the first hundred: a mall is a short list). */
export function useRewards(enabled: boolean) {
  const request = useRequest();
  return useQuery({
    queryKey: ["rewards", "catalogue"],
    enabled,
    queryFn: async () => (await request(REWARDS)).rewards.nodes.filter((reward) => reward.status === "active"),
  });
}

export type MemberList = "orders" | "pointsLedger" | "tierHistory" | "redemptions";

/** One of the member's cursor-paged lists, newest first, a page at a time (“load more”). */
export function useMemberConnection<T>(
  memberId: string | undefined,
  list: MemberList,
  document: Document<MemberPage<T>, MemberPageVariables>,
  pageSize = 10,
) {
  const request = useRequest();
  const query = useInfiniteQuery({
    queryKey: [...loyaltyKey(memberId ?? ""), list, pageSize],
    enabled: Boolean(memberId),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      (await request(document, { id: memberId!, first: pageSize, after: pageParam })).member?.page ?? {
        nodes: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      },
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
  return { ...query, items: query.data?.pages.flatMap((page): T[] => page.nodes) ?? [] };
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
