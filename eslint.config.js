// Lint for the whole repository: ESLint's and typescript-eslint's recommended rules.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** The code held to a screen per function and 120 columns per line: the API, the console, scripts and stacks. */
const READABLE = [
  "functions/**/*.ts",
  "graphql/**/*.ts",
  "admin/src/**/*.{ts,tsx}",
  "scripts/**/*.{ts,mjs}",
  "infra/**/*.ts",
  "client/src/**/*.ts",
  "examples/**/*.{ts,js}",
];
/** Written by npm run codegen. */
const GENERATED = ["graphql/generated/**", "admin/src/generated/**", "client/src/generated.ts"];

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".local/",
      "admin/dist/",
      "cdk.out/",
      "bench-results/",
      "test-results/",
      // Written by npm run codegen (codegen.ts), never by hand.
      "graphql/generated/",
      "admin/src/generated/",
      "client/src/generated.ts",
      // The client package's build (cd client && npm run build).
      "client/dist/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a value left out on purpose (a destructured field dropped, an unused argument).
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // Resolvers and console operations are typed by codegen (codegen.ts); form values are react-hook-form's FieldValues.
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // Tests read CDK templates and raw GraphQL answers as they come.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Only functions/data (and the adapters) know DynamoDB and the AWS SDK; services describe what they need.
    files: ["functions/app/**/*.ts", "functions/core/**/*.ts", "graphql/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@aws-sdk/*"], message: "Only functions/data and functions/adapters use the AWS SDK." },
            { group: ["**/data/keys.js"], message: "Keys are built in functions/data; ask a repository function." },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        ...["TableName", "KeyConditionExpression", "ConditionExpression", "UpdateExpression"].map((name) => ({
          selector: `Property[key.name='${name}']`,
          message: "DynamoDB requests and transaction items are built in functions/data.",
        })),
      ],
    },
  },
  {
    // Pagination loops live in one place: data/query.ts (queryPage, partitionPages, queryAll, queryUpTo).
    files: ["functions/data/**/*.ts"],
    ignores: ["functions/data/query.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Property[key.name='ExclusiveStartKey']",
          message: "Page through a Query with the helpers of functions/data/query.ts.",
        },
      ],
    },
  },
  {
    // The pure core depends on nothing but itself.
    files: ["functions/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["**/data/*", "**/app/*", "**/adapters/*", "@aws-sdk/*"], message: "The core is pure." }],
        },
      ],
    },
  },
  {
    // Services, resolvers, console screens, scripts and stacks stay readable: no function longer than a screen.
    files: READABLE,
    ignores: GENERATED,
    rules: {
      "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    // Prettier wraps code at 120; comments, strings and SDL descriptions are wrapped by hand.
    files: READABLE,
    ignores: GENERATED,
    rules: { "max-len": ["error", { code: 120, ignoreUrls: true }] },
  },
  {
    // The client package runs in browsers too: only what Node >= 20 and browsers share (fetch, Web Crypto).
    files: ["client/src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["node:*"], message: "The client runs in browsers: use fetch and Web Crypto." }] },
      ],
    },
  },
  {
    // The example till's page script: plain JavaScript run by the browser as it is.
    files: ["examples/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: Object.fromEntries(
        ["window", "document", "fetch", "EventSource", "crypto", "console", "setTimeout", "clearTimeout", "Intl"].map(
          (name) => [name, "readonly"],
        ),
      ),
    },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { globals: { performance: "readonly", process: "readonly", console: "readonly" } },
  },
);
