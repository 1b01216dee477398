export const typeDefs = /* GraphQL */ `
  """
  A webhook endpoint: an HTTPS address the merchant's domain events are POSTed to, each signed with the endpoint's
  secret (header Regulars-Signature: t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{raw body}"}). Delivery is at
  least once, retried with exponential back-off for 3 days; de-duplicate by the event id.
  """
  type WebhookEndpoint {
    "Endpoint id."
    id: ID!
    "Where events are POSTed."
    url: String!
    "What the endpoint is for, e.g. 小程序商城."
    description: String
    "The event types sent to it (docs/events.md); empty = every type."
    eventTypes: [String!]!
    "enabled: events are delivered; disabled: none are (by hand, or after failing for 3 days)."
    status: WebhookEndpointStatus!
    "Why it is disabled, e.g. failing since 2026-06-01T08:00:00Z; null when enabled."
    disabledReason: String
    "When its current run of failed attempts began; null when its last attempt succeeded."
    failingSince: String
    "The secret's first characters, to tell secrets apart (the secret itself is shown once)."
    secretPrefix: String!
    "Until when the secret before the last roll still signs too (a second v1 in the header); null when none."
    previousSecretExpiresAt: String
    "When it was created (ISO-8601 UTC)."
    createdAt: String!
    "When it was last changed (ISO-8601 UTC)."
    updatedAt: String!
    "Deliveries to this endpoint, newest first."
    deliveries(first: Int, after: String @text(max: 1024)): WebhookDeliveryConnection!
  }

  "Whether an endpoint receives events."
  enum WebhookEndpointStatus {
    "Events are delivered."
    enabled
    "Nothing is delivered (events meanwhile are not kept for it)."
    disabled
  }

  "An endpoint with its signing secret, shown this once."
  type WebhookEndpointWithSecret {
    "The endpoint."
    endpoint: WebhookEndpoint!
    "The signing secret (whsec_…); it cannot be shown again. Roll it to get a new one."
    secret: String!
  }

  "One event sent to one endpoint, with every attempt."
  type WebhookDelivery {
    "Delivery id."
    id: ID!
    "The endpoint it goes to."
    endpointId: ID!
    "The event's id: the same in every attempt and every re-send (the receiver's de-duplication key)."
    eventId: ID!
    "The event's type, e.g. TierChanged."
    eventType: String!
    "pending: not yet delivered (see nextAttemptAt); delivered: a 2xx answer; failed: gave up after 3 days."
    status: WebhookDeliveryStatus!
    "When the event first went to this endpoint (ISO-8601 UTC)."
    createdAt: String!
    "When the next attempt is due; null unless pending."
    nextAttemptAt: String
    "When a 2xx answer came; null until then."
    deliveredAt: String
    "The exact JSON body POSTed."
    payload: String!
    "Every attempt, oldest first (the last 20)."
    attempts: [WebhookAttempt!]!
  }

  "Where a delivery stands."
  enum WebhookDeliveryStatus {
    "Waiting for its next attempt."
    pending
    "The endpoint answered 2xx."
    delivered
    "Every attempt failed for 3 days; it can still be re-sent."
    failed
  }

  "One POST of a delivery."
  type WebhookAttempt {
    "When it was sent (ISO-8601 UTC)."
    at: String!
    "The HTTP status answered; null when none came (timeout, refused, bad address)."
    statusCode: Int
    "Milliseconds from sending to the answer (or to giving up)."
    latencyMs: Int!
    "The answer's first 200 characters, or what went wrong."
    responseExcerpt: String
    "True for a 2xx answer."
    ok: Boolean!
  }

  "A page of deliveries."
  type WebhookDeliveryConnection {
    "The deliveries on this page."
    nodes: [WebhookDelivery!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "An event type an endpoint can subscribe to."
  type WebhookEventType {
    "The type, e.g. PurchaseRecorded."
    name: String!
    "When it happens."
    description: String!
  }

  "A new webhook endpoint."
  input CreateWebhookEndpointInput {
    "https:// address (http:// and private addresses only when running locally), at most 500 characters."
    url: String! @text(max: 500)
    "Event types to send (see webhookEventTypes); empty = every type."
    eventTypes: [String!]! @size(max: 40)
    "What it is for (at most 100 characters)."
    description: String @text(max: 100)
  }

  "Changes to an endpoint; omitted fields stay."
  input UpdateWebhookEndpointInput {
    "New address."
    url: String @text(max: 500)
    "New event types; empty = every type."
    eventTypes: [String!] @size(max: 40)
    "New description."
    description: String @text(max: 100)
    "false disables it; true enables it again (its run of failures starts afresh)."
    enabled: Boolean
  }

  extend type Query {
    "Owner: the merchant's webhook endpoints, newest first."
    webhookEndpoints: [WebhookEndpoint!]!
    "Owner: one endpoint."
    webhookEndpoint(id: ID!): WebhookEndpoint!
    "Owner: one delivery with its attempts."
    webhookDelivery(id: ID!): WebhookDelivery!
    "Owner: the event types endpoints can subscribe to."
    webhookEventTypes: [WebhookEventType!]!
  }

  extend type Mutation {
    "Owner: register an endpoint (at most 10); its signing secret is returned once."
    createWebhookEndpoint(input: CreateWebhookEndpointInput!): WebhookEndpointWithSecret!
    "Owner: change an endpoint's address, event types or description, or disable or enable it."
    updateWebhookEndpoint(id: ID!, input: UpdateWebhookEndpointInput!): WebhookEndpoint!
    "Owner: delete an endpoint; nothing more is sent to it."
    deleteWebhookEndpoint(id: ID!): WebhookEndpoint!
    """
    Owner: a new signing secret, returned once. The old one keeps signing beside it (a second v1 in the header) for
    expireOldAfterHours (0–72, default 24), so receivers can switch without losing an event.
    """
    rollWebhookSecret(id: ID!, expireOldAfterHours: Int @range(min: 0, max: 72)): WebhookEndpointWithSecret!
    "Owner: send a delivery again now (same event id and body, newly signed), whatever its status."
    resendWebhookDelivery(id: ID!): WebhookDelivery!
    "Owner: send the endpoint a WebhookTest event now, to check the receiver and its signature check."
    sendTestWebhook(endpointId: ID!): WebhookDelivery!
  }
`;
