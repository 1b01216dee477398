/**
 * docs/api-guide.md checked against the schema and the code, so it cannot drift: its GraphQL validates, its
 * operations exist and take the idempotency keys it says, its error codes, limits and events are the code's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, isInputObjectType, isNonNullType, parse, validate, type GraphQLField } from "graphql";
import { describe, expect, it } from "vitest";
import { DEFAULT_API_KEY_RATE_LIMIT } from "../../functions/app/rateLimit.js";
import { RETRY_FOR_MS, ATTEMPT_TIMEOUT_MS, WEBHOOK_EVENT_TYPES } from "../../functions/core/webhooks.js";
import { LIMITS } from "../../graphql/armor.js";
import * as client from "../../client/src/index.js";
import { typeDefs } from "../../graphql/typeDefs.js";

const ROOT = join(import.meta.dirname, "../..");
const guide = readFileSync(join(ROOT, "docs/api-guide.md"), "utf8");
const schema = buildSchema(typeDefs.join("\n"));
const fields = { ...schema.getQueryType()!.getFields(), ...schema.getMutationType()!.getFields() };

/** The rows of the markdown table under a heading: each row's cells. */
function table(heading: string): string[][] {
  const section = guide.split(/^## /m).find((part) => part.startsWith(heading));
  if (!section) throw new Error(`No section ${heading}`);
  return section
    .split("\n")
    .filter((line) => /^\| /.test(line) && !/^\|[-| ]+\|$/.test(line))
    .slice(1)
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

const names = (cell: string) => [...cell.matchAll(/`(\w+)`/g)].map((match) => match[1]);

/** The names an operation takes a value by: its arguments and its input objects' fields. */
function takes(field: GraphQLField<unknown, unknown>): string[] {
  return field.args.flatMap((arg) => {
    const type = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
    return [arg.name, ...(isInputObjectType(type) ? Object.keys(type.getFields()) : [])];
  });
}

describe("docs/api-guide.md", () => {
  it("has only GraphQL that validates against the schema", () => {
    const blocks = [...guide.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) expect(validate(schema, parse(block)).map((e) => e.message)).toEqual([]);
  });

  it("names till operations that exist", () => {
    const named = table("The till's operations").flatMap(([, operations]) => names(operations));
    expect(named.length).toBeGreaterThanOrEqual(10);
    for (const name of named) expect(Object.keys(fields)).toContain(name);
  });

  it("names, for each idempotency key, operations that take it", () => {
    for (const [key, operations] of table("Idempotency")) {
      const [name] = names(key);
      for (const operation of names(operations))
        expect({ operation, takes: takes(fields[operation]) }).toMatchObject({
          takes: expect.arrayContaining([name]),
        });
    }
  });

  it("lists exactly the error codes the API answers with", () => {
    const kinds = [...readFileSync(join(ROOT, "functions/core/errors.ts"), "utf8").matchAll(/^\s+\| "([A-Z_]+)"/gm)];
    const passThrough = readFileSync(join(ROOT, "graphql/errors.ts"), "utf8").match(
      /PASS_THROUGH = new Set\(\[([^\]]+)/,
    );
    const codes = new Set([
      ...kinds.map((match) => match[1]),
      ...[...passThrough![1].matchAll(/"([A-Z_]+)"/g)].map((match) => match[1]),
      "PAYLOAD_TOO_LARGE",
      "INTERNAL_SERVER_ERROR",
    ]);
    expect(
      table("Errors")
        .map(([code]) => names(code)[0])
        .sort(),
    ).toEqual([...codes].sort());
  });

  it("gives the limits the code enforces", () => {
    const section = guide.split(/^## /m).find((part) => part.startsWith("Rate limits"))!;
    expect(section).toContain(`${DEFAULT_API_KEY_RATE_LIMIT} requests per second`);
    expect(section).toContain(`depth ${LIMITS.maxDepth}`);
    expect(section).toContain(`${LIMITS.maxAliases} aliases`);
    expect(section).toContain(`cost ${LIMITS.maxCost}`);
    expect(section).toContain(`${LIMITS.maxDirectives} directives`);
    expect(section).toContain(`${LIMITS.maxTokens} tokens`);
    expect(guide).toContain(`within ${ATTEMPT_TIMEOUT_MS / 1000} seconds`);
    expect(guide).toContain(`back-off for ${RETRY_FOR_MS / 86_400_000} days`);
  });

  it("lists every event type an endpoint can subscribe to, as the code describes it", () => {
    expect(table("Events catalogue").map(([type, when]) => [names(type)[0], when])).toEqual(
      Object.entries(WEBHOOK_EVENT_TYPES),
    );
  });

  it("imports from the typed client only what it exports, and the client knows every error code", () => {
    for (const doc of [guide, readFileSync(join(ROOT, "docs/webhooks.md"), "utf8")]) {
      const imports = [...doc.matchAll(/import \{([^}]+)\} from "@regulars\/client"/g)];
      expect(imports.length).toBeGreaterThan(0);
      for (const name of imports.flatMap((match) => match[1].split(",").map((part) => part.trim())))
        expect(Object.keys(client)).toContain(name);
    }
    const codes = table("Errors").map(([code]) => names(code)[0]);
    expect(client.REGULARS_ERROR_CODES).toEqual(expect.arrayContaining(codes));
  });
});
