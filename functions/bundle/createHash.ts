/**
 * Stands in for @apollo/utils.createhash in the Lambda bundle (an esbuild alias,
 * infra lambda-bundle.ts). That package looks for Node's crypto through
 * `module.require`, which an ESM bundle does not have, so bundled it falls back to
 * a pure-JS SHA-256 (sha.js and its helpers, ~35 kB); Apollo hashes every
 * operation (APQ, document cache) with it. This is Node's own.
 */
export { createHash } from "node:crypto";
