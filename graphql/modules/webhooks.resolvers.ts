import * as deliveries from "../../functions/app/webhooks/deliveries.js";
import * as endpoints from "../../functions/app/webhooks/endpoints.js";
import { connection } from "../connection.js";
import type { Resolvers } from "../generated/types.js";

export const resolvers: Resolvers = {
  Query: {
    webhookEndpoints: (_, __, { caller, deps }) => endpoints.listEndpoints(deps, caller),
    webhookEndpoint: (_, args, { caller, deps }) => endpoints.getEndpoint(deps, caller, args.id),
    webhookDelivery: (_, args, { caller, deps }) => deliveries.getDelivery(deps, caller, args.id),
    webhookEventTypes: (_, __, { caller }) => endpoints.eventTypes(caller),
  },
  Mutation: {
    createWebhookEndpoint: (_, args, { caller, deps }) => endpoints.createEndpoint(deps, caller, args.input),
    updateWebhookEndpoint: (_, args, { caller, deps }) => endpoints.updateEndpoint(deps, caller, args.id, args.input),
    deleteWebhookEndpoint: (_, args, { caller, deps }) => endpoints.deleteEndpoint(deps, caller, args.id),
    rollWebhookSecret: (_, args, { caller, deps }) =>
      endpoints.rollSecret(deps, caller, args.id, args.expireOldAfterHours),
    resendWebhookDelivery: (_, args, { caller, deps }) => deliveries.resend(deps, caller, args.id),
    sendTestWebhook: (_, args, { caller, deps }) => deliveries.sendTest(deps, caller, args.endpointId),
  },
  WebhookEndpoint: {
    deliveries: async (endpoint, args, { deps }) =>
      connection(await deliveries.listDeliveries(deps, endpoint.merchantId, endpoint.id, args.first, args.after)),
  },
};
