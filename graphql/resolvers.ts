/**
 * Resolvers: short adapters from GraphQL arguments to the application services,
 * one module beside each SDL module; a declared resource's are derived from it.
 */
import { resolvers as apiKeys } from "./modules/apiKeys.resolvers.js";
import { resolvers as automation } from "./modules/automation.resolvers.js";
import { resolvers as campaigns } from "./modules/campaigns.resolvers.js";
import { resolvers as common } from "./modules/common.resolvers.js";
import { resolvers as coupons } from "./modules/coupons.resolvers.js";
import { resolvers as dashboard } from "./modules/dashboard.resolvers.js";
import { resolvers as loyalty } from "./modules/loyalty.resolvers.js";
import { resolvers as members } from "./modules/members.resolvers.js";
import { resolvers as merchants } from "./modules/merchants.resolvers.js";
import { resolvers as recommendations } from "./modules/recommendations.resolvers.js";
import { resolvers as referral } from "./modules/referral.resolvers.js";
import { resolvers as segments } from "./modules/segments.resolvers.js";
import { resolvers as staff } from "./modules/staff.resolvers.js";
import { resolvers as storedValue } from "./modules/storedValue.resolvers.js";
import { resolvers as stores } from "./modules/stores.resolvers.js";
import { resolvers as webhooks } from "./modules/webhooks.resolvers.js";
import { resolvers as worklist } from "./modules/worklist.resolvers.js";
import { resolvers as holdouts } from "./modules/holdouts.resolvers.js";
import { recordResolvers } from "./recordResolvers.js";
import { RESOURCES } from "./resources/index.js";

/** Every module's resolvers; makeExecutableSchema merges them (Query, Mutation and Member span modules). */
export const resolvers = [
  common,
  merchants,
  stores,
  staff,
  apiKeys,
  members,
  loyalty,
  coupons,
  storedValue,
  referral,
  automation,
  segments,
  campaigns,
  recommendations,
  worklist,
  holdouts,
  webhooks,
  dashboard,
  ...RESOURCES.map((resource) => recordResolvers(resource)),
];
