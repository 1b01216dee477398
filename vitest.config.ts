import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql for everyone: Node (and esbuild for Lambda) load graphql's CommonJS
    // entry for Apollo and graphql-tools, so tests must not pick its .mjs twin.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    // Test files share their worker's modules (Apollo, the AWS SDK, the schema, warm
    // from the file before) instead of loading them again for every file. A test that
    // changes the process (environment, mocked clients) puts it back in afterAll.
    isolate: false,
    // Two files at a time: most tests wait on DynamoDB Local or Chromium, so two keep a
    // 2-core machine busy (vitest's default there is one); more only add contention.
    maxWorkers: 2,
    // One generous limit for every test and hook: a loaded 2-core machine can be several
    // times slower than a quiet one. Waits inside a test are on conditions, not on timers.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", AWS_REGION: "ap-east-1" },
  },
});
