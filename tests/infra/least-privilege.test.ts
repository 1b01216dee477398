/**
 * Least privilege, across every stack: each function's role allows exactly the
 * actions its code sends, on its own resources; no wildcard action anywhere, and
 * `Resource: "*"` only where AWS has no resource ARN to name.
 */
import { afterAll, describe, expect, it } from "vitest";
import { table } from "../../functions/data/table.js";
import { COGNITO_ADMIN_ACTIONS } from "../../infra/lib/constructs/graphql-api.js";
import { TABLE_ITEM_ACTIONS } from "../../infra/lib/constructs/lambda-function.js";
import type { RegularsStacks } from "../../infra/lib/regulars.js";
import { actionsOf, logicalId, policyStatements, resourcesOf, synthesizeApp, type Json } from "./synth.js";

const synthesized = synthesizeApp();
const { stacks, template } = synthesized;
afterAll(() => synthesized.dispose());

const STACKS = Object.keys(stacks) as (keyof RegularsStacks)[];
const allStatements: Json[] = STACKS.flatMap((name) =>
  policyStatements(template(name)).map((statement) => ({ stack: name, ...statement })),
);

/** The statements of the role `roleId` in `stack`. */
function statementsOfRole(stack: keyof RegularsStacks, roleId: string): Json[] {
  const policies = Object.values(template(stack).findResources("AWS::IAM::Policy")) as Json[];
  return policies
    .filter((policy) => policy.Properties.Roles.some((role: Json) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

/** `{ action: [resource…] }` of the Allow statements, for exact comparison. */
function grants(statements: Json[]): Record<string, unknown[]> {
  const byAction: Record<string, unknown[]> = {};
  for (const statement of statements.filter((s) => s.Effect === "Allow"))
    for (const action of actionsOf(statement)) (byAction[action] ??= []).push(...resourcesOf(statement));
  return byAction;
}

const getAtt = (id: string, attribute = "Arn") => ({ "Fn::GetAtt": [id, attribute] });
const tableArnImport = {
  "Fn::ImportValue": expect.stringMatching(/^RegularsData:ExportsOutputFnGetAttDataTable[0-9A-F]+Arn[0-9A-F]{8}$/),
};
const streamArnImport = {
  "Fn::ImportValue": expect.stringMatching(
    /^RegularsData:ExportsOutputFnGetAttDataTable[0-9A-F]+StreamArn[0-9A-F]{8}$/,
  ),
};
const tableAndIndexes = [
  tableArnImport,
  ...Object.values(table.indexes).map((index) => ({ "Fn::Join": ["", [tableArnImport, `/index/${index.name}`]] })),
];
const tableItemGrants = Object.fromEntries(TABLE_ITEM_ACTIONS.map((action) => [action, tableAndIndexes]));
const ownLogs = (stack: keyof RegularsStacks, fn: { logs: unknown }) => {
  const logGroupId = logicalId(fn.logs as never);
  expect(template(stack).findResources("AWS::Logs::LogGroup")[logGroupId]).toBeDefined();
  return { "logs:CreateLogStream": [getAtt(logGroupId)], "logs:PutLogEvents": [getAtt(logGroupId)] };
};

describe(`least privilege (${allStatements.length} policy statements in ${STACKS.length} stacks)`, () => {
  it("grants no wildcard action anywhere, and nothing on DynamoDB beyond named actions", () => {
    const wildcards = allStatements
      .filter((s) => s.Effect === "Allow")
      .flatMap((s) => actionsOf(s).filter((action) => action === "*" || /^[a-z0-9-]+:\*$/.test(action)));
    expect(wildcards).toEqual([]);
    const dynamo = allStatements.flatMap((s) => actionsOf(s)).filter((action) => action.startsWith("dynamodb:"));
    expect(dynamo.filter((action) => action.includes("*"))).toEqual([]);
    expect(dynamo).not.toContain("dynamodb:Scan");
    expect(
      dynamo.filter((action) => /(Create|Delete|Update)Table|DescribeTable|RestoreTable|ExportTable/.test(action)),
    ).toEqual([]);
  });

  it(
    "allows Resource '*' only for SMS publish, the SMS spend-limit setting and " +
      "CloudFront invalidation — AWS actions without resource ARNs",
    () => {
      const star = allStatements
        .filter((s) => s.Effect === "Allow" && resourcesOf(s).includes("*"))
        .map((s) => `${s.stack}: ${actionsOf(s).sort().join(",")}`);
      expect(star.sort()).toEqual([
        "console: cloudfront:CreateInvalidation,cloudfront:GetInvalidation",
        "jobs: sns:Publish",
        "jobs: sns:SetSMSAttributes",
      ]);
    },
  );

  it("gives no house function role an AWS managed policy (logs go to its own log group only)", () => {
    for (const [stack, fn] of [
      ["api", stacks.api.api.handler],
      ["jobs", stacks.jobs.jobs],
      ["jobs", stacks.jobs.publisher],
      ["jobs", stacks.jobs.webhooks.handler],
    ] as const) {
      const role = template(stack).findResources("AWS::IAM::Role")[logicalId(fn.role!)] as Json;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it("GraphQL function: the table's item actions on the table and its indexes, Cognito admin calls on its pool, its logs", () => {
    const handler = stacks.api.api.handler;
    const poolArn = {
      "Fn::ImportValue": expect.stringMatching(
        /^RegularsAuth:ExportsOutputFnGetAttStaffSignInUserPool[0-9A-F]+Arn[0-9A-F]{8}$/,
      ),
    };
    expect(grants(statementsOfRole("api", logicalId(handler.role!)))).toEqual({
      ...tableItemGrants,
      ...Object.fromEntries(COGNITO_ADMIN_ACTIONS.map((action) => [action, [poolArn]])),
      ...ownLogs("api", handler),
    });
  });

  it("jobs function: the table's item actions, PutEvents on its bus, SMS publish (topics denied), its DLQ, its logs", () => {
    const { jobs, bus, deadLetters } = stacks.jobs;
    const statements = statementsOfRole("jobs", logicalId(jobs.role!));
    expect(grants(statements)).toEqual({
      ...tableItemGrants,
      "events:PutEvents": [getAtt(logicalId(bus))],
      "sns:Publish": ["*"],
      "sqs:SendMessage": [getAtt(logicalId(deadLetters))],
      ...ownLogs("jobs", jobs),
    });
    expect(statements).toContainEqual({
      Action: "sns:Publish",
      Effect: "Deny",
      Resource: { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":sns:*:*:*"]] },
    });
  });

  it("event publisher: PutEvents on its bus, read of the table's stream, its DLQ, its logs — no table items", () => {
    const { publisher, bus, eventDeadLetters } = stacks.jobs;
    const queue = [getAtt(logicalId(eventDeadLetters))];
    expect(grants(statementsOfRole("jobs", logicalId(publisher.role!)))).toEqual({
      "events:PutEvents": [getAtt(logicalId(bus))],
      "dynamodb:ListStreams": [streamArnImport],
      "dynamodb:DescribeStream": [streamArnImport],
      "dynamodb:GetRecords": [streamArnImport],
      "dynamodb:GetShardIterator": [streamArnImport],
      "sqs:SendMessage": queue,
      "sqs:GetQueueAttributes": queue,
      "sqs:GetQueueUrl": queue,
      ...ownLogs("jobs", publisher),
    });
  });

  it("webhook delivery: the table's item actions (index queries among them), consuming its queue, its retry DLQ, its logs", () => {
    const { handler, queue, retryDeadLetters } = stacks.jobs.webhooks;
    const consume = [getAtt(logicalId(queue))];
    expect(grants(statementsOfRole("jobs", logicalId(handler.role!)))).toEqual({
      ...tableItemGrants,
      // The SQS event source mapping polls with the function's role.
      "sqs:ReceiveMessage": consume,
      "sqs:ChangeMessageVisibility": consume,
      "sqs:GetQueueUrl": consume,
      "sqs:DeleteMessage": consume,
      "sqs:GetQueueAttributes": consume,
      // A retry sweep that throws is parked (the function's async dead-letter queue).
      "sqs:SendMessage": [getAtt(logicalId(retryDeadLetters))],
      ...ownLogs("jobs", handler),
    });
  });

  it("the Scheduler's roles: each may invoke its one function and park failures in that function's DLQ, nothing else", () => {
    const schedulerRoles = Object.entries(template("jobs").findResources("AWS::IAM::Role"))
      .filter(([, role]) =>
        JSON.stringify((role as Json).Properties.AssumeRolePolicyDocument).includes("scheduler.amazonaws.com"),
      )
      .map(([id]) => id);
    const webhookRole = logicalId(stacks.jobs.webhooks.scheduleRole);
    expect(schedulerRoles).toHaveLength(2);
    expect(schedulerRoles).toContain(webhookRole);
    const invoke = (fn: Parameters<typeof logicalId>[0]) => {
      const arn = getAtt(logicalId(fn));
      return [arn, { "Fn::Join": ["", [arn, ":*"]] }];
    };
    const jobsRole = schedulerRoles.find((id) => id !== webhookRole)!;
    expect(grants(statementsOfRole("jobs", jobsRole))).toEqual({
      "lambda:InvokeFunction": invoke(stacks.jobs.jobs),
      "sqs:SendMessage": [getAtt(logicalId(stacks.jobs.deadLetters))],
    });
    expect(grants(statementsOfRole("jobs", webhookRole))).toEqual({
      "lambda:InvokeFunction": invoke(stacks.jobs.webhooks.handler),
      "sqs:SendMessage": [getAtt(logicalId(stacks.jobs.webhooks.retryDeadLetters))],
    });
  });

  it("the SMS spend-limit custom resource may set SMS attributes and nothing else", () => {
    const policy = stacks.jobs.sms.spendLimit.node.findChild("CustomResourcePolicy").node.defaultChild!;
    const statements = (template("jobs").findResources("AWS::IAM::Policy")[logicalId(policy)] as Json).Properties
      .PolicyDocument.Statement;
    expect(statements).toEqual([{ Action: "sns:SetSMSAttributes", Effect: "Allow", Resource: "*" }]);
  });
});
