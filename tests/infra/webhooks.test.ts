/**
 * Webhook delivery in the jobs stack, synthesized offline: the rule from the bus to the queue, the queue and its
 * dead letters, the delivery function and its event source, the retry schedule, and the alarms on all of them.
 */
import { afterAll, describe, expect, it } from "vitest";
import { table } from "../../functions/data/table.js";
import { TABLE_ITEM_ACTIONS } from "../../infra/lib/constructs/lambda-function.js";
import { logicalId, synthesizeApp, type Json } from "./synth.js";

const synthesized = synthesizeApp();
const { stacks, template } = synthesized;
afterAll(() => synthesized.dispose());

const jobs = template("jobs");
const { webhooks } = stacks.jobs;
const arnOf = (construct: Parameters<typeof logicalId>[0]) => ({ "Fn::GetAtt": [logicalId(construct), "Arn"] });
const resource = (type: string, construct: Parameters<typeof logicalId>[0]) =>
  jobs.findResources(type)[logicalId(construct)] as Json;

describe("from the bus to the queue", () => {
  it("puts every Regulars domain event (source 'regulars', not the jobs' 'regulars.jobs') on the queue", () => {
    const rule = resource("AWS::Events::Rule", webhooks.rule).Properties;
    expect(rule.EventPattern).toEqual({ source: ["regulars"] });
    expect(rule.EventBusName).toEqual({ Ref: logicalId(stacks.jobs.bus) });
    expect(rule.Targets).toEqual([
      {
        Id: "Target0",
        Arn: arnOf(webhooks.queue),
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: arnOf(webhooks.deadLetters) },
      },
    ]);
  });

  it("lets only this rule send to the queue and park in its DLQ", () => {
    const policyOf = (queue: typeof webhooks.queue) =>
      (Object.values(jobs.findResources("AWS::SQS::QueuePolicy")) as Json[]).find(
        (policy) => policy.Properties.Queues[0].Ref === logicalId(queue),
      )!.Properties.PolicyDocument.Statement as Json[];
    for (const queue of [webhooks.queue, webhooks.deadLetters]) {
      const allows = policyOf(queue).filter((statement) => statement.Effect === "Allow");
      expect(allows).toHaveLength(1);
      expect(allows[0]).toMatchObject({
        Principal: { Service: "events.amazonaws.com" },
        Condition: { ArnEquals: { "aws:SourceArn": arnOf(webhooks.rule) } },
        Resource: arnOf(queue),
      });
      expect([allows[0].Action].flat()).toContain("sqs:SendMessage");
    }
  });

  it("hides a batch from other consumers for six times the function's timeout, and parks after five receives", () => {
    const queue = resource("AWS::SQS::Queue", webhooks.queue);
    const timeout = resource("AWS::Lambda::Function", webhooks.handler).Properties.Timeout;
    expect(timeout).toBe(60);
    expect(queue.Properties).toEqual({
      VisibilityTimeout: 6 * timeout,
      MessageRetentionPeriod: 4 * 86400,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: arnOf(webhooks.deadLetters), maxReceiveCount: 5 },
    });
  });

  it("keeps both webhook dead-letter queues 14 days, encrypted and retained; every queue is TLS-only", () => {
    for (const queue of [webhooks.deadLetters, webhooks.retryDeadLetters])
      expect(resource("AWS::SQS::Queue", queue)).toMatchObject({
        Properties: { MessageRetentionPeriod: 14 * 86400, SqsManagedSseEnabled: true },
        DeletionPolicy: "Retain",
      });
    for (const queue of [webhooks.queue, webhooks.deadLetters, webhooks.retryDeadLetters]) {
      const policy = (Object.values(jobs.findResources("AWS::SQS::QueuePolicy")) as Json[]).find(
        (candidate) => candidate.Properties.Queues[0].Ref === logicalId(queue),
      )!;
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual({
        Action: "sqs:*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
        Effect: "Deny",
        Principal: { AWS: "*" },
        Resource: arnOf(queue),
      });
    }
  });
});

describe("the delivery function", () => {
  it("runs functions/webhooks.ts on Node 22 arm64, 60 s, outside any VPC, with the table's name in production mode", () => {
    const fn = resource("AWS::Lambda::Function", webhooks.handler).Properties;
    expect(fn).toMatchObject({
      Handler: "index.handler",
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      Timeout: 60,
      MemorySize: 256,
      Environment: {
        Variables: {
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
          NODE_ENV: "production",
          TABLE_NAME: { "Fn::ImportValue": expect.stringMatching(/^RegularsData:ExportsOutputRefDataTable/) },
        },
      },
    });
    expect(fn.VpcConfig).toBeUndefined();
    expect(fn.ReservedConcurrentExecutions).toBeUndefined();
  });

  it("takes the queue ten events at a time, reports failed messages one by one, at most five batches at once", () => {
    const mappings = (Object.values(jobs.findResources("AWS::Lambda::EventSourceMapping")) as Json[]).filter(
      (mapping) => mapping.Properties.FunctionName.Ref === logicalId(webhooks.handler),
    );
    expect(mappings.map((mapping) => mapping.Properties)).toEqual([
      {
        FunctionName: { Ref: logicalId(webhooks.handler) },
        EventSourceArn: arnOf(webhooks.queue),
        BatchSize: 10,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        ScalingConfig: { MaximumConcurrency: 5 },
      },
    ]);
  });

  it("does not run a failed retry sweep again (the next minute's does its work) but parks it", () => {
    jobs.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: logicalId(webhooks.handler) },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 300,
    });
    expect(resource("AWS::Lambda::Function", webhooks.handler).Properties.DeadLetterConfig).toEqual({
      TargetArn: arnOf(webhooks.retryDeadLetters),
    });
  });

  it("may use the table's items and query its indexes (the due index among them), nothing beyond the table", () => {
    const statements = (Object.values(jobs.findResources("AWS::IAM::Policy")) as Json[]).flatMap((policy) =>
      policy.Properties.Roles.some((role: Json) => role.Ref === logicalId(webhooks.handler.role!))
        ? policy.Properties.PolicyDocument.Statement
        : [],
    ) as Json[];
    const dynamo = statements.filter((statement) => [statement.Action].flat()[0].startsWith("dynamodb:"));
    expect(dynamo).toHaveLength(1);
    expect(dynamo[0].Action).toEqual([...TABLE_ITEM_ACTIONS]);
    const indexes = (dynamo[0].Resource as Json[]).slice(1).map((arn) => arn["Fn::Join"][1][1]);
    expect(indexes).toEqual(Object.values(table.indexes).map((index) => `/index/${index.name}`));
    expect(indexes).toContain("/index/gsi2");
    expect(JSON.stringify(statements)).not.toMatch(/kms:|sns:|events:|"\*"/);
  });
});

describe("the retry schedule", () => {
  it("invokes the delivery function every minute with {task: 'retry'}: 2 retries within 5 minutes, then parked", () => {
    const schedule = resource("AWS::Scheduler::Schedule", webhooks.retrySchedule).Properties;
    expect(schedule).toMatchObject({
      ScheduleExpression: "rate(1 minute)",
      State: "ENABLED",
      FlexibleTimeWindow: { Mode: "OFF" },
    });
    expect(schedule.Target).toEqual({
      Arn: arnOf(webhooks.handler),
      RoleArn: arnOf(webhooks.scheduleRole),
      Input: '{"task":"retry"}',
      RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
      DeadLetterConfig: { Arn: arnOf(webhooks.retryDeadLetters) },
    });
    expect(JSON.parse(schedule.Target.Input)).toEqual({ task: "retry" });
  });

  it("runs as a role of its own, trusted only by the Scheduler for this account's default schedule group", () => {
    const role = resource("AWS::IAM::Role", webhooks.scheduleRole).Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: "sts:AssumeRole",
        Effect: "Allow",
        Principal: { Service: "scheduler.amazonaws.com" },
        Condition: {
          StringEquals: {
            "aws:SourceAccount": "123456789012",
            "aws:SourceArn": {
              "Fn::Join": [
                "",
                ["arn:", { Ref: "AWS::Partition" }, ":scheduler:ap-east-1:123456789012:schedule-group/default"],
              ],
            },
          },
        },
      },
    ]);
    expect(role.ManagedPolicyArns).toBeUndefined();
  });
});
