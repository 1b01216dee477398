/** The loyalty services, one module per capability; this is what the API and scripts call. */
export * from "./account.js";
export * from "./checkin.js";
export * from "./config.js";
export * from "./points.js";
export * from "./purchases.js";
export * from "./refunds.js";
export * from "./rewards.js";
export * from "./tiers.js";
