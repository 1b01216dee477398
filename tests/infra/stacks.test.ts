/**
 * The CDK app, synthesized offline (no bundling, no AWS calls): what each stack
 * would create, checked against the shared table definition and the API's needs.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Stack, type CfnElement } from "aws-cdk-lib";
import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import type { IConstruct } from "constructs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTableInput, table } from "../../functions/data/table.js";
import { CLAIMS } from "../../functions/adapters/identity/port.js";
import { COGNITO_ADMIN_ACTIONS } from "../../infra/lib/constructs/graphql-api.js";
import { TABLE_ITEM_ACTIONS } from "../../infra/lib/constructs/lambda-function.js";
import { createStacks, regionFromEnv, type RegularsStacks } from "../../infra/lib/regulars.js";

const REGION = "ap-east-1";

/** A fresh app that skips esbuild (NodejsFunction then stages no bundle), assembled under outdir. */
function synthesize(consoleDist: string, outdir: string): { app: App; stacks: RegularsStacks } {
  const app = new App({ outdir, context: { "aws:cdk:bundling-stacks": [] } });
  const stacks = createStacks(app, { env: { account: "123456789012", region: REGION }, consoleDist });
  return { app, stacks };
}

function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

/** The Fn::ImportValue a consumer uses for a producer's Ref or GetAtt (a vitest matcher). */
function importOf(construct: IConstruct, attribute?: string) {
  const kind = attribute ? `FnGetAtt${logicalId(construct)}${attribute}` : `Ref${logicalId(construct)}`;
  return {
    "Fn::ImportValue": expect.stringMatching(
      new RegExp(`^${Stack.of(construct).stackName}:ExportsOutput${kind}[0-9A-F]{8}$`),
    ),
  };
}

/** The one resource of a type, with its logical id. */
function onlyOf(template: Template, type: string): [string, Json] {
  const entries = Object.entries(template.findResources(type));
  expect(entries).toHaveLength(1);
  return entries[0];
}

type Json = Record<string, any>;

let workDir: string;
let app: App;
let stacks: RegularsStacks;
let data: Template, auth: Template, hosting: Template, api: Template, consoleRelease: Template;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "regulars-infra-"));
  const dist = join(workDir, "dist");
  mkdirSync(dist);
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Regulars</title>");
  ({ app, stacks } = synthesize(dist, join(workDir, "cdk.out")));
  data = Template.fromStack(stacks.data);
  auth = Template.fromStack(stacks.auth);
  hosting = Template.fromStack(stacks.consoleHosting);
  api = Template.fromStack(stacks.api);
  consoleRelease = Template.fromStack(stacks.console);
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("the app", () => {
  it("names every stack with the Regulars prefix, in the deployment's region", () => {
    const names = Object.values(stacks).map((stack) => stack.stackName);
    expect(names).toEqual([
      "RegularsData",
      "RegularsAuth",
      "RegularsMonitoring",
      "RegularsConsoleHosting",
      "RegularsApi",
      "RegularsConsole",
      "RegularsJobs",
    ]);
    for (const stack of Object.values(stacks)) expect(stack.region).toBe(REGION);
  });

  it("takes the region from the CLI, then AWS_REGION, then defaults to Hong Kong", () => {
    expect(regionFromEnv({ CDK_DEFAULT_REGION: "eu-west-1", AWS_REGION: "us-east-1" })).toBe("eu-west-1");
    expect(regionFromEnv({ AWS_REGION: "us-east-1" })).toBe("us-east-1");
    expect(regionFromEnv({})).toBe("ap-east-1");
  });

  it("outputs the GraphQL URL, console URL, user pool, client and table", () => {
    api.hasOutput("GraphqlUrl", { Value: Match.objectLike({ "Fn::Join": ["", Match.arrayWith(["/graphql"])] }) });
    hosting.hasOutput("ConsoleUrl", {
      Value: {
        "Fn::Join": ["", ["https://", { "Fn::GetAtt": [logicalId(stacks.consoleHosting.distribution), "DomainName"] }]],
      },
    });
    auth.hasOutput("UserPoolId", { Value: { Ref: logicalId(stacks.auth.userPool) } });
    auth.hasOutput("ClientId", { Value: { Ref: logicalId(stacks.auth.consoleClient) } });
    data.hasOutput("TableName", { Value: { Ref: logicalId(stacks.data.table) } });
  });
});

describe("data stack", () => {
  const tableResource = () => onlyOf(data, "AWS::DynamoDB::GlobalTable")[1];

  it("keys the table by the shared definition's partition and sort key", () => {
    expect(tableResource().Properties.KeySchema).toEqual([
      { AttributeName: table.partitionKey, KeyType: "HASH" },
      { AttributeName: table.sortKey, KeyType: "RANGE" },
    ]);
  });

  it("has exactly the indexes of the shared definition, each projecting everything", () => {
    const indexes: Json[] = tableResource().Properties.GlobalSecondaryIndexes;
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(
      Object.values(table.indexes)
        .map((index) => index.name)
        .sort(),
    );
    for (const index of Object.values(table.indexes)) {
      expect(indexes.find((candidate) => candidate.IndexName === index.name)).toEqual({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: "HASH" },
          { AttributeName: index.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      });
    }
  });

  it("declares the same attributes, keys and indexes as the local table (createTableInput)", () => {
    const local = createTableInput("regulars");
    const cloud = tableResource().Properties;
    const byName = (a: { AttributeName: string }, b: { AttributeName: string }) =>
      a.AttributeName.localeCompare(b.AttributeName);
    expect([...cloud.AttributeDefinitions].sort(byName)).toEqual([...local.AttributeDefinitions].sort(byName));
    expect(cloud.KeySchema).toEqual(local.KeySchema);
    expect(cloud.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(cloud.BillingMode).toBe(local.BillingMode);
  });

  it("bills per request, keeps point-in-time recovery and deletion protection, and streams both images", () => {
    const resource = tableResource();
    expect(resource.Properties.BillingMode).toBe("PAY_PER_REQUEST");
    expect(resource.Properties.StreamSpecification).toEqual({ StreamViewType: "NEW_AND_OLD_IMAGES" });
    // Request-rate windows expire by TTL, on the attribute the data layer names.
    expect(resource.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: table.timeToLiveAttribute,
      Enabled: true,
    });
    expect(resource.Properties.Replicas).toHaveLength(1);
    expect(resource.Properties.Replicas[0]).toMatchObject({
      Region: REGION,
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it("retains the table when the stack is deleted or the table replaced", () => {
    expect(tableResource()).toMatchObject({ DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
  });
});

describe("auth stack", () => {
  it("has exactly the owner, manager, clerk and operator groups", () => {
    const groups = Object.values(auth.findResources("AWS::Cognito::UserPoolGroup")) as Json[];
    expect(groups.map((group) => group.Properties.GroupName).sort()).toEqual(["clerk", "manager", "operator", "owner"]);
    for (const group of groups) expect(group.Properties.UserPoolId).toEqual({ Ref: logicalId(stacks.auth.userPool) });
  });

  it("lets only admins create users, who sign in by username and carry a mutable merchantId", () => {
    const pool = onlyOf(auth, "AWS::Cognito::UserPool")[1];
    expect(pool.Properties.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect(pool.Properties.UsernameAttributes).toBeUndefined();
    expect(pool.Properties.AliasAttributes).toBeUndefined();
    expect(pool.Properties.Schema).toContainEqual(
      expect.objectContaining({ Name: "merchantId", AttributeDataType: "String", Mutable: true }),
    );
    expect(pool.DeletionPolicy).toBe("Retain");
  });

  it("accepts every password the API accepts (8 characters with a letter and a digit)", () => {
    auth.hasResourceProperties("AWS::Cognito::UserPool", {
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 8,
          RequireNumbers: true,
          RequireLowercase: false,
          RequireUppercase: false,
          RequireSymbols: false,
        }),
      },
    });
  });

  it("gives the console a secretless client with password and SRP sign-in and no hosted UI", () => {
    const client = onlyOf(auth, "AWS::Cognito::UserPoolClient")[1];
    expect(client.Properties.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]),
    );
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
    // Users cannot write custom:merchantId themselves.
    expect(client.Properties.WriteAttributes ?? []).not.toContain("custom:merchantId");
  });

  it("puts the merchant claim the API reads into the console's ID tokens, and the role groups it reads", () => {
    // The API reads custom:merchantId and cognito:groups (functions/adapters/authenticate.ts).
    expect(CLAIMS.merchantId).toBe("custom:merchantId");
    const pool = onlyOf(auth, "AWS::Cognito::UserPool")[1];
    expect(pool.Properties.Schema.map((attribute: Json) => `custom:${attribute.Name}`)).toContain(CLAIMS.merchantId);
    // No ReadAttributes list: the client reads every attribute, so the ID token carries custom:merchantId.
    const client = onlyOf(auth, "AWS::Cognito::UserPoolClient")[1];
    expect(
      client.Properties.ReadAttributes === undefined || client.Properties.ReadAttributes.includes(CLAIMS.merchantId),
    ).toBe(true);
    const groups = (Object.values(auth.findResources("AWS::Cognito::UserPoolGroup")) as Json[]).map(
      (group) => group.Properties.GroupName,
    );
    expect(groups).toEqual(expect.arrayContaining(["owner", "manager", "clerk"]));
  });
});

describe("api stack", () => {
  const handlerId = () => logicalId(stacks.api.api.handler);

  it("runs the GraphQL handler on Node 22, arm64, 1024 MB, 10 s", () => {
    api.hasResourceProperties("AWS::Lambda::Function", {
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      MemorySize: 1024,
      Timeout: 10,
      Handler: "index.handler",
    });
    expect(stacks.api.api.handler.runtime.name).toBe("nodejs22.x");
  });

  it("configures the handler with the table, the user pool and its token issuer and audience", () => {
    const fn = api.findResources("AWS::Lambda::Function")[handlerId()] as Json;
    const variables = fn.Properties.Environment.Variables;
    expect(variables).toMatchObject({
      NODE_ENV: "production",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });
    expect(variables.TABLE_NAME).toEqual(importOf(stacks.data.table));
    expect(variables.USER_POOL_ID).toEqual(importOf(stacks.auth.userPool));
    expect(variables.JWT_AUDIENCE).toEqual(importOf(stacks.auth.consoleClient));
    expect(variables.JWT_ISSUER).toEqual({
      "Fn::Join": [
        "",
        [`https://cognito-idp.${REGION}.`, { Ref: "AWS::URLSuffix" }, "/", importOf(stacks.auth.userPool)],
      ],
    });
  });

  it("logs to its own log group with a retention", () => {
    const fn = api.findResources("AWS::Lambda::Function")[handlerId()] as Json;
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
    expect(api.findResources("AWS::Logs::LogGroup")[logGroupId].Properties.RetentionInDays).toBe(30);
  });

  it("may use only the table's data and the Cognito admin actions on its own pool, never '*'", () => {
    const roleId = logicalId(stacks.api.api.handler.role!);
    const policies = Object.values(
      api.findResources("AWS::IAM::Policy", { Properties: { Roles: [{ Ref: roleId }] } }),
    ) as Json[];
    const statements: Json[] = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const actionsOf = (statement: Json): string[] => [statement.Action].flat();
    const allActions = statements.flatMap(actionsOf);

    expect(allActions.filter((action) => action === "*" || action.endsWith(":*"))).toEqual([]);
    expect(statements.filter((statement) => [statement.Resource].flat().includes("*"))).toEqual([]);

    const cognito = statements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith("cognito-idp:")),
    );
    expect(cognito).toHaveLength(1);
    expect([...actionsOf(cognito[0])].sort()).toEqual([...COGNITO_ADMIN_ACTIONS].sort());
    expect(cognito[0].Resource).toEqual(importOf(stacks.auth.userPool, "Arn"));

    // DynamoDB: the data layer's item actions, on the table and each index by name; no Scan, no table management, no stream.
    const tableArn = importOf(stacks.data.table, "Arn");
    const dynamo = statements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith("dynamodb:")),
    );
    expect(dynamo).toHaveLength(1);
    expect([...actionsOf(dynamo[0])].sort()).toEqual([...TABLE_ITEM_ACTIONS].sort());
    expect(dynamo[0].Resource).toEqual([
      tableArn,
      ...Object.values(table.indexes).map((index) => ({ "Fn::Join": ["", [tableArn, `/index/${index.name}`]] })),
    ]);

    // Logs: its own log group only (no AWSLambdaBasicExecutionRole).
    const role = api.findResources("AWS::IAM::Role")[roleId] as Json;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const fn = api.findResources("AWS::Lambda::Function")[handlerId()] as Json;
    expect(statements).toContainEqual({
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Effect: "Allow",
      Resource: { "Fn::GetAtt": [fn.Properties.LoggingConfig.LogGroup.Ref, "Arn"] },
    });
    expect(statements).toHaveLength(3);
  });

  it("serves POST and GET /graphql from the handler through a payload-2.0 HTTP API", () => {
    api.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
    api.hasResourceProperties("AWS::ApiGatewayV2::Api", { ProtocolType: "HTTP" });
    const routes = Object.values(api.findResources("AWS::ApiGatewayV2::Route")) as Json[];
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(["GET /graphql", "POST /graphql"]);
    const integration = onlyOf(api, "AWS::ApiGatewayV2::Integration")[1];
    expect(integration.Properties).toMatchObject({ IntegrationType: "AWS_PROXY", PayloadFormatVersion: "2.0" });
    expect(integration.Properties.IntegrationUri).toEqual({ "Fn::GetAtt": [handlerId(), "Arn"] });
  });

  it("throttles the default stage and deploys it automatically", () => {
    api.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 },
      AccessLogSettings: Match.objectLike({ Format: Match.stringLikeRegexp("\\$context\\.requestId") }),
    });
  });

  it("allows browsers from the console's CloudFront origin only, with the API's headers", () => {
    const [, httpApi] = onlyOf(api, "AWS::ApiGatewayV2::Api");
    const cors = httpApi.Properties.CorsConfiguration;
    expect(cors.AllowOrigins).toEqual([
      { "Fn::Join": ["", ["https://", importOf(stacks.consoleHosting.distribution, "DomainName")]] },
    ]);
    expect(cors.AllowHeaders).toEqual(["content-type", "authorization", "x-api-key"]);
    expect(cors.AllowMethods).toEqual(expect.arrayContaining(["GET", "POST"]));
    expect(cors.AllowCredentials).toBeUndefined();
  });
});

describe("console hosting stack", () => {
  it("keeps the bucket private, encrypted and TLS-only", () => {
    hosting.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
    });
    hosting.hasResourceProperties("AWS::S3::BucketPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
  });

  it("lets only this distribution read the bucket, through origin access control", () => {
    const [oacId, oac] = onlyOf(hosting, "AWS::CloudFront::OriginAccessControl");
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: "s3",
      SigningBehavior: "always",
      SigningProtocol: "sigv4",
    });
    const distribution = onlyOf(hosting, "AWS::CloudFront::Distribution")[1];
    expect(distribution.Properties.DistributionConfig.Origins).toEqual([
      expect.objectContaining({
        DomainName: { "Fn::GetAtt": [logicalId(stacks.consoleHosting.bucket), "RegionalDomainName"] },
        OriginAccessControlId: { "Fn::GetAtt": [oacId, "Id"] },
        S3OriginConfig: { OriginAccessIdentity: "" },
      }),
    ]);
    hosting.hasResourceProperties("AWS::S3::BucketPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Allow",
            Action: "s3:GetObject",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Condition: {
              StringEquals: {
                "AWS:SourceArn": Match.objectLike({
                  "Fn::Join": ["", Match.arrayWith([{ Ref: logicalId(stacks.consoleHosting.distribution) }])],
                }),
              },
            },
          }),
        ]),
      },
    });
  });

  it("serves index.html at the root and for every unknown path (SPA routing), over HTTPS", () => {
    const config = onlyOf(hosting, "AWS::CloudFront::Distribution")[1].Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe("index.html");
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe("redirect-to-https");
    expect(config.CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: "/index.html", ErrorCachingMinTTL: 0 },
      { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: "/index.html", ErrorCachingMinTTL: 0 },
    ]);
  });
});

describe("console stack", () => {
  const deployment = () => onlyOf(consoleRelease, "Custom::CDKBucketDeployment")[1];

  it("uploads the build into the hosting bucket and invalidates the distribution", () => {
    const properties = deployment().Properties;
    expect(properties.DestinationBucketName).toEqual(importOf(stacks.consoleHosting.bucket));
    expect(properties.DistributionId).toEqual(importOf(stacks.consoleHosting.distribution));
    expect(properties.DistributionPaths).toEqual(["/*"]);
    expect(properties.SourceObjectKeys).toHaveLength(2);
  });

  it("writes /config.json with the GraphQL URL and the Cognito settings", () => {
    const properties = deployment().Properties;
    const index = (properties.SourceMarkers as Json[]).findIndex((markers) => Object.keys(markers).length > 0);
    const assetDir = join(app.outdir, `asset.${(properties.SourceObjectKeys[index] as string).replace(/\.zip$/, "")}`);
    // Deploy-time values are markers in the staged file, resolved by the deployment.
    const markers: Json = properties.SourceMarkers[index];
    const config = JSON.parse(readFileSync(join(assetDir, "config.json"), "utf8"));

    const url = /^https:\/\/(<<marker:0xbaba:\d+>>)\.execute-api\.ap-east-1\.(<<marker:0xbaba:\d+>>)\/graphql$/.exec(
      config.graphqlUrl,
    );
    expect(url).not.toBeNull();
    expect(markers[url![1]]).toEqual(importOf(stacks.api.api.httpApi));
    expect(markers[url![2]]).toEqual({ Ref: "AWS::URLSuffix" });
    expect(Object.keys(config.auth).sort()).toEqual(["clientId", "mode", "region", "userPoolId"]);
    expect(config.auth).toMatchObject({ mode: "cognito", region: REGION });
    expect(markers[config.auth.userPoolId]).toEqual(importOf(stacks.auth.userPool));
    expect(markers[config.auth.clientId]).toEqual(importOf(stacks.auth.consoleClient));
  });

  it("deploys nothing and warns when the console has not been built", () => {
    const { stacks: unbuilt } = synthesize(join(workDir, "missing-dist"), join(workDir, "cdk.out.unbuilt"));
    Template.fromStack(unbuilt.console).resourceCountIs("Custom::CDKBucketDeployment", 0);
    Annotations.fromStack(unbuilt.console).hasWarning(
      "*",
      Match.stringLikeRegexp("No console build at .*missing-dist"),
    );
  });
});
