/** The dashboard's GraphQL: the figures (fast, from counters and roll-ups) and the campaign conversion (measured on demand) apart. */

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
}

export interface CampaignFigures {
  campaign: { id: string; name: string };
  reached: number;
  converted: number;
  conversionRate: number | null;
  revenue: number;
}

const DAY_FIELDS =
  "date members joined stages { stage members } orders revenue refunded anonymousOrders anonymousRevenue pointsIssued pointsRedeemed pointsExpired pointsReversed pointsOutstanding storedValuePrincipal storedValueBonus couponsIssued couponsRedeemed couponsOpen couponsOpenValue buyers repeatBuyers";

export const DASHBOARD_QUERY = /* GraphQL */ `
  query dashboard($from: String!, $to: String!, $storeId: ID) {
    dashboard(from: $from, to: $to, storeId: $storeId) {
      from to storeId timeZone
      days { ${DAY_FIELDS} }
      totals { ${DAY_FIELDS} }
      tiers { tierId name members }
      coupons { templateId name issued redeemed redemptionRate }
      memberOrderValue anonymousOrderValue repurchaseRate
    }
  }
`;

export const DASHBOARD_CAMPAIGNS_QUERY = /* GraphQL */ `
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
