/**
 * GraphQL Code Generator (`npm run codegen`): types only, generated from the SDL in graphql/typeDefs.ts.
 * - graphql/generated/types.ts: the resolvers' types (`Resolvers`), parents mapped to the core's records;
 * - admin/src/generated/graphql.ts: each console operation's result and variables (`XQuery`, `XQueryVariables`);
 * - client/src/generated.ts: the same for the storefront client's operations (client/src/operations.ts).
 * All are gitignored and imported with `import type` only, so nothing runs from them.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";
import { typeDefs } from "./graphql/typeDefs.js";

/** A parent the resolvers receive as functions/ holds it (a core record, a service's view), not as its GraphQL type. */
const model = (file: string, name: string) => `../../functions/${file}.js#${name}`;

const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  schema: typeDefs.join("\n"),
  generates: {
    "graphql/generated/types.ts": {
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        // IDs are strings; enums are string unions (no runtime enum objects).
        scalars: { ID: "string" },
        enumsAsTypes: true,
        useTypeImports: true,
        contextType: "../context.js#Context",
        // A resolver may return undefined where the SDL allows null (the core's optional fields): GraphQL sends null.
        maybeValue: "T | null | undefined",
        // Imported as <Name>Model so they do not clash with the GraphQL types of the same name.
        mapperTypeSuffix: "Model",
        mappers: {
          AuditEntry: model("core/model", "AuditEntry"),
          AutomationSettings: model("core/automation", "AutomationConfig"),
          Campaign: model("core/campaigns", "Campaign"),
          Coupon: model("core/coupons/templates", "Coupon"),
          CouponTemplate: model("core/coupons/templates", "CouponTemplate"),
          // The dashboard's campaigns and previous period are read only when asked for (Dashboard.campaigns, .previous).
          Dashboard: "Omit<Dashboard, 'campaigns' | 'previous'>",
          DomainEvent: model("core/model", "DomainEvent"),
          IssueCouponResult: model("app/coupons", "IssueResult"),
          LedgerEntry: model("core/points/account", "LedgerEntry"),
          LoyaltyConfig: model("data/loyalty", "LoyaltyConfig"),
          Member: model("core/model", "Member"),
          MemberAccount: model("app/loyalty/account", "AccountView"),
          Order: model("core/points/account", "Order"),
          OrderLine: model("core/points/account", "OrderLine"),
          PointsRules: model("core/points/rules", "PointsRules"),
          Referral: model("core/referral", "Referral"),
          SegmentationSettings: model("app/segments", "SegmentationSettings"),
          StoredValueEntry: model("data/storedValue", "SvEntry"),
          WebhookDelivery: model("data/webhooks", "WebhookDelivery"),
          WebhookEndpoint: model("data/webhooks", "WebhookEndpoint"),
          WorklistCoupon: model("core/worklist", "CouponEntry"),
          WorklistNewMember: model("core/worklist", "NewMemberEntry"),
        },
      },
    },
    "admin/src/generated/graphql.ts": {
      documents: ["admin/src/**/*.{ts,tsx}", "!admin/src/generated/**"],
      // typescript-operations writes the enums and inputs the operations use itself.
      plugins: ["typescript-operations"],
      config: {
        // IDs are strings; enums are string unions (no runtime enum objects).
        scalars: { ID: "string" },
        enumType: "string-literal",
        // A field the operation selects is always in the answer (null when empty); a variable may be left out.
        avoidOptionals: { field: true, inputValue: false, object: true },
      },
    },
    "client/src/generated.ts": {
      documents: ["client/src/operations.ts"],
      plugins: ["typescript-operations"],
      // The same shapes as the console's: string IDs, string-union enums, selected fields always present.
      config: {
        scalars: { ID: "string" },
        enumType: "string-literal",
        avoidOptionals: { field: true, inputValue: false, object: true },
      },
    },
  },
};

export default config;
