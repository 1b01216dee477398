/**
 * Observability and messaging settings: structured JSON logs with a retention for
 * every house function, the alarms (errors, throttles, API 5xx, every DLQ's depth,
 * stream lag, SMS spend, the webhook queue's age and disabled endpoints) raised to
 * one alarm topic with an optional e-mail, the jobs function's own dead-letter
 * queue, and the SMS monthly spend limit.
 */
import { Match } from "aws-cdk-lib/assertions";
import { afterAll, describe, expect, it } from "vitest";
import { LOGGED_FIELDS } from "../../infra/lib/constructs/operational-alarms.js";
import { DEFAULT_SMS_MONTHLY_SPEND_LIMIT_USD } from "../../infra/lib/constructs/sms-sending.js";
import { logicalId, synthesizeApp, type Json } from "./synth.js";

const defaults = synthesizeApp();
const configured = synthesizeApp({ alarmEmail: "ops@example.com", smsMonthlySpendLimitUsd: "250" });
afterAll(() => {
  defaults.dispose();
  configured.dispose();
});

const { stacks, template } = defaults;
const alarmsOf = (stack: "api" | "jobs") =>
  Object.values(template(stack).findResources("AWS::CloudWatch::Alarm")) as Json[];
const topicImport = {
  "Fn::ImportValue": expect.stringMatching(/^RegularsMonitoring:ExportsOutputRefAlarms[0-9A-F]+$/),
};

/** `{ alarmName: "namespace metric statistic threshold on dimension" }` */
function summary(alarms: Json[]): Record<string, string> {
  return Object.fromEntries(
    alarms.map(({ Properties: p }) => [
      p.AlarmName,
      `${p.Namespace} ${p.MetricName} ${p.Statistic} >= ` +
        `${p.Threshold}${p.Dimensions ? ` by ${p.Dimensions.map((d: Json) => d.Name).join(",")}` : ""}`,
    ]),
  );
}

describe("structured logs", () => {
  const houseFunctions = [
    ["api", stacks.api.api.handler],
    ["jobs", stacks.jobs.jobs],
    ["jobs", stacks.jobs.publisher],
    ["jobs", stacks.jobs.webhooks.handler],
  ] as const;

  it("every house function logs JSON at INFO into its own log group, kept 30 days and retained with the stack", () => {
    for (const [stack, fn] of houseFunctions) {
      const properties = (template(stack).findResources("AWS::Lambda::Function")[logicalId(fn)] as Json).Properties;
      expect(properties.LoggingConfig).toEqual({
        LogFormat: "JSON",
        ApplicationLogLevel: "INFO",
        SystemLogLevel: "INFO",
        LogGroup: { Ref: logicalId(fn.logs) },
      });
      const logGroup = template(stack).findResources("AWS::Logs::LogGroup")[logicalId(fn.logs)] as Json;
      expect(logGroup).toMatchObject({ Properties: { RetentionInDays: 30 }, DeletionPolicy: "Retain" });
    }
  });

  it("every house function runs Node 22 on arm64 in production mode", () => {
    for (const [stack, fn] of houseFunctions) {
      const properties = (template(stack).findResources("AWS::Lambda::Function")[logicalId(fn)] as Json).Properties;
      expect(properties).toMatchObject({
        Runtime: "nodejs22.x",
        Architectures: ["arm64"],
        Environment: { Variables: expect.objectContaining({ NODE_ENV: "production" }) },
      });
    }
  });

  it("no log group in any stack lives forever", () => {
    for (const name of Object.keys(stacks) as (keyof typeof stacks)[]) {
      for (const logGroup of Object.values(template(name).findResources("AWS::Logs::LogGroup")) as Json[])
        expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });
});

describe("alarms", () => {
  it("the API raises three alarms: handler errors, handler throttles, HTTP API 5xx", () => {
    expect(summary(alarmsOf("api"))).toEqual({
      "RegularsApi-GraphqlHandler-Errors": "AWS/Lambda Errors Sum >= 1 by FunctionName",
      "RegularsApi-GraphqlHandler-Throttles": "AWS/Lambda Throttles Sum >= 1 by FunctionName",
      "RegularsApi-HttpApi-Api5xx": "AWS/ApiGateway 5xx Sum >= 5 by ApiId",
    });
    template("api").hasResourceProperties("AWS::CloudWatch::Alarm", {
      MetricName: "5xx",
      Dimensions: [{ Name: "ApiId", Value: { Ref: logicalId(stacks.api.api.httpApi) } }],
    });
  });

  it(
    "the jobs stack raises fifteen: errors and throttles of its three functions, stream lag, " +
      "its four DLQs' depth, SMS spend at 80% of the limit, any uncertain SMS, " +
      "the webhook queue's oldest event at 15 minutes, any disabled webhook endpoint",
    () => {
      expect(summary(alarmsOf("jobs"))).toEqual({
        "RegularsJobs-Jobs-Errors": "AWS/Lambda Errors Sum >= 1 by FunctionName",
        "RegularsJobs-Jobs-Throttles": "AWS/Lambda Throttles Sum >= 1 by FunctionName",
        "RegularsJobs-EventPublisher-Errors": "AWS/Lambda Errors Sum >= 1 by FunctionName",
        "RegularsJobs-EventPublisher-Throttles": "AWS/Lambda Throttles Sum >= 1 by FunctionName",
        "RegularsJobs-EventPublisher-StreamLag": "AWS/Lambda IteratorAge Maximum >= 600000 by FunctionName",
        "RegularsJobs-Jobs-DeadLetters": "AWS/SQS ApproximateNumberOfMessagesVisible Maximum >= 1 by QueueName",
        "RegularsJobs-Events-DeadLetters": "AWS/SQS ApproximateNumberOfMessagesVisible Maximum >= 1 by QueueName",
        "RegularsJobs-Dispatch-SmsSpend": `AWS/SNS SMSMonthToDateSpentUSD Maximum >= ${DEFAULT_SMS_MONTHLY_SPEND_LIMIT_USD * 0.8}`,
        "RegularsJobs-Dispatch-SmsUncertain": "Regulars SmsUncertain Sum >= 1",
        "RegularsJobs-Webhooks-Errors": "AWS/Lambda Errors Sum >= 1 by FunctionName",
        "RegularsJobs-Webhooks-Throttles": "AWS/Lambda Throttles Sum >= 1 by FunctionName",
        "RegularsJobs-Webhooks-DeadLetters": "AWS/SQS ApproximateNumberOfMessagesVisible Maximum >= 1 by QueueName",
        "RegularsJobs-WebhookRetry-DeadLetters": "AWS/SQS ApproximateNumberOfMessagesVisible Maximum >= 1 by QueueName",
        "RegularsJobs-Webhooks-QueueAge": "AWS/SQS ApproximateAgeOfOldestMessage Maximum >= 900 by QueueName",
        "RegularsJobs-Webhooks-EndpointDisabled": "Regulars EndpointDisabled Sum >= 1",
      });
      // The counts come from each function's own log line (functions/jobs.ts smsTotals, functions/webhooks.ts), read
      // from the object Lambda's JSON log format puts under `message`.
      const filters = Object.values(template("jobs").findResources("AWS::Logs::MetricFilter")) as Json[];
      expect(filters.map((filter) => filter.Properties)).toEqual([
        {
          FilterPattern: "{ $.message.smsUncertain > 0 }",
          LogGroupName: { Ref: logicalId(stacks.jobs.jobs.logs) },
          MetricTransformations: [
            {
              MetricNamespace: "Regulars",
              MetricName: "SmsUncertain",
              MetricValue: "$.message.smsUncertain",
              DefaultValue: 0,
            },
          ],
        },
        {
          FilterPattern: "{ $.message.endpointsDisabled > 0 }",
          LogGroupName: { Ref: logicalId(stacks.jobs.webhooks.handler.logs) },
          MetricTransformations: [
            {
              MetricNamespace: "Regulars",
              MetricName: "EndpointDisabled",
              MetricValue: "$.message.endpointsDisabled",
              DefaultValue: 0,
            },
          ],
        },
      ]);
    },
  );

  it("reads logged counts where Lambda's JSON log format puts a logged object: under `message`", () => {
    // What the Node.js runtime writes for console.log(object) with LoggingFormat JSON (one argument: kept as JSON).
    const logged = { level: "info", msg: "webhooks", delivered: 3, retried: 1, failed: 0, endpointsDisabled: 2 };
    const line = { timestamp: "2026-12-08T00:00:00.000Z", level: "INFO", requestId: "r-1", message: logged };
    const select = (event: Json, path: string) =>
      path
        .replace(/^\$\./, "")
        .split(".")
        .reduce<unknown>((value, key) => (value as Json | undefined)?.[key], event);
    expect(LOGGED_FIELDS).toBe("$.message");
    expect(select(line, `${LOGGED_FIELDS}.endpointsDisabled`)).toBe(2);
    // console.log(JSON.stringify(object)) leaves a string there, which no JSON metric filter can look into.
    expect(select({ ...line, message: JSON.stringify(logged) }, `${LOGGED_FIELDS}.endpointsDisabled`)).toBeUndefined();
  });

  it("watches every dead-letter queue of the app for depth, and the webhook queue for its oldest event", () => {
    const queues = Object.keys(template("jobs").findResources("AWS::SQS::Queue"));
    const watched = (metric: string) =>
      alarmsOf("jobs")
        .filter((alarm) => alarm.Properties.Namespace === "AWS/SQS" && alarm.Properties.MetricName === metric)
        .map((alarm) => alarm.Properties.Dimensions[0].Value["Fn::GetAtt"][0])
        .sort();
    const { deadLetters, eventDeadLetters, webhooks } = stacks.jobs;
    const deadLetterQueues = [deadLetters, eventDeadLetters, webhooks.deadLetters, webhooks.retryDeadLetters];
    expect(watched("ApproximateNumberOfMessagesVisible")).toEqual(deadLetterQueues.map(logicalId).sort());
    expect(watched("ApproximateAgeOfOldestMessage")).toEqual([logicalId(webhooks.queue)]);
    expect(queues.sort()).toEqual([...deadLetterQueues, webhooks.queue].map(logicalId).sort());
  });

  it("sends every alarm and its recovery to the monitoring stack's topic, one five-minute period, missing data not breaching", () => {
    for (const alarm of [...alarmsOf("api"), ...alarmsOf("jobs")]) {
      expect(alarm.Properties).toMatchObject({
        AlarmActions: [topicImport],
        OKActions: [topicImport],
        EvaluationPeriods: 1,
        Period: 300,
        TreatMissingData: "notBreaching",
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
      });
      expect(alarm.Properties.AlarmDescription).toMatch(/Runbook: docs\/operations\.md/);
    }
  });

  it("has a TLS-only alarm topic with no subscription unless an alarm e-mail is given (-c alarmEmail=…)", () => {
    const monitoring = template("monitoring");
    monitoring.resourceCountIs("AWS::SNS::Topic", 1);
    monitoring.resourceCountIs("AWS::SNS::Subscription", 0);
    monitoring.hasResourceProperties("AWS::SNS::TopicPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
    monitoring.hasOutput("AlarmTopicArn", { Value: { Ref: logicalId(stacks.monitoring.alarmTopic) } });
    configured.template("monitoring").hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "ops@example.com",
      TopicArn: { Ref: logicalId(configured.stacks.monitoring.alarmTopic) },
    });
  });
});

describe("jobs dead letters", () => {
  it("a jobs run that throws is retried twice by Lambda within two hours, then parked in the jobs DLQ with its event", () => {
    const jobs = template("jobs");
    jobs.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: logicalId(stacks.jobs.jobs) },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 7200,
    });
    const fn = jobs.findResources("AWS::Lambda::Function")[logicalId(stacks.jobs.jobs)] as Json;
    expect(fn.Properties.DeadLetterConfig).toEqual({
      TargetArn: { "Fn::GetAtt": [logicalId(stacks.jobs.deadLetters), "Arn"] },
    });
  });

  it("keeps every dead-letter queue 14 days, encrypted, TLS-only, and retained with the stack", () => {
    const { deadLetters, eventDeadLetters, webhooks } = stacks.jobs;
    for (const queue of [deadLetters, eventDeadLetters, webhooks.deadLetters, webhooks.retryDeadLetters]) {
      const resource = template("jobs").findResources("AWS::SQS::Queue")[logicalId(queue)] as Json;
      expect(resource).toMatchObject({
        Properties: { MessageRetentionPeriod: 14 * 86400, SqsManagedSseEnabled: true },
        DeletionPolicy: "Retain",
      });
    }
    template("jobs").resourcePropertiesCountIs(
      "AWS::SQS::QueuePolicy",
      {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
          ]),
        },
      },
      5, // the four dead-letter queues and the webhook queue
    );
  });
});

describe("runbook outputs", () => {
  it("the jobs stack outputs the function names, the queue and DLQ URLs and the bus name", () => {
    const outputs = Object.keys(template("jobs").findOutputs("*")).sort();
    expect(outputs).toEqual([
      "EventBusName",
      "EventDeadLetterQueueUrl",
      "EventPublisherFunctionName",
      "JobsDeadLetterQueueUrl",
      "JobsFunctionName",
      "WebhookDeadLetterQueueUrl",
      "WebhookFunctionName",
      "WebhookQueueUrl",
      "WebhookRetryDeadLetterQueueUrl",
    ]);
    const { webhooks } = stacks.jobs;
    template("jobs").hasOutput("WebhookFunctionName", { Value: { Ref: logicalId(webhooks.handler) } });
    template("jobs").hasOutput("WebhookQueueUrl", { Value: { Ref: logicalId(webhooks.queue) } });
    template("jobs").hasOutput("WebhookDeadLetterQueueUrl", { Value: { Ref: logicalId(webhooks.deadLetters) } });
    template("jobs").hasOutput("WebhookRetryDeadLetterQueueUrl", {
      Value: { Ref: logicalId(webhooks.retryDeadLetters) },
    });
  });
});

describe("SMS spend limit", () => {
  const spendLimit = (synthesized: typeof defaults) => {
    const [resource] = Object.values(
      synthesized.template("jobs").findResources("Custom::SmsMonthlySpendLimit"),
    ) as Json[];
    return {
      create: JSON.parse(resource.Properties.Create),
      update: JSON.parse(resource.Properties.Update),
      properties: resource.Properties,
    };
  };

  it("sets SNS MonthlySpendLimit on create and update, USD 1 unless the deployment says otherwise", () => {
    const { create, update, properties } = spendLimit(defaults);
    expect(create).toEqual({
      service: "SNS",
      action: "setSMSAttributes",
      parameters: { attributes: { MonthlySpendLimit: "1" } },
      physicalResourceId: { id: "RegularsJobs-sms-monthly-spend-limit" },
    });
    expect(update).toEqual(create);
    expect(properties.Delete).toBeUndefined();
    expect(properties.InstallLatestAwsSdk).toBe(false);
  });

  it("takes the limit from context (-c smsMonthlySpendLimitUsd=250) and alarms at 80% of it", () => {
    expect(spendLimit(configured).create.parameters).toEqual({ attributes: { MonthlySpendLimit: "250" } });
    configured
      .template("jobs")
      .hasResourceProperties("AWS::CloudWatch::Alarm", { MetricName: "SMSMonthToDateSpentUSD", Threshold: 200 });
  });

  it("refuses a limit that is not a whole number of dollars", () => {
    expect(() => synthesizeApp({ smsMonthlySpendLimitUsd: "12.5" })).toThrow(/whole number of US dollars/);
    expect(() => synthesizeApp({ smsMonthlySpendLimitUsd: "lots" })).toThrow(/whole number of US dollars/);
  });
});
