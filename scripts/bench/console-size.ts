/**
 * The console's first load: the JavaScript a browser fetches before the
 * console can draw anything — the entry chunk and everything index.html loads
 * eagerly (its module script and modulepreload links, and the entry's static
 * imports by Vite's manifest) — gzipped, against the 400 KB target (KB = 1024
 * bytes). Chunks loaded later (React.lazy pages) are counted apart.
 *
 *   npx tsx scripts/bench/console-size.ts [--dir <built console>]   # builds the console when no dir is given
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { ROOT } from "../local/dynamodb.js";

/** 400 KB (KiB) gzipped: what a clerk's phone fetches before the sign-in form (issue 17). */
export const FIRST_LOAD_TARGET_BYTES = 400 * 1024;

export interface ConsoleSize {
  /** The entry chunk, as index.html names it. */
  entry: string;
  /** JavaScript loaded before the first render, each file raw and gzipped (bytes). */
  firstLoad: { file: string; bytes: number; gzipBytes: number }[];
  firstLoadBytes: number;
  firstLoadGzipBytes: number;
  /** Everything else the build holds (lazy chunks), gzipped. */
  lazyGzipBytes: number;
  lazyChunks: number;
  targetGzipBytes: number;
  withinTarget: boolean;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const gzipped = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

/** Build the console for production (with a manifest) into a fresh folder. */
export async function buildConsole(outDir: string): Promise<void> {
  const { build } = await import("vite");
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      configFile: join(ROOT, "admin", "vite.config.ts"),
      mode: "production",
      logLevel: "warn",
      build: { outDir, emptyOutDir: true, manifest: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/** Measure a built console (a folder with index.html, and .vite/manifest.json when built with a manifest). */
export function measureConsole(dir: string): ConsoleSize {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  const eager = new Set<string>();
  let entry = "";
  for (const tag of tags) {
    if (tag.startsWith("<script") && /type="module"/.test(tag) && attr(tag, "src")) {
      entry ||= attr(tag, "src")!.replace(/^\//, "");
      eager.add(attr(tag, "src")!.replace(/^\//, ""));
    }
    if (tag.startsWith("<link") && /rel="modulepreload"/.test(tag) && attr(tag, "href"))
      eager.add(attr(tag, "href")!.replace(/^\//, ""));
  }
  if (!entry) throw new Error(`No module script in ${join(dir, "index.html")}`);

  // The entry's static imports, by the manifest, in case index.html preloads fewer.
  const manifestPath = join(dir, ".vite", "manifest.json");
  const allJs = new Set<string>();
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, ManifestChunk>;
    for (const chunk of Object.values(manifest)) if (chunk.file.endsWith(".js")) allJs.add(chunk.file);
    const visited = new Set<string>();
    const visit = (key: string) => {
      if (visited.has(key) || !manifest[key]) return;
      visited.add(key);
      eager.add(manifest[key].file);
      for (const next of manifest[key].imports ?? []) visit(next);
    };
    for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  }

  const firstLoad = [...eager].sort().map((file) => {
    const bytes = readFileSync(join(dir, file));
    return { file, bytes: bytes.length, gzipBytes: gzipped(bytes) };
  });
  const lazy = [...allJs].filter((file) => !eager.has(file));
  const firstLoadGzipBytes = firstLoad.reduce((sum, file) => sum + file.gzipBytes, 0);
  return {
    entry,
    firstLoad,
    firstLoadBytes: firstLoad.reduce((sum, file) => sum + file.bytes, 0),
    firstLoadGzipBytes,
    lazyGzipBytes: lazy.reduce((sum, file) => sum + gzipped(readFileSync(join(dir, file))), 0),
    lazyChunks: lazy.length,
    targetGzipBytes: FIRST_LOAD_TARGET_BYTES,
    withinTarget: firstLoadGzipBytes <= FIRST_LOAD_TARGET_BYTES,
  };
}

/** Build the console into a temporary folder and measure it. */
export async function consoleSize(log: (line: string) => void = () => {}): Promise<ConsoleSize> {
  const dir = mkdtempSync(join(tmpdir(), "regulars-console-size-"));
  try {
    log("Building the console…");
    await buildConsole(dir);
    return measureConsole(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The bench's table rows for the console. */
export function consoleSizeMarkdown(size: ConsoleSize): string[] {
  return [
    "| console first load (JS) | files | raw | gzipped | target (gzipped) | within |",
    "|---|---|---|---|---|---|",
    `| ${size.entry} and what index.html loads eagerly | ${size.firstLoad.length} | ` +
      `${kb(size.firstLoadBytes)} | ${kb(size.firstLoadGzipBytes)} | ≤ ` +
      `${kb(size.targetGzipBytes)} | ${size.withinTarget ? "yes" : "**no**"} |`,
    `| later (lazy chunks, not in the first load) | ${size.lazyChunks} | | ${kb(size.lazyGzipBytes)} | | |`,
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { dir: { type: "string" } } });
  const size = values.dir ? measureConsole(resolve(values.dir)) : await consoleSize(console.log);
  console.log(consoleSizeMarkdown(size).join("\n"));
  console.log(JSON.stringify(size, null, 2));
  if (!size.withinTarget) process.exitCode = 1;
}
