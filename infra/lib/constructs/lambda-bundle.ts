/**
 * How the house Lambda construct bundles a handler, in one place: the construct
 * (lambda-function.ts) passes these to NodejsFunction, and the bundle test, the
 * differential test and the bench build with the very same options through
 * lambdaEsbuild(), so what they measure is what Lambda runs.
 */
import type { BuildOptions } from "esbuild";
import { parse, print, visit } from "graphql";
import { typeDefs } from "../../../graphql/typeDefs.js";
import { repoRoot } from "../paths.js";

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

/**
 * Packages replaced in the bundle by what Lambda needs of them (esbuild `alias`, paths
 * from the repository root). Each replacement says why in its own file.
 */
export const BUNDLE_ALIASES: Record<string, string> = {
  // Node's crypto instead of a pure-JS SHA-256 (functions/bundle/createHash.ts).
  "@apollo/utils.createhash": "./functions/bundle/createHash.ts",
  // Lambda's credentials are in its environment (functions/bundle/credentials.ts).
  "@aws-sdk/credential-provider-node": "./functions/bundle/credentials.ts",
  // Apollo's typeDefs option, unused: the API passes a built schema (functions/bundle/makeExecutableSchema.ts).
  "@graphql-tools/schema": "./functions/bundle/makeExecutableSchema.ts",
  // No operation the API sends streams events (functions/bundle/eventStreams.ts).
  "@smithy/core/event-streams": "./functions/bundle/eventStreams.ts",
  // What Apollo uses of it, ~1 kB instead of two builds of ~19 kB each (functions/bundle/lruCache.ts).
  "lru-cache": "./functions/bundle/lruCache.ts",
};

/**
 * The whole SDL without descriptions: introspection is off in Lambda (NODE_ENV=production), so
 * nobody reads them there, and they are two thirds of the SDL's bytes. graphql/schema.ts uses it
 * when the bundle defines it, and the SDL modules are then left out.
 */
export function leanSdl(): string {
  const strip = (sdl: string) =>
    print(
      visit(parse(sdl), {
        enter: (node) => ("description" in node && node.description ? { ...node, description: undefined } : undefined),
      }),
    );
  return typeDefs.map(strip).join("\n");
}

/** Values the bundle is built with (esbuild `define`): the lean SDL, as graphql/schema.ts reads it. */
export const bundleDefines = (): Record<string, string> => ({ REGULARS_LEAN_SDL: JSON.stringify(leanSdl()) });

/** The construct's bundling as esbuild options (entry and output left to the caller). */
export const lambdaEsbuild = () =>
  ({
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
    alias: BUNDLE_ALIASES,
    define: bundleDefines(),
    absWorkingDir: repoRoot,
    logLevel: "silent",
    metafile: true,
  }) satisfies BuildOptions;
