/** RegularsApi: the GraphQL Lambda and its HTTP API. */
import { CfnOutput, CrossStackReferences, ReferenceStrength, Stack, type StackProps } from "aws-cdk-lib";
import type { UserPool, UserPoolClient } from "aws-cdk-lib/aws-cognito";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { Construct } from "constructs";
import { GraphqlApi } from "../constructs/graphql-api.js";
import { OperationalAlarms } from "../constructs/operational-alarms.js";

export interface ApiStackProps extends StackProps {
  table: ITableV2;
  userPool: UserPool;
  consoleClient: UserPoolClient;
  /** The console's origin: the only browser origin CORS lets in. */
  consoleOrigin: string;
  /** Where the API's alarms go. */
  alarmTopic: ITopic;
  /** Stage throttling; 100 requests/s with bursts of 200 when omitted. */
  throttle?: { rateLimit: number; burstLimit: number };
}

export class ApiStack extends Stack {
  readonly api: GraphqlApi;
  readonly alarms: OperationalAlarms;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    const { table, userPool, consoleClient, consoleOrigin, alarmTopic, throttle, ...stackProps } = props;
    super(scope, id, { description: "Regulars GraphQL API: Lambda behind an HTTP API", ...stackProps });
    // Exports: CloudFormation keeps a producer from being removed while this stack uses it.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    this.api = new GraphqlApi(this, "GraphqlApi", {
      table,
      userPool,
      consoleClient,
      allowedOrigins: [consoleOrigin],
      throttle,
    });
    this.alarms = new OperationalAlarms(this, "Alarms", { topic: alarmTopic });
    this.alarms.watchFunction("GraphqlHandler", this.api.handler);
    this.alarms.watchHttpApi("HttpApi", this.api.httpApi);
    new CfnOutput(this, "GraphqlUrl", { value: this.api.graphqlUrl, description: "GraphQL endpoint (POST/GET)" });
  }
}
