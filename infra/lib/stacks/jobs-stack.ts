/**
 * RegularsJobs: the daily jobs and the SMS dispatcher (EventBridge Scheduler →
 * the jobs Lambda, with a retry policy and an SQS dead-letter queue), and the
 * domain-event publisher (the table's stream → a Lambda → an EventBridge bus
 * with an archive).
 *
 * The hourly tick runs each merchant's jobs once its local job hour has come,
 * so one schedule serves merchants in every time zone; the schedules
 * themselves are defined in Asia/Shanghai, the default merchants' zone.
 */
import { Duration, RemovalPolicy, Stack, TimeZone, type StackProps } from "aws-cdk-lib";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { Archive, EventBus, EventField, Match, Rule, RuleTargetInput } from "aws-cdk-lib/aws-events";
import { LambdaFunction as LambdaTarget } from "aws-cdk-lib/aws-events-targets";
import { Effect, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import { Schedule, ScheduleExpression, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { LambdaFunction } from "../constructs/lambda-function.js";
import { fromRoot } from "../paths.js";

export interface JobsStackProps extends StackProps {
  table: ITableV2;
}

export class JobsStack extends Stack {
  readonly jobs: LambdaFunction;
  readonly publisher: LambdaFunction;
  readonly bus: EventBus;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    const { table, ...stackProps } = props;
    super(scope, id, { description: "Regulars daily jobs, SMS dispatch and domain events", ...stackProps });

    this.deadLetters = new Queue(this, "DeadLetters", { retentionPeriod: Duration.days(14), encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });

    this.bus = new EventBus(this, "Events", { description: "Regulars domain events (MemberJoined, PurchaseRecorded, …)" });

    this.jobs = new LambdaFunction(this, "Jobs", {
      entry: fromRoot("functions/jobs.ts"),
      handler: "handler",
      timeout: Duration.minutes(15),
      environment: { TABLE_NAME: table.tableName, EVENT_BUS_NAME: this.bus.eventBusName },
      description: "Daily jobs (tick, one merchant's day) and the SMS dispatcher",
    });
    table.grantReadWriteData(this.jobs);
    // Fan-out: the tick puts one MerchantDayDue event per due merchant; this rule runs each in its own invocation.
    this.bus.grantPutEventsTo(this.jobs);
    new Rule(this, "MerchantDayDue", {
      eventBus: this.bus,
      description: "Run one merchant's daily jobs in its own invocation",
      eventPattern: { source: ["regulars.jobs"], detailType: ["MerchantDayDue"] },
      targets: [
        new LambdaTarget(this.jobs, {
          event: RuleTargetInput.fromObject({ task: "merchant-day", merchantId: EventField.fromPath("$.detail.merchantId"), date: EventField.fromPath("$.detail.date") }),
          retryAttempts: 2,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: this.deadLetters,
        }),
      ],
    });
    // SMS to a phone number has no resource ARN; deny publishing to topics so only SMS is possible.
    this.jobs.addToRolePolicy(new PolicyStatement({ actions: ["sns:Publish"], resources: ["*"] }));
    this.jobs.addToRolePolicy(new PolicyStatement({ effect: Effect.DENY, actions: ["sns:Publish"], resources: [`arn:${this.partition}:sns:*:*:*`] }));

    const target = (task: string) =>
      new LambdaInvoke(this.jobs, { input: ScheduleTargetInput.fromObject({ task }), retryAttempts: 3, maxEventAge: Duration.hours(1), deadLetterQueue: this.deadLetters });
    new Schedule(this, "HourlyTick", {
      description: "Run each merchant's daily jobs once its local job hour has come",
      schedule: ScheduleExpression.cron({ minute: "5", timeZone: TimeZone.ASIA_SHANGHAI }),
      target: target("tick"),
    });
    new Schedule(this, "SmsDispatch", {
      description: "Send due SMS from the outbox",
      schedule: ScheduleExpression.rate(Duration.minutes(5)),
      target: target("dispatch"),
    });

    new Archive(this, "EventsArchive", { sourceEventBus: this.bus, eventPattern: { source: Match.exactString("regulars") }, retention: Duration.days(90) });

    this.publisher = new LambdaFunction(this, "EventPublisher", {
      entry: fromRoot("functions/events.ts"),
      handler: "handler",
      timeout: Duration.seconds(30),
      memorySize: 256,
      environment: { EVENT_BUS_NAME: this.bus.eventBusName },
      description: "Outbox items from the table's stream to the event bus",
    });
    this.bus.grantPutEventsTo(this.publisher);
    if (!table.tableStreamArn) throw new Error("The table must have a stream for the event outbox");
    this.publisher.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        bisectBatchOnError: true,
        onFailure: new SqsDlq(this.deadLetters),
        filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual("INSERT"), dynamodb: { NewImage: { entity: { S: FilterRule.isEqual("event") } } } })],
      }),
    );
    this.deadLetters.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}
