/** The jobs stack, synthesized offline: schedules (time zone, retries, DLQ), the jobs function, the bus and its publisher. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Stack, type CfnElement } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStacks, type RegularsStacks } from "../../infra/lib/regulars.js";

type Json = Record<string, any>;
let workDir: string;
let stacks: RegularsStacks;
let jobs: Template;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "regulars-jobs-"));
  const dist = join(workDir, "dist");
  mkdirSync(dist);
  writeFileSync(join(dist, "index.html"), "<!doctype html>");
  const app = new App({ outdir: join(workDir, "cdk.out"), context: { "aws:cdk:bundling-stacks": [] } });
  stacks = createStacks(app, { env: { account: "123456789012", region: "ap-east-1" }, consoleDist: dist });
  jobs = Template.fromStack(stacks.jobs);
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const id = (construct: { node: { defaultChild?: unknown } }) =>
  Stack.of(construct as never).getLogicalId((construct as { node: { defaultChild: CfnElement } }).node.defaultChild);

/** The schedules that invoke the jobs function (the webhook retry schedule is in webhooks.test.ts). */
const jobsSchedules = () =>
  (Object.values(jobs.findResources("AWS::Scheduler::Schedule")) as Json[]).filter(
    (s) => s.Properties.Target.Arn["Fn::GetAtt"][0] === id(stacks.jobs.jobs),
  );

describe("schedules", () => {
  it("an hourly tick in Asia/Shanghai and a five-minute SMS dispatch, each invoking the jobs function with its task", () => {
    const all = Object.values(jobs.findResources("AWS::Scheduler::Schedule")) as Json[];
    expect(all.map((s) => JSON.parse(s.Properties.Target.Input).task).sort()).toEqual(["dispatch", "retry", "tick"]);
    const byTask = Object.fromEntries(
      jobsSchedules().map((s) => [JSON.parse(s.Properties.Target.Input).task, s.Properties]),
    );
    expect(Object.keys(byTask).sort()).toEqual(["dispatch", "tick"]);
    expect(byTask.tick).toMatchObject({
      ScheduleExpression: "cron(5 * * * ? *)",
      ScheduleExpressionTimezone: "Asia/Shanghai",
      State: "ENABLED",
    });
    expect(byTask.dispatch).toMatchObject({ ScheduleExpression: "rate(5 minutes)" });
    for (const schedule of Object.values(byTask) as Json[])
      expect(schedule.Target.Arn).toEqual({ "Fn::GetAtt": [id(stacks.jobs.jobs), "Arn"] });
  });

  it("retries three times within an hour, then parks the event in the dead-letter queue", () => {
    for (const schedule of jobsSchedules()) {
      expect(schedule.Properties.Target.RetryPolicy).toEqual({
        MaximumEventAgeInSeconds: 3600,
        MaximumRetryAttempts: 3,
      });
      expect(schedule.Properties.Target.DeadLetterConfig).toEqual({
        Arn: { "Fn::GetAtt": [id(stacks.jobs.deadLetters), "Arn"] },
      });
    }
    jobs.hasResourceProperties("AWS::SQS::Queue", { MessageRetentionPeriod: 14 * 86400, SqsManagedSseEnabled: true });
  });

  it("runs the jobs handler on Node 22 arm64 for up to 15 minutes with the table's name", () => {
    jobs.hasResourceProperties("AWS::Lambda::Function", {
      Handler: "index.handler",
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      Timeout: 900,
      Environment: { Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), NODE_ENV: "production" }) },
    });
  });

  it("lets the jobs function publish SMS but not to topics", () => {
    const policies = Object.values(jobs.findResources("AWS::IAM::Policy")) as Json[];
    const statements = policies.flatMap((p) => p.Properties.Statement ?? p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual({ Action: "sns:Publish", Effect: "Allow", Resource: "*" });
    expect(statements).toContainEqual({
      Action: "sns:Publish",
      Effect: "Deny",
      Resource: { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":sns:*:*:*"]] },
    });
  });
});

describe("fan-out", () => {
  it("runs each due merchant's day in its own invocation: a MerchantDayDue rule on the bus, with retries and the DLQ", () => {
    jobs.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: { source: ["regulars.jobs"], "detail-type": ["MerchantDayDue"] },
      EventBusName: { Ref: id(stacks.jobs.bus) },
      Targets: [
        Match.objectLike({
          Arn: { "Fn::GetAtt": [id(stacks.jobs.jobs), "Arn"] },
          InputTransformer: {
            InputPathsMap: { "detail-merchantId": "$.detail.merchantId", "detail-date": "$.detail.date" },
            InputTemplate: '{"task":"merchant-day","merchantId":<detail-merchantId>,"date":<detail-date>}',
          },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: { "Fn::GetAtt": [id(stacks.jobs.deadLetters), "Arn"] } },
        }),
      ],
    });
    jobs.hasResourceProperties("AWS::Lambda::Function", {
      Timeout: 900,
      Environment: { Variables: Match.objectLike({ EVENT_BUS_NAME: { Ref: id(stacks.jobs.bus) } }) },
    });
  });
});

describe("domain events", () => {
  it("has a bus with a 90-day archive of Regulars events, and two rules on it: the jobs' hand-off and webhooks", () => {
    jobs.resourceCountIs("AWS::Events::EventBus", 1);
    jobs.hasResourceProperties("AWS::Events::Archive", { RetentionDays: 90, EventPattern: { source: ["regulars"] } });
    const patterns = (Object.values(jobs.findResources("AWS::Events::Rule")) as Json[]).map(
      (rule) => rule.Properties.EventPattern,
    );
    expect(patterns).toEqual([
      { source: ["regulars.jobs"], "detail-type": ["MerchantDayDue"] },
      { source: ["regulars"] },
    ]);
  });

  it("feeds the publisher only new outbox items from the table's stream, reporting failures and parking poison batches", () => {
    jobs.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      StartingPosition: "TRIM_HORIZON",
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FilterCriteria: {
        Filters: [
          { Pattern: JSON.stringify({ eventName: ["INSERT"], dynamodb: { NewImage: { entity: { S: ["event"] } } } }) },
        ],
      },
      DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [id(stacks.jobs.eventDeadLetters), "Arn"] } } },
    });
  });

  it("lets the publisher put events on its own bus only", () => {
    const policies = Object.values(jobs.findResources("AWS::IAM::Policy")) as Json[];
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual({
      Action: "events:PutEvents",
      Effect: "Allow",
      Resource: { "Fn::GetAtt": [id(stacks.jobs.bus), "Arn"] },
    });
  });
});
