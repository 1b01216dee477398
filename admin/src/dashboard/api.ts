/**
 * The dashboard's GraphQL: the figures (fast, from counters and roll-ups) and the campaign conversion (measured on
 * demand) apart.
 */
import type { Document } from "../dataProvider/document";
import type {
  DashboardCampaignsQuery,
  DashboardCampaignsQueryVariables,
  DashboardQuery,
  DashboardQueryVariables,
} from "../generated/graphql";

export interface StageCount {
  stage: string;
  members: number;
}

export interface DashboardDay {
  date: string;
  members: number;
  joined: number;
  stages: StageCount[];
  orders: number;
  revenue: number;
  refunded: number;
  anonymousOrders: number;
  anonymousRevenue: number;
  pointsIssued: number;
  pointsRedeemed: number;
  pointsExpired: number;
  pointsReversed: number;
  pointsOutstanding: number;
  storedValuePrincipal: number;
  storedValueBonus: number;
  couponsIssued: number;
  couponsRedeemed: number;
  couponsOpen: number;
  couponsOpenValue: number;
  buyers: number;
  repeatBuyers: number;
}

/** The period just before the one shown, as long (环比). */
export interface DashboardPeriod {
  from: string;
  to: string;
  totals: DashboardDay;
  memberOrderValue: number | null;
  anonymousOrderValue: number | null;
  repurchaseRate: number | null;
}

export interface Dashboard {
  from: string;
  to: string;
  storeId: string | null;
  timeZone: string;
  days: DashboardDay[];
  totals: DashboardDay;
  tiers: { tierId: string; name: string; members: number }[];
  coupons: { templateId: string; name: string; issued: number; redeemed: number; redemptionRate: number | null }[];
  memberOrderValue: number | null;
  anonymousOrderValue: number | null;
  repurchaseRate: number | null;
  previous: DashboardPeriod;
}

export interface CampaignFigures {
  campaign: { id: string; name: string };
  reached: number;
  converted: number;
  conversionRate: number | null;
  revenue: number;
}

const DAY_FIELDS = /* GraphQL */ `
  fragment DayFields on DashboardDay {
    date
    members
    joined
    stages {
      stage
      members
    }
    orders
    revenue
    refunded
    anonymousOrders
    anonymousRevenue
    pointsIssued
    pointsRedeemed
    pointsExpired
    pointsReversed
    pointsOutstanding
    storedValuePrincipal
    storedValueBonus
    couponsIssued
    couponsRedeemed
    couponsOpen
    couponsOpenValue
    buyers
    repeatBuyers
  }
`;

export const DASHBOARD_QUERY: Document<DashboardQuery, DashboardQueryVariables> = /* GraphQL */ `
  query dashboard($from: String!, $to: String!, $storeId: ID) {
    dashboard(from: $from, to: $to, storeId: $storeId) {
      from
      to
      storeId
      timeZone
      days {
        ...DayFields
      }
      totals {
        ...DayFields
      }
      tiers {
        tierId
        name
        members
      }
      coupons {
        templateId
        name
        issued
        redeemed
        redemptionRate
      }
      memberOrderValue
      anonymousOrderValue
      repurchaseRate
      previous {
        from
        to
        totals {
          ...DayFields
        }
        memberOrderValue
        anonymousOrderValue
        repurchaseRate
      }
    }
  }
  ${DAY_FIELDS}
`;

export const DASHBOARD_CAMPAIGNS_QUERY: Document<DashboardCampaignsQuery, DashboardCampaignsQueryVariables> =
  /* GraphQL */ `
    query dashboardCampaigns($from: String!, $to: String!, $storeId: ID) {
      dashboard(from: $from, to: $to, storeId: $storeId) {
        campaigns {
          campaign {
            id
            name
          }
          reached
          converted
          conversionRate
          revenue
        }
      }
    }
  `;

export interface DashboardVariables {
  from: string;
  to: string;
  storeId?: string;
}
