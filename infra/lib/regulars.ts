/**
 * The Regulars deployment: six stacks, deployed in this order —
 * Data (table) and Auth (user pool) hold state and are retained; ConsoleHosting
 * gives the console its address; Api needs that address for CORS; Console ships
 * the build with a config.json that needs the API's URL; Jobs runs the schedules
 * and publishes domain events from the table's stream.
 */
import type { App, Environment } from "aws-cdk-lib";
import { fromRoot } from "./paths.js";
import { ApiStack } from "./stacks/api-stack.js";
import { AuthStack } from "./stacks/auth-stack.js";
import { ConsoleHostingStack } from "./stacks/console-hosting-stack.js";
import { ConsoleStack } from "./stacks/console-stack.js";
import { DataStack } from "./stacks/data-stack.js";
import { JobsStack } from "./stacks/jobs-stack.js";

export interface RegularsProps {
  /** Account and region; the region is what the stacks and config.json name. */
  env: Environment & { region: string };
  /** Stack name prefix; "Regulars" when omitted. */
  prefix?: string;
  /** The built console; admin/dist when omitted. */
  consoleDist?: string;
}

export interface RegularsStacks {
  data: DataStack;
  auth: AuthStack;
  consoleHosting: ConsoleHostingStack;
  api: ApiStack;
  console: ConsoleStack;
  jobs: JobsStack;
}

/** The region to deploy to: the CLI's, else AWS_REGION, else Hong Kong. */
export function regionFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.CDK_DEFAULT_REGION || env.AWS_REGION || env.AWS_DEFAULT_REGION || "ap-east-1";
}

export function createStacks(app: App, props: RegularsProps): RegularsStacks {
  const { env, prefix = "Regulars", consoleDist = fromRoot("admin/dist") } = props;
  const data = new DataStack(app, `${prefix}Data`, { env });
  const auth = new AuthStack(app, `${prefix}Auth`, { env });
  const consoleHosting = new ConsoleHostingStack(app, `${prefix}ConsoleHosting`, { env });
  const api = new ApiStack(app, `${prefix}Api`, {
    env,
    table: data.table,
    userPool: auth.userPool,
    consoleClient: auth.consoleClient,
    consoleOrigin: consoleHosting.url,
  });
  const consoleRelease = new ConsoleStack(app, `${prefix}Console`, {
    env,
    bucket: consoleHosting.bucket,
    distribution: consoleHosting.distribution,
    distPath: consoleDist,
    config: {
      graphqlUrl: api.api.graphqlUrl,
      auth: { mode: "cognito", region: env.region, userPoolId: auth.userPool.userPoolId, clientId: auth.consoleClient.userPoolClientId },
    },
  });
  const jobs = new JobsStack(app, `${prefix}Jobs`, { env, table: data.table });
  return { data, auth, consoleHosting, api, console: consoleRelease, jobs };
}
