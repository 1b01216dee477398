/**
 * Every GraphQL operation the console sends is a checked document, so a field
 * renamed or removed in the SDL fails npm test, not a user:
 * - each GraphQL-marked template in admin/src (the literal led by a GraphQL
 *   comment, as codegen plucks it) is a named operation or a fragment, and
 *   each operation is declared `const X: Document<XQuery, XQueryVariables>`
 *   (the types codegen generates for that name);
 * - each operation, with the fragments it spreads, is valid against the schema,
 *   and its text interpolates exactly those fragments (what it sends is whole);
 * - every request(...) and graphqlRequest(...) sends such a document;
 * - the operations the data provider builds from the schema for react-admin's
 *   calls (dataProvider/buildQuery.ts, per resource) are valid too.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import {
  buildSchema,
  Kind,
  parse,
  validate,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { typeDefs } from "../../graphql/typeDefs.js";

const ROOT = resolve(import.meta.dirname, "../..");
const ADMIN = join(ROOT, "admin/src");
/** The data provider's own plumbing passes its caller's document on. */
const PLUMBING = join(ADMIN, "dataProvider");
/** The calls that send a document, and which argument is the document. */
const SENDERS: Record<string, number> = { request: 0, graphqlRequest: 1 };

const schema = buildSchema(typeDefs.join("\n"));

interface Literal {
  file: string;
  line: number;
  node: ts.TemplateLiteral;
  /** The text with every `${…}` left out, as codegen reads it. */
  text: string;
  /** The identifiers interpolated into it. */
  interpolated: string[];
  /** The const it initialises, with the type it is declared with. */
  declaration?: { name: string; type?: ts.TypeNode };
}

interface SourceFile {
  path: string;
  source: ts.SourceFile;
  /** Local name → [file, exported name] for each named relative import. */
  imports: Map<string, [string, string]>;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (name === "generated") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [`${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx"), base];
  return candidates.find((candidate) => {
    try {
      return statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}

function load(path: string): SourceFile {
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const imports = new Map<string, [string, string]>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const target = statement.moduleSpecifier.text.startsWith(".")
      ? resolveImport(path, statement.moduleSpecifier.text)
      : undefined;
    const bindings = statement.importClause?.namedBindings;
    if (!target || !bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements)
      imports.set(element.name.text, [target, (element.propertyName ?? element.name).text]);
  }
  return { path, source, imports };
}

/** Led by a GraphQL comment: on the line before, or just before it on its line (TS calls that one trailing). */
const isMarked = (source: ts.SourceFile, node: ts.Node) =>
  [
    ...(ts.getTrailingCommentRanges(source.text, node.pos) ?? []),
    ...(ts.getLeadingCommentRanges(source.text, node.pos) ?? []),
  ].some((range) => /^\/\*\s*GraphQL\s*\*\/$/i.test(source.text.slice(range.pos, range.end)));

function literalsOf(file: SourceFile): Literal[] {
  const found: Literal[] = [];
  const visitNode = (node: ts.Node) => {
    if ((ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) && isMarked(file.source, node)) {
      const spans = ts.isTemplateExpression(node) ? node.templateSpans : [];
      const parent = node.parent;
      found.push({
        file: file.path,
        line: file.source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        node,
        text: ts.isTemplateExpression(node)
          ? node.head.text + spans.map((span) => span.literal.text).join("")
          : node.text,
        interpolated: spans.map((span) => span.expression.getText(file.source)),
        declaration:
          ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && parent.initializer === node
            ? { name: parent.name.text, type: parent.type }
            : undefined,
      });
    }
    ts.forEachChild(node, visitNode);
  };
  visitNode(file.source);
  return found;
}

const files = new Map(sourceFiles(ADMIN).map((path) => [path, load(path)]));
const literals = [...files.values()].flatMap(literalsOf);
const where = (literal: Pick<Literal, "file" | "line">) => `${relative(ROOT, literal.file)}:${literal.line}`;
const parsed = new Map(literals.map((literal) => [literal, parse(literal.text)]));

/** A declared document by file and const name. */
const declared = new Map(
  literals.flatMap((literal) =>
    literal.declaration ? [[`${literal.file}#${literal.declaration.name}`, literal]] : [],
  ),
);

/** The literal a name in a file stands for: a const there, or one it imports. */
function literalNamed(file: string, name: string): Literal | undefined {
  const local = declared.get(`${file}#${name}`);
  if (local) return local;
  const imported = files.get(file)?.imports.get(name);
  return imported ? literalNamed(imported[0], imported[1]) : undefined;
}

const operationOf = (document: DocumentNode) =>
  document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
const fragmentsOf = (document: DocumentNode) =>
  document.definitions.filter(
    (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
  );

const fragments = new Map<string, FragmentDefinitionNode>();
for (const [, document] of parsed)
  for (const fragment of fragmentsOf(document)) fragments.set(fragment.name.value, fragment);

/** The fragments a definition spreads, and theirs in turn. */
function spreadFrom(node: OperationDefinitionNode | FragmentDefinitionNode, seen = new Set<string>()): Set<string> {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (seen.has(name)) return;
      seen.add(name);
      const fragment = fragments.get(name);
      if (fragment) spreadFrom(fragment, seen);
    },
  });
  return seen;
}

/** The fragments a literal's interpolations put into its text (and theirs in turn). */
function interpolatedFragments(literal: Literal, problems: string[]): string[] {
  return literal.interpolated.flatMap((name) => {
    const target = /^[A-Za-z_$][\w$]*$/.test(name) ? literalNamed(literal.file, name) : undefined;
    const document = target && parsed.get(target);
    if (!target || !document || operationOf(document).length > 0) {
      problems.push(`${where(literal)}: \${${name}} is not a fragment document`);
      return [];
    }
    return [
      ...fragmentsOf(document).map((fragment) => fragment.name.value),
      ...interpolatedFragments(target, problems),
    ];
  });
}

const typeName = (node: ts.TypeNode | undefined) =>
  node && ts.isTypeReferenceNode(node) ? node.typeName.getText() : node?.getText();

describe("the console's GraphQL documents", () => {
  const operations = literals.filter((literal) => operationOf(parsed.get(literal)!).length > 0);

  it("are found (codegen plucks the same GraphQL-marked templates)", () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(fragments.size).toBeGreaterThan(10);
  });

  it("are one named operation or fragments each, with names used once across the console", () => {
    const problems: string[] = [];
    const names = new Map<string, string>();
    for (const literal of literals) {
      const document = parsed.get(literal)!;
      const ops = operationOf(document);
      if (ops.length > 1 || (ops.length === 1 && fragmentsOf(document).length > 0))
        problems.push(`${where(literal)}: one operation per document, its fragments interpolated`);
      for (const definition of [...ops, ...fragmentsOf(document)]) {
        const name = definition.name?.value;
        if (!name) problems.push(`${where(literal)}: an operation without a name`);
        else if (names.has(name)) problems.push(`${where(literal)}: ${name} is also at ${names.get(name)}`);
        else names.set(name, where(literal));
      }
    }
    expect(problems).toEqual([]);
  });

  it("are valid against the schema, each operation with the fragments it spreads", () => {
    const problems: string[] = [];
    for (const literal of operations) {
      const [operation] = operationOf(parsed.get(literal)!);
      const used = spreadFrom(operation);
      const document: DocumentNode = {
        kind: Kind.DOCUMENT,
        definitions: [operation, ...[...used].flatMap((name) => fragments.get(name) ?? [])],
      };
      for (const error of validate(schema, document)) problems.push(`${where(literal)}: ${error.message}`);
    }
    expect(problems).toEqual([]);
  });

  it("send the fragments they spread, each once", () => {
    const problems: string[] = [];
    for (const literal of operations) {
      const sent = interpolatedFragments(literal, problems);
      const used = [...spreadFrom(operationOf(parsed.get(literal)!)[0])].sort();
      if (JSON.stringify([...new Set(sent)].sort()) !== JSON.stringify(used) || new Set(sent).size !== sent.length)
        problems.push(`${where(literal)}: spreads [${used}] but sends [${sent}]`);
    }
    expect(problems).toEqual([]);
  });

  it("are declared with the result and variables types codegen generates for them", () => {
    const problems: string[] = [];
    for (const literal of operations) {
      const [operation] = operationOf(parsed.get(literal)!);
      const name = operation.name?.value ?? "";
      const suffix = operation.operation === "mutation" ? "Mutation" : "Query";
      const result = `${name[0].toUpperCase()}${name.slice(1)}${suffix}`;
      const expected = `Document<${result}, ${result}Variables>`;
      const type = literal.declaration?.type;
      const actual =
        type && ts.isTypeReferenceNode(type)
          ? `${typeName(type)}<${(type.typeArguments ?? []).map((argument) => argument.getText()).join(", ")}>`
          : "no declared type";
      if (actual !== expected) problems.push(`${where(literal)}: declare it const …: ${expected} (found ${actual})`);
    }
    expect(problems).toEqual([]);
  });

  it("are what every request sends", () => {
    const problems: string[] = [];
    /** A function's parameter that carries a document: every call of that function must pass one. */
    const passedOn = new Map<string, { index: number; at: string }[]>();

    const checkArgument = (file: SourceFile, argument: ts.Expression, at: string): void => {
      if (ts.isConditionalExpression(argument)) {
        checkArgument(file, argument.whenTrue, at);
        checkArgument(file, argument.whenFalse, at);
        return;
      }
      if (!ts.isIdentifier(argument)) {
        problems.push(`${at}: sends ${argument.getText(file.source).slice(0, 60)}, not a declared document`);
        return;
      }
      const target = literalNamed(file.path, argument.text);
      if (target) {
        if (operationOf(parsed.get(target)!).length === 0) problems.push(`${at}: ${argument.text} is a fragment`);
        return;
      }
      // A parameter of an enclosing function: that function's callers must pass a document there.
      const declares = (node: ts.Node) =>
        ts.isFunctionLike(node) && node.parameters.some((parameter) => parameter.name.getText() === argument.text);
      let scope: ts.Node | undefined = argument.parent;
      while (scope && !declares(scope)) scope = scope.parent;
      const index =
        scope && ts.isFunctionLike(scope)
          ? scope.parameters.findIndex((parameter) => parameter.name.getText() === argument.text)
          : -1;
      let named: ts.Node | undefined = scope;
      while (named && !ts.isFunctionDeclaration(named) && !ts.isVariableDeclaration(named)) named = named.parent;
      const name = named && (ts.isFunctionDeclaration(named) || ts.isVariableDeclaration(named)) && named.name;
      if (index < 0 || !name || !ts.isIdentifier(name)) {
        problems.push(`${at}: sends ${argument.text}, which is not a declared document`);
        return;
      }
      passedOn.set(name.text, [...(passedOn.get(name.text) ?? []), { index, at }]);
    };

    const calls: [SourceFile, ts.CallExpression][] = [];
    for (const file of files.values()) {
      const visitNode = (node: ts.Node) => {
        if (ts.isCallExpression(node)) calls.push([file, node]);
        ts.forEachChild(node, visitNode);
      };
      visitNode(file.source);
    }
    const at = (file: SourceFile, node: ts.Node) =>
      `${relative(ROOT, file.path)}:${file.source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    let sends = 0;
    for (const [file, call] of calls) {
      const callee = ts.isIdentifier(call.expression) ? call.expression.text : undefined;
      if (!callee || !(callee in SENDERS) || file.path.startsWith(PLUMBING)) continue;
      sends++;
      const argument = call.arguments[SENDERS[callee]];
      if (argument) checkArgument(file, argument, at(file, call));
      else problems.push(`${at(file, call)}: ${callee} without a document`);
    }
    // Every call of a function that passes a document on must give it a document.
    for (const [name, uses] of passedOn) {
      const callers = calls.filter(([, call]) => ts.isIdentifier(call.expression) && call.expression.text === name);
      if (callers.length === 0) problems.push(`${uses[0].at}: ${name} passes on a document but is never called`);
      for (const [file, call] of callers)
        for (const { index } of uses) {
          const argument = call.arguments[index];
          if (argument) checkArgument(file, argument, at(file, call));
          else problems.push(`${at(file, call)}: ${name} without a document`);
        }
    }
    expect(sends).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });
});

describe("the generated types", () => {
  it("are imported with import type only: nothing runs from generated code (npm start and npm test need none)", () => {
    const problems: string[] = [];
    for (const path of [...sourceFiles(join(ROOT, "graphql")), ...files.keys()]) {
      const { source } = load(path);
      for (const statement of source.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        if (!/(^|\/)generated\//.test(statement.moduleSpecifier.text)) continue;
        const clause = statement.importClause;
        const bindings = clause?.namedBindings;
        const typeOnly =
          clause?.isTypeOnly ||
          (!clause?.name && bindings && ts.isNamedImports(bindings) && bindings.elements.every((e) => e.isTypeOnly));
        if (!typeOnly) problems.push(`${relative(ROOT, path)}: ${statement.getText(source)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the operations the data provider builds for react-admin", () => {
  it("are valid against the schema for every resource and call", async () => {
    const { introspectedSchema } = await import("../../admin/src/dataProvider/introspection.js");
    const { buildQueryFactory } = await import("../../admin/src/dataProvider/buildQuery.js");
    const { CursorBook } = await import("../../admin/src/dataProvider/cursors.js");
    const { RESOURCES } = await import("../../admin/src/dataProvider/resources.js");
    const buildQuery = buildQueryFactory(new CursorBook())(introspectedSchema);
    const page = { pagination: { page: 1, perPage: 25 }, filter: {} };
    const calls: [string, Record<string, unknown>][] = [
      ["GET_LIST", page],
      ["GET_LIST", { ...page, filter: { q: "13800138000", storeId: "s1" } }],
      ["GET_LIST", { ...page, filter: { q: "ABCDEF" } }],
      ["GET_MANY_REFERENCE", { ...page, target: "storeId", id: "s1" }],
      ["GET_ONE", { id: "x" }],
      ["GET_MANY", { ids: ["a", "b"] }],
      ["CREATE", { data: { name: "n" } }],
      ["UPDATE", { id: "x", data: { name: "n", version: 2 }, previousData: { name: "o", version: 2 } }],
    ];
    const problems: string[] = [];
    let built = 0;
    for (const resource of Object.keys(RESOURCES))
      for (const [call, params] of calls) {
        let query: string;
        try {
          ({ query } = buildQuery(call, resource, params));
        } catch (error) {
          // A call the resource does not offer (no create for the merchant, no search for stores…).
          if (/cannot/.test((error as Error).message)) continue;
          throw error;
        }
        built++;
        for (const error of validate(schema, parse(query))) problems.push(`${resource} ${call}: ${error.message}`);
      }
    expect(built).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });
});
