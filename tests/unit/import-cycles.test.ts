/**
 * The code is a directed graph: no module imports itself back through others.
 * Every relative import (type-only ones too: they tie modules just as much)
 * of the API, the console, the infrastructure and the scripts is followed;
 * a cycle fails with its path so it can be cut where it makes sense.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const FOLDERS = ["functions", "graphql", "admin/src", "infra", "scripts"];
const SKIP = /(^|\/)(node_modules|generated|dist)(\/|$)/;
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']/g;
const DYNAMIC = /import\(\s*["'](\.[^"']+)["']\s*\)/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (SKIP.test(relative(ROOT, path))) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The file a relative specifier names: `.js` written for `.ts`, a folder for its index. */
function resolveImport(from: string, specifier: string, known: Set<string>): string | undefined {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(js|jsx|mjs)$/, "");
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, join(base, "index.ts"), join(base, "index.tsx")];
  return candidates.find((candidate) => known.has(candidate));
}

function importGraph(): Map<string, string[]> {
  const files = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const text = readFileSync(file, "utf8");
      const specifiers = [...text.matchAll(IMPORT), ...text.matchAll(DYNAMIC)].map((match) => match[1]);
      const targets = specifiers.flatMap((specifier) => resolveImport(file, specifier, known) ?? []);
      return [file, [...new Set(targets)]];
    }),
  );
}

/** Every cycle found by a depth-first walk, each as the path of files that closes it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe("module structure", () => {
  it("reads the imports it checks (the walk is not vacuous)", () => {
    const graph = importGraph();
    const edges = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
    expect(graph.size).toBeGreaterThan(300);
    expect(edges).toBeGreaterThan(1000);
    const purchases = graph.get(join(ROOT, "functions/app/loyalty/purchases.ts"));
    expect(purchases).toContain(join(ROOT, "functions/data/transaction.ts"));
  });

  it("finds a cycle when there is one", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(cycles(graph)).toEqual([["a", "b", "c", "a"]]);
  });

  it("has no import cycle in the API, the console, the infrastructure or the scripts", () => {
    const found = cycles(importGraph()).map((cycle) => cycle.map((file) => relative(ROOT, file)).join(" → "));
    expect(found).toEqual([]);
  });
});
