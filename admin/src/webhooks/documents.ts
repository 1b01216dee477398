/** The webhook screens' GraphQL operations (graphql/modules/webhooks.graphql.ts), typed by codegen. */
import type { Document } from "../dataProvider/document";
import type {
  CreateWebhookEndpointMutation,
  CreateWebhookEndpointMutationVariables,
  DeleteWebhookEndpointMutation,
  DeleteWebhookEndpointMutationVariables,
  ResendWebhookDeliveryMutation,
  ResendWebhookDeliveryMutationVariables,
  RollWebhookSecretMutation,
  RollWebhookSecretMutationVariables,
  SendTestWebhookMutation,
  SendTestWebhookMutationVariables,
  UpdateWebhookEndpointMutation,
  UpdateWebhookEndpointMutationVariables,
  WebhookDeliveriesQuery,
  WebhookDeliveriesQueryVariables,
  WebhookDeliveryQuery,
  WebhookDeliveryQueryVariables,
  WebhookEndpointQuery,
  WebhookEndpointQueryVariables,
  WebhookEndpointsQuery,
  WebhookEndpointsQueryVariables,
  WebhookEventTypesQuery,
  WebhookEventTypesQueryVariables,
} from "../generated/graphql";

const ENDPOINT_FIELDS = /* GraphQL */ `
  fragment WebhookEndpointFields on WebhookEndpoint {
    id
    url
    description
    eventTypes
    status
    disabledReason
    failingSince
    secretPrefix
    previousSecretExpiresAt
    createdAt
    updatedAt
  }
`;

/** A delivery as its list row shows it; the attempts' answers and the payload come with webhookDelivery. */
const DELIVERY_ROW = /* GraphQL */ `
  fragment WebhookDeliveryRow on WebhookDelivery {
    id
    endpointId
    eventId
    eventType
    status
    createdAt
    nextAttemptAt
    deliveredAt
    attempts {
      at
      statusCode
      latencyMs
      ok
    }
  }
`;

export const WEBHOOK_ENDPOINTS: Document<WebhookEndpointsQuery, WebhookEndpointsQueryVariables> = /* GraphQL */ `
  query webhookEndpoints {
    webhookEndpoints {
      ...WebhookEndpointFields
    }
  }
  ${ENDPOINT_FIELDS}
`;

export const WEBHOOK_ENDPOINT: Document<WebhookEndpointQuery, WebhookEndpointQueryVariables> = /* GraphQL */ `
  query webhookEndpoint($id: ID!) {
    webhookEndpoint(id: $id) {
      ...WebhookEndpointFields
    }
  }
  ${ENDPOINT_FIELDS}
`;

export const WEBHOOK_DELIVERIES: Document<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables> = /* GraphQL */ `
  query webhookDeliveries($id: ID!, $first: Int, $after: String) {
    webhookEndpoint(id: $id) {
      id
      deliveries(first: $first, after: $after) {
        nodes {
          ...WebhookDeliveryRow
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${DELIVERY_ROW}
`;

export const WEBHOOK_DELIVERY: Document<WebhookDeliveryQuery, WebhookDeliveryQueryVariables> = /* GraphQL */ `
  query webhookDelivery($id: ID!) {
    webhookDelivery(id: $id) {
      ...WebhookDeliveryRow
      payload
      attempts {
        at
        statusCode
        latencyMs
        ok
        responseExcerpt
      }
    }
  }
  ${DELIVERY_ROW}
`;

export const WEBHOOK_EVENT_TYPES: Document<WebhookEventTypesQuery, WebhookEventTypesQueryVariables> = /* GraphQL */ `
  query webhookEventTypes {
    webhookEventTypes {
      name
      description
    }
  }
`;

export const CREATE_WEBHOOK_ENDPOINT: Document<CreateWebhookEndpointMutation, CreateWebhookEndpointMutationVariables> =
  /* GraphQL */ `
    mutation createWebhookEndpoint($input: CreateWebhookEndpointInput!) {
      createWebhookEndpoint(input: $input) {
        endpoint {
          ...WebhookEndpointFields
        }
        secret
      }
    }
    ${ENDPOINT_FIELDS}
  `;

export const UPDATE_WEBHOOK_ENDPOINT: Document<UpdateWebhookEndpointMutation, UpdateWebhookEndpointMutationVariables> =
  /* GraphQL */ `
    mutation updateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {
      updateWebhookEndpoint(id: $id, input: $input) {
        ...WebhookEndpointFields
      }
    }
    ${ENDPOINT_FIELDS}
  `;

export const DELETE_WEBHOOK_ENDPOINT: Document<DeleteWebhookEndpointMutation, DeleteWebhookEndpointMutationVariables> =
  /* GraphQL */ `
    mutation deleteWebhookEndpoint($id: ID!) {
      deleteWebhookEndpoint(id: $id) {
        id
      }
    }
  `;

export const ROLL_WEBHOOK_SECRET: Document<RollWebhookSecretMutation, RollWebhookSecretMutationVariables> =
  /* GraphQL */ `
    mutation rollWebhookSecret($id: ID!, $expireOldAfterHours: Int) {
      rollWebhookSecret(id: $id, expireOldAfterHours: $expireOldAfterHours) {
        endpoint {
          ...WebhookEndpointFields
        }
        secret
      }
    }
    ${ENDPOINT_FIELDS}
  `;

export const RESEND_WEBHOOK_DELIVERY: Document<ResendWebhookDeliveryMutation, ResendWebhookDeliveryMutationVariables> =
  /* GraphQL */ `
    mutation resendWebhookDelivery($id: ID!) {
      resendWebhookDelivery(id: $id) {
        ...WebhookDeliveryRow
      }
    }
    ${DELIVERY_ROW}
  `;

export const SEND_TEST_WEBHOOK: Document<SendTestWebhookMutation, SendTestWebhookMutationVariables> = /* GraphQL */ `
  mutation sendTestWebhook($endpointId: ID!) {
    sendTestWebhook(endpointId: $endpointId) {
      ...WebhookDeliveryRow
    }
  }
  ${DELIVERY_ROW}
`;
