/**
 * Input fuzzing: every mutation, sent by its rightful caller with a valid-
 * looking request in which fast-check replaces one value (or adds a field)
 * with something random or hostile. The API must answer with a stable code —
 * never a 500 or INTERNAL_SERVER_ERROR — and a refused call must write nothing
 * (the handler's DynamoDB client counts its write requests).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, type Credentials, type GraphQLResponse } from "../support/api.js";
import { createFixtures, documentFor, operations, requestFor, type Fixtures } from "../support/operations.js";
import { startTestServer, writeCounter, type TestServer } from "../support/server.js";

const RUNS_PER_MUTATION = Number(process.env.FUZZ_RUNS ?? 5);
/** Set FUZZ_SEED to replay a run; the seed is printed with the results and any failure. */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const STABLE = new Set([
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "FORBIDDEN",
  "INSUFFICIENT_BALANCE",
  "COUPON_REJECTED",
  "GRAPHQL_VALIDATION_FAILED",
  "PAYLOAD_TOO_LARGE",
]);

let server: TestServer;
let f: Fixtures;
const writes = writeCounter();

beforeAll(async () => {
  server = await startTestServer({ wrapDb: writes.wrapDb });
  f = await createFixtures(server);
});
afterAll(() => server?.stop());

/** Values that have broken services before: sizes, encodings, key syntax, markup, number edges, wrong types. */
const hostile = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "x".repeat(100_000),
    "长".repeat(5_000),
    "T#other#M#x",
    "T#00000000#APIKEY",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "😀👍🏽👨‍👩‍👧",
    "\u0000\u202e\ufeff",
    "' OR 1=1 --",
    '{"$gt":""}',
    "NaN",
    "Infinity",
    "-1",
    "1e309",
    "2026-02-30",
    "9999-99-99T99:99:99Z",
    "+8613800000000",
    -1,
    0,
    2 ** 31 - 1,
    -(2 ** 31),
    2 ** 53,
    1.5,
    1e308,
    true,
    null,
    [],
    {},
    { extra: "field" },
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

type Json = unknown;
/** Every path to a value in the variables (objects and arrays included). */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => paths(item, [...prefix, i]))];
  if (value && typeof value === "object")
    return [...here, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...prefix, key]))];
  return here;
}
function setAt(value: Json, path: (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), replacement);
  return copy;
}

describe("hostile input to every mutation", () => {
  it("gets a stable error code, never a server error, and a refused call writes nothing", async () => {
    const mutations = operations().filter((op) => op.kind === "mutation");
    const problems: string[] = [];
    let tried = 0;
    let refused = 0;
    for (const op of mutations) {
      const credentials: Credentials =
        op.name === "onboardMerchant" ? { token: f.operatorToken } : { token: f.a.ownerToken };
      await fc.assert(
        fc.asyncProperty(fc.nat(), hostile, fc.boolean(), async (pick, value, addField) => {
          const { variables } = await requestFor(f, server, op);
          const targets = paths(variables);
          const path = targets[pick % Math.max(targets.length, 1)] ?? [op.field.args[0]?.name ?? "x"];
          const fuzzed = (
            addField
              ? setAt(variables, [...path.slice(0, -1), "unexpectedField"], value)
              : setAt(variables, path, value)
          ) as Record<string, unknown>;
          writes.count = 0;
          let result: GraphQLResponse;
          try {
            result = await gql(server, documentFor(op, variables), fuzzed, credentials);
          } catch (error) {
            problems.push(
              `${op.name} ${path.join(".")}=${JSON.stringify(value)?.slice(0, 60)}: no JSON answer (${(error as Error).message})`,
            );
            return;
          }
          tried++;
          const codes = (result.errors ?? []).map((e) => e.extensions?.code ?? "?");
          const unstable = codes.filter((code) => !STABLE.has(code));
          if (result.status >= 500 || unstable.length) {
            problems.push(
              `${op.name} ` +
                `${path.join(".")}${addField ? "+unexpectedField" : ""}=${JSON.stringify(value)?.slice(0, 60)}: ` +
                `${result.status} ${JSON.stringify(result.errors).slice(0, 300)}`,
            );
          }
          if (codes.length) {
            refused++;
            if (writes.count)
              problems.push(
                `${op.name} ${path.join(".")}=${JSON.stringify(value)?.slice(0, 60)}: refused ` +
                  `with ${codes} but wrote ${writes.count} times`,
              );
          }
        }),
        { numRuns: RUNS_PER_MUTATION, seed: SEED, endOnFailure: true },
      );
    }
    console.log(
      `fuzz: ${mutations.length} mutations, ${tried} hostile inputs tried, ${refused} refused with a stable code, seed ${SEED}`,
    );
    expect(problems, `FUZZ_SEED=${SEED}`).toEqual([]);
  });

  it("every query given over-long ids and strings answers with a stable code, never a server error", async () => {
    const problems: string[] = [];
    let tried = 0;
    for (const op of operations().filter((candidate) => candidate.kind === "query")) {
      for (const huge of ["x".repeat(3_000), "长".repeat(1_000)]) {
        const variables: Record<string, unknown> = {};
        for (const arg of op.field.args) if (/^(ID|String)!?$/.test(String(arg.type))) variables[arg.name] = huge;
        if (!Object.keys(variables).length) continue;
        const result = await gql(server, documentFor(op, variables), variables, { token: f.a.ownerToken });
        tried++;
        const codes = (result.errors ?? []).map((e) => e.extensions?.code ?? "?");
        if (result.status >= 500 || codes.some((code) => !STABLE.has(code)))
          problems.push(`${op.name}: ${result.status} ${JSON.stringify(codes)}`);
      }
    }
    console.log(`fuzz: ${tried} over-long query inputs tried`);
    expect(problems).toEqual([]);
  });
});
