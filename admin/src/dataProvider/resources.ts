/**
 * Which GraphQL operation serves each react-admin call, per resource. Field
 * selections and arguments come from the schema, so only names live here;
 * a declared resource's come from its declaration (graphql/resources).
 */
import { RESOURCES as DECLARED } from "../../../graphql/resources";
import { MEMBER_ROW, MEMBER_ROW_NAME } from "../members/memberRow";

export interface LookupQuery {
  /** The query, e.g. memberByPhone. */
  query: string;
  /** Its single argument, e.g. phone. */
  arg: string;
}

/** A search served by the list query itself: these filter values, with the list's own filters named in `keep`. */
export interface ListSearch {
  filter: Record<string, string>;
  keep: readonly string[];
}

/** What a search box's text asks: one exact look-up, or a list narrowed by a filter. */
export type Search = LookupQuery | ListSearch;

export const isLookup = (search: Search): search is LookupQuery => "query" in search;

/** A named fragment of the record type: what a list row selects instead of every field. */
export interface RowFragment {
  name: string;
  text: string;
}

export interface ResourceOperations {
  /** The GraphQL object type of one record. */
  type: string;
  /** A query returning a page ({ nodes, pageInfo }) or a plain list. */
  list?: string;
  /** A query returning one record (by id, or the caller's own when it takes no id). */
  one?: string;
  create?: string;
  update?: string;
  /** The list's search box (filter q): one exact look-up returning a single record, or a filtered list. */
  search?: (q: string) => Search;
  /** What a list row (and a search result) selects; every field the schema offers when absent. */
  row?: RowFragment;
}

/** Phone when the text looks like a phone number (digits, +, spaces, dashes); member code otherwise. */
export function memberLookup(q: string): LookupQuery {
  return /^\+?[\d\s\-()]+$/.test(q.trim())
    ? { query: "memberByPhone", arg: "phone" }
    : { query: "memberByCode", arg: "code" };
}

/** The member list's search box: exactly 4 digits are a phone's last 4 (手机尾号), in the chosen store; else a look-up. */
export function memberSearch(q: string): Search {
  const text = q.trim();
  return /^\d{4}$/.test(text) ? { filter: { phoneTail: text }, keep: ["storeId"] } : memberLookup(text);
}

/** The list filter a list search asks for: its own values, with those of the list's filters it keeps. */
export function listSearchFilter(search: ListSearch, filter: Record<string, unknown>): Record<string, unknown> {
  const kept = Object.fromEntries(search.keep.flatMap((name) => (name in filter ? [[name, filter[name]]] : [])));
  return { ...kept, ...search.filter };
}

export const RESOURCES: Record<string, ResourceOperations> = {
  members: {
    type: "Member",
    list: "members",
    one: "member",
    create: "registerMember",
    update: "updateMember",
    search: memberSearch,
    row: { name: MEMBER_ROW_NAME, text: MEMBER_ROW },
  },
  stores: { type: "Store", list: "stores", one: "store", create: "createStore", update: "updateStore" },
  staff: { type: "Staff", list: "staffMembers", one: "staff", create: "createStaff", update: "updateStaff" },
  // An API key's only change is revocation.
  apiKeys: { type: "ApiKey", list: "apiKeys", create: "createApiKey", update: "revokeApiKey" },
  rewards: { type: "Reward", list: "rewards", one: "reward", create: "createReward", update: "updateReward" },
  couponTemplates: {
    type: "CouponTemplate",
    list: "couponTemplates",
    one: "couponTemplate",
    create: "createCouponTemplate",
    update: "updateCouponTemplate",
  },
  topUpPlans: {
    type: "TopUpPlan",
    list: "topUpPlans",
    one: "topUpPlan",
    create: "createTopUpPlan",
    update: "updateTopUpPlan",
  },
  // Segments and campaigns are saved (created or changed) by one mutation each.
  segments: { type: "Segment", list: "segments", one: "segment", create: "saveSegment", update: "saveSegment" },
  campaigns: { type: "Campaign", list: "campaigns", one: "campaign", create: "saveCampaign", update: "saveCampaign" },
  // The caller's merchant: one record, read with getOne and changed with update (any id).
  merchant: { type: "Merchant", one: "merchant", update: "updateMerchant" },
  ...Object.fromEntries(DECLARED.map((resource) => [resource.name, { type: resource.type, ...resource.operations }])),
};
