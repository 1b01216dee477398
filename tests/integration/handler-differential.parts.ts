/**
 * The differential half of lambda-bundle.test.ts: the handler's diet must not change what it answers. A fixed
 * set of requests —
 * successes, domain errors, every shape and size limit, protocol errors, bad
 * credentials and a rate-limited burst — is sent to the bundled handler (as
 * Lambda runs it, production settings), and each answer (status, headers,
 * body) must equal the answer recorded from the handler as it was before the
 * bundle was cut down (handler-differential.expected.json, recorded from
 * commit 2837f67 with `RECORD_DIFFERENTIAL=1`). One answer was changed on purpose since: a persisted
 * query whose hash does not match its text was masked as an internal error and is now BAD_REQUEST with
 * Apollo's message.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { LIMITS } from "../../graphql/armor.js";
import type { TestMerchant } from "../support/api.js";
import { apiEvent, invokeBundle, jsonEvent, type BundleAnswer, type HandlerBundle } from "../support/lambdaBundle.js";
import type { TestServer } from "../support/server.js";

const EXPECTED = join(import.meta.dirname, "handler-differential.expected.json");
const RECORD = process.env.RECORD_DIFFERENTIAL === "1";

const repeat = (n: number, piece: (i: number) => string) => Array.from({ length: n }, (_, i) => piece(i)).join(" ");
/** A member's referrer's referrer's …: a selection `levels` deep below memberByPhone. */
const deep = (levels: number) =>
  `{ memberByPhone(phone: "13900002222") { ${"referral { referrer { ".repeat(levels / 2)}name${" } }".repeat(levels / 2)} } }`;

/** Automatic persisted queries: the document's SHA-256. */
const apq = (document: string) => ({ version: 1, sha256Hash: createHash("sha256").update(document).digest("hex") });

/** Each case: a name and the event, made once the merchant exists. */
function cases(shop: TestMerchant): [string, unknown][] {
  const key = { "x-api-key": shop.apiKey };
  const owner = { authorization: `Bearer ${shop.ownerToken}` };
  const store = shop.stores[0].id;
  const register = (phone: string, name: string) => ({
    query: `mutation($i: RegisterMemberInput!) { registerMember(input: $i) { created member { phone name } } }`,
    variables: { i: { phone, name, homeStoreId: store } },
  });
  const byPhone = (phone: string) => ({
    query: `query($p: String!) { memberByPhone(phone: $p) { name phone } }`,
    variables: { p: phone },
  });
  const lookup = `{ memberByPhone(phone: "13900002222") { name } }`;
  return [
    ["enrol", jsonEvent(register("13900002222", "对照"), key)],
    ["enrol again (same phone)", jsonEvent(register("13900002222", "对照"), key)],
    ["look-up by phone", jsonEvent(byPhone("13900002222"), key)],
    ["look-up of an unknown phone", jsonEvent(byPhone("13900009999"), key)],
    ["enrol with a bad phone", jsonEvent(register("123", "坏号码"), key)],
    ["enrol with a name too long", jsonEvent(register("13900003333", "长".repeat(500)), key)],
    ["owner lists members", jsonEvent({ query: `{ members(first: 5) { nodes { name phone } } }` }, owner)],
    ["unknown field (suggestion hidden)", jsonEvent({ query: `{ merchant { nme } }` }, owner)],
    ["syntax error", jsonEvent({ query: `{ merchant { name }` }, owner)],
    ["missing variable", jsonEvent({ query: byPhone("x").query }, key)],
    ["variable of the wrong type", jsonEvent({ ...byPhone("x"), variables: { p: 5 } }, key)],
    ["introspection in production", jsonEvent({ query: `{ __schema { types { name } } }` }, owner)],
    ["too deep", jsonEvent({ query: deep(LIMITS.maxDepth + 2) }, owner)],
    [
      "too many aliases",
      jsonEvent({ query: `{ ${repeat(LIMITS.maxAliases + 1, (i) => `a${i}: merchant { name }`)} }` }, owner),
    ],
    [
      "too many directives",
      jsonEvent({ query: `{ __typename ${repeat(LIMITS.maxDirectives + 1, () => "@skip(if: false)")} }` }, owner),
    ],
    ["too many tokens", jsonEvent({ query: `{ ${repeat(LIMITS.maxTokens, () => "__typename")} }` }, owner)],
    [
      "too costly",
      jsonEvent(
        { query: `{ ${repeat(40, (i) => `m${i}: members(first: 100) { nodes { name phone homeStore { name } } }`)} }` },
        owner,
      ),
    ],
    ["a persisted query not yet stored", jsonEvent({ extensions: { persistedQuery: apq(lookup) } }, key)],
    ["a persisted query stored", jsonEvent({ query: lookup, extensions: { persistedQuery: apq(lookup) } }, key)],
    ["a persisted query by hash", jsonEvent({ extensions: { persistedQuery: apq(lookup) } }, key)],
    [
      "a persisted query with a wrong hash",
      jsonEvent({ query: lookup, extensions: { persistedQuery: apq("x") } }, key),
    ],
    ["anonymous", jsonEvent({ query: `{ merchant { id } }` }, {})],
    ["a wrong API key", jsonEvent({ query: `{ merchant { name } }` }, { "x-api-key": "rk_nonsense" })],
    ["a malformed Authorization", jsonEvent({ query: `{ merchant { name } }` }, { authorization: "Basic abc" })],
    ["a forged token", jsonEvent({ query: `{ merchant { name } }` }, { authorization: "Bearer a.b.c" })],
    ["a body that is not JSON", apiEvent("{ not json", owner)],
    ["no query", jsonEvent({ variables: {} }, owner)],
    ["a batch (off)", jsonEvent([{ query: "{ __typename }" }, { query: "{ __typename }" }], owner)],
    ["a body over 1 MB", apiEvent(JSON.stringify({ query: `{ __typename }`, pad: "x".repeat(1_100_000) }), owner)],
    [
      "text/plain (CSRF prevention)",
      apiEvent(`{"query":"{ __typename }"}`, { ...owner, "content-type": "text/plain" }),
    ],
    ["a GET query", apiEvent(undefined, owner, { method: "GET", query: "query=%7B__typename%7D" })],
    [
      "a GET mutation",
      apiEvent(
        undefined,
        { ...owner, "apollo-require-preflight": "1" },
        {
          method: "GET",
          query: "query=" + encodeURIComponent(`mutation { __typename }`),
        },
      ),
    ],
  ];
}

/** What is compared: status, headers and the body (parsed when it is JSON). */
function comparable(answer: BundleAnswer) {
  let body: unknown = answer.body;
  try {
    body = JSON.parse(answer.body);
  } catch {
    // A text body is compared as text.
  }
  return { statusCode: answer.statusCode, headers: answer.headers ?? {}, body };
}

/**
 * Send every case to the bundle (one cold start), and a burst over a limit of 2 a second (another); every
 * answer must equal the recorded one. The burst's first refusal is compared, and at least one of 9 is refused.
 */
export async function expectRecordedAnswers(bundle: HandlerBundle, server: TestServer, shop: TestMerchant) {
  const list = cases(shop);
  const answers = await invokeBundle(
    bundle,
    server,
    list.map(([, event]) => event),
  );
  const actual = Object.fromEntries(list.map(([name], i) => [name, comparable(answers[i])]));
  const burst = await invokeBundle(
    bundle,
    server,
    Array.from({ length: 9 }, () => jsonEvent({ query: `{ merchant { name } }` }, { "x-api-key": shop.apiKey })),
    { API_KEY_RATE_LIMIT: "2" },
  );
  const refused = burst.filter((answer) => answer.statusCode === 429);
  expect(refused.length).toBeGreaterThan(0);
  actual["a burst over the rate limit (first refusal)"] = comparable(refused[0]);
  if (RECORD) writeFileSync(EXPECTED, JSON.stringify(actual, null, 2) + "\n");
  expect(existsSync(EXPECTED), "record the expected answers with RECORD_DIFFERENTIAL=1").toBe(true);
  const expected = JSON.parse(readFileSync(EXPECTED, "utf8")) as Record<string, unknown>;
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const name of Object.keys(expected)) expect(actual[name], name).toEqual(expected[name]);
}
