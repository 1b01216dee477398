/**
 * The house Lambda function: Node 22 on arm64, an ESM bundle made by esbuild with
 * the AWS SDK inside (faster cold starts than the runtime's copy), a source map,
 * structured JSON logs into a log group of its own with a retention (so no log
 * lives forever by accident), and a role of its own that may write to that log
 * group and nothing else until a grant says otherwise.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel } from "aws-cdk-lib/aws-lambda";
import { Charset, NodejsFunction, OutputFormat, type NodejsFunctionProps } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { table as definition } from "../../../functions/data/table.js";
import { fromRoot, repoRoot } from "../paths.js";
import { BUNDLE_ALIASES, BUNDLE_EXTERNALS, bundleDefines, ESM_REQUIRE_BANNER } from "./lambda-bundle.js";

/**
 * The item-level DynamoDB actions the data layer (functions/data) sends: Get/Put/Update/Delete,
 * Query, BatchGet/BatchWrite, and the ConditionCheck that TransactWriteItems needs
 * (a transaction is authorised per item action). No Scan, no table management, no streams.
 */
export const TABLE_ITEM_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
] as const;

/** The table's ARN and each of its indexes' ARNs by name (from the shared definition), never `/index/*`. */
export function tableAndIndexArns(table: ITableV2): string[] {
  return [table.tableArn, ...Object.values(definition.indexes).map((index) => `${table.tableArn}/index/${index.name}`)];
}

export interface LambdaFunctionProps extends Omit<
  NodejsFunctionProps,
  "runtime" | "architecture" | "bundling" | "logGroup" | "logRetention" | "role" | "loggingFormat"
> {
  /** How long the function's logs are kept; one month when omitted. */
  logRetention?: RetentionDays;
}

export class LambdaFunction extends NodejsFunction {
  /** The function's own log group. */
  readonly logs: LogGroup;

  constructor(scope: Construct, id: string, props: LambdaFunctionProps) {
    const { logRetention = RetentionDays.ONE_MONTH, environment, ...rest } = props;
    const logs = new LogGroup(scope, `${id}Logs`, { retention: logRetention, removalPolicy: RemovalPolicy.RETAIN });
    // Our own role instead of AWSLambdaBasicExecutionRole, which may write to every log group in the account.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      // The construct path: the stack's name for a function at the top of its stack.
      description: `Runs ${scope.node.path}/${id}`,
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [logs.logGroupArn] }),
    );
    super(scope, id, {
      timeout: Duration.seconds(10),
      memorySize: 1024,
      projectRoot: repoRoot,
      depsLockFilePath: fromRoot("package-lock.json"),
      ...rest,
      role,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      logGroup: logs,
      // One JSON object per line (timestamp, level, requestId, message), queryable in Logs Insights.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.INFO,
      environment: {
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        NODE_ENV: "production",
        // No NODE_OPTIONS=--enable-source-maps by default: measured locally it adds ~75 ms
        // to the GraphQL bundle's module load (145 → 220 ms). The .map ships for decoding.
        ...environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: "node22",
        mainFields: ["module", "main"],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        charset: Charset.UTF8,
        bundleAwsSDK: true,
        externalModules: BUNDLE_EXTERNALS,
        banner: ESM_REQUIRE_BANNER,
        define: bundleDefines(),
        // esbuild runs in the project root, where the aliases' ./paths start.
        esbuildArgs: { "--alias": Object.entries(BUNDLE_ALIASES).map(([name, path]) => `${name}=${path}`) },
      },
    });
    this.logs = logs;
  }

  /** Give the function the table's name (TABLE_NAME) and the data layer's item actions on the table and its indexes. */
  bindTable(table: ITableV2): void {
    this.addEnvironment("TABLE_NAME", table.tableName);
    this.addToRolePolicy(
      new PolicyStatement({ actions: [...TABLE_ITEM_ACTIONS], resources: tableAndIndexArns(table) }),
    );
  }
}
