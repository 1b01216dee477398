/**
 * The hostile-input sweep: every argument and input field of every mutation,
 * reached from the schema, is given empty, oversized, wrong-type, negative,
 * huge, fractional, control-character, bidi, broken-UTF-16 and impossible-date
 * values in an otherwise valid request sent by the merchant's owner. Each must
 * be refused with a stable code (BAD_USER_INPUT naming a field for input
 * errors), never an internal error, and a refused call must write nothing:
 * the handler's DynamoDB client counts every write request.
 */
import { getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIST_MAX, DEFAULT_TEXT_MAX } from "../../graphql/constraints.js";
import { gql } from "../support/api.js";
import { createFixtures, documentFor, operations, requestFor, valueOf, type Fixtures } from "../support/operations.js";
import { targets, withValueAt, type Step, type Target } from "../support/targets.js";
import { startTestServer, writeCounter, type TestServer } from "../support/server.js";

const STABLE = new Set([
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "FORBIDDEN",
  "INSUFFICIENT_BALANCE",
  "COUPON_REJECTED",
]);

let server: TestServer;
let f: Fixtures;
const writes = writeCounter();

beforeAll(async () => {
  server = await startTestServer({ wrapDb: writes.wrapDb });
  f = await createFixtures(server);
});
afterAll(() => server?.stop());

interface Hostile {
  label: string;
  value: unknown;
  /** Empty optional text or an empty optional id means "not set": it may be taken as such. */
  mayBeAccepted?: boolean;
}

const has = (target: Target, directive: string) => directive in target.rules;

/** The hostile values for one target, by its type and constraints. */
function hostileFor(target: Target): Hostile[] {
  const nullable = getNullableType(target.type);
  const optional = !isNonNullType(target.type);
  if (isListType(nullable)) {
    const max = target.rules.size?.max ?? DEFAULT_LIST_MAX;
    return [
      {
        label: `${max + 1} items`,
        value: Array.from({ length: max + 1 }, () => valueOf(nullable.ofType, target.name)),
      },
    ];
  }
  if (isInputObjectType(nullable)) return [{ label: "wrong type", value: "x" }];
  if (isEnumType(nullable)) return [{ label: "unknown enum value", value: "NOT_A_VALUE" }];
  const min = target.rules.range?.min;
  switch (nullable.name) {
    case "Boolean":
      return [{ label: "wrong type", value: "yes" }];
    case "Int":
      return [
        { label: "negative", value: min !== undefined && min < 0 ? min - 1 : -1 },
        { label: "huge", value: 2 ** 31 - 1 },
        { label: "beyond 32 bits", value: 2 ** 53 },
        { label: "fractional", value: 1.5 },
        { label: "wrong type", value: "1" },
      ];
    case "Float":
      return [
        { label: "negative", value: min !== undefined && min < 0 ? min - 1 : -1 },
        { label: "huge", value: 1e308 },
        { label: "subnormal", value: 5e-324 },
        { label: "too many decimals", value: 1.00001 },
        { label: "wrong type", value: "x" },
      ];
    default:
      return textValues(target, nullable.name === "ID", optional);
  }
}

function textValues(target: Target, isId: boolean, optional: boolean): Hostile[] {
  const max = isId || has(target, "key") ? 64 : (target.rules.text?.max ?? DEFAULT_TEXT_MAX);
  const values: Hostile[] = [
    { label: "empty", value: "", mayBeAccepted: optional },
    { label: `${max + 1} characters`, value: "x".repeat(max + 1) },
    { label: "10,000 Chinese characters", value: "长".repeat(10_000) },
    { label: "NUL", value: "a\u0000b" },
    { label: "control character", value: "a\u0007b" },
    { label: "bidi override", value: "a\u202eb" },
    { label: "lone surrogate", value: "a\ud800b" },
    { label: "wrong type", value: isId ? true : 12345 },
  ];
  if (isId || has(target, "key")) values.push({ label: "key syntax", value: "T#other#M#x" });
  if (has(target, "date"))
    values.push({ label: "impossible date", value: "2026-02-30" }, { label: "month 13", value: "2026-13-01" });
  if (has(target, "instant") || has(target, "dateOrInstant")) {
    values.push(
      { label: "impossible date", value: "2026-02-30T10:00:00Z" },
      { label: "year 99999", value: "+099999-01-01T00:00:00Z" },
    );
    values.push({ label: "no zone", value: "2026-12-07T10:00:00" });
  }
  return values;
}

/**
 * Does a refusal name the field we spoiled? Our edge names the whole path
 * (`lines.0.sku`, without a leading `input`); a service may name the field
 * alone (`sku`) or the list it is in (`lines`).
 */
function namesField(field: string, path: Step[]): boolean {
  const expected = (path[0] === "input" ? path.slice(1) : path).join(".");
  const leaf = String(path.filter((step) => typeof step === "string").at(-1));
  return field === expected || field === leaf || field.endsWith(`.${leaf}`) || expected.startsWith(`${field}.`);
}

describe("the hostile-input sweep over every mutation", () => {
  it("starts from a request each mutation accepts, so a refusal is the hostile value's doing", async () => {
    const refused: string[] = [];
    for (const op of operations().filter((candidate) => candidate.kind === "mutation")) {
      const credentials = op.name === "onboardMerchant" ? { token: f.operatorToken } : { token: f.a.ownerToken };
      const { variables } = await requestFor(f, server, op);
      const result = await gql(server, documentFor(op, variables), variables, credentials);
      if (result.errors?.length) refused.push(`${op.name}: ${JSON.stringify(result.errors[0]).slice(0, 200)}`);
    }
    expect(refused).toEqual([]);
  });

  it("refuses every hostile value with a stable code naming the field, with no internal error and no write", async () => {
    const problems: string[] = [];
    const figures = {
      mutations: 0,
      fields: 0,
      calls: 0,
      refused: 0,
      acceptedEmpty: 0,
      internal: 0,
      writesByRefused: 0,
      unnamed: 0,
    };
    for (const op of operations().filter((candidate) => candidate.kind === "mutation")) {
      figures.mutations++;
      const credentials = op.name === "onboardMerchant" ? { token: f.operatorToken } : { token: f.a.ownerToken };
      for (const target of targets(op)) {
        figures.fields++;
        for (const hostile of hostileFor(target)) {
          const { variables } = await requestFor(f, server, op);
          const sent = withValueAt(variables, target, hostile.value);
          const where = `${op.name} ${target.path.join(".")} (${hostile.label})`;
          writes.count = 0;
          const result = await gql(server, documentFor(op, sent), sent, credentials);
          const written = writes.count;
          figures.calls++;
          const errors = result.errors ?? [];
          if (!errors.length) {
            if (hostile.mayBeAccepted) figures.acceptedEmpty++;
            else problems.push(`${where}: accepted`);
            continue;
          }
          figures.refused++;
          figures.writesByRefused += written;
          if (written) problems.push(`${where}: refused but wrote ${written} times`);
          for (const error of errors) {
            const code = error.extensions?.code ?? "?";
            if (code === "INTERNAL_SERVER_ERROR") figures.internal++;
            if (!STABLE.has(code) || result.status >= 500)
              problems.push(`${where}: ${result.status} ${code} ${error.message.slice(0, 120)}`);
            const field = error.extensions?.field;
            if (code === "BAD_USER_INPUT" && (!field || !namesField(field, target.path))) {
              figures.unnamed++;
              problems.push(`${where}: BAD_USER_INPUT naming ${field} (${error.message.slice(0, 120)})`);
            }
          }
        }
      }
    }
    console.log(`hostile-input sweep: ${JSON.stringify(figures)}`);
    expect(problems).toEqual([]);
    expect(figures.internal).toBe(0);
    expect(figures.writesByRefused).toBe(0);
  });
});
