/**
 * The storefront client's operations (client/src/operations.ts) are what the API accepts, so a field renamed or
 * removed in the SDL fails npm test, not a till: each exported document is one operation named as its export,
 * valid against the schema with exactly the fragments it spreads, each sent once, and within the API's limits on
 * depth and cost (graphql/armor.ts), which count fragment spreads as levels. And nothing in the client runs
 * from generated code or Node: generated types are imported as types only, and no module imports node:*.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildSchema, Kind, parse, validate, visit, type DefinitionNode } from "graphql";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as operations from "../../client/src/operations.js";
import { armor } from "../../graphql/armor.js";
import { typeDefs } from "../../graphql/typeDefs.js";

const CLIENT = resolve(import.meta.dirname, "../../client/src");
const schema = buildSchema(typeDefs.join("\n"));
const documents = Object.entries(operations).filter(([, value]) => typeof value === "string") as [string, string][];

const nameOf = (definition: DefinitionNode) =>
  definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION
    ? definition.name?.value
    : undefined;

describe("the client's GraphQL documents", () => {
  it("cover every till operation", () => {
    expect(documents.map(([name]) => name).sort()).toEqual(
      expect.arrayContaining([
        "CheckIn",
        "MemberByCode",
        "MemberByPhone",
        "QuoteCheckout",
        "RecordPurchase",
        "RefundOrder",
        "RegisterMember",
        "ReleaseCoupons",
        "ReserveCoupons",
        "TopUpStoredValue",
      ]),
    );
  });

  it.each(documents)("%s is one operation of that name, valid against the schema", (name, text) => {
    const document = parse(text);
    const ops = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    expect(ops.map(nameOf)).toEqual([name]);
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
  });

  it.each(documents)("%s stays within the API's limits on depth, cost, aliases and directives", (_name, text) => {
    const errors = validate(schema, parse(text), armor().validationRules);
    expect(errors.map((error) => error.message)).toEqual([]);
  });

  it.each(documents)("%s sends each fragment it spreads once, and no other", (_name, text) => {
    const document = parse(text);
    const defined = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map(nameOf);
    const spread = new Set<string>();
    visit(document, { FragmentSpread: (node) => void spread.add(node.name.value) });
    expect([...defined].sort()).toEqual([...spread].sort());
  });
});

describe("the client's modules", () => {
  const sources = readdirSync(CLIENT)
    .filter((name) => name.endsWith(".ts") && name !== "generated.ts")
    .map((name) => {
      const path = join(CLIENT, name);
      return { name, source: ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true) };
    });
  const imports = sources.flatMap(({ name, source }) =>
    source.statements.flatMap((statement) =>
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
        ? [{ name, statement, from: statement.moduleSpecifier.text }]
        : [],
    ),
  );

  it("import the generated types as types only: nothing runs from generated code", () => {
    const generated = imports.filter(({ from }) => from === "./generated.js");
    expect(generated.length).toBeGreaterThan(0);
    const notTypeOnly = generated.filter(({ statement }) =>
      ts.isImportDeclaration(statement) ? !statement.importClause?.isTypeOnly : !statement.isTypeOnly,
    );
    expect(notTypeOnly.map(({ name, statement }) => `${name}: ${statement.getText()}`)).toEqual([]);
  });

  it("import nothing but each other: no dependencies, no node: modules (the client runs in browsers)", () => {
    expect(imports.filter(({ from }) => !from.startsWith("./")).map(({ name, from }) => `${name}: ${from}`)).toEqual(
      [],
    );
  });
});
