/** The whole SDL, one module per domain, then the declared resources. The console imports this too. */
import { typeDefs as apiKeys } from "./modules/apiKeys.graphql.js";
import { typeDefs as automation } from "./modules/automation.graphql.js";
import { typeDefs as campaigns } from "./modules/campaigns.graphql.js";
import { typeDefs as common } from "./modules/common.graphql.js";
import { typeDefs as constraints } from "./modules/constraints.graphql.js";
import { typeDefs as dashboard } from "./modules/dashboard.graphql.js";
import { typeDefs as coupons } from "./modules/coupons.graphql.js";
import { typeDefs as loyalty } from "./modules/loyalty.graphql.js";
import { typeDefs as members } from "./modules/members.graphql.js";
import { typeDefs as merchants } from "./modules/merchants.graphql.js";
import { typeDefs as referral } from "./modules/referral.graphql.js";
import { typeDefs as recommendations } from "./modules/recommendations.graphql.js";
import { typeDefs as segments } from "./modules/segments.graphql.js";
import { typeDefs as staff } from "./modules/staff.graphql.js";
import { typeDefs as storedValue } from "./modules/storedValue.graphql.js";
import { typeDefs as stores } from "./modules/stores.graphql.js";
import { typeDefs as holdouts } from "./modules/holdouts.graphql.js";
import { typeDefs as webhooks } from "./modules/webhooks.graphql.js";
import { typeDefs as worklist } from "./modules/worklist.graphql.js";
import { RESOURCES } from "./resources/index.js";

/**
 * A pure call, so a bundle that does not use the SDL (the Lambda's, which carries it without
 * descriptions: infra lambda-bundle.ts) leaves these modules out.
 */
export const typeDefs: string[] = /* @__PURE__ */ (() => [
  common,
  constraints,
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
  ...RESOURCES.map((resource) => resource.typeDefs),
])();
