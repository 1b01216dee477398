/** A small GraphQL client for tests, and helpers to make merchants, staff and keys through the API. */
import { randomBytes } from "node:crypto";
import type { TestServer } from "./server.js";

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

export type Credentials = { token: string } | { apiKey: string } | Record<string, never>;

export async function gql<T = any>(
  server: Pick<TestServer, "graphqlUrl">,
  query: string,
  variables: Record<string, unknown> = {},
  credentials: Credentials = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if ("token" in credentials) headers.authorization = `Bearer ${credentials.token}`;
  if ("apiKey" in credentials) headers["x-api-key"] = credentials.apiKey as string;
  const response = await fetch(server.graphqlUrl, {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  return { status: response.status, ...body };
}

/**
 * Like a till: an answer marked retryable ("busy") is sent again unchanged
 * (same idempotency key), after a short random pause that grows with each try
 * ("full jitter"), so a crowd of tills racing for one account thins out
 * instead of hammering it.
 */
export async function persist(send: () => Promise<GraphQLResponse>): Promise<GraphQLResponse> {
  for (let attempt = 0; ; attempt++) {
    const result = await send();
    if (!(result.errors?.[0]?.extensions as { retryable?: boolean } | undefined)?.retryable) return result;
    await new Promise((resume) => setTimeout(resume, Math.random() * Math.min(1_000, 25 * 2 ** attempt)));
  }
}

/** The data of a response that must have succeeded. */
export async function ok<T = any>(response: Promise<GraphQLResponse<T>>): Promise<T> {
  const result = await response;
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

/** The error codes of a response. */
export function codes(result: GraphQLResponse): (string | undefined)[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}

export async function signIn(server: Pick<TestServer, "url">, username: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status}`);
  return (await response.json()).idToken;
}

export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

export interface TestMerchant {
  merchantId: string;
  ownerToken: string;
  stores: { id: string; name: string }[];
  apiKey: string;
  managerToken: string;
  clerkToken: string;
  managerStoreId: string;
  ownerId: string;
}

const PASSWORD = "Passw0rd-test";

/** Onboard a merchant with two stores, a manager and a clerk of the first store, and a chain-wide key. */
export async function createMerchant(server: TestServer, name = unique("Merchant")): Promise<TestMerchant> {
  const operatorToken = await signIn(server, server.operator.username, server.operator.password);
  const ownerName = unique("owner");
  const onboarded = await ok(
    gql(
      server,
      `mutation($input: OnboardMerchantInput!) { onboardMerchant(input: $input) { merchant { id } store { id name } owner { id } } }`,
      {
        input: {
          name,
          firstStore: { name: "一号店", city: "上海" },
          owner: { username: ownerName, name: "店主", password: PASSWORD },
        },
      },
      { token: operatorToken },
    ),
  );
  const ownerToken = await signIn(server, ownerName, PASSWORD);
  const owner = { token: ownerToken };
  const second = await ok(
    gql(server, `mutation { createStore(input: { name: "二号店", city: "杭州" }) { id name } }`, {}, owner),
  );
  const first = onboarded.onboardMerchant.store;
  const staff = async (role: string) => {
    const username = unique(role);
    await ok(
      gql(
        server,
        `mutation($input: CreateStaffInput!) { createStaff(input: $input) { id } }`,
        { input: { username, name: role, password: PASSWORD, role, storeIds: [first.id] } },
        owner,
      ),
    );
    return signIn(server, username, PASSWORD);
  };
  const key = await ok(gql(server, `mutation { createApiKey(input: { name: "POS" }) { secret } }`, {}, owner));
  return {
    merchantId: onboarded.onboardMerchant.merchant.id,
    ownerId: onboarded.onboardMerchant.owner.id,
    ownerToken,
    stores: [first, second.createStore],
    apiKey: key.createApiKey.secret,
    managerToken: await staff("manager"),
    clerkToken: await staff("clerk"),
    managerStoreId: first.id,
  };
}
