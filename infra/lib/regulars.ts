/**
 * The Regulars deployment: seven stacks, deployed in this order —
 * Data (table) and Auth (user pool) hold state and are retained; Monitoring
 * holds the alarm topic the API and jobs raise their alarms to; ConsoleHosting
 * gives the console its address; Api needs that address for CORS; Console ships
 * the build with a config.json that needs the API's URL; Jobs runs the schedules,
 * publishes domain events from the table's stream and delivers them to webhooks.
 */
import type { App, Environment } from "aws-cdk-lib";
import { fromRoot } from "./paths.js";
import { ApiStack } from "./stacks/api-stack.js";
import { AuthStack } from "./stacks/auth-stack.js";
import { ConsoleHostingStack } from "./stacks/console-hosting-stack.js";
import { ConsoleStack } from "./stacks/console-stack.js";
import { DataStack } from "./stacks/data-stack.js";
import { JobsStack } from "./stacks/jobs-stack.js";
import { MonitoringStack } from "./stacks/monitoring-stack.js";

export interface RegularsProps {
  /** Account and region; the region is what the stacks and config.json name. */
  env: Environment & { region: string };
  /** Stack name prefix; "Regulars" when omitted. */
  prefix?: string;
  /** The built console; admin/dist when omitted. */
  consoleDist?: string;
  /** Where alarm e-mails go (context `alarmEmail`); no subscription when omitted. */
  alarmEmail?: string;
  /**
   * The account's monthly SMS spend limit in the region, whole USD (context `smsMonthlySpendLimitUsd`); 1 when
   * omitted.
   */
  smsMonthlySpendLimitUsd?: number;
}

export interface RegularsStacks {
  data: DataStack;
  auth: AuthStack;
  monitoring: MonitoringStack;
  consoleHosting: ConsoleHostingStack;
  api: ApiStack;
  console: ConsoleStack;
  jobs: JobsStack;
}

/** The region to deploy to: the CLI's, else AWS_REGION, else Hong Kong. */
export function regionFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.CDK_DEFAULT_REGION || env.AWS_REGION || env.AWS_DEFAULT_REGION || "ap-east-1";
}

/**
 * The deployment's settings from CDK context (`-c key=value` or cdk.context.json): alarm e-mail and SMS spend
 * limit.
 */
export function settingsFromContext(app: App): Pick<RegularsProps, "alarmEmail" | "smsMonthlySpendLimitUsd"> {
  const email = app.node.tryGetContext("alarmEmail");
  const limit = app.node.tryGetContext("smsMonthlySpendLimitUsd");
  return {
    alarmEmail: typeof email === "string" && email.trim() ? email.trim() : undefined,
    smsMonthlySpendLimitUsd: limit === undefined || limit === "" ? undefined : Number(limit),
  };
}

export function createStacks(app: App, props: RegularsProps): RegularsStacks {
  const { env, prefix = "Regulars", consoleDist = fromRoot("admin/dist"), alarmEmail, smsMonthlySpendLimitUsd } = props;
  const data = new DataStack(app, `${prefix}Data`, { env });
  const auth = new AuthStack(app, `${prefix}Auth`, { env });
  const monitoring = new MonitoringStack(app, `${prefix}Monitoring`, { env, alarmEmail });
  const consoleHosting = new ConsoleHostingStack(app, `${prefix}ConsoleHosting`, { env });
  const api = new ApiStack(app, `${prefix}Api`, {
    env,
    table: data.table,
    userPool: auth.userPool,
    consoleClient: auth.consoleClient,
    consoleOrigin: consoleHosting.url,
    alarmTopic: monitoring.alarmTopic,
  });
  const consoleRelease = new ConsoleStack(app, `${prefix}Console`, {
    env,
    bucket: consoleHosting.bucket,
    distribution: consoleHosting.distribution,
    distPath: consoleDist,
    config: {
      graphqlUrl: api.api.graphqlUrl,
      auth: {
        mode: "cognito",
        region: env.region,
        userPoolId: auth.userPool.userPoolId,
        clientId: auth.consoleClient.userPoolClientId,
      },
    },
  });
  const jobs = new JobsStack(app, `${prefix}Jobs`, {
    env,
    table: data.table,
    alarmTopic: monitoring.alarmTopic,
    smsMonthlySpendLimitUsd,
  });
  return { data, auth, monitoring, consoleHosting, api, console: consoleRelease, jobs };
}
