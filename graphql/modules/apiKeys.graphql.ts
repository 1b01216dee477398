export const typeDefs = /* GraphQL */ `
  "A storefront API key (sent as x-api-key). Only a hash of the secret is stored."
  type ApiKey {
    "Key id."
    id: ID!
    "What the key is for, e.g. 静安寺店 POS."
    name: String!
    "The store the key is limited to; null for a chain-wide key."
    storeId: ID
    "The key's first characters, to tell keys apart."
    prefix: String!
    "When it was created (ISO-8601 UTC)."
    createdAt: String!
    "Staff id of its creator."
    createdBy: ID!
    "When it was revoked; a revoked key is refused."
    revokedAt: String
    """
    Requests per second the key may send; null = the deployment's default (API_KEY_RATE_LIMIT, 50 in production). Over
    it: RATE_LIMITED (HTTP 429).
    """
    rateLimitPerSecond: Int
  }

  "A new key with its secret, shown this once."
  type CreatedApiKey {
    "The key."
    apiKey: ApiKey!
    "The secret to put in x-api-key; it cannot be shown again."
    secret: String!
  }

  "A new API key."
  input CreateApiKeyInput {
    "What the key is for (1–60 characters)."
    name: String!
    "Limit the key to one store."
    storeId: ID
    "Requests per second (1–10000); omit for the deployment's default."
    rateLimitPerSecond: Int
  }

  extend type Query {
    "Owner: the merchant's API keys, newest first."
    apiKeys: [ApiKey!]!
  }

  extend type Mutation {
    "Owner: create an API key; the secret is returned once."
    createApiKey(input: CreateApiKeyInput!): CreatedApiKey!
    "Owner: revoke an API key at once."
    revokeApiKey(id: ID!): ApiKey!
    "Owner: set a key's request limit (requests per second, 1–10000), or null for the deployment's default."
    setApiKeyRateLimit(id: ID!, rateLimitPerSecond: Int): ApiKey!
  }
`;
