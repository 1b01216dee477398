/**
 * Every label of the console is translated: zh-CN and English hold the same
 * keys, and every translation key the console's source names literally exists
 * in both. The source is scanned with the TypeScript parser: string literals
 * that look like keys (`resources.…`, `app.…`, `ra.…`), template literals whose
 * parts are constants of the same file (`${I}.title`), calls of a file's own
 * prefix helpers (`const t = (name) => translate(`${W}.${name}`)` … `t("none")`),
 * and react-admin's implicit labels: `source="x"` on an input, a column or a
 * `Labeled` inside a resource's folder reads `resources.<resource>.fields.x`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { en } from "../../admin/src/i18n/en";
import { zhCN } from "../../admin/src/i18n/zh-CN";

const ADMIN_SRC = resolve(import.meta.dirname, "../../admin/src");
const KEY = /^(resources|app|ra)\.[A-Za-z0-9_.-]+$/;

type Messages = Record<string, unknown>;

/** Leaf keys (dotted) and branch keys of a messages object. */
function keysOf(messages: Messages): { leaves: Set<string>; branches: Set<string> } {
  const leaves = new Set<string>();
  const branches = new Set<string>();
  const walk = (node: Messages, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${name}` : name;
      if (value && typeof value === "object") {
        branches.add(key);
        walk(value as Messages, key);
      } else leaves.add(key);
    }
  };
  walk(messages, "");
  return { leaves, branches };
}

const zh = keysOf(zhCN as Messages);
const english = keysOf(en as Messages);

/**
 * Folders of resources (and pages with a resource context) whose forms and lists take their labels from
 * `resources.<name>.fields.*`.
 */
const RESOURCE_FOLDERS: Record<string, string> = {
  members: "members",
  stores: "stores",
  staff: "staff",
  apiKeys: "apiKeys",
  rewards: "rewards",
  couponTemplates: "couponTemplates",
  topUpPlans: "topUpPlans",
  segments: "segments",
  campaigns: "campaigns",
  // Custom pages that give their forms a resource context (ResourceContextProvider).
  loyalty: "loyalty",
  automations: "automations",
};
/** Members' loyalty and wallet panels label everything themselves. */
const OWN_LABELS = [join("members", "loyalty"), join("members", "wallet")];
/** Elements that show a label derived from `source` when given none. */
const LABELLED = /^(DataTable\.Col|Labeled|[A-Z][A-Za-z]*Input)$/;
/** Inputs that never show a label of their own. */
const UNLABELLED = new Set(["SearchInput", "ReferenceInput", "ReferenceArrayInput", "HiddenInput"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "i18n" ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

interface Use {
  key: string;
  where: string;
}

/** The translation keys one source file names literally. */
export function keysUsed(path: string, text = readFileSync(path, "utf8")): Use[] {
  const file = ts.createSourceFile(
    path,
    text,
    ts.ScriptTarget.Latest,
    true,
    path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const rel = relative(ADMIN_SRC, path);
  const uses: Use[] = [];
  const where = (node: ts.Node) => `${rel}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;

  /**
   * The `const name = …` initializer that is in scope at a node: the nearest enclosing block or the file that declares
   * it.
   */
  const declaration = (name: string, at: ts.Node): ts.Expression | undefined => {
    for (let scope: ts.Node | undefined = at; scope; scope = scope.parent) {
      if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
      for (const statement of scope.statements) {
        if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
        const found = statement.declarationList.declarations.find(
          (item) => ts.isIdentifier(item.name) && item.name.text === name,
        );
        if (found?.initializer) return found.initializer;
      }
    }
    return undefined;
  };

  const resolveText = (node: ts.Node | undefined, depth = 0): string | undefined => {
    if (!node || depth > 8) return undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isIdentifier(node)) {
      const init = declaration(node.text, node);
      return init && !ts.isArrowFunction(init) ? resolveText(init, depth + 1) : undefined;
    }
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return resolveText(node.expression, depth + 1);
    if (ts.isTemplateExpression(node)) {
      let out = node.head.text;
      for (const span of node.templateSpans) {
        const part = resolveText(span.expression, depth + 1);
        if (part === undefined) return undefined;
        out += part + span.literal.text;
      }
      return out;
    }
    return undefined;
  };

  /** The literal values an argument may take: one literal, or both arms of `cond ? "a" : "b"`. */
  const literals = (node: ts.Node | undefined): string[] => {
    if (node && ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)];
    const value = resolveText(node);
    return value === undefined ? [] : [value];
  };

  /** A helper `(name) => `${P}.${name}`` or `(name, …) => translate(`${P}.${name}`, …)` in scope: its prefix. */
  const helperPrefix = (name: string, at: ts.Node): string | undefined => {
    const fn = declaration(name, at);
    if (!fn || !ts.isArrowFunction(fn)) return undefined;
    const param = fn.parameters[0]?.name;
    if (!param || !ts.isIdentifier(param) || !ts.isExpression(fn.body)) return undefined;
    let body: ts.Expression | undefined = fn.body;
    if (ts.isCallExpression(body) && ts.isIdentifier(body.expression) && body.expression.text === "translate")
      body = body.arguments[0];
    if (!body || !ts.isTemplateExpression(body)) return undefined;
    const spans = body.templateSpans;
    const last = spans[spans.length - 1];
    if (!ts.isIdentifier(last.expression) || last.expression.text !== param.text || last.literal.text !== "")
      return undefined;
    let prefix = body.head.text;
    for (const span of spans.slice(0, -1)) {
      const part = resolveText(span.expression);
      if (part === undefined) return undefined;
      prefix += part + span.literal.text;
    }
    return KEY.test(`${prefix}x`) ? prefix : undefined;
  };

  const add = (key: string, node: ts.Node) => uses.push({ key: key.replace(/\.$/, ""), where: where(node) });
  const folder = rel.split(sep)[0];
  const resource = OWN_LABELS.some((dir) => rel.startsWith(dir + sep)) ? undefined : RESOURCE_FOLDERS[folder];

  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const value = resolveText(node);
      if (value !== undefined && KEY.test(value) && !ts.isImportDeclaration(node.parent)) add(value, node);
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text !== "translate") {
      const prefix = helperPrefix(node.expression.text, node);
      if (prefix)
        for (const name of literals(node.arguments[0])) if (/^[A-Za-z0-9_.]+$/.test(name)) add(prefix + name, node);
    }
    if (resource && (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node))) {
      const tag = node.tagName.getText(file);
      const attributes = new Map(
        node.attributes.properties
          .filter(ts.isJsxAttribute)
          .map((attribute) => [attribute.name.getText(file), attribute.initializer] as const),
      );
      const source = attributes.get("source");
      const explicitResource = attributes.get("resource");
      const target = explicitResource && ts.isStringLiteral(explicitResource) ? explicitResource.text : resource;
      if (
        LABELLED.test(tag) &&
        !UNLABELLED.has(tag) &&
        source &&
        ts.isStringLiteral(source) &&
        !attributes.has("label")
      ) {
        add(`resources.${target}.fields.${source.text}`, node);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return uses;
}

const known = (keys: { leaves: Set<string>; branches: Set<string> }, key: string) =>
  keys.leaves.has(key) || keys.branches.has(key);

describe("console translations", () => {
  test("zh-CN and English have exactly the same keys", () => {
    const onlyZh = [...zh.leaves].filter((key) => !english.leaves.has(key)).sort();
    const onlyEn = [...english.leaves].filter((key) => !zh.leaves.has(key)).sort();
    expect(
      { onlyZh, onlyEn },
      `keys only in zh-CN: ${onlyZh.join(", ") || "none"}; keys only in en: ${onlyEn.join(", ") || "none"}`,
    ).toEqual({ onlyZh: [], onlyEn: [] });
    expect(zh.leaves.size).toBeGreaterThan(1000);
  });

  test("every key the console names exists in both locales", () => {
    const files = sourceFiles(ADMIN_SRC);
    const uses = files.flatMap((path) => keysUsed(path));
    const missing = uses.filter((use) => !known(zh, use.key) || !known(english, use.key));
    const report = missing.map(
      (use) =>
        `${use.key} (${use.where}; ` +
        `${known(zh, use.key) ? "" : "zh-CN"}` +
        `${!known(zh, use.key) && !known(english, use.key) ? ", " : ""}${known(english, use.key) ? "" : "en"})`,
    );
    const distinct = new Set(uses.map((use) => use.key));
    console.info(
      `i18n: ${files.length} files, ${uses.length} key uses, ${distinct.size} distinct ` +
        `keys checked; zh-CN ${zh.leaves.size} keys, en ${english.leaves.size} keys`,
    );
    expect(report, `missing translation keys:\n${report.join("\n")}`).toEqual([]);
    expect(distinct.size).toBeGreaterThan(300);
  });

  test("the scanner finds literal keys, constant prefixes, helpers and implicit field labels", () => {
    const text = `
      const I = "resources.couponTemplates.issue";
      const t = (name: string) => translate(\`\${I}.\${name}\`);
      export function X({ name }: { name: string }) {
        translate("app.menu.settings");
        translate(\`\${I}.title\`);
        translate(\`\${I}.\${name}\`);
        t("close");
        return <><TextInput source="phone" /><TextInput source="name" label="x" /><Labeled source="tags" resource="segments" /></>;
      }`;
    const keys = keysUsed(join(ADMIN_SRC, "members", "Example.tsx"), text).map((use) => use.key);
    expect(keys).toEqual([
      "resources.couponTemplates.issue",
      "app.menu.settings",
      "resources.couponTemplates.issue.title",
      "resources.couponTemplates.issue.close",
      "resources.members.fields.phone",
      "resources.segments.fields.tags",
    ]);
  });
});
