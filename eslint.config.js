// Lint for the whole repository: ESLint's and typescript-eslint's recommended rules.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".local/", "admin/dist/", "cdk.out/", "bench-results/", "test-results/"] },
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
      // 27 places (resolver arguments, react-admin form values, CDK templates in tests) wait for the
      // generated GraphQL types of issue 15; the rule comes on with them.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // Only functions/data (and the adapters) know DynamoDB and the AWS SDK; services describe what they need.
    files: ["functions/app/**/*.ts", "functions/core/**/*.ts", "graphql/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["@aws-sdk/*"], message: "Only functions/data and functions/adapters use the AWS SDK." }],
        },
      ],
    },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { globals: { performance: "readonly", process: "readonly", console: "readonly" } },
  },
);
