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
import type { Document } from "../../dataProvider/document";
import { useRequest } from "../../dataProvider/useRequest";
import type {
  AllTopUpPlansQuery,
  AllTopUpPlansQueryVariables,
  BalanceFieldsFragment,
  CouponFieldsFragment,
  MemberCouponsQuery,
  MemberCouponsQueryVariables,
  MemberReferralQuery,
  MemberReferralQueryVariables,
  MemberReferralsQuery,
  MemberReferralsQueryVariables,
  MemberStoredValueQuery,
  MemberStoredValueQueryVariables,
  MemberSvLedgerQuery,
  MemberSvLedgerQueryVariables,
  ReferralFieldsFragment,
  RequirePlanQuery,
  RequirePlanQueryVariables,
  SvEntryFieldsFragment,
  TopUpFieldsFragment,
} from "../../generated/graphql";
import type { TopUpPlanRecord } from "../../topUpPlans/fields";

export const walletKey = (memberId: string) => ["members", "wallet", memberId];

export const COUPON_FIELDS = /* GraphQL */ `
  fragment CouponFields on Coupon {
    code
    displayCode
    templateId
    name
    kind
    amountOff
    percentOff
    maxDiscount
    threshold
    giftSku
    minSpend
    stacking
    state
    validFrom
    validUntil
    issuedAt
    source
    reservedUntil
    redeemedOrderId
    redeemedAt
    redeemedDiscount
    revokedReason
  }
`;
export type Coupon = CouponFieldsFragment;

export const BALANCE_FIELDS = /* GraphQL */ `
  fragment BalanceFields on StoredValueBalance {
    principal
    bonus
    total
  }
`;
export type Balance = BalanceFieldsFragment;

export const TOP_UP_FIELDS = /* GraphQL */ `
  fragment TopUpFields on StoredValueTopUp {
    id
    paymentId
    planId
    storeId
    city
    scope
    principal
    bonus
    principalLeft
    bonusLeft
    at
    status
  }
`;
export type TopUp = TopUpFieldsFragment;

export const SV_ENTRY_FIELDS = /* GraphQL */ `
  fragment SvEntryFields on StoredValueEntry {
    id
    at
    type
    principal
    bonus
    storeId
    ref
    actor
    principalReturned
    bonusForfeited
    principalAfter
    bonusAfter
  }
`;
export type SvEntry = SvEntryFieldsFragment;

/** A referral; its referrerId is null for staff of other stores when the inviter is not a member of theirs. */
export const REFERRAL_FIELDS = /* GraphQL */ `
  fragment ReferralFields on Referral {
    memberId
    referrerId
    inviteCode
    at
    status
    rewardedAt
    orderId
    referrerCoupon
    refereeCoupon
    member {
      id
      name
    }
    referrer {
      id
      name
    }
  }
`;
export type Referral = ReferralFieldsFragment;

/** The member's coupon wallet, a page at a time. */
export const MEMBER_COUPONS: Document<MemberCouponsQuery, MemberCouponsQueryVariables> = /* GraphQL */ `
  query memberCoupons($id: ID!, $first: Int, $after: String) {
    member(id: $id) {
      id
      page: coupons(first: $first, after: $after) {
        nodes {
          ...CouponFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${COUPON_FIELDS}
`;

/** The member's stored-value movements, a page at a time. */
export const MEMBER_SV_LEDGER: Document<MemberSvLedgerQuery, MemberSvLedgerQueryVariables> = /* GraphQL */ `
  query memberSvLedger($id: ID!, $first: Int, $after: String) {
    member(id: $id) {
      id
      page: storedValueLedger(first: $first, after: $after) {
        nodes {
          ...SvEntryFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${SV_ENTRY_FIELDS}
`;

/** The members this member brought in, a page at a time. */
export const MEMBER_REFERRALS: Document<MemberReferralsQuery, MemberReferralsQueryVariables> = /* GraphQL */ `
  query memberReferrals($id: ID!, $first: Int, $after: String) {
    member(id: $id) {
      id
      page: referrals(first: $first, after: $after) {
        nodes {
          ...ReferralFields
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${REFERRAL_FIELDS}
`;

const MEMBER_STORED_VALUE: Document<MemberStoredValueQuery, MemberStoredValueQueryVariables> = /* GraphQL */ `
  query memberStoredValue($id: ID!) {
    member(id: $id) {
      id
      storedValue {
        ...BalanceFields
      }
      storedValueTopUps {
        ...TopUpFields
      }
    }
  }
  ${BALANCE_FIELDS}
  ${TOP_UP_FIELDS}
`;

const MEMBER_REFERRAL: Document<MemberReferralQuery, MemberReferralQueryVariables> = /* GraphQL */ `
  query memberReferral($id: ID!) {
    member(id: $id) {
      id
      inviteCode
      referral {
        ...ReferralFields
      }
    }
  }
  ${REFERRAL_FIELDS}
`;

const ALL_TOP_UP_PLANS: Document<AllTopUpPlansQuery, AllTopUpPlansQueryVariables> = /* GraphQL */ `
  query allTopUpPlans {
    topUpPlans(first: 100) {
      nodes {
        id
        name
        pay
        bonus
        scope
        status
      }
    }
  }
`;

const REQUIRE_PLAN: Document<RequirePlanQuery, RequirePlanQueryVariables> = /* GraphQL */ `
  query requirePlan {
    loyaltyConfig {
      storedValue {
        requirePlan
      }
    }
  }
`;

/** One of the member's pages: the list under the alias page. */
export interface MemberPage<T> {
  member: { page: { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null;
}

/** Variables of a member's page: the member, the page size and where the page starts. */
export interface MemberPageVariables {
  id: string;
  first?: number | null;
  after?: string | null;
}

const EMPTY = { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };

/** One of the member's cursor-paged lists (coupons, storedValueLedger, referrals), newest first, a page at a time. */
export function useMemberPages<T>(
  memberId: string | undefined,
  list: "coupons" | "storedValueLedger" | "referrals",
  document: Document<MemberPage<T>, MemberPageVariables>,
  pageSize = 10,
  enabled = true,
) {
  const request = useRequest();
  const query = useInfiniteQuery({
    queryKey: [...walletKey(memberId ?? ""), list, pageSize],
    enabled: Boolean(memberId) && enabled,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      (await request(document, { id: memberId!, first: pageSize, after: pageParam })).member?.page ?? EMPTY,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
  return { ...query, items: query.data?.pages.flatMap((page): T[] => page.nodes) ?? [] };
}

/** The balance and the top-ups with what is left of each. */
export function useStoredValue(memberId: string | undefined) {
  const request = useRequest();
  return useQuery({
    queryKey: [...walletKey(memberId ?? ""), "storedValue"],
    enabled: Boolean(memberId),
    queryFn: async () => (await request(MEMBER_STORED_VALUE, { id: memberId! })).member,
  });
}

/** The member's invite code and how they were referred. */
export function useMemberReferral(memberId: string | undefined) {
  const request = useRequest();
  return useQuery({
    queryKey: [...walletKey(memberId ?? ""), "referral"],
    enabled: Boolean(memberId),
    queryFn: async () => (await request(MEMBER_REFERRAL, { id: memberId! })).member,
  });
}

/** Every top-up plan (a merchant has a handful). */
export function useTopUpPlans() {
  const request = useRequest();
  return useQuery({
    queryKey: ["topUpPlans", "all"],
    staleTime: 30_000,
    queryFn: async (): Promise<TopUpPlanRecord[]> => (await request(ALL_TOP_UP_PLANS)).topUpPlans.nodes,
  });
}

/** Whether the merchant tops up by plan only. */
export function useRequirePlan() {
  const request = useRequest();
  return useQuery({
    queryKey: ["loyaltyConfig", "requirePlan"],
    staleTime: 30_000,
    queryFn: async () => (await request(REQUIRE_PLAN)).loyaltyConfig.storedValue.requirePlan,
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
