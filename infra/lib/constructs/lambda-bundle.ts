/**
 * How the house Lambda construct bundles a handler, in one place: the construct
 * (lambda-function.ts) passes these to NodejsFunction, and the bundle test, the
 * differential test and the bench build with the very same options through
 * LAMBDA_ESBUILD, so what they measure is what Lambda runs.
 */
import type { BuildOptions } from "esbuild";

/** ESM bundles need `require` for the CommonJS dependencies esbuild leaves dynamic. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * Apollo Server plugins it loads with a dynamic import() only for Apollo's
 * hosted services (usage and schema reporting, federated inline traces). The
 * GraphQL server installs their "disabled" twins, so they are never imported:
 * left out of the bundle they save ~315 kB (the protobuf runtime with them)
 * and ~30% of the module load. esbuild matches these after path resolution.
 */
export const UNUSED_APOLLO_PLUGINS = [
  "*/plugin/usageReporting/index.js",
  "*/plugin/schemaReporting/index.js",
  "*/plugin/inlineTrace/index.js",
];

/** Modules left out of the bundle (never imported at run time). */
export const BUNDLE_EXTERNALS = [...UNUSED_APOLLO_PLUGINS];

/** The construct's bundling as esbuild options (entry and output left to the caller). */
export const LAMBDA_ESBUILD = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  mainFields: ["module", "main"],
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  charset: "utf8",
  banner: { js: ESM_REQUIRE_BANNER },
  external: BUNDLE_EXTERNALS,
  logLevel: "silent",
  metafile: true,
} satisfies BuildOptions;
