/**
 * The GraphQL endpoint: one Lambda (functions/graphql.ts) behind an HTTP API at
 * POST and GET /graphql, throttled at the stage, with CORS for the console only.
 */
import { Duration, Stack } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import type { UserPool, UserPoolClient } from "aws-cdk-lib/aws-cognito";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { fromRoot } from "../paths.js";
import { LambdaFunction } from "./lambda-function.js";

/** The Cognito calls the identity adapter (functions/adapters/identity/cognito.ts) makes. */
export const COGNITO_ADMIN_ACTIONS = [
  "cognito-idp:AdminCreateUser",
  "cognito-idp:AdminSetUserPassword",
  "cognito-idp:AdminAddUserToGroup",
  "cognito-idp:AdminRemoveUserFromGroup",
  "cognito-idp:AdminDisableUser",
  "cognito-idp:AdminEnableUser",
  "cognito-idp:AdminDeleteUser",
] as const;

/** Request headers the console and storefronts send. */
export const CORS_HEADERS = ["content-type", "authorization", "x-api-key"];

/** One JSON line per request, in HTTP API context variables. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: "$context.requestId",
    ip: "$context.identity.sourceIp",
    requestTime: "$context.requestTime",
    httpMethod: "$context.httpMethod",
    routeKey: "$context.routeKey",
    status: "$context.status",
    protocol: "$context.protocol",
    responseLength: "$context.responseLength",
    integrationError: "$context.integrationErrorMessage",
  }),
);

/** The `iss` of the pool's tokens: https://cognito-idp.{region}.amazonaws.com/{poolId} (the partition's domain). */
export function cognitoIssuer(scope: Construct, userPool: UserPool): string {
  // The consumer's own pseudo parameters: the pool is in the same region, and no export is needed.
  const stack = Stack.of(scope);
  return `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}`;
}

export interface GraphqlApiProps {
  table: ITableV2;
  userPool: UserPool;
  /** The console's app client: ID tokens must be issued to it (JWT audience). */
  consoleClient: UserPoolClient;
  /** Browser origins allowed to call the API, e.g. https://d123.cloudfront.net. */
  allowedOrigins: string[];
  /** Stage throttling; 100 requests/s with bursts of 200 when omitted. */
  throttle?: { rateLimit: number; burstLimit: number };
}

export class GraphqlApi extends Construct {
  readonly handler: LambdaFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** https://{api}.execute-api.{region}.amazonaws.com/graphql */
  readonly graphqlUrl: string;

  constructor(scope: Construct, id: string, props: GraphqlApiProps) {
    super(scope, id);
    const { table, userPool, consoleClient } = props;

    this.handler = new LambdaFunction(this, "Handler", {
      description: "Regulars GraphQL API",
      entry: fromRoot("functions/graphql.ts"),
      handler: "handler",
      memorySize: 1024,
      timeout: Duration.seconds(10),
      environment: {
        USER_POOL_ID: userPool.userPoolId,
        JWT_ISSUER: cognitoIssuer(this, userPool),
        JWT_AUDIENCE: consoleClient.userPoolClientId,
        NODE_ENV: "production",
      },
    });
    // Item actions on the table and its indexes only (no Scan, no table management).
    this.handler.bindTable(table);
    // Only the admin calls the identity adapter makes, on this pool only.
    userPool.grant(this.handler, ...COGNITO_ADMIN_ACTIONS);

    this.httpApi = new HttpApi(this, "HttpApi", {
      apiName: `${Stack.of(this).stackName}-graphql`,
      description: "Regulars GraphQL over HTTP",
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.allowedOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS],
        allowHeaders: CORS_HEADERS,
        maxAge: Duration.hours(2),
      },
    });
    const accessLogs = new LogGroup(this, "AccessLogs", { retention: RetentionDays.ONE_MONTH });
    this.stage = new HttpStage(this, "DefaultStage", {
      httpApi: this.httpApi,
      stageName: "$default",
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    const integration = new HttpLambdaIntegration("GraphqlIntegration", this.handler, {
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    });
    this.httpApi.addRoutes({ path: "/graphql", methods: [HttpMethod.POST, HttpMethod.GET], integration });

    this.graphqlUrl = `${this.stage.url}graphql`;
  }
}
